"""What changed on a wiki since a point, worked out without I/O.

Pages created, updated, moved or deleted; assets added, replaced or deleted; groups whose rules
changed. The reading is `client.changes()` (`wikijs_typed._resources._async.changes`); this
module is the part without I/O: the questions to ask Wiki.js, and how two answers differ.

Wiki.js 2.5 sends no events. What it does give:
- `pages.list(orderBy: UPDATED, orderByDirection: DESC, limit: N)`: the latest edits first;
  an edit, a move, a publish switch and a restore all set the page's `updatedAt`;
- `pages.list { id }`: the ids that exist now, so deletes (which leave no row) show;
- `groups.list { id updatedAt }` and, per asset folder, `assets.list { id updatedAt }`.
All of it is asked in one request when the asset folders are one level deep (one more request
per deeper level), and the pages part needs a second request only when more than `limit`
pages changed within one poll.

The token carries what the next call compares with: every page's id, locale and path (for the
old path of a move or a delete), the newest `updatedAt` seen and every (id, updatedAt) seen in
the overlap window before it, the assets and the groups. Only the server's timestamps are
compared, never this machine's clock; the overlap window covers a server clock stepping back
(or a transaction committed late) by up to `overlap` seconds. Two edits with the same
timestamp are both reported (the seen set is per page), and none is reported twice. One
limit: a page edited twice within the same tick of the database's clock (a second, on
databases that keep only seconds) shows once: the second edit leaves `updatedAt` unchanged.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from wikijs_typed.exceptions import ValidationError

__all__ = [
    "AssetChange",
    "ChangeSet",
    "FeedState",
    "PageChange",
]

DEFAULT_LIMIT = 50
DEFAULT_OVERLAP = 120.0
ROOT_FOLDER = 0
_TOKEN_VERSION = 1

PageKind = Literal["created", "updated", "moved", "deleted"]
AssetKind = Literal["added", "replaced", "deleted"]


@dataclass(frozen=True, slots=True)
class PageChange:
    """One page that changed.

    Attributes:
        kind: "created", "updated", "moved" or "deleted".
        locale: The page's locale now (its last one, for a delete).
        path: The page's path now (its last one, for a delete).
        updated_at: The server's timestamp of the change, as Wiki.js gives it; None for a
            delete, which leaves none.
        previous_locale: Where a moved page was: its locale before the move.
        previous_path: Where a moved page was: its path before the move.
    """

    kind: PageKind
    id: int
    locale: str
    path: str
    updated_at: str | None = None
    previous_locale: str | None = None
    previous_path: str | None = None


@dataclass(frozen=True, slots=True)
class AssetChange:
    """One asset that changed.

    Attributes:
        kind: "added", "replaced" (uploaded again under its name) or "deleted".
        path: `folder/sub/filename`, the path Wiki.js serves it at.
        updated_at: The server's timestamp of the change; None for a delete.
    """

    kind: AssetKind
    id: int
    path: str
    updated_at: str | None = None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What changed since the token given to `changes()`, and the token to give next time.

    A change set is true when anything changed.

    Attributes:
        pages: The pages that changed, one entry per page.
        assets: The assets that changed, one entry per asset.
        groups: The ids of groups created, updated (their page rules, permissions) or deleted.
        token: What to pass as `since` next time; opaque, and holds no secret.
        initial: No token was given, so every page and asset is reported (as created/added).
        assets_followed: False when the call was asked not to read assets.
    """

    pages: tuple[PageChange, ...]
    assets: tuple[AssetChange, ...]
    groups: tuple[int, ...]
    token: str
    initial: bool = False
    assets_followed: bool = True

    def __bool__(self) -> bool:
        return bool(self.pages or self.assets or self.groups)

    def pages_of(self, kind: PageKind) -> tuple[PageChange, ...]:
        """Pick the page changes of one kind.

        Args:
            kind: "created", "updated", "moved" or "deleted".

        Returns:
            Those changes, in the set's order.
        """
        return tuple(change for change in self.pages if change.kind == kind)

    def assets_of(self, kind: AssetKind) -> tuple[AssetChange, ...]:
        """Pick the asset changes of one kind.

        Args:
            kind: "added", "replaced" or "deleted".

        Returns:
            Those changes, in the set's order.
        """
        return tuple(change for change in self.assets if change.kind == kind)

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{kind}={len(self.pages_of(kind))}"
            for kind in ("created", "updated", "moved", "deleted")
        )
        return (
            f"ChangeSet({counts}, assets={len(self.assets)}, groups={len(self.groups)},"
            f" initial={self.initial})"
        )


# -- the questions ---------------------------------------------------------------------------

_PAGE_FIELDS = "id locale path updatedAt tags"


def pages_document(limit: int | None, *, assets: bool) -> str:
    """Ask, in one document, for the pages, the ids that exist, the groups and the root folder.

    The pages are the latest `limit` edits, or all of them when `limit` is None.
    """
    if limit is None:
        recent = f"recent: list(orderBy: UPDATED, orderByDirection: DESC) {{ {_PAGE_FIELDS} }}"
        ids = ""  # the full listing is the id set
    else:
        recent = (
            f"recent: list(orderBy: UPDATED, orderByDirection: DESC, limit: {int(limit)})"
            f" {{ {_PAGE_FIELDS} }}"
        )
        ids = "ids: list(orderBy: ID) { id }"
    root = f" assets {{ {_asset_fields(ROOT_FOLDER)} }}" if assets else ""
    return (
        f"query WikiChanges {{ pages {{ {recent} {ids} }}"
        f" groups {{ list {{ id updatedAt }} }}{root} }}"
    )


def assets_document(folder_ids: Sequence[int]) -> str:
    """Every asset and every subfolder of `folder_ids` (one level of the folder tree)."""
    parts = " ".join(_asset_fields(folder) for folder in folder_ids)
    return f"query WikiAssetChanges {{ assets {{ {parts} }} }}"


def _asset_fields(folder: int) -> str:
    return (
        f"a{folder}: list(folderId: {folder}, kind: ALL) {{ id filename updatedAt }}"
        f" f{folder}: folders(parentFolderId: {folder}) {{ id slug }}"
    )


# -- what the answers say --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListedPage:
    id: int
    locale: str
    path: str
    updated_at: str
    # Rows this page took in a LIMIT that counts page x tag rows (one when it has no tags).
    rows: int = 1


def listed_pages(items: object) -> list[ListedPage]:
    return [
        ListedPage(
            id=page_id,
            locale=str(item.get("locale") or ""),
            path=str(item.get("path") or ""),
            updated_at=str(item.get("updatedAt") or ""),
            rows=_rows(item.get("tags")),
        )
        for page_id, item in _with_ids(items)
    ]


def _rows(tags: object) -> int:
    return max(1, len(tags)) if isinstance(tags, list) else 1


def listed_ids(items: object) -> set[int]:
    return {item_id for item_id, _item in _with_ids(items)}


def listed_groups(items: object) -> dict[int, str]:
    return {group_id: str(item.get("updatedAt") or "") for group_id, item in _with_ids(items)}


@dataclass(frozen=True, slots=True)
class AssetLevel:
    """One level of the folder walk: its assets, and the folders one level down."""

    assets: dict[int, tuple[str, str]]
    subfolders: dict[int, str]


def read_asset_level(data: Mapping[str, object], folders: Mapping[int, str]) -> AssetLevel:
    """Read one level of asset folders from an answer.

    `data` is the `assets` part of the answer; `folders` maps the id of each folder asked
    about to its path (ROOT_FOLDER to "").
    """
    assets: dict[int, tuple[str, str]] = {}
    subfolders: dict[int, str] = {}
    for folder, folder_path in folders.items():
        for asset_id, item in _with_ids(data.get(f"a{folder}")):
            path = f"{folder_path}/{item.get('filename')}".lstrip("/")
            assets[asset_id] = (path, str(item.get("updatedAt") or ""))
        for folder_id, item in _with_ids(data.get(f"f{folder}")):
            subfolders[folder_id] = f"{folder_path}/{item.get('slug')}".lstrip("/")
    return AssetLevel(assets, subfolders)


def _with_ids(node: object) -> list[tuple[int, dict[str, object]]]:
    items = node if isinstance(node, list) else []
    return [
        (item["id"], item)
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), int)
    ]


# -- the state a token carries ---------------------------------------------------------------


def _instant(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


@dataclass(frozen=True)
class FeedState:
    """What one call saw, for the next call to compare with (the token's content)."""

    pages: dict[int, tuple[str, str]]  # id -> (locale, path)
    mark: str | None  # the newest updatedAt seen, as the server wrote it
    seen: frozenset[tuple[int, str]]  # (id, updatedAt) seen within the overlap window
    groups: dict[int, str]  # id -> updatedAt
    # The page x tag rows the seen edits took in the listing: the next listing's LIMIT adds
    # them, so that edits already seen do not crowd out new ones.
    window_rows: int = 0
    assets: dict[int, tuple[str, str]] | None = None  # id -> (path, updatedAt); None: not read
    overlap: float = DEFAULT_OVERLAP

    def window_start(self) -> datetime | None:
        if self.mark is None:
            return None
        return _instant(self.mark) - timedelta(seconds=self.overlap)

    def to_token(self) -> str:
        body = {
            "v": _TOKEN_VERSION,
            "p": [
                [page_id, locale, path] for page_id, (locale, path) in sorted(self.pages.items())
            ],
            "m": self.mark,
            "s": sorted([page_id, stamp] for page_id, stamp in self.seen),
            "r": self.window_rows,
            "g": sorted([group_id, stamp] for group_id, stamp in self.groups.items()),
            "a": None
            if self.assets is None
            else [
                [asset_id, path, stamp] for asset_id, (path, stamp) in sorted(self.assets.items())
            ],
            "o": self.overlap,
        }
        packed = zlib.compress(json.dumps(body, separators=(",", ":")).encode(), 9)
        return base64.urlsafe_b64encode(packed).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> FeedState:
        try:
            padded = token + "=" * (-len(token) % 4)
            body = json.loads(zlib.decompress(base64.urlsafe_b64decode(padded)))
            if body.get("v") != _TOKEN_VERSION:
                raise ValueError("unknown version")
            assets = body.get("a")
            return cls(
                pages={int(i): (str(loc), str(path)) for i, loc, path in body["p"]},
                mark=body["m"],
                seen=frozenset((int(i), str(stamp)) for i, stamp in body["s"]),
                window_rows=int(body["r"]),
                groups={int(i): str(stamp) for i, stamp in body["g"]},
                assets=None
                if assets is None
                else {int(i): (str(path), str(stamp)) for i, path, stamp in assets},
                overlap=float(body["o"]),
            )
        except (ValueError, TypeError, KeyError, zlib.error) as exc:
            raise ValidationError(
                "not a change token made by changes() of this version", field="since"
            ) from exc


# -- comparing -------------------------------------------------------------------------------


def recent_is_complete(state: FeedState, recent: Sequence[ListedPage], limit: int) -> bool:
    """Tell whether a `limit`ed listing holds every page edited since the window start.

    It does when it reached a page edited before it, or ended before the limit (the limit
    counts page x tag rows, so fewer pages than `limit` alone says nothing).
    """
    if sum(page.rows for page in recent) < limit:
        return True
    start = state.window_start()
    return start is not None and bool(recent) and _instant(recent[-1].updated_at) < start


def page_changes(
    state: FeedState | None, recent: Sequence[ListedPage], existing: set[int]
) -> tuple[list[PageChange], dict[int, tuple[str, str]]] | None:
    """Compare the pages with the state: the page changes, and the new id -> (locale, path) map.

    None when a page was created that `recent` does not hold: then ask again for the whole
    listing.
    """
    before = {} if state is None else state.pages
    start = None if state is None else state.window_start()
    seen = frozenset() if state is None else state.seen
    listed = {page.id: page for page in recent}
    if any(page_id not in before and page_id not in listed for page_id in existing):
        return None
    after = {page_id: before[page_id] for page_id in existing if page_id in before}
    changes: list[PageChange] = []
    for page in recent:
        if page.id not in existing:
            continue  # deleted between the two listings of one request: reported below
        after[page.id] = (page.locale, page.path)
        known = (page.id, page.updated_at) in seen
        too_old = start is not None and _instant(page.updated_at) < start
        moved = before.get(page.id, (page.locale, page.path)) != (page.locale, page.path)
        if page.id in before and (known or too_old) and not moved:
            continue
        changes.append(_page_change(page, before.get(page.id)))
    changes.extend(
        PageChange("deleted", page_id, locale, path)
        for page_id, (locale, path) in sorted(before.items())
        if page_id not in existing
    )
    return changes, after


def _page_change(page: ListedPage, before: tuple[str, str] | None) -> PageChange:
    if before is None:
        return PageChange("created", page.id, page.locale, page.path, page.updated_at)
    if before != (page.locale, page.path):
        return PageChange(
            "moved", page.id, page.locale, page.path, page.updated_at, before[0], before[1]
        )
    return PageChange("updated", page.id, page.locale, page.path, page.updated_at)


def next_mark(state: FeedState | None, recent: Sequence[ListedPage], overlap: float) -> FeedState:
    """Mark the newest timestamp seen so far, the server's (never this machine's).

    The mark keeps every (id, updatedAt) within the overlap window before it; pages and
    assets are still to fill in.
    """
    stamps = [page.updated_at for page in recent if page.updated_at]
    if state is not None and state.mark:
        stamps.append(state.mark)
    if not stamps:
        return FeedState({}, None, frozenset(), {}, overlap=overlap)
    mark = max(stamps, key=_instant)
    start = _instant(mark) - timedelta(seconds=overlap)
    window = [p for p in recent if p.updated_at and _instant(p.updated_at) >= start]
    seen = frozenset((page.id, page.updated_at) for page in window)
    rows = sum(page.rows for page in window)
    return FeedState({}, mark, seen, {}, window_rows=rows, overlap=overlap)


def group_changes(before: Mapping[int, str] | None, after: Mapping[int, str]) -> tuple[int, ...]:
    if before is None:
        return ()
    ids = set(before) | set(after)
    return tuple(sorted(i for i in ids if before.get(i) != after.get(i)))


def asset_changes(
    before: Mapping[int, tuple[str, str]] | None, after: Mapping[int, tuple[str, str]]
) -> list[AssetChange]:
    before = before or {}
    changes = []
    for asset_id, (path, stamp) in sorted(after.items()):
        old = before.get(asset_id)
        if old is None:
            changes.append(AssetChange("added", asset_id, path, stamp))
        elif old != (path, stamp):
            changes.append(AssetChange("replaced", asset_id, path, stamp))
    changes.extend(
        AssetChange("deleted", asset_id, path)
        for asset_id, (path, _stamp) in sorted(before.items())
        if asset_id not in after
    )
    return changes
