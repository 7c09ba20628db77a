"""`analytics { providers, updateProviders }`."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.resolvers.modules import (
    Item,
    enabled_and_config,
    table,
    update_rows,
)
from wikijs_typed.testing._wiki.catalogue import analytics_providers

query = ObjectType("AnalyticsQuery")
mutation = ObjectType("AnalyticsMutation")
bindables = [query, mutation]


@query.field("providers")
def resolve_providers(
    _obj: Any, info: GraphQLResolveInfo, isEnabled: bool | None = None
) -> list[Any]:
    # Each provider's `props` is the definition's object, which GraphQL cannot serve as the
    # list the schema declares: Wiki.js answers an error per provider, as this does.
    return analytics_providers(table(info, "analytics"), isEnabled)


@mutation.field("updateProviders")
def resolve_update_providers(
    _obj: Any, info: GraphQLResolveInfo, providers: list[Item | None]
) -> dict[str, Any]:
    return update_rows(
        info,
        "analytics",
        providers,
        "providers",
        "Providers updated successfully",
        enabled_and_config,
    )
