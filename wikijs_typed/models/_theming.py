"""The site's look: `ThemingConfig`, and `ThemingConfigUpdate` for changes."""

from __future__ import annotations

from typing import Literal

from wikijs_typed.models._base import WikiModel
from wikijs_typed.models._config import ConfigUpdate

__all__ = ["Theme", "ThemingConfig", "ThemingConfigUpdate"]


class Theme(WikiModel):
    """A theme Wiki.js can show the site in; `key` is what `ThemingConfig.theme` names."""

    key: str | None = None
    title: str | None = None
    author: str | None = None


class ThemingConfig(WikiModel):
    """The site's look.

    Attributes:
        theme: The key of the theme in use: "default".
        iconset: The icon set: "mdi", "fa" or "fa4".
        toc_position: Where the table of contents sits: "left", "right" or "off".
        inject_css: CSS added to every page.
        inject_head: HTML added to every page's head.
        inject_body: HTML added at the end of every page's body.
    """

    theme: str
    iconset: str
    dark_mode: bool
    toc_position: str | None = None
    inject_css: str | None = None
    inject_head: str | None = None
    inject_body: str | None = None

    repr_fields = ("theme", "iconset", "dark_mode", "toc_position")


class ThemingConfigUpdate(ConfigUpdate):
    """Look settings to change; a field left out, or None, keeps its value.

    Wiki.js replaces the whole theming config at once: the client sends the current one with
    these applied.
    """

    what = "theming config"

    theme: str | None = None
    iconset: Literal["mdi", "fa", "fa4"] | None = None
    dark_mode: bool | None = None
    toc_position: Literal["left", "right", "off"] | None = None
    inject_css: str | None = None
    inject_head: str | None = None
    inject_body: str | None = None
