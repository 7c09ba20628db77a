"""`search { searchEngines, updateSearchEngines, rebuildIndex }`."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import success
from wikijs_typed.testing._graphql.resolvers.modules import enabled_and_config, listing, update_rows
from wikijs_typed.testing._wiki.catalogue import search_engines

query = ObjectType("SearchQuery")
mutation = ObjectType("SearchMutation")
bindables = [query, mutation]


query.set_field("searchEngines", listing("search", search_engines))


@mutation.field("updateSearchEngines")
def resolve_update_search_engines(
    _obj: Any, info: GraphQLResolveInfo, engines: Any = None
) -> dict[str, Any]:
    # Wiki.js then activates the last enabled engine of the list; the emulator's page search
    # is always the basic database one, whichever engine the rows name.
    return update_rows(
        info,
        "search",
        engines,
        "engines",
        "Search Engines updated successfully",
        enabled_and_config,
    )


@mutation.field("rebuildIndex")
def resolve_rebuild_index(_obj: Any, _info: GraphQLResolveInfo) -> dict[str, Any]:
    # The database engine searches the pages table itself: there is no index to rebuild.
    return {"responseResult": success("Index rebuilt successfully")}
