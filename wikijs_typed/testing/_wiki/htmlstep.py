"""Wiki.js's HTML step (modules/rendering/html-core) over a page written in the visual editor.

A Markdown page reaches this step as markdown-it's output (`render.render_markdown` does both
at once); an HTML page reaches it as written. The step detects links (classes, resolved
hrefs, the page's link list), gives every heading an id, the `toc-header` class and a `¶`
anchor, wraps loose top-level text in a `<div>` and top-level tables in a table container,
marks `<pre>` blocks `v-pre`, and is written back by parse5, cheerio's serialiser.
"""

from __future__ import annotations

from wikijs_typed.testing._wiki.htmltree import VOID, Element, parse_html
from wikijs_typed.testing._wiki.render import (
    LinkContext,
    PageExists,
    RenderedPage,
    escape_attribute,
    escape_text,
    headings_toc,
    link_kind,
    slugify,
)

_RAW_TEXT = frozenset(
    ["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript"]
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def render_html(source: str, where: LinkContext, exists: PageExists) -> RenderedPage:
    body = parse_html(source, root="body")
    links: list[tuple[str, str]] = []
    for anchor in _elements(body, ("a",)):
        _detect_link(anchor, where, exists, links)
    headings: list[tuple[int, str, str]] = []
    for heading in _elements(body, _HEADINGS):
        headings.append(_mark_heading(heading, [slug for _, _, slug in headings]))
    body.children = [_wrapped(child) for child in body.children]
    for block in _elements(body, ("pre",)):
        block.set("v-pre", "true")
    html = "".join(_serialised(child, "body") for child in body.children)
    return RenderedPage(html, headings_toc(headings), links)


def _elements(node: Element, tags: tuple[str, ...]) -> list[Element]:
    found: list[Element] = []
    for child in node.children:
        if isinstance(child, Element):
            if child.tag in tags:
                found.append(child)
            found.extend(_elements(child, tags))
    return found


def _detect_link(
    anchor: Element, where: LinkContext, exists: PageExists, links: list[tuple[str, str]]
) -> None:
    kind, href, target = link_kind(anchor.get("href") or "", where)
    if kind is None:
        return
    if target is None:
        anchor.add_class(kind)
    else:
        if target not in links:
            links.append(target)
        anchor.add_class(f"{kind} {'is-valid-page' if exists(*target) else 'is-invalid-page'}")
    anchor.set("href", href)


def _mark_heading(heading: Element, taken: list[str]) -> tuple[int, str, str]:
    title = _text_of(heading).strip()
    slug = heading.get("id") or slugify(title)
    if slug[:1].isdigit():
        slug = f"h-{slug}"
    if slug in taken:
        number = 1
        while f"{slug}-{number}" in taken:
            number += 1
        slug = f"{slug}-{number}"
    heading.set("id", slug)
    heading.add_class("toc-header")
    anchor = Element("a", [["class", "toc-anchor"], ["href", f"#{slug}"]], ["¶"])
    heading.children[:0] = [anchor, " "]
    return int(heading.tag[1]), title, slug


def _text_of(node: Element) -> str:
    return "".join(c if isinstance(c, str) else _text_of(c) for c in node.children)


def _wrapped(child: Element | str) -> Element | str:
    if isinstance(child, str):
        return child if child in ("\n", "\r") else Element("div", [], [child])
    if child.tag == "table":
        return Element("div", [["class", "table-container"]], [child])
    return child


def _serialised(node: Element | str, parent: str) -> str:
    if isinstance(node, str):
        return node if parent in _RAW_TEXT else escape_text(node)
    attrs = "".join(f' {key}="{escape_attribute(value)}"' for key, value in node.attrs)
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    inner = "".join(_serialised(child, node.tag) for child in node.children)
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"
