"""`theming { config, themes, setConfig }`.

Wiki.js minifies the injected CSS with clean-css when it is saved and beautifies it when it
is read, so what comes back is a normalised form of what was sent. The emulator does the
few normalisations clean-css's first level makes to plain rules: whitespace and comments
go, the last `;` of a block goes, zero lengths lose their unit and four equal box values
become one; blocks come back one selector and one declaration a line, indented by two
spaces. CSS with at-rules or nested blocks is kept as sent.
"""

from __future__ import annotations

import re
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import success
from wikijs_typed.testing._wiki.site_data import THEMES
from wikijs_typed.testing._wiki.wiki import context_of

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


def _selectors(text: str) -> list[str]:
    """The selectors of a rule: split at the commas outside parentheses and brackets."""
    found, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            found.append(" ".join(current.split()))
            current = ""
        else:
            current += char
    return [*found, " ".join(current.split())]


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _blocks(css: str) -> list[tuple[list[str], list[str]]] | None:
    """The (selectors, declarations) of each rule, whitespace collapsed.

    None for CSS that is more than plain rules (at-rules, nested blocks), which the emulator
    leaves alone.
    """
    text = _COMMENT.sub("", css)
    if _RULE.sub("", text).strip():
        return None
    found = []
    for selector, body in _RULE.findall(text):
        declarations = [d for d in map(_declaration, body.split(";")) if d]
        if declarations:
            found.append((_selectors(selector), declarations))
    return found


def minify(css: str) -> str:
    blocks = _blocks(css)
    if blocks is None:
        return css
    return "".join(f"{','.join(rule)}{{{';'.join(body)}}}" for rule, body in blocks)


def beautify(css: str) -> str:
    blocks = _blocks(css)
    if blocks is None:
        return css
    rules = []
    for selectors, body in blocks:
        lines = ";\n".join("  " + d.replace(":", ": ", 1) for d in body)
        head = ",\n".join(selectors)  # clean-css breaks between selectors
        rules.append(f"{head} {{\n{lines}\n}}")
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
