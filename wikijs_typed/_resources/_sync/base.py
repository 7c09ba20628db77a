# Made from ../_async/base.py by `python -m tools.sync_twins`: do not edit.
"""What every resource holds: the generated client, and the engine for batches and REST."""

from __future__ import annotations

from wikijs_graphql import GraphQLClient

from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed.utils import shown_url

__all__ = ["Resource"]


class Resource:
    def __init__(self, gql: GraphQLClient, engine: SyncEngine) -> None:
        # Single calls go through the generated methods; `engine.execute_many` sends batches
        # of requests made by the generated builders (`wikijs_graphql.requests`), and
        # `engine.send` the REST calls (asset files).
        self._gql = gql
        self._engine = engine

    def __repr__(self) -> str:
        # The wiki it talks to; never the credentials (the client's repr shows their kind).
        base_url = str(self._engine.base_url).rstrip("/")
        return f"{type(self).__name__}(base_url={shown_url(base_url)!r})"
