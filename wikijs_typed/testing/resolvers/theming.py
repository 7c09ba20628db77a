"""`theming { config, themes, setConfig }`.

Wiki.js minifies the injected CSS with clean-css when it is saved and beautifies it when it
is read, so what comes back is a normalised form of what was sent. The emulator does the
few normalisations clean-css's first level makes to plain rules: whitespace and comments
go, the last `;` of a block goes, zero lengths lose their unit and four equal box values
become one; blocks come back one declaration a line, indented by two spaces.
"""

from __future__ import annotations

import re
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing.errors import success
from wikijs_typed.testing.site_data import THEMES
from wikijs_typed.testing.wiki import context_of

query = ObjectType("ThemingQuery")
mutation = ObjectType("ThemingMutation")
bindables = [query, mutation]

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ZERO_LENGTH = re.compile(r"(?<![\w.#-])0(?:px|em|rem|%|pt|cm|mm|in|pc|ex|ch|vh|vw)\b")
_BOX_PROPERTIES = {"margin", "padding"}


def _declaration(text: str) -> str | None:
    name, colon, value = text.partition(":")
    if not colon:
        return None
    name, value = name.strip().lower(), " ".join(value.split())
    value = _ZERO_LENGTH.sub("0", value)
    parts = value.split(" ")
    if name in _BOX_PROPERTIES and len(parts) == 4 and len(set(parts)) == 1:
        value = parts[0]
    return f"{name}:{value}"


def _blocks(css: str) -> list[tuple[str, list[str]]]:
    """(selector, declarations) of each top-level rule, whitespace collapsed."""
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", _COMMENT.sub("", css)):
        declarations = [d for d in map(_declaration, body.split(";")) if d]
        if declarations:
            found.append((",".join(s.strip() for s in selector.split(",")), declarations))
    return found


def minify(css: str) -> str:
    return "".join(f"{selector}{{{';'.join(body)}}}" for selector, body in _blocks(css))


def beautify(css: str) -> str:
    rules = []
    for selector, body in _blocks(css):
        lines = ";\n".join("  " + d.replace(":", ": ", 1) for d in body)
        rules.append(f"{selector} {{\n{lines}\n}}")
    return "\n".join(rules)


@query.field("config")
def resolve_config(_obj: Any, info: GraphQLResolveInfo) -> dict[str, Any]:
    stored = context_of(info).db.admin.theming
    return {
        **stored,
        "tocPosition": stored.get("tocPosition") or "left",
        "injectCSS": beautify(stored.get("injectCSS") or ""),
    }


@query.field("themes")
def resolve_themes(_obj: Any, _info: GraphQLResolveInfo) -> list[dict[str, Any]]:
    return [dict(theme) for theme in THEMES]


@mutation.field("setConfig")
def resolve_set_config(
    _obj: Any,
    info: GraphQLResolveInfo,
    theme: str,
    iconset: str,
    darkMode: bool,
    tocPosition: str | None = None,
    injectCSS: str | None = None,
    injectHead: str | None = None,
    injectBody: str | None = None,
) -> dict[str, Any]:
    # Replaces the settings: what is not sent goes back to its default.
    context_of(info).db.admin.theming = {
        "theme": theme,
        "iconset": iconset,
        "darkMode": darkMode,
        "tocPosition": tocPosition or "left",
        "injectCSS": minify(injectCSS) if injectCSS else "",
        "injectHead": injectHead or "",
        "injectBody": injectBody or "",
    }
    return {"responseResult": success("Theme config updated")}
