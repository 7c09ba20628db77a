# Made from ../_async/site.py by `python -m tools.twin`: do not edit.
"""`client.site`: the site's settings (title, host, security, uploads, ...).

`site.updateConfig` changes only the settings it is sent; `update` sends the ones the caller
asked for that differ from the current config (read fresh), and nothing when none does.
"""

from __future__ import annotations

from collections.abc import Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.models._site import SiteConfig, SiteConfigUpdate

__all__ = ["SiteResource"]


class SiteResource(Resource):
    """Site settings (administrators): `config()` and `update(...)`."""

    def config(self) -> SiteConfig:
        return self._read(fresh=False)

    def update(self, changes: SiteConfigUpdate | Mapping[str, object]) -> SiteConfig:
        """Change the given settings, keep the others; returns the config as stored.

        `client.site.update({"title": "Handbook", "feature_page_comments": False})`.
        """
        update = SiteConfigUpdate.coerce(changes)
        current = self._read(fresh=True)
        sent = update.changes_from(current)
        if not sent:
            return current
        self._gql.update_site_config(**sent)
        return self._read(fresh=False)

    def _read(self, *, fresh: bool) -> SiteConfig:
        result = self._gql.get_site_config(cache="network-only" if fresh else None)
        return SiteConfig.from_fields(present(present(result.site, "site").config, "a config"))
