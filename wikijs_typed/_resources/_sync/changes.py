# Made from ../_async/changes.py by `python -m tools.sync_twins`: do not edit.
"""`client.changes(since=token)`: what changed on the wiki since a token (see feed/changes.py).

The requests bypass the cache (they are asked to find out what the cache no longer knows) and
are sent through the client's engine, so they get its auth, retries and timeouts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.operation import CallOptions, GraphQLRequest, GraphQLResult
from wikijs_typed.exceptions import APIError, GraphQLError, GraphQLErrorDetail, ValidationError
from wikijs_typed.feed._changes import (
    DEFAULT_LIMIT,
    DEFAULT_OVERLAP,
    ROOT_FOLDER,
    AssetChange,
    ChangeSet,
    FeedState,
    ListedPage,
    asset_changes,
    assets_document,
    group_changes,
    listed_groups,
    listed_ids,
    listed_pages,
    next_mark,
    page_changes,
    pages_document,
    read_asset_level,
    recent_is_complete,
)

__all__ = ["ChangeFeed"]

_NO_CACHE = CallOptions(cache="no-cache")


class ChangeFeed:
    def __init__(self, engine: SyncEngine) -> None:
        self._engine = engine

    def read(
        self,
        since: str | None = None,
        *,
        assets: bool = True,
        limit: int = DEFAULT_LIMIT,
        overlap: float = DEFAULT_OVERLAP,
    ) -> ChangeSet:
        if limit < 1:
            raise ValidationError("limit must be at least 1", field="limit")
        state = FeedState.from_token(since) if since is not None else None
        # Room for the edits already seen in the overlap window, and `limit` new rows.
        rows = None if state is None else limit + state.window_rows
        data = self._ask(pages_document(rows, assets=assets))
        pages = _part(data, "pages")
        recent = listed_pages(pages.get("recent"))
        existing = listed_ids(pages.get("ids")) if state is not None else {p.id for p in recent}
        found = None
        if state is None or recent_is_complete(state, recent, rows or limit):
            found = page_changes(state, recent, existing)
        if found is None:
            # More than `limit` pages changed, or one was created that the latest edits do
            # not hold (a late commit): the whole listing, in one more request.
            recent, existing = self._all_pages()
            found = page_changes(state, recent, existing)
        if found is None:  # pragma: no cover - the full listing holds every id it names
            raise APIError("the page listing and the id listing disagree")
        changes, locations = found
        window = next_mark(state, recent, overlap)
        groups_now = _groups(data, state)
        asset_map = self._assets(_part(data, "assets")) if assets else None
        asset_list: list[AssetChange] = []
        if asset_map is not None:
            asset_list = asset_changes(None if state is None else state.assets, asset_map)
        after = replace(window, pages=locations, groups=groups_now, assets=asset_map)
        return ChangeSet(
            pages=tuple(changes),
            assets=tuple(asset_list),
            groups=group_changes(None if state is None else state.groups, groups_now),
            token=after.to_token(),
            initial=state is None,
            assets_followed=assets,
        )

    def _ask(self, document: str) -> dict[str, object]:
        name = document.split()[1]  # "query WikiChanges { ..."
        request = GraphQLRequest(document, name, {}, None, _NO_CACHE)
        result = self._engine.execute(request)
        return _data(result)

    def _all_pages(self) -> tuple[list[ListedPage], set[int]]:
        data = self._ask(pages_document(None, assets=False))
        recent = listed_pages(_part(data, "pages").get("recent"))
        return recent, {page.id for page in recent}

    def _assets(self, root: Mapping[str, object]) -> dict[int, tuple[str, str]]:
        """Every asset: the root folder came with the pages; one request per deeper level."""
        folders: dict[int, str] = {ROOT_FOLDER: ""}
        level = read_asset_level(root, folders)
        found = dict(level.assets)
        while level.subfolders:
            folders = level.subfolders
            answer = self._ask(assets_document(list(folders)))
            level = read_asset_level(_part(answer, "assets"), folders)
            found.update(level.assets)
        return found


def _data(result: GraphQLResult) -> dict[str, object]:
    """The answer's data, or GraphQLError for any error but the groups'.

    The groups are best effort (a key that may not read them still follows pages and
    assets); any other error is raised: a listing read in part would look like deletes.
    """
    fatal = [e for e in result.errors if _top_field(e) != "groups"]
    if result.data is None or fatal:
        details = [GraphQLErrorDetail.from_json(e) for e in fatal or result.errors]
        raise GraphQLError(details, result.data)
    return result.data


def _part(data: Mapping[str, object], name: str) -> dict[str, object]:
    """One top-level field of an answer; an empty one when it is missing or not an object."""
    part = data.get(name)
    return part if isinstance(part, dict) else {}


def _top_field(error: Mapping[str, object]) -> object:
    path = error.get("path")
    return path[0] if isinstance(path, list) and path else None


def _groups(data: dict[str, object], state: FeedState | None) -> dict[int, str]:
    """The groups now; the ones known before when they could not be read."""
    listed = _part(data, "groups").get("list")
    if listed is None:
        return {} if state is None else dict(state.groups)
    return listed_groups(listed)
