"""GraphQL resolvers, one module per Wiki.js namespace."""

from __future__ import annotations

from ariadne.types import SchemaBindable


def bindables() -> list[SchemaBindable]:
    from wikijs_typed.testing.resolvers import (
        assets,
        authentication,
        catalogue,
        comments,
        groups,
        pages,
        site,
        users,
    )

    found: list[SchemaBindable] = []
    for module in (pages, users, groups, assets, authentication, comments, site, catalogue):
        found.extend(module.bindables)
    return found
