"""`logging { loggers, updateLoggers }`."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.resolvers.modules import Item, listing, settings, update_rows
from wikijs_typed.testing._wiki import catalogue

query = ObjectType("LoggingQuery")
mutation = ObjectType("LoggingMutation")
bindables = [query, mutation]


query.set_field("loggers", listing("logging", catalogue.loggers))


def _logger_columns(item: Item) -> Item:
    # Unlike every other module kind, a logger's settings are stored as the raw strings
    # sent (no {"v": ...} envelope), and the level is not checked.
    return {
        "is_enabled": item["isEnabled"],
        "level": item["level"],
        "config": settings(item.get("config"), read=str),
    }


@mutation.field("updateLoggers")
def resolve_update_loggers(
    _obj: Any, info: GraphQLResolveInfo, loggers: Any = None
) -> dict[str, Any]:
    return update_rows(
        info, "logging", loggers, "loggers", "Loggers updated successfully", _logger_columns
    )
