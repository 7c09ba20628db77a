"""`rendering { renderers, updateRenderers }`."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.resolvers.modules import enabled_and_config, listing, update_rows
from wikijs_typed.testing._wiki import catalogue

query = ObjectType("RenderingQuery")
mutation = ObjectType("RenderingMutation")
bindables = [query, mutation]


query.set_field("renderers", listing("rendering", catalogue.renderers))


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
