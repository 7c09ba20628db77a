"""`rendering { renderers, updateRenderers }`."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing.catalogue import order_by, renderers
from wikijs_typed.testing.resolvers.modules import enabled_and_config, table, update_rows

query = ObjectType("RenderingQuery")
mutation = ObjectType("RenderingMutation")
bindables = [query, mutation]


@query.field("renderers")
def resolve_renderers(
    _obj: Any, info: GraphQLResolveInfo, orderBy: str | None = None, **_filter: Any
) -> list[dict[str, Any]]:
    # `filter` is accepted and ignored: Wiki.js has that line commented out.
    return order_by(renderers(table(info, "rendering")), orderBy)


@mutation.field("updateRenderers")
def resolve_update_renderers(
    _obj: Any, info: GraphQLResolveInfo, renderers: Any = None
) -> dict[str, Any]:
    return update_rows(
        info,
        "rendering",
        renderers,
        "renderers",
        "Renderers updated successfully",
        enabled_and_config,
    )
