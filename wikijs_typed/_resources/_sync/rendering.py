# Made from ../_async/rendering.py by `python -m tools.sync_twins`: do not edit.
"""`client.rendering`: the renderers that turn page content into HTML, and their settings.

`rendering.updateRenderers` replaces each listed renderer's state and settings (and ignores
an unknown key): `update` reads the renderer first (fresh) and sends it with the changes
merged. Pages are rendered again when they are next saved or re-rendered (`pages.render`).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import (
    Renderer,
    check_changes,
    module_fields,
    module_input,
    module_named,
)

if TYPE_CHECKING:
    from wikijs_graphql.list_renderers import ListRenderers

__all__ = ["RenderingResource"]


class RenderingResource(Resource):
    """The renderers that turn page content into HTML, and their settings.

    Reached as `client.rendering`: `renderers()`, `get(key)` and `update(key, ...)`; they
    need the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def renderers(self) -> builtins.list[Renderer]:
        """Every renderer Wiki.js ships, with its state and settings.

        Returns:
            The renderers.
        """
        return self._renderers(fresh=False)

    def get(self, key: str) -> Renderer:
        """One renderer.

        Args:
            key: The renderer's key (`markdownCore`, `htmlCore`, ...).

        Returns:
            The renderer, with its state and settings.

        Raises:
            ValidationError: `key` is empty.
            NotFoundError: Wiki.js has no renderer with this key.
        """
        rules.check_non_empty(key, "key")
        return module_named(self.renderers(), key, "renderer")

    def update(
        self, key: str, *, enabled: bool | None = None, config: Mapping[str, Any] | None = None
    ) -> Renderer:
        """Switch a renderer on or off and change its settings.

        The renderer is read first (fresh) and sent with the changes merged. Pages are rendered
        again when they are next saved or re-rendered.

        Args:
            key: The renderer's key (`markdownCore`, `htmlCore`, ...).
            enabled: Whether the renderer is on; None keeps it.
            config: Settings to change, by name, merged into the current ones.

        Returns:
            The renderer as stored.

        Raises:
            ValidationError: `key` is empty, `enabled` not a bool, or `config` not a mapping of
                names (nothing is sent).
            NotFoundError: Wiki.js has no renderer with this key.
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.input_types import RendererInput

        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        current = module_named(self._renderers(fresh=True), key, "renderer")
        self._gql.update_renderers(
            renderers=[RendererInput(**module_input(current, enabled, config))]
        )
        return module_named(self.renderers(), key, "renderer")

    def _renderers(self, *, fresh: bool) -> builtins.list[Renderer]:
        result = self._gql.list_renderers(cache="network-only" if fresh else None)
        return renderers_of(result)


def renderers_of(result: ListRenderers) -> builtins.list[Renderer]:
    """The renderers of a `ListRenderers` answer.

    Args:
        result: The generated result.

    Returns:
        The renderers.
    """
    renderers = present(present(result.rendering, "rendering").renderers, "a renderer list")
    return [Renderer.model_validate(module_fields(r)) for r in renderers if r is not None]
