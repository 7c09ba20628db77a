"""The navigation menu: `NavigationItem`s per locale, and how the menu is shown.

Wiki.js stores every locale's menu in one record and `updateTree` replaces all of it; the
resource reads the whole tree and sends it back with one locale's items changed.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Literal

from pydantic import Field, StrictStr, field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import InputModel, WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import NavigationItemFields

__all__ = ["NavigationItem", "NavigationItemInput", "NavigationMode"]

# NONE: no menu; TREE: the page tree; STATIC: the menu set here; MIXED: both.
NavigationMode = Literal["NONE", "TREE", "MIXED", "STATIC"]
NAVIGATION_MODES: tuple[NavigationMode, ...] = ("NONE", "TREE", "MIXED", "STATIC")


class NavigationItem(WikiModel):
    """One entry of a menu: a link, a header or a divider.

    Attributes:
        kind: "link", "header" or "divider".
        icon: The entry's icon, a Material Design Icons name: "mdi-home".
        target_type: What a link leads to: "home", "page", "search", "external" or
            "externalblank" (an external address, in a new tab).
        target: The page path or address a link leads to.
        visibility_mode: "all", or "restricted" to show it to `visibility_groups` only.
        visibility_groups: The ids of the groups a restricted entry is shown to.
    """

    id: str
    kind: str
    label: str | None = None
    icon: str | None = None
    target_type: str | None = None
    target: str | None = None
    visibility_mode: str | None = None
    visibility_groups: list[int] | None = None

    repr_fields = ("kind", "label", "target")

    @classmethod
    def from_fields(cls, fields: NavigationItemFields) -> NavigationItem:
        """Build an entry from a `navigation.tree` answer.

        Args:
            fields: The generated `NavigationItemFields` selection of one entry.

        Returns:
            The entry, null group ids dropped.
        """
        item = cls.model_validate(fields.model_dump())
        if item.visibility_groups is not None:
            item.visibility_groups = [g for g in item.visibility_groups if g is not None]
        return item


class NavigationItemInput(InputModel):
    """A menu entry to send: `kind` link (with a target), header (a label) or divider.

    `id` is made when not given. `visibility_mode` "restricted" shows the entry to the
    `visibility_groups` only.
    """

    what = "navigation item"

    id: StrictStr = Field(default_factory=lambda: str(uuid.uuid4()))
    kind: Literal["link", "header", "divider"]
    label: StrictStr | None = None
    icon: StrictStr | None = None
    target_type: Literal["home", "page", "search", "external", "externalblank"] | None = None
    target: StrictStr | None = None
    visibility_mode: Literal["all", "restricted"] = "all"
    visibility_groups: list[int] | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return rules.check_non_empty(value, "id")

    @field_validator("visibility_groups")
    @classmethod
    def _groups(cls, value: list[int] | None) -> list[int] | None:
        return None if value is None else [rules.check_id(g, "visibility_groups") for g in value]

    @classmethod
    def from_item(cls, item: NavigationItem | NavigationItemInput | object) -> NavigationItemInput:
        """Check a caller's menu entry.

        Args:
            item: An entry read from the wiki (sent back as it is), an input, or a mapping of
                fields.

        Returns:
            The entry to send.

        Raises:
            ValidationError: The entry is not one of those, or its fields are invalid.
        """
        if isinstance(item, NavigationItem):
            return cls(**item.model_dump(exclude_none=True))
        return cls.coerce(item)
