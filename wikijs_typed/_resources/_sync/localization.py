# Made from ../_async/localization.py by `python -m tools.sync_twins`: do not edit.
"""`client.localization`: the installed locales and the site's language settings.

`localization.updateLocale` needs every setting, and for a locale that is not installed it
fails after changing the running config (a TypeError): `update`
sends the current config with the changes applied, and refuses a locale that is not installed
before sending anything.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models._localization import Locale, LocalizationConfig, LocalizationConfigUpdate

__all__ = ["LocalizationResource"]


class LocalizationResource(Resource):
    """The installed locales and the site's language settings.

    Reached as `client.localization`: `locales()`, `config()` and `update(...)`; changes
    need the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def locales(self) -> builtins.list[Locale]:
        """The locales Wiki.js knows of, installed or not (open to guests).

        Returns:
            Each locale's code, names, direction and whether it is installed.
        """
        result = self._gql.list_locales()
        locales = present(present(result.localization, "localization").locales, "a locale list")
        return [Locale.model_validate(locale.model_dump()) for locale in locales if locale]

    def config(self) -> LocalizationConfig:
        """The site's language settings.

        Returns:
            The site's language (`locale`), whether pages live per locale (`namespacing`) in
            the `namespaces` listed, and whether locales update themselves (`auto_update`).
        """
        return self._read(fresh=False)

    def update(
        self, changes: LocalizationConfigUpdate | Mapping[str, object]
    ) -> LocalizationConfig:
        """Change the given settings and keep the others.

        Wiki.js needs every setting, so the current config is read fresh and sent back with the
        changes; nothing is sent when none differs.

        Args:
            changes: A LocalizationConfigUpdate, or a dict of the settings to change by their
                Python names; `locale` must be an installed locale.

        Returns:
            The config as stored after the update.

        Raises:
            ValidationError: `changes` names an unknown setting, a value of the wrong type, or a
                locale that is not installed (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
        update = LocalizationConfigUpdate.coerce(changes)
        current = self._read(fresh=True)
        if not update.changes_from(current):
            return current
        if update.locale is not None:
            installed = {locale.code for locale in self.locales() if locale.is_installed}
            if update.locale not in installed:
                raise ValidationError(
                    f"locale {update.locale!r} is not installed (installed: "
                    f"{', '.join(sorted(installed))})",
                    field="locale",
                )
        self._gql.update_locale(**update.merged(current))
        return self._read(fresh=False)

    def _read(self, *, fresh: bool) -> LocalizationConfig:
        result = self._gql.get_localization_config(cache="network-only" if fresh else None)
        config = present(present(result.localization, "localization").config, "a config")
        return LocalizationConfig.model_validate(
            {**config.model_dump(), "namespaces": [n for n in config.namespaces if n is not None]}
        )
