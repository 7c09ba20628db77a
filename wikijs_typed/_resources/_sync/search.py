# Made from ../_async/search.py by `python -m tools.sync_twins`: do not edit.
"""`client.search`: the search engines, and rebuilding the index.

Wiki.js uses one engine at a time: `search.updateSearchEngines` stores each listed engine's
state and settings, then runs the first enabled engine it finds (and falls back to the basic
database engine when that one fails to start). `use` therefore sends every engine with only
the chosen one enabled, its settings merged, the others' settings as they are.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import SearchEngine, check_changes, module_fields, module_named

if TYPE_CHECKING:
    from wikijs_graphql.input_types import SearchEngineInput
    from wikijs_graphql.list_search_engines import ListSearchEngines

__all__ = ["SearchResource"]


class SearchResource(Resource):
    """The search engines, and rebuilding the search index.

    Reached as `client.search`: `engines()`, `active()`, `use(...)` and `rebuild_index()`;
    they need the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def engines(self) -> builtins.list[SearchEngine]:
        """Every search engine Wiki.js ships, with its state and settings.

        Returns:
            The engines, the one in use marked `is_enabled`.
        """
        return self._engines(fresh=False)

    def active(self) -> SearchEngine | None:
        """The engine in use.

        Returns:
            The enabled engine, or None when none is enabled.
        """
        return next((engine for engine in self.engines() if engine.is_enabled), None)

    def use(self, key: str, config: Mapping[str, Any] | None = None) -> SearchEngine:
        """Switch to one engine, with settings merged into its current ones.

        Every engine is sent, only the chosen one enabled, the others' settings as they are.
        Wiki.js falls back to its basic database engine when the chosen one fails to start. Run
        `rebuild_index()` afterwards when the engine keeps an index of its own.

        Args:
            key: The engine's key (`db`, `postgres`, `elasticsearch`, ...).
            config: Settings to change, by name; None keeps them all.

        Returns:
            The engine as stored.

        Raises:
            ValidationError: `key` is empty, or `config` is not a mapping of names to values
                (nothing is sent).
            NotFoundError: Wiki.js has no engine with this key.
            OperationFailedError: Wiki.js refused the change.
        """
        rules.check_non_empty(key, "key")
        check_changes(None, config)
        engines = self._engines(fresh=True)
        module_named(engines, key, "search engine")  # Wiki.js would ignore an unknown key
        sent = [_engine_input(e, e.key == key, config if e.key == key else None) for e in engines]
        self._gql.update_search_engines(engines=list(sent))
        return module_named(self.engines(), key, "search engine")

    def rebuild_index(self) -> None:
        """Index every page again (after a bulk import, or a change of engine).

        Raises:
            OperationFailedError: Wiki.js could not rebuild the index.
        """
        self._gql.rebuild_search_index()

    def _engines(self, *, fresh: bool) -> builtins.list[SearchEngine]:
        result = self._gql.list_search_engines(cache="network-only" if fresh else None)
        return engines_of(result)


def engines_of(result: ListSearchEngines) -> builtins.list[SearchEngine]:
    """The engines of a `ListSearchEngines` answer.

    Args:
        result: The generated result.

    Returns:
        The engines.
    """
    engines = present(present(result.search, "search").search_engines, "an engine list")
    return [SearchEngine.model_validate(module_fields(e)) for e in engines if e is not None]


def _engine_input(
    engine: SearchEngine, enabled: bool, config: Mapping[str, Any] | None
) -> SearchEngineInput:
    from wikijs_graphql.input_types import SearchEngineInput

    return SearchEngineInput(is_enabled=enabled, key=engine.key, config=engine.config_input(config))
