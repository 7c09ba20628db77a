"""An in-memory Wiki.js 2.5 for tests and the demo (needs the `testing` extra)."""
