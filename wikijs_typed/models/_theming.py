"""The site's look: `ThemingConfig`, and `ThemingConfigUpdate` for changes."""

from __future__ import annotations

from typing import Literal

from wikijs_typed.models._base import WikiModel
from wikijs_typed.models._config import ConfigUpdate

__all__ = ["Theme", "ThemingConfig", "ThemingConfigUpdate"]


class Theme(WikiModel):
    key: str | None = None
    title: str | None = None
    author: str | None = None


class ThemingConfig(WikiModel):
    """`inject_css`, `inject_head` and `inject_body` are code added to every page."""

    theme: str
    iconset: str
    dark_mode: bool
    toc_position: str | None = None
    inject_css: str | None = None
    inject_head: str | None = None
    inject_body: str | None = None

    repr_fields = ("theme", "iconset", "dark_mode", "toc_position")


class ThemingConfigUpdate(ConfigUpdate):
    what = "theming config"

    theme: str | None = None
    iconset: Literal["mdi", "fa", "fa4"] | None = None
    dark_mode: bool | None = None
    toc_position: Literal["left", "right", "off"] | None = None
    inject_css: str | None = None
    inject_head: str | None = None
    inject_body: str | None = None
