"""What a query returns: typed items that show only the fields the query selected, and listings.

Reading a field the query did not select raises FieldNotSelectedError instead of answering a
default that could be mistaken for data (`page.content` is never a silent None).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from wikijs_typed.models._reprs import bounded
from wikijs_typed.query._errors import FieldNotSelectedError
from wikijs_typed.query._wagtail import JSONObject, detail_url, item_shape, shape_listing

if TYPE_CHECKING:
    from wikijs_typed.query._fields import Selection

__all__ = [
    "DocumentItem",
    "ImageItem",
    "Item",
    "Listing",
    "PageItem",
    "ParentItem",
    "PersonItem",
]

T = TypeVar("T")


class Selected(Generic[T]):
    """A field of an item: its value when the query selected it, else FieldNotSelectedError."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Selected[T]: ...
    @overload
    def __get__(self, obj: Item, owner: type) -> T: ...
    def __get__(self, obj: Item | None, owner: type) -> Selected[T] | T:
        if obj is None:
            return self
        values = obj._values
        if self.name not in values:
            raise FieldNotSelectedError(self.name)
        # Values are stored untyped, one per selected field; the adapters that build items
        # (page_plan.py, asset_plan.py) give each the type its descriptor here declares.
        value: T = values[self.name]  # type: ignore[assignment]
        return value


class Item:
    """Base of the items: the selected values by field name, and the selection itself.

    A query makes items; each field is an attribute that answers its value when the query
    selected it and raises FieldNotSelectedError otherwise. Two items are equal when they are
    of one type and hold the same values for the same object.

    Args:
        key: The id of the page or asset the item shows (for its `detail_url`).
        values: The selected fields' values by field name.
        selection: Which fields the item shows, and the sub-fields of nested ones.
        endpoint: The Wagtail endpoint the item belongs to (`pages`, `images`, `documents`,
            or `users` for a nested person).
    """

    __slots__ = ("_endpoint", "_key", "_selection", "_values")

    def __init__(
        self, key: int, values: dict[str, object], selection: Selection, endpoint: str
    ) -> None:
        self._key = key
        self._values = values
        self._selection = selection
        self._endpoint = endpoint

    @property
    def selected(self) -> tuple[str, ...]:
        """The fields this item shows, in Wagtail's declaration order."""
        return self._selection.names

    def to_dict(self) -> dict[str, object]:
        """The selected fields and their values.

        Returns:
            A new dict by field name; nested items (an author, a parent) stay items.
        """
        return dict(self._values)

    def to_wagtail(self, base_url: str = "") -> JSONObject:
        """This item in Wagtail API v2's JSON shape.

        The keys come in Wagtail's order whatever order the fields were asked in: `id`, then
        `meta` (left out when no meta field is selected), then the body fields. Dates are ISO
        8601 in UTC with a `Z`.

        Args:
            base_url: The API's root URL (`https://api.example.com/api/v2`), which
                `meta.detail_url` starts with; `""` makes it a relative path.

        Returns:
            A JSON-ready dict.
        """
        return item_shape(self._endpoint, self._selection).shape(self._key, self._values, base_url)

    def __repr__(self) -> str:
        # A page's body can be megabytes: long values are cut (see `bounded`).
        shown = ", ".join(f"{name}={bounded(value)!r}" for name, value in self._values.items())
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and isinstance(other, Item)
            and (self._key, self._values) == (other._key, other._values)
        )

    def __hash__(self) -> int:
        return hash((type(self), self._key))


class PersonItem(Item):
    """The nested author or creator of a page."""

    __slots__ = ()
    id = Selected[int]()
    type = Selected[str]()
    name = Selected[str]()
    email = Selected[str]()


@dataclass(frozen=True)
class ParentItem:
    """`meta.parent` of a page's detail view: the page one level up the path.

    Attributes:
        html_url: The parent page's address on the wiki.
        type: Its Wagtail type, always `"wikijs.Page"`.
    """

    id: int
    title: str
    html_url: str
    type: str = "wikijs.Page"

    def to_wagtail(self, base_url: str = "") -> JSONObject:
        """The parent in Wagtail API v2's JSON shape: `id`, `meta`, `title`.

        Args:
            base_url: The API's root URL, which `meta.detail_url` starts with; `""` makes it
                a relative path.

        Returns:
            A JSON-ready dict.
        """
        return {
            "id": self.id,
            "meta": {
                "type": self.type,
                "detail_url": detail_url(base_url, "pages", self.id),
                "html_url": self.html_url,
            },
            "title": self.title,
        }


class PageItem(Item):
    """A page as a content query shows it: only the fields the query selected."""

    __slots__ = ()
    id = Selected[int]()
    title = Selected[str]()
    path = Selected[str]()
    description = Selected[str]()
    content = Selected[str]()
    render = Selected[str]()
    is_published = Selected[bool]()
    is_private = Selected[bool]()
    tags = Selected[list[str]]()
    author = Selected["PersonItem | None"]()
    creator = Selected["PersonItem | None"]()
    editor = Selected[str]()
    content_type = Selected[str]()
    created_at = Selected[datetime]()
    updated_at = Selected[datetime]()
    type = Selected[str]()
    detail_url = Selected[str]()
    html_url = Selected[str]()
    slug = Selected[str]()
    seo_title = Selected[str]()
    search_description = Selected[str]()
    first_published_at = Selected[datetime]()
    parent = Selected["ParentItem | None"]()
    locale = Selected[str]()


class DocumentItem(Item):
    """An asset of any kind but IMAGE (Wiki.js's BINARY)."""

    __slots__ = ()
    id = Selected[int]()
    title = Selected[str]()
    filename = Selected[str]()
    ext = Selected[str]()
    mime = Selected[str]()
    file_size = Selected[int]()
    folder = Selected[str]()
    created_at = Selected[datetime]()
    updated_at = Selected[datetime]()
    type = Selected[str]()
    detail_url = Selected[str]()
    tags = Selected[list[str]]()
    download_url = Selected[str]()


class ImageItem(DocumentItem):
    """An IMAGE asset; `width` and `height` come from the file's header, only when selected."""

    __slots__ = ()
    width = Selected["int | None"]()
    height = Selected["int | None"]()


ItemT = TypeVar("ItemT", bound=Item)


class Listing(Generic[ItemT]):
    """One window of a query's results, and how many results there are in all.

    Iterating over a listing, or taking its `len`, goes over its items.

    Args:
        items: The window's items, in the query's order.
        total_count: How many items match the query, whatever the window.
    """

    __slots__ = ("items", "total_count")

    def __init__(self, items: list[ItemT], total_count: int) -> None:
        self.items = items
        self.total_count = total_count

    def __iter__(self) -> Iterator[ItemT]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_wagtail(self, base_url: str = "") -> JSONObject:
        """Wagtail API v2's listing shape: `{"meta": {"total_count": n}, "items": [...]}`.

        Args:
            base_url: The API's root URL, which each item's `meta.detail_url` starts with;
                `""` makes them relative paths.

        Returns:
            A JSON-ready dict.
        """
        return shape_listing([item.to_wagtail(base_url) for item in self.items], self.total_count)

    def __repr__(self) -> str:
        return f"Listing(total_count={self.total_count}, items={bounded(self.items)!r})"
