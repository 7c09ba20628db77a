"""Between a wiki and a folder of page files: `export` (export.py) and `import` (plan.py
decides, apply.py writes), over the pages and assets resources.

paths.py maps pages to files and keeps every file inside the folder; pagefile.py reads and
writes Wiki.js's front matter layout; state.py is the record that makes runs incremental and
resumable; report.py is what a run tells its caller, item by item. Needs the `cli` extra.
"""
