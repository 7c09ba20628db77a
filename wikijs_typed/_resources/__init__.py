"""The resources behind `client.pages`, `client.users`, ...

They are written once as async code in `_async/`, with their sync twins derived into `_sync/`
(`python -m tools.sync_twins`), over the decisions in `sansio/` that need no I/O.
"""
