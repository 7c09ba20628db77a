"""GraphQL resolvers, one module per Wiki.js namespace."""

from __future__ import annotations

from ariadne.types import SchemaBindable


def bindables() -> list[SchemaBindable]:
    from wikijs_typed.testing._graphql.resolvers import (
        analytics,
        assets,
        authentication,
        comments,
        groups,
        loggers,
        pages,
        rendering,
        search,
        site,
        storage,
        system,
        theming,
        users,
    )

    modules = (pages, users, groups, assets, authentication, comments, site, system, theming)
    settings = (rendering, loggers, search, analytics, storage)
    found: list[SchemaBindable] = []
    for module in (*modules, *settings):
        found.extend(module.bindables)
    return found
