# Made from ../_async/site.py by `python -m tools.sync_twins`: do not edit.
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
    """The site's settings: title, host, security, uploads, ...

    Reached as `client.site`; reading and changing them needs the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def config(self) -> SiteConfig:
        """The site's settings.

        Returns:
            Every setting Wiki.js answers (title, host, features, security, uploads, ...).
        """
        return self._read(fresh=False)

    def update(self, changes: SiteConfigUpdate | Mapping[str, object]) -> SiteConfig:
        """Change the given settings and keep the others.

        Only the settings that differ from the current config (read fresh) are sent, and nothing
        when none does: `client.site.update({"title": "Handbook", "feature_page_comments": False})`.

        Args:
            changes: A SiteConfigUpdate, or a dict of the settings to change by their Python
                names.

        Returns:
            The config as stored after the update.

        Raises:
            ValidationError: `changes` names an unknown setting or a value of the wrong type
                (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
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
