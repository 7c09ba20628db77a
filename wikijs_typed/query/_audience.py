"""Who may read what: Wiki.js 2.5's access decision for one audience, with no I/O.

An `Audience` is a group's global permissions and page rules (the Guests group: what an
anonymous visitor sees), or the key itself (`Audience.key()`: everything the key reads).
It decides as Wiki.js's `checkAccess` does:

- `manage:system` reads everything; otherwise the permission must be among the group's
  global permissions;
- then the page rules that name the permission, limited to their locales, are matched
  (START, END, REGEX, TAG, EXACT). The matching rule with the longest `path` text decides,
  whatever its kind; on equal length the higher-priority kind (EXACT > TAG > REGEX > END >
  START) keeps its place, and between two rules of one kind a deny beats an allow;
- no matching rule: denied.

A page view also needs the page inside its publish window (`publishStartDate` not in the
future, `publishEndDate` not in the past), unless the audience may write the page. An asset
is checked with `read:assets` on its address (folder path and file name), as Wiki.js parses
that address: a first segment that looks like a locale is the locale, not a folder.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from wikijs_typed.models._group import Group

__all__ = ["GUESTS_GROUP_ID", "Audience", "PageRule", "PageSchedule", "PublishWindow"]

# Wiki.js's built-in Guests group: the groups of the anonymous visitor.
GUESTS_GROUP_ID = 2
SYSTEM = "manage:system"
READ_PAGES = "read:pages"
WRITE_PAGES = "write:pages"
READ_ASSETS = "read:assets"

Match = Literal["START", "END", "REGEX", "TAG", "EXACT"]
# At equal length, a stored match of one of these kinds is not replaced by a rule of the key's kind.
_OUTRANKED_BY: dict[str, frozenset[str]] = {
    "START": frozenset({"END", "REGEX", "TAG", "EXACT"}),
    "END": frozenset({"REGEX", "TAG", "EXACT"}),
    "REGEX": frozenset({"TAG", "EXACT"}),
    "TAG": frozenset({"EXACT"}),
    "EXACT": frozenset(),
}
# What Wiki.js's parsePath takes for a locale segment of an address.
_LOCALE_SEGMENT = re.compile(r"[A-Za-z]{2}(-[A-Za-z]{2})?")


def _js_length(text: str) -> int:
    """A string's length as JavaScript counts it (UTF-16 code units).

    That is what the rules' specificity compares.
    """
    return len(text.encode("utf-16-le")) // 2


@lru_cache(maxsize=256)
def _pattern(source: str) -> re.Pattern[str] | None:
    try:
        return re.compile(source)
    except re.error:
        return None


class _BrokenRule(Exception):
    """A REGEX rule whose pattern does not compile.

    Wiki.js fails the request, so the page is not shown.
    """


@dataclass(frozen=True, slots=True)
class PageRule:
    match: Match
    path: str
    roles: frozenset[str]
    deny: bool = False
    locales: frozenset[str] = frozenset()

    def applies(self, permission: str, locale: str) -> bool:
        return permission in self.roles and (not self.locales or locale in self.locales)

    def matches(self, path: str, tags: Collection[str]) -> bool:
        if self.match == "START":
            return f"/{path}".startswith(f"/{self.path}")
        if self.match == "END":
            return path.endswith(self.path)
        if self.match == "REGEX":
            pattern = _pattern(self.path)
            if pattern is None:
                raise _BrokenRule(self.path)
            return pattern.search(path) is not None
        if self.match == "TAG":
            return self.path in tags
        return path == self.path


@dataclass(frozen=True, slots=True)
class _Decision:
    """The rule that decides so far: its kind, its path's length, and whether it denies."""

    match: str | None = None
    length: int = 0
    deny: bool = False

    def after(self, rule: PageRule) -> _Decision:
        length = _js_length(rule.path)
        if length < self.length:
            return self
        if length == self.length and self.match is not None:
            if self.match in _OUTRANKED_BY[rule.match]:
                return self
            if self.match == rule.match and self.deny and not rule.deny:
                return self
        return _Decision(rule.match, length, rule.deny)

    @property
    def allows(self) -> bool:
        return self.match is not None and not self.deny


def _parse_date(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    # A date without a zone is taken as UTC (Wiki.js reads it in its server's zone).
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class PublishWindow:
    """A page's publish dates as Wiki.js stores them ("" or None: no bound)."""

    start: str | None = None
    end: str | None = None

    def is_open(self, now: datetime) -> bool:
        # An unreadable date closes the window, as an invalid moment compares false.
        if self.start:
            start = _parse_date(self.start)
            if start is None or start > now:
                return False
        if self.end:
            end = _parse_date(self.end)
            if end is None or end < now:
                return False
        return True

    def next_change(self, now: datetime) -> datetime | None:
        """When `is_open` next changes its answer after `now` (None: never)."""
        bounds = (_parse_date(bound) for bound in (self.start, self.end) if bound)
        ahead = [bound for bound in bounds if bound is not None and bound > now]
        return min(ahead, default=None)


@dataclass(frozen=True, slots=True)
class PageSchedule:
    """What decides a view of a page beyond its path, and the page version it belongs to.

    That is every tag and the publish window.
    """

    id: int
    updated_at: datetime
    tags: tuple[str, ...]
    window: PublishWindow


@dataclass(frozen=True, slots=True)
class Audience:
    """Whose view of the wiki a query (and the content API) serves.

    Wiki.js 2.5.314's access decision for one group, with no I/O: the group's permissions
    and page rules, decided as the server's `checkAccess` decides them (the most specific
    rule wins; at equal specificity a deny wins). Pass one to `query().visible_to(...)`.

    Attributes:
        name: What the audience is called in messages and cache keys ("guests", a group).
        permissions: The group's global permissions; None for the key's own view, which
            the server decides per request.
        rules: The group's page rules.
        site_locale: The wiki's default locale: the locale of an asset address without one.
    """

    name: str
    permissions: frozenset[str] | None = None
    rules: tuple[PageRule, ...] = ()
    # The wiki's default locale: the locale of an asset address without one.
    site_locale: str = "en"

    @classmethod
    def key(cls) -> Audience:
        """The view of whoever the client authenticates as: the server decides every read.

        Returns:
            An audience that filters nothing on the client.
        """
        return cls("key")

    @classmethod
    def of_group(cls, group: Group, name: str, *, site_locale: str = "en") -> Audience:
        """The view of a group's members (Guest's group for anonymous visitors).

        Args:
            group: The group, as `client.groups.get(...)` returns it.
            name: What to call the audience ("guests", "group:Editors").
            site_locale: The wiki's default locale, for asset addresses without one.

        Returns:
            The audience that decides as the server does for that group.
        """
        rules = tuple(
            PageRule(
                rule.match,
                rule.path,
                frozenset(rule.roles),
                rule.deny,
                frozenset(rule.locales),
            )
            for rule in group.page_rules or ()
        )
        return cls(name, frozenset(group.permissions or ()), rules, site_locale)

    @property
    def is_key(self) -> bool:
        """Whether this is the key's own view (nothing is filtered on the client)."""
        return self.permissions is None

    @property
    def reads_pages(self) -> bool:
        """Whether any page can be read at all (a closed wiki: no)."""
        return self._global(READ_PAGES)

    @property
    def has_tag_rules(self) -> bool:
        """Whether a page's tags can change what this audience may do with it."""
        return any(rule.match == "TAG" for rule in self.rules)

    def _global(self, permission: str) -> bool:
        held = self.permissions
        return held is None or SYSTEM in held or permission in held

    def can(self, permission: str, path: str, locale: str, tags: Collection[str] = ()) -> bool:
        """Wiki.js's `checkAccess` of one permission on one page or asset address.

        Args:
            permission: The permission, e.g. "read:pages".
            path: The page's path (or the asset's address), without locale.
            locale: The locale of the page or address.
            tags: The page's tags, for tag rules.

        Returns:
            True when the audience holds the permission there.
        """
        if self.permissions is None or SYSTEM in self.permissions:
            return True
        if permission not in self.permissions:
            return False
        decision = _Decision()
        try:
            for rule in self.rules:
                if rule.applies(permission, locale) and rule.matches(path, tags):
                    decision = decision.after(rule)
        except _BrokenRule:
            return False
        return decision.allows

    def can_read_page(self, path: str, locale: str, tags: Collection[str] = ()) -> bool:
        """Whether the rules let this audience read a page (publish dates aside).

        Args:
            path: The page's path, without locale.
            locale: The page's locale.
            tags: The page's tags (tag rules match them).

        Returns:
            True when `read:pages` is granted there; see `can_view_page` for the dates.
        """
        return self.can(READ_PAGES, path, locale, tags)

    def needs_window(self, path: str, locale: str, tags: Collection[str] = ()) -> bool:
        """Whether the page's publish dates matter to this audience.

        Args:
            path: The page's path, without locale.
            locale: The page's locale.
            tags: The page's tags.

        Returns:
            False for whoever may write the page (they see it outside its window too).
        """
        return not self.can(WRITE_PAGES, path, locale, tags)

    def can_view_page(
        self,
        path: str,
        locale: str,
        tags: Collection[str],
        window: PublishWindow,
        now: datetime,
    ) -> bool:
        """Whether a page view would answer this audience with the page.

        Args:
            path: The page's path, without locale.
            locale: The page's locale.
            tags: The page's tags.
            window: The page's publish window.
            now: The time to decide at.

        Returns:
            True when the rules allow it and the window is open (or does not matter). Whether
            the page is published at all is the caller's to check.
        """
        if not self.can_read_page(path, locale, tags):
            return False
        return window.is_open(now) or not self.needs_window(path, locale, tags)

    def can_read_asset(self, folder_path: str | None, file_name: str) -> bool:
        """Whether this audience may download an asset.

        Args:
            folder_path: The asset's folder path (None or "" for the root folder).
            file_name: The asset's file name.

        Returns:
            True when `read:assets` is granted on the asset's address, read the way Wiki.js
            reads a request path (an optional locale segment first).
        """
        locale, path = self._asset_address(folder_path, file_name)
        return self.can(READ_ASSETS, path, locale)

    def _asset_address(self, folder_path: str | None, file_name: str) -> tuple[str, str]:
        segments = _segments((folder_path or "", file_name))
        locale = self.site_locale
        # Wiki.js drops a one-letter first segment, then takes a locale-like one as the locale.
        if segments and len(segments[0]) == 1:
            segments = segments[1:]
        if segments and _LOCALE_SEGMENT.fullmatch(segments[0]):
            locale, segments = segments[0], segments[1:]
        return locale, "/".join(segments)


def _segments(parts: Iterable[str]) -> list[str]:
    return [s for part in parts for s in part.split("/") if s.strip() and s not in (".", "..")]
