"""Group logic without I/O.

The complete state `groups.update` needs, and what its membership errors mean.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypedDict

from wikijs_graphql.enums import PageRuleMatch
from wikijs_graphql.input_types import PageRuleInput

from wikijs_typed.exceptions import ForbiddenError, GraphQLError, NotFoundError
from wikijs_typed.models._group import Group, GroupPageRule, GroupUpdate

__all__ = ["UpdateGroupArgs", "membership_errors", "update_args"]

# The messages Wiki.js sends (as top-level errors) for unknown ids in membership changes.
_UNKNOWN = {"Invalid Group ID": "group", "Invalid User ID": "user"}


class UpdateGroupArgs(TypedDict):
    """Every `update_group` argument: Wiki.js requires all of them."""

    id: int
    name: str
    redirect_on_login: str
    permissions: list[str]
    page_rules: list[PageRuleInput]


def _rule_input(rule: GroupPageRule) -> PageRuleInput:
    return PageRuleInput(
        id=rule.id,
        deny=rule.deny,
        match=PageRuleMatch(rule.match),
        path=rule.path,
        roles=list(rule.roles),
        locales=list(rule.locales),
    )


def update_args(current: Group, update: GroupUpdate) -> UpdateGroupArgs:
    """The group as it is (complete, from `get`) with the update's fields applied."""
    group = current.model_copy(update=update.changes())
    return UpdateGroupArgs(
        id=group.id,
        name=group.name,
        # Wiki.js stores "" as "/" anyway.
        redirect_on_login=group.redirect_on_login or "/",
        permissions=list(group.permissions or ()),
        page_rules=[_rule_input(rule) for rule in group.page_rules or ()],
    )


@contextmanager
def membership_errors(group_id: int, user_id: int) -> Iterator[None]:
    """Report Wiki.js's "Invalid Group ID" / "Invalid User ID" errors as NotFoundError."""
    try:
        yield
    except ForbiddenError:
        raise
    except GraphQLError as exc:
        what = next((_UNKNOWN[e.message] for e in exc.errors if e.message in _UNKNOWN), None)
        if what is None:
            raise
        which = group_id if what == "group" else user_id
        raise NotFoundError(f"{what} {which} does not exist", errors=exc.errors) from exc
