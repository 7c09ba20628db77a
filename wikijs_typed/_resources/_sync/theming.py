# Made from ../_async/theming.py by `python -m tools.twin`: do not edit.
"""`client.theming`: theme, icon set, dark mode, table of contents and injected code.

`theming.setConfig` replaces the whole config (an optional argument left out is stored
empty): `update` sends the current config, read fresh, with the changes applied.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.models._theming import Theme, ThemingConfig, ThemingConfigUpdate

__all__ = ["ThemingResource"]


class ThemingResource(Resource):
    """The site's look: `config()`, `update(...)`, `themes()`."""

    def config(self) -> ThemingConfig:
        return self._read(fresh=False)

    def themes(self) -> builtins.list[Theme]:
        result = self._gql.list_themes()
        themes = present(present(result.theming, "theming").themes, "a theme list")
        return [Theme.model_validate(theme.model_dump()) for theme in themes if theme]

    def update(self, changes: ThemingConfigUpdate | Mapping[str, object]) -> ThemingConfig:
        """Change the given settings, keep the others; returns the config as stored."""
        update = ThemingConfigUpdate.coerce(changes)
        current = self._read(fresh=True)
        if not update.changes_from(current):
            return current
        self._gql.set_theming_config(**update.merged(current))
        return self._read(fresh=False)

    def _read(self, *, fresh: bool) -> ThemingConfig:
        result = self._gql.get_theming_config(cache="network-only" if fresh else None)
        config = present(present(result.theming, "theming").config, "a theming config")
        return ThemingConfig.model_validate(config.model_dump())
