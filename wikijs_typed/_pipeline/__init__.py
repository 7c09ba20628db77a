"""The request pipeline: how a generated method's call becomes an HTTP exchange with Wiki.js.

`operation` describes what travels, `seam` is the base of the generated clients, `engine` runs
requests (with `batching`, `retry`, `turns`), `transport` speaks GraphQL over HTTP without doing
I/O, and `errors` turns Wiki.js's failure reports into the typed exceptions. See
docs/architecture.md.
"""
