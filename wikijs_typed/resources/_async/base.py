"""What every resource holds: the generated client, and the engine for batches and REST."""

from __future__ import annotations

from wikijs_graphql import AsyncGraphQLClient

from wikijs_typed.engine import AsyncEngine

__all__ = ["AsyncResource"]


class AsyncResource:
    def __init__(self, gql: AsyncGraphQLClient, engine: AsyncEngine) -> None:
        # Single calls go through the generated methods; `engine.execute_many` sends batches
        # of requests they prepared, and `engine.send` the REST calls (asset files).
        self._gql = gql
        self._engine = engine
