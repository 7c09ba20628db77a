"""Page and comment rendering the way Wiki.js 2.5 does it, close enough to compare.

Markdown goes through markdown-it (the Python port of the library Wiki.js uses) with
Wiki.js's options; headings get `toc-header` ids and `¶` anchors, code blocks the Prism
wrapper, links the `is-internal-link is-valid-page` / `is-invalid-page` / `is-external-link`
classes. The table of contents is kept as the nested list Wiki.js stores (which is why
selecting `Page.toc` fails: it is not a string). `html_to_markdown` stands in for turndown
when a page is converted back from the HTML editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from wikijs_typed.testing._wiki.htmltree import Element, parse_html

PageExists = Callable[[str, str], bool]

_LOCALE_SEGMENT = re.compile(r"^[a-z]{2}(-[a-z]{2})?$", re.IGNORECASE)
# html-core's reserved paths: a single letter, alone or as the first segment (/a/..., /t/...)
_SYSTEM_PREFIX = re.compile(r"^/[a-z](/|\Z)", re.IGNORECASE)


def lodash_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def slugify(text: str) -> str:
    words = re.findall(r"[^\W_]+", text.lower())
    return "-".join(words)


def parse_link_path(href: str, default_locale: str = "en") -> tuple[str, str]:
    """(locale, path) of an internal link, like Wiki.js's pageHelper.parsePath.

    markdown-it percent-encodes a link's non-ASCII characters (`/caf%C3%A9/menu`); Wiki.js
    unescapes the path before looking the page up, so the link counts as one to `café/menu`
    while the rendered href stays encoded.
    """
    raw = unquote(href.strip().split("#", 1)[0].split("?", 1)[0]).strip().lstrip("/")
    parts = [part for part in raw.split("/") if part.strip() and part not in (".", "..")]
    locale = default_locale
    if parts and len(parts[0]) == 1:
        parts.pop(0)
    if parts and _LOCALE_SEGMENT.match(parts[0]):
        locale = parts.pop(0)
    if parts and "." in parts[-1][1:]:
        parts[-1] = parts[-1].rsplit(".", 1)[0]
    return locale, "/".join(parts) or "home"


def _highlight(content: str, lang: str, _attrs: str) -> str:
    return (
        f'<pre class="prismjs line-numbers" v-pre="true"><code class="language-{lang}">'
        f"{lodash_escape(content)}</code></pre>"
    )


@dataclass(frozen=True)
class LinkContext:
    """What Wiki.js's link detection needs besides the link.

    The page's locale and path (relative links are resolved against the path) and the site's
    URL (links to it count as internal).
    """

    locale: str
    path: str = "home"
    host: str = ""


@dataclass
class RenderedPage:
    html: str
    toc: list[dict[str, Any]]
    links: list[tuple[str, str]]


@dataclass
class _Heading:
    level: int
    title: str
    anchor: str
    children: list[_Heading] = field(default_factory=list)

    def as_toc(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "anchor": self.anchor,
            "children": [child.as_toc() for child in self.children],
        }


def _page_parser() -> MarkdownIt:
    md = MarkdownIt(
        "default",
        {"html": True, "breaks": True, "linkify": False, "typographer": False},
    )
    md.options["highlight"] = _highlight
    md.add_render_rule("table_open", _open_table)
    md.add_render_rule("table_close", _close_table)
    return md


# Wiki.js's HTML step wraps every table at the top level of the page in a scrolling box.
def _open_table(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    html = str(self.renderToken(tokens, idx, options, env))
    return f'<div class="table-container">{html}' if tokens[idx].level == 0 else html


def _close_table(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    html = str(self.renderToken(tokens, idx, options, env))
    return html.replace("</table>", "</table></div>", 1) if tokens[idx].level == 0 else html


_PAGE_MD = _page_parser()
_COMMENT_MD = MarkdownIt("default", {"html": False, "breaks": True, "linkify": False})


def render_markdown(content: str, where: LinkContext, exists: PageExists) -> RenderedPage:
    tokens = _PAGE_MD.parse(content)
    headings: list[_Heading] = []
    links: list[tuple[str, str]] = []
    used_slugs: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            title = "".join(
                child.content
                for child in inline.children or ()
                if child.type in ("text", "code_inline")
            ).strip()
            slug = slugify(title)
            if slug in used_slugs:
                used_slugs[slug] += 1
                slug = f"{slug}-{used_slugs[slug]}"
            else:
                used_slugs[slug] = 0
            token.attrSet("id", slug)
            token.attrSet("class", "toc-header")
            anchor = Token("html_inline", "", 0)
            anchor.content = f'<a class="toc-anchor" href="#{slug}">¶</a> '
            inline.children = [anchor, *(inline.children or [])]
            headings.append(_Heading(int(token.tag[1]), title, f"#{slug}"))
        elif token.type == "inline":
            for child in token.children or ():
                if child.type == "link_open":
                    _classify_link(child, where, exists, links)
    rendered = str(_PAGE_MD.renderer.render(tokens, _PAGE_MD.options, {}))
    return RenderedPage(_reserialised(rendered), _nest(headings), links)


_TAG = re.compile(r"<[^>]*>")
_QUOTED_ATTRIBUTE = re.compile(r'="([^"]*)"')


def _reserialised(html: str) -> str:
    """The HTML as it leaves Wiki.js's HTML step.

    cheerio parses the Markdown output and parse5 writes it back, which undoes markdown-it's and
    lodash's escapes and applies its own: in text only `&`, `<`, `>` and the no-break space are
    escaped (so `&quot;` and `&#39;` come back as `"` and `'`), in attribute values `&`, `"` and
    the no-break space.
    """
    parts, position = [], 0
    for tag in _TAG.finditer(html):
        parts.append(_text_node(html[position : tag.start()]))
        parts.append(_QUOTED_ATTRIBUTE.sub(_attribute, tag.group()))
        position = tag.end()
    parts.append(_text_node(html[position:]))
    return "".join(parts)


def _text_node(raw: str) -> str:
    return escape_text(unescape(raw))


def _attribute(match: re.Match[str]) -> str:
    return '="' + escape_attribute(unescape(match.group(1))) + '"'


def escape_text(text: str) -> str:
    """parse5's escaping of a text node."""
    text = text.replace("&", "&amp;").replace("\u00a0", "&nbsp;")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """parse5's escaping of an attribute value (written between double quotes)."""
    return value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace('"', "&quot;")


def _classify_link(
    token: Token, where: LinkContext, exists: PageExists, links: list[tuple[str, str]]
) -> None:
    kind, href, target = link_kind(str(token.attrGet("href") or ""), where)
    if kind is None:
        return
    token.attrSet("href", href)
    if target is None:
        token.attrJoin("class", kind)
        return
    if target not in links:
        links.append(target)
    state = "is-valid-page" if exists(*target) else "is-invalid-page"
    token.attrJoin("class", f"{kind} {state}")


def link_kind(href: str, where: LinkContext) -> tuple[str | None, str, tuple[str, str] | None]:
    """The class Wiki.js gives a link, the href it writes back, and a page link's (locale, path).

    These are html-core's steps, in its order.
    """
    if not href or href.startswith(("#", "mailto:", "tel:")):
        return None, href, None
    host = where.host
    if len(host) > 7 and host != "http://" and href.startswith(f"{host}/"):
        href = href.replace(host, "", 1)
    if "://" in href:
        return "is-external-link", href, None
    if _SYSTEM_PREFIX.match(href):
        return "is-system-link", href, None
    if "." in href:
        return "is-asset-link", href, None
    if not href.startswith("/"):
        href = f"/{href}" if where.path == "home" else f"/{where.path}/{href}"
    return "is-internal-link", href, parse_link_path(href, where.locale)


def headings_toc(headings: Sequence[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """The table of contents of (level, title, slug) headings, in document order."""
    return _nest([_Heading(level, title, f"#{slug}") for level, title, slug in headings])


def _nest(headings: Sequence[_Heading]) -> list[dict[str, Any]]:
    roots: list[_Heading] = []
    stack: list[_Heading] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    return [root.as_toc() for root in roots]


def retarget_links(rendered: str, href: str, *, valid: bool) -> str:
    """Flip the validity class of links to `href` (what Wiki.js's reconnectLinks does)."""
    old, new = (
        ("is-invalid-page", "is-valid-page") if valid else ("is-valid-page", "is-invalid-page")
    )
    return rendered.replace(
        f'<a href="{href}" class="is-internal-link {old}">',
        f'<a href="{href}" class="is-internal-link {new}">',
    )


def render_comment(content: str) -> str:
    return str(_COMMENT_MD.render(content))


def strip_toc_anchors(rendered: str) -> str:
    """The HTML a markdown page becomes when converted to the HTML editor."""
    return re.sub(r'<a class="toc-anchor" href="[^"]*">¶</a>', "", rendered)


# -- JavaScript's view of values, for error messages ----------------------------------------


def js_inspect(value: Any, seen: int = 0) -> str:
    """graphql-js's `inspect` (depth 2, ten items), used in serialisation error messages."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if not value:
            return "[]"
        if seen + 1 > 2:
            return "[Array]"
        items = [js_inspect(item, seen + 1) for item in value[:10]]
        if len(value) > 10:
            rest = len(value) - 10
            items.append("... 1 more item" if rest == 1 else f"... {rest} more items")
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        if seen + 1 > 2:
            return "[Object]"
        return "{ " + ", ".join(f"{k}: {js_inspect(v, seen + 1)}" for k, v in value.items()) + " }"
    return str(value)


# -- HTML to Markdown (turndown with Wiki.js's options) --------------------------------------


def html_to_markdown(source: str) -> str:
    text = _blocks(parse_html(source).children)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _blocks(children: Sequence[Element | str]) -> str:
    parts: list[str] = []
    for child in children:
        if isinstance(child, str):
            if child.strip():
                parts.append(re.sub(r"\s+", " ", child).strip())
            continue
        parts.append(_block(child))
    return "\n\n".join(part for part in parts if part)


def _block(node: Element) -> str:
    tag = node.tag
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        return "#" * int(tag[1]) + " " + _inline(node.children).strip()
    if tag == "p":
        return _inline(node.children).strip()
    if tag in {"ul", "ol"}:
        lines = []
        items = [c for c in node.children if isinstance(c, Element) and c.tag == "li"]
        for number, item in enumerate(items, 1):
            marker = f"{number}. " if tag == "ol" else "-   "
            body = _blocks(item.children) if _has_blocks(item) else _inline(item.children).strip()
            lines.append(marker + body.replace("\n", "\n    "))
        return "\n".join(lines)
    if tag == "pre":
        code = next((c for c in node.children if isinstance(c, Element) and c.tag == "code"), None)
        language = ""
        if code is not None:
            classes = (code.get("class") or "").split()
            language = next((c[9:] for c in classes if c.startswith("language-")), "")
        body = _text(code.children if code else node.children).rstrip("\n")
        return f"```{language}\n{body}\n```"
    if tag == "blockquote":
        return "\n".join("> " + line for line in _blocks(node.children).splitlines())
    if tag == "hr":
        return "---"
    if tag in {"div", "section", "article", "root", "body", "html"}:
        return _blocks(node.children)
    return _inline([node]).strip()


def _has_blocks(node: Element) -> bool:
    return any(isinstance(c, Element) and c.tag in {"p", "ul", "ol", "pre"} for c in node.children)


def _inline(children: Sequence[Element | str]) -> str:
    out: list[str] = []
    for child in children:
        if isinstance(child, str):
            out.append(re.sub(r"\s+", " ", child))
            continue
        inner = _inline(child.children)
        if child.tag in {"em", "i"}:
            out.append(f"*{inner}*")
        elif child.tag in {"strong", "b"}:
            out.append(f"**{inner}**")
        elif child.tag == "code":
            out.append(f"`{_text(child.children)}`")
        elif child.tag == "a":
            out.append(f"[{inner}]({child.get('href') or ''})")
        elif child.tag == "br":
            out.append("  \n")
        elif child.tag == "img":
            out.append(f"![{child.get('alt') or ''}]({child.get('src') or ''})")
        else:
            out.append(inner)
    return "".join(out)


def _text(children: Sequence[Element | str]) -> str:
    return "".join(c if isinstance(c, str) else _text(c.children) for c in children)
