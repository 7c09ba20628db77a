# Made from ../_async/navigation.py by `python -m tools.sync_twins`: do not edit.
"""`client.navigation`: the menu of each locale, and the navigation mode.

Wiki.js keeps every locale's menu in one record, and `navigation.updateTree` replaces it
whole: setting one locale's items reads the current tree (fresh, not from the cache) and sends
it back with that locale's items replaced, so the other locales keep theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._navigation import (
    NAVIGATION_MODES,
    NavigationItem,
    NavigationItemInput,
    NavigationMode,
)

if TYPE_CHECKING:
    from wikijs_graphql.input_types import NavigationItemInput as SentItem
    from wikijs_graphql.input_types import NavigationTreeInput

__all__ = ["NavigationResource"]

Item = NavigationItem | NavigationItemInput | Mapping[str, object]


class NavigationResource(Resource):
    """The navigation menu of each locale, and how the menu is shown.

    Reached as `client.navigation`: `tree()`, `items(locale)`, `set_items(locale, items)`,
    `mode()` and `set_mode(mode)`. Changes need the `manage:navigation` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def tree(self) -> dict[str, list[NavigationItem]]:
        """Every locale's menu (open to guests).

        Returns:
            The menu items by locale code (`en`, `pt-br`), in menu order.
        """
        return self._tree(fresh=False)

    def items(self, locale: str = "en") -> list[NavigationItem]:
        """The menu of one locale.

        Args:
            locale: The locale code (`en`, `pt-br`).

        Returns:
            The menu items in order; empty when the locale has no menu.

        Raises:
            ValidationError: `locale` is not a locale code.
        """
        rules.check_locale(locale)
        return (self.tree()).get(locale, [])

    def set_items(self, locale: str, items: Iterable[Item]) -> list[NavigationItem]:
        """Replace one locale's menu; the other locales keep theirs.

        Args:
            locale: The locale code (`en`, `pt-br`).
            items: The new menu, in order: each a `NavigationItemInput`, a `NavigationItem` read
                before, or a mapping of its fields; one without an `id` gets a new one.

        Returns:
            The locale's menu as stored.

        Raises:
            ValidationError: `locale` is not a locale code, or `items` is not a list of menu
                items (nothing is sent).
            OperationFailedError: Wiki.js refused the menu.
        """
        rules.check_locale(locale)
        if isinstance(items, str | bytes | Mapping):
            raise ValidationError("items must be a list of navigation items", field="items")
        checked = [NavigationItemInput.from_item(item) for item in items]
        current = self._tree(fresh=True)
        tree = [_tree_input(code, kept) for code, kept in current.items() if code != locale]
        tree.append(_tree_input(locale, checked))
        self._gql.update_navigation_tree(tree=list(tree))
        return (self._tree(fresh=False)).get(locale, [])

    def mode(self) -> NavigationMode:
        """How the menu is shown.

        Returns:
            NONE, TREE (the page tree), STATIC (the menu) or MIXED.
        """
        result = self._gql.get_navigation_mode()
        config = present(present(result.navigation, "navigation").config, "a navigation config")
        mode: NavigationMode = config.mode.value
        return mode

    def set_mode(self, mode: NavigationMode) -> None:
        """Choose how the menu is shown.

        Args:
            mode: NONE, TREE (the page tree), STATIC (the menu) or MIXED.

        Raises:
            ValidationError: `mode` is none of those (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.enums import NavigationMode as SentMode

        if mode not in NAVIGATION_MODES:
            raise ValidationError(
                f"mode must be one of {', '.join(NAVIGATION_MODES)}", field="mode"
            )
        self._gql.set_navigation_mode(mode=SentMode(mode))

    def _tree(self, *, fresh: bool) -> dict[str, list[NavigationItem]]:
        result = self._gql.get_navigation_tree(cache="network-only" if fresh else None)
        trees = present(result.navigation, "navigation").tree
        return {
            tree.locale: [NavigationItem.from_fields(item) for item in tree.items if item]
            for tree in trees
            if tree is not None
        }


def _sent(item: NavigationItem | NavigationItemInput) -> SentItem:
    from wikijs_graphql.input_types import NavigationItemInput as SentItem

    return SentItem.model_validate(item.model_dump(exclude_none=True))


def _tree_input(
    locale: str, items: Iterable[NavigationItem | NavigationItemInput]
) -> NavigationTreeInput:
    from wikijs_graphql.input_types import NavigationTreeInput

    return NavigationTreeInput(locale=locale, items=[_sent(item) for item in items])
