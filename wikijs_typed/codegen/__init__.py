"""Schema tooling and code generation (needs the `codegen` extra)."""
