"""A small HTML tree, enough for the well-formed HTML the visual editor writes.

Elements with ordered attributes, text decoded, end tags matched to the nearest open element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


@dataclass
class Element:
    tag: str
    attrs: list[list[str]]
    children: list[Element | str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def set(self, name: str, value: str) -> None:
        for pair in self.attrs:
            if pair[0] == name:
                pair[1] = value
                return
        self.attrs.append([name, value])

    def add_class(self, names: str) -> None:
        present = (self.get("class") or "").split()
        self.set("class", " ".join(present + [n for n in names.split() if n not in present]))


class _Tree(HTMLParser):
    def __init__(self, root: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element(root, [])
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, [[key, value or ""] for key, value in attrs])
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, [[k, v or ""] for k, v in attrs]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def parse_html(source: str, root: str = "root") -> Element:
    tree = _Tree(root)
    tree.feed(source)
    tree.close()
    return tree.root
