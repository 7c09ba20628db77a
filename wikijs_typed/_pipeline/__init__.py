"""The request pipeline: how a generated method's call becomes an HTTP exchange with Wiki.js.

`operation` describes what travels; `base_client` is the base of the generated clients; the
engine runs requests (with `batching`, `retry`, `write_turns`), written once as async code in
`_async/engine.py` with its sync twin derived into `_sync/` (`python -m tools.sync_twins`) and
what both share in `engine`; `transport` speaks GraphQL over HTTP without doing I/O; and
`errors` turns Wiki.js's failure reports into the typed exceptions. See docs/architecture.md.
"""
