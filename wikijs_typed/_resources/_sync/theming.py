# Made from ../_async/theming.py by `python -m tools.sync_twins`: do not edit.
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
    """The site's look: theme, icons, dark mode, table of contents, injected code.

    Reached as `client.theming`: `config()`, `update(...)` and `themes()`; changes need the
    `manage:theme` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def config(self) -> ThemingConfig:
        """The theming settings.

        Returns:
            The theme, icon set, dark mode, table of contents settings and injected code.
        """
        return self._read(fresh=False)

    def themes(self) -> builtins.list[Theme]:
        """The themes Wiki.js offers.

        Returns:
            Each theme's key, title and author.
        """
        result = self._gql.list_themes()
        themes = present(present(result.theming, "theming").themes, "a theme list")
        return [Theme.model_validate(theme.model_dump()) for theme in themes if theme]

    def update(self, changes: ThemingConfigUpdate | Mapping[str, object]) -> ThemingConfig:
        """Change the given settings and keep the others.

        Wiki.js stores any setting it is not sent as empty, so the current config is read fresh
        and sent back whole with the changes; nothing is sent when none differs.

        Args:
            changes: A ThemingConfigUpdate, or a dict of the settings to change by their
                Python names.

        Returns:
            The config as stored after the update (unchanged when nothing differs).

        Raises:
            ValidationError: `changes` names an unknown setting or a value of the wrong type
                (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
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
