# Made from ../_async/analytics.py by `python -m tools.sync_twins`: do not edit.
"""`client.analytics`: the analytics services whose tracking code Wiki.js adds to its pages.

`analytics.updateProviders` replaces each listed provider's state and settings (and ignores an
unknown key): `update` reads the provider first (fresh) and sends it with the changes merged.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import (
    AnalyticsProvider,
    check_changes,
    module_fields,
    module_input,
    module_named,
)

if TYPE_CHECKING:
    from wikijs_graphql.list_analytics_providers import ListAnalyticsProviders

__all__ = ["AnalyticsResource"]


class AnalyticsResource(Resource):
    """The analytics providers (Google Analytics, Matomo, ...) and their settings.

    Reached as `client.analytics`: `providers()`, `get(key)` and `update(key, ...)`; they need
    the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def providers(self) -> builtins.list[AnalyticsProvider]:
        """Every analytics provider Wiki.js ships, with its state and settings.

        Returns:
            The providers, by key.
        """
        return self._providers(fresh=False)

    def get(self, key: str) -> AnalyticsProvider:
        """One analytics provider.

        Args:
            key: The provider's key (`google`, `matomo`, ...).

        Returns:
            The provider, with its state and settings.

        Raises:
            ValidationError: `key` is empty.
            NotFoundError: Wiki.js has no provider with this key.
        """
        rules.check_non_empty(key, "key")
        return module_named(self.providers(), key, "analytics provider")

    def update(
        self, key: str, *, enabled: bool | None = None, config: Mapping[str, Any] | None = None
    ) -> AnalyticsProvider:
        """Switch a provider on or off and change its settings.

        The provider is read first (fresh) and sent with the changes merged.

        Args:
            key: The provider's key (`google`, `matomo`, ...).
            enabled: Whether the provider is on; None keeps it.
            config: Settings to change, by name (a tracking id, a server URL), merged into the
                current ones.

        Returns:
            The provider as stored.

        Raises:
            ValidationError: `key` is empty, `enabled` not a bool, or `config` not a mapping of
                names (nothing is sent).
            NotFoundError: Wiki.js has no provider with this key.
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.input_types import AnalyticsProviderInput

        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        current = module_named(self._providers(fresh=True), key, "analytics provider")
        self._gql.update_analytics_providers(
            providers=[AnalyticsProviderInput(**module_input(current, enabled, config))]
        )
        return module_named(self.providers(), key, "analytics provider")

    def _providers(self, *, fresh: bool) -> builtins.list[AnalyticsProvider]:
        result = self._gql.list_analytics_providers(cache="network-only" if fresh else None)
        return analytics_providers_of(result)


def analytics_providers_of(result: ListAnalyticsProviders) -> builtins.list[AnalyticsProvider]:
    """The providers of a `ListAnalyticsProviders` answer.

    Args:
        result: The generated result.

    Returns:
        The providers.
    """
    listed = present(present(result.analytics, "analytics").providers, "a provider list")
    return [AnalyticsProvider.model_validate(module_fields(p)) for p in listed if p is not None]
