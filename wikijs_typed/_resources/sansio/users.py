"""User logic without I/O: listing on the client (Wiki.js ignores its own filter and order)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._user import User

__all__ = ["UserListing"]

_ORDER_FIELDS = {
    "id": "id",
    "name": "name",
    "email": "email",
    "created_at": "created_at",
    "createdat": "created_at",
    "last_login_at": "last_login_at",
    "lastloginat": "last_login_at",
}


def _sort_key(user: User, field: str) -> str | int | datetime | None:
    value: object = getattr(user, field)
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, int | datetime):
        return value
    return None


@dataclass(frozen=True)
class UserListing:
    limit: int | None
    offset: int
    search: str | None
    order_by: str
    descending: bool

    @classmethod
    def build(
        cls,
        *,
        limit: object,
        offset: object,
        search: object,
        order_by: object,
        order_direction: object,
    ) -> UserListing:
        if search is not None and not isinstance(search, str):
            raise ValidationError("search must be a string", field="search")
        if not isinstance(order_by, str) or order_by.lower() not in _ORDER_FIELDS:
            raise ValidationError(
                "order_by must be one of name, email, id, created_at, last_login_at",
                field="order_by",
            )
        if not isinstance(order_direction, str) or order_direction.upper() not in ("ASC", "DESC"):
            raise ValidationError("order_direction must be ASC or DESC", field="order_direction")
        return cls(
            limit=rules.check_limit(limit),
            offset=rules.check_offset(0 if offset is None else offset),
            search=search.strip().casefold() or None if search else None,
            order_by=_ORDER_FIELDS[order_by.lower()],
            descending=order_direction.upper() == "DESC",
        )

    def matches(self, user: User) -> bool:
        return self.search is None or any(
            self.search in text.casefold() for text in (user.name, user.email)
        )

    def window(self, users: Iterable[User]) -> list[User]:
        """Filtered, ordered (missing values last either way), `offset` skipped, `limit` kept."""
        kept = [user for user in users if self.matches(user)]
        known = [u for u in kept if _sort_key(u, self.order_by) is not None]
        unknown = [u for u in kept if _sort_key(u, self.order_by) is None]
        known.sort(key=lambda u: (_sort_key(u, self.order_by), u.id), reverse=self.descending)
        ordered = known + unknown
        end = None if self.limit is None else self.offset + self.limit
        return ordered[self.offset : end]
