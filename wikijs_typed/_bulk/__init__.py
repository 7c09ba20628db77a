"""Between a wiki and a folder of page files, both ways, over the pages and assets resources.

`export` is export.py; `import` is decided by plan.py and written by apply.py. paths.py maps
pages to files and keeps every file inside the folder; pagefile.py reads and writes Wiki.js's
front matter layout; state.py is the record that makes runs incremental and resumable;
report.py is what a run tells its caller, item by item. Needs the `cli` extra.
"""
