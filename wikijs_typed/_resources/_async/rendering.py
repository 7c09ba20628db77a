"""`client.rendering`: the renderers that turn page content into HTML, and their settings.

`rendering.updateRenderers` replaces each listed renderer's state and settings (and ignores
an unknown key): `update` reads the renderer first (fresh) and sends it with the changes
merged. Pages are rendered again when they are next saved or re-rendered (`pages.render`).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import Renderer, check_changes, module_fields

__all__ = ["AsyncRenderingResource"]


class AsyncRenderingResource(AsyncResource):
    """Renderers: `renderers()`, `get(key)`, `update(key, enabled=..., config=...)`."""

    async def renderers(self) -> builtins.list[Renderer]:
        return await self._renderers(fresh=False)

    async def get(self, key: str) -> Renderer:
        """One renderer; NotFoundError when Wiki.js has none with this key."""
        rules.check_non_empty(key, "key")
        return _pick(await self.renderers(), key)

    async def update(
        self, key: str, *, enabled: bool | None = None, config: Mapping[str, Any] | None = None
    ) -> Renderer:
        """Switch a renderer on or off and change its settings (merged into the current ones)."""
        from wikijs_graphql.input_types import RendererInput

        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        current = _pick(await self._renderers(fresh=True), key)
        renderer = RendererInput(
            is_enabled=current.is_enabled if enabled is None else enabled,
            key=key,
            config=current.config_input(config),
        )
        await self._gql.update_renderers(renderers=[renderer])
        return _pick(await self.renderers(), key)

    async def _renderers(self, *, fresh: bool) -> builtins.list[Renderer]:
        result = await self._gql.list_renderers(cache="network-only" if fresh else None)
        renderers = present(present(result.rendering, "rendering").renderers, "a renderer list")
        return [Renderer.model_validate(module_fields(r)) for r in renderers if r is not None]


def _pick(renderers: builtins.list[Renderer], key: str) -> Renderer:
    return found(next((r for r in renderers if r.key == key), None), f"renderer {key!r}")
