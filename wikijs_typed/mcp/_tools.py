"""What each MCP tool does, on the client's resources and the content query.

Nothing here knows the protocol: `server.py` registers these methods as tools. A refusal, or
anything the wiki or the client's own checks refuse, is raised as `Refusal` with one sentence
saying why; the server turns it into a tool error the assistant reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed.exceptions import NotFoundError
from wikijs_typed.mcp._results import (
    FolderEntry,
    PageDocument,
    PageRef,
    PageSummary,
    QueryResult,
    SearchResult,
    TreeListing,
    VersionEntry,
    VersionList,
    WriteReport,
)
from wikijs_typed.mcp._settings import WRITES_OFF
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._page import Page

if TYPE_CHECKING:
    from wikijs_typed.client import AsyncWikiJSClient
    from wikijs_typed.mcp._settings import McpSettings

__all__ = ["Refusal", "WikiTools"]

# Item fields of a query answer that hold a page's text: they share the content budget.
_TEXT_FIELDS = ("content", "render")


class Refusal(Exception):
    """A call the server will not carry out; the message is the one sentence saying why."""


class WikiTools:
    """The tools over one client, within one server's settings."""

    def __init__(self, client: AsyncWikiJSClient, settings: McpSettings) -> None:
        self._client = client
        self._settings = settings

    # Reads.

    async def search_pages(self, query: str, locale: str | None, limit: int) -> SearchResult:
        self._check_limit(limit)
        pages = await self._client.pages.search(query, limit=limit, locale=locale)
        return SearchResult(query=query, pages=[PageSummary.of(page) for page in pages])

    async def get_page(
        self, page_id: int | None, path: str | None, locale: str, rendered_text: bool
    ) -> PageDocument:
        page = await self._find(page_id, path, locale)
        content = page.content or ""
        shown, cut = _cut(content, self._settings.max_content_chars)
        text = None
        if rendered_text:
            text, text_cut = _cut(_plain_text(page.render or ""), self._settings.max_content_chars)
            cut = cut or text_cut
        note = None
        if cut:
            note = (
                f"cut at {self._settings.max_content_chars} characters (the server's"
                " --max-content-chars); the whole page is on the wiki"
            )
        return PageDocument.of(
            page,
            content=shown,
            content_chars=len(content),
            truncated=cut,
            rendered_text=text,
            note=note,
        )

    async def page_text(self, locale: str, path: str) -> str:
        """A page's content for an MCP resource, cut like `get_page`'s."""
        page = await self._find(None, path, locale)
        shown, cut = _cut(page.content or "", self._settings.max_content_chars)
        if cut:
            shown += f"\n\n[cut at {self._settings.max_content_chars} characters]"
        return shown

    async def query_pages(self, params: Mapping[str, str], tree: Mapping[str, str]) -> QueryResult:
        """Query pages from Wagtail's parameters and the tree targets.

        `tree` holds the child_of / descendant_of targets, which Wagtail takes only as ids and
        the query also as paths (a bare folder too) or root.
        """
        query = self._client.pages.query().max_limit(self._settings.max_results)
        query = query.from_params(dict(params))
        for relation, target in tree.items():
            query = getattr(query, relation)(_tree_target(target, relation))
        listing = await query.fetch()
        items = [item.to_wagtail() for item in listing.items]
        cut = _cut_items(items, self._settings.max_content_chars)
        offset = int(params.get("offset", "0"))
        end = offset + len(items)
        return QueryResult(
            total_count=listing.total_count,
            items=items,
            next_offset=end if end < listing.total_count else None,
            note=(
                f"content and render cut to {self._settings.max_content_chars} characters in all"
                " (the server's --max-content-chars): ask for fewer items or read pages one by one"
                if cut
                else None
            ),
        )

    async def list_tree(self, folder: str, locale: str) -> TreeListing:
        top = "" if folder.strip() in ("", "/") else rules.check_page_path(folder, "folder")
        below = (
            self._client.pages.query()
            .filter(locale=rules.check_locale(locale))
            .descendant_of(top or "root")
            .fields("_", "id", "title", "path")
        )
        pages: list[PageRef] = []
        folders: dict[str, FolderEntry] = {}
        async for item in below:
            relative = item.path[len(top) + 1 :] if top else item.path
            name, _, rest = relative.partition("/")
            child = f"{top}/{name}" if top else name
            if rest:
                entry = folders.setdefault(child, FolderEntry(path=child, pages=0, has_page=False))
                entry.pages += 1
            else:
                pages.append(PageRef(id=item.id, locale=locale, path=item.path, title=item.title))
        for page in pages:
            if page.path in folders:
                folders[page.path].has_page = True
        most = self._settings.max_results
        shown_folders = sorted(folders.values(), key=lambda entry: entry.path)
        note = None
        if len(pages) > most or len(shown_folders) > most:
            note = (
                f"{len(pages)} pages and {len(shown_folders)} folders here; the first {most} of"
                " each are shown (use query_pages with child_of to page through them)"
            )
        return TreeListing(
            locale=locale,
            folder=top,
            pages=pages[:most],
            folders=shown_folders[:most],
            note=note,
        )

    async def page_history(
        self, page_id: int | None, path: str | None, locale: str, offset_page: int, page_size: int
    ) -> VersionList:
        self._check_limit(page_size, "page_size")
        page = await self._find(page_id, path, locale)
        result = await self._client.graphql.page_history(
            id=page.id, offset_page=offset_page, offset_size=page_size
        )
        history = present(present(result.pages, "pages").history, "the page's history")
        versions = [
            VersionEntry(
                version_id=entry.version_id,
                version_date=entry.version_date.isoformat(),
                author_id=entry.author_id,
                author_name=entry.author_name,
                action=entry.action_type,
                value_before=entry.value_before,
                value_after=entry.value_after,
            )
            for entry in history.trail or []
            if entry is not None
        ]
        more = (offset_page + 1) * page_size < history.total
        return VersionList(
            page=PageRef.of(page),
            total=history.total,
            versions=versions,
            next_offset_page=offset_page + 1 if more else None,
        )

    # Writes: each is checked against the settings before anything is sent.

    async def create_page(self, fields: Mapping[str, Any]) -> WriteReport:
        locale = rules.check_locale(fields.get("locale", "en"))
        path = rules.check_page_path(fields.get("path"))
        self._check_write(locale, path)
        page = await self._client.pages.create({**fields, "locale": locale, "path": path})
        return WriteReport(action="created", page=PageRef.of(page), note="created one page")

    async def update_page(
        self, page_id: int | None, path: str | None, locale: str, changes: Mapping[str, Any]
    ) -> WriteReport:
        current = await self._writable(page_id, path, locale)
        if not changes:
            return WriteReport(
                action="unchanged", page=PageRef.of(current), note="no change was given"
            )
        page = await self._client.pages.update(current.id, dict(changes))
        return WriteReport(
            action="updated",
            page=PageRef.of(page),
            note="updated this page only; the fields not given were kept as they were",
        )

    async def move_page(
        self,
        page_id: int | None,
        path: str | None,
        locale: str,
        new_path: str,
        new_locale: str | None,
    ) -> WriteReport:
        current = await self._writable(page_id, path, locale)
        target_locale = rules.check_locale(new_locale or current.locale)
        target_path = rules.check_page_path(new_path, "new_path")
        self._check_write(target_locale, target_path)
        page = await self._client.pages.update(
            current.id, {"path": target_path, "locale": target_locale}
        )
        return WriteReport(
            action="moved",
            page=PageRef.of(page),
            moved_from=PageRef.of(current),
            note="moved this page only; pages below its old path stay where they are",
        )

    async def delete_page(self, page_id: int | None, path: str | None, locale: str) -> WriteReport:
        current = await self._writable(page_id, path, locale)
        await self._client.pages.delete(current.id)
        return WriteReport(
            action="deleted",
            page=PageRef.of(current),
            note="deleted this page only (with its comments); pages below its path are kept",
        )

    # Checks.

    def _check_limit(self, value: int, name: str = "limit") -> None:
        most = self._settings.max_results
        if not 1 <= value <= most:
            raise Refusal(f"{name} must be from 1 to {most} (the server's --max-results)")

    def _check_write(self, locale: str, path: str) -> None:
        refusal = self._settings.write_refusal(locale, path)
        if refusal is not None:
            raise Refusal(refusal)

    async def _find(self, page_id: int | None, path: str | None, locale: str) -> Page:
        if (page_id is None) == (path is None):
            raise Refusal("give the page's id or its path (with its locale), not both")
        try:
            if page_id is not None:
                return await self._client.pages.get(page_id)
            return await self._client.pages.get_by_path(path or "", locale)
        except NotFoundError:
            # Wiki.js's own words name no page ("This page does not exist.").
            where = f"with id {page_id}" if page_id is not None else f"at {locale}/{path}"
            raise Refusal(f"there is no page {where}") from None

    async def _writable(self, page_id: int | None, path: str | None, locale: str) -> Page:
        """Read the page as it is now on the wiki, and check that writes may touch it.

        Not from the cache: a cached state might place it where it no longer is.
        """
        self._check_writes_on()
        page_id = (await self._find(page_id, path, locale)).id
        result = await self._client.graphql.get_page(id=page_id, cache="network-only")
        page = Page.from_fields(found(present(result.pages, "pages").single, f"page {page_id}"))
        self._check_write(page.locale, page.path)
        return page

    def _check_writes_on(self) -> None:
        if not self._settings.allow_writes:
            raise Refusal(WRITES_OFF)


def _tree_target(target: str, relation: str) -> int | str:
    """A page id, `root`, or a path normalized as page paths are (no `..`, no `.`)."""
    if target.isdigit():
        return int(target)
    return target if target == "root" else rules.check_page_path(target, relation)


def _cut(text: str, most: int) -> tuple[str, bool]:
    return (text, False) if len(text) <= most else (text[:most], True)


def _cut_items(items: list[dict[str, Any]], budget: int) -> bool:
    """Cut the items' content and render to at most `budget` characters in all.

    Returns whether anything was cut.
    """
    cut = False
    for item in items:
        for name in _TEXT_FIELDS:
            value = item.get(name)
            if isinstance(value, str):
                item[name], was_cut = _cut(value, budget)
                budget -= len(item[name])
                cut = cut or was_cut
    return cut


class _TextOf(HTMLParser):
    """The text of rendered HTML: tags dropped, one line per block, scripts and styles out."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})
    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _plain_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
