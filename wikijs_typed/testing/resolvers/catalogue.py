"""The admin catalogue namespaces: rendering, logging, search, analytics and storage.

All five list the modules a fresh Wiki.js ships, with their default settings
(`wikijs_typed.testing.catalogue`). The settings cannot be changed in the emulator: their
update mutations answer that they are not emulated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing.catalogue import (
    analytics_providers,
    enabled,
    loggers,
    order_by,
    renderers,
    search_engines,
    storage_targets,
)

rendering_query = ObjectType("RenderingQuery")
logging_query = ObjectType("LoggingQuery")
search_query = ObjectType("SearchQuery")
analytics_query = ObjectType("AnalyticsQuery")
storage_query = ObjectType("StorageQuery")
bindables = [rendering_query, logging_query, search_query, analytics_query, storage_query]

Info = GraphQLResolveInfo


def _listing(modules: Callable[[], list[dict[str, Any]]]) -> Callable[..., list[dict[str, Any]]]:
    # `filter` is accepted and ignored: Wiki.js has that line commented out.
    def resolve(
        _obj: Any, _info: Info, orderBy: str | None = None, **_filter: Any
    ) -> list[dict[str, Any]]:
        return order_by(modules(), orderBy)

    return resolve


rendering_query.set_field("renderers", _listing(renderers))
logging_query.set_field("loggers", _listing(loggers))
search_query.set_field("searchEngines", _listing(search_engines))


@analytics_query.field("providers")
def resolve_analytics(_obj: Any, _info: Info, isEnabled: bool | None = None) -> list[Any]:
    # Each provider's `props` is the definition's object, which GraphQL cannot serve as the
    # list the schema declares: Wiki.js answers an error per provider, as this does.
    return analytics_providers(isEnabled)


@storage_query.field("targets")
def resolve_storage_targets(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return storage_targets()


@storage_query.field("status")
def resolve_storage_status(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return [
        {
            "key": target["key"],
            "title": target["title"],
            "status": "pending",
            "message": "Initializing...",
            "lastAttempt": None,
        }
        for target in enabled(storage_targets())
    ]
