"""`comments { ... }` resolvers."""

from __future__ import annotations

from ariadne.types import SchemaBindable

bindables: list[SchemaBindable] = []
