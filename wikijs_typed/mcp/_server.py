"""`build_server(client, settings)`: the MCP server over a Wiki.js client (MCP Python SDK 2.x).

Every tool answers with a typed result (its output schema) or a tool error of one sentence:
a refusal by the server's settings, or what the wiki or the client's checks refused. Reads are
marked read-only; writes carry the destructive hint where they remove or move something.
Tests connect to the returned server in-process (`mcp.Client(server)`).
"""

from __future__ import annotations

from collections.abc import Awaitable
from importlib import metadata
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
from mcp_types import ToolAnnotations
from pydantic import Field

from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.mcp._results import (
    PageDocument,
    QueryResult,
    SearchResult,
    TreeListing,
    VersionList,
    WriteReport,
)
from wikijs_typed.mcp._tools import Refusal, WikiTools

if TYPE_CHECKING:
    from wikijs_typed.client import AsyncWikiJSClient
    from wikijs_typed.mcp._settings import McpSettings

__all__ = ["build_server"]

T = TypeVar("T")

READ = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)
CREATE = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
CHANGE = ToolAnnotations(read_only_hint=False, destructive_hint=True, open_world_hint=False)
IDEMPOTENT_CHANGE = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=False
)

PageId = Annotated[int | None, Field(description="the page's id (or give path and locale)")]
PagePath = Annotated[str | None, Field(description="the page's path, e.g. docs/install")]
Locale = Annotated[str, Field(description="the page's locale")]
Tags = Annotated[list[str] | None, Field(description="the page's tags (replace the old ones)")]


async def _answer(call: Awaitable[T]) -> T:
    """The tool's result; a refusal or a failure as a tool error (its one-sentence reason)."""
    try:
        return await call
    except (Refusal, WikiJSError) as refusal:
        raise ToolError(str(refusal)) from None


def _version() -> str:
    try:
        return metadata.version("wikijs-typed")
    except metadata.PackageNotFoundError:
        return "0"


def build_server(client: AsyncWikiJSClient, settings: McpSettings) -> MCPServer:
    """Make the MCP server: tools and page resources over a client, as the settings allow.

    Reads (search, query, get) are always there; the write tools refuse unless the settings
    allow writes at the page's path. A Wiki.js failure reaches the assistant as a tool error.

    Args:
        client: The client the server reads and writes through, as its key's user; the
            caller closes it.
        settings: What the server allows.

    Returns:
        The server, to run on stdio (`run_stdio_async()`) or over HTTP.
    """
    wiki = WikiTools(client, settings)
    writes = (
        f"Writes are allowed under: {', '.join(str(p) for p in settings.write_prefixes)}."
        if settings.allow_writes
        else "Writes are off (the server was started without --allow-writes)."
    )
    server: MCPServer = MCPServer(
        "wikijs-typed",
        version=_version(),
        instructions=(
            "Read and search the pages of a Wiki.js wiki, as the user whose API key the server"
            f" holds. {writes} Long content is cut at {settings.max_content_chars} characters."
        ),
    )

    @server.tool(annotations=READ)
    async def search_pages(
        query: Annotated[str, Field(min_length=1, description="words to look for")],
        locale: Annotated[str | None, Field(description="only pages in this locale")] = None,
        limit: Annotated[int, Field(description="how many pages at most")] = 10,
    ) -> SearchResult:
        """Search published pages with the wiki's search engine, best match first."""
        return await _answer(wiki.search_pages(query, locale, limit))

    @server.tool(annotations=READ)
    async def get_page(
        page_id: PageId = None,
        path: PagePath = None,
        locale: Locale = "en",
        rendered_text: Annotated[
            bool, Field(description="also give the rendered page as plain text")
        ] = False,
    ) -> PageDocument:
        """One page with its content, tags and metadata (content cut at the server's limit)."""
        return await _answer(wiki.get_page(page_id, path, locale, rendered_text))

    @server.tool(annotations=READ)
    async def query_pages(
        filters: Annotated[
            dict[str, str] | None,
            Field(
                description="exact matches on page fields, as strings: e.g."
                ' {"tags": "guide,setup", "is_published": "true", "author_id": "1"}'
            ),
        ] = None,
        locale: Annotated[str | None, Field(description="only pages in this locale")] = None,
        child_of: Annotated[
            str | None, Field(description='pages directly below this path or id ("root": top)')
        ] = None,
        descendant_of: Annotated[
            str | None, Field(description="pages anywhere below this path or id")
        ] = None,
        search: Annotated[str | None, Field(description="words in title, description, path")] = (
            None
        ),
        search_operator: Annotated[
            Literal["and", "or"] | None, Field(description="all the words, or any")
        ] = None,
        order: Annotated[
            str | None, Field(description='e.g. "-updated_at,title" or "random"')
        ] = None,
        fields: Annotated[
            str | None,
            Field(description='Wagtail fields, e.g. "title,tags,content" or "*" or "_,path"'),
        ] = None,
        limit: Annotated[int, Field(description="items in this window")] = 20,
        offset: Annotated[int, Field(description="items to skip")] = 0,
    ) -> QueryResult:
        """Query pages with Wagtail API v2's grammar: filters, tree, search, order, fields, window.

        Answers the total count and the offset of the next window.
        """
        named = {
            "locale": locale,
            "search": search,
            "search_operator": search_operator,
            "order": order,
            "fields": fields,
            "limit": str(limit),
            "offset": str(offset),
        }
        params = {**(filters or {}), **{k: v for k, v in named.items() if v is not None}}
        tree = {"child_of": child_of, "descendant_of": descendant_of}
        targets = {relation: page for relation, page in tree.items() if page is not None}
        return await _answer(wiki.query_pages(params, targets))

    @server.tool(annotations=READ)
    async def list_tree(
        folder: Annotated[str, Field(description="the folder's path; empty for the top")] = "",
        locale: Annotated[str, Field(description="the locale of the tree")] = "en",
    ) -> TreeListing:
        """The pages and folders directly in a folder of the page tree."""
        return await _answer(wiki.list_tree(folder, locale))

    @server.tool(annotations=READ)
    async def page_history(
        page_id: PageId = None,
        path: PagePath = None,
        locale: Locale = "en",
        offset_page: Annotated[int, Field(ge=0, description="which window, from 0")] = 0,
        page_size: Annotated[int, Field(description="versions per window")] = 20,
    ) -> VersionList:
        """The earlier versions of a page, newest first."""
        return await _answer(wiki.page_history(page_id, path, locale, offset_page, page_size))

    @server.tool(annotations=CREATE)
    async def create_page(
        path: Annotated[str, Field(description="where the page goes, e.g. docs/install")],
        title: str,
        content: Annotated[str, Field(description="the page's Markdown")],
        locale: Locale = "en",
        description: str = "",
        tags: Annotated[list[str], Field(description="the page's tags")] = [],  # noqa: B006
        is_published: bool = True,
    ) -> WriteReport:
        """Create a page (only where the server allows writes)."""
        fields = {
            "path": path,
            "title": title,
            "content": content,
            "locale": locale,
            "description": description,
            "tags": tags,
            "is_published": is_published,
        }
        return await _answer(wiki.create_page(fields))

    @server.tool(annotations=IDEMPOTENT_CHANGE)
    async def update_page(
        page_id: PageId = None,
        path: PagePath = None,
        locale: Locale = "en",
        title: str | None = None,
        content: Annotated[str | None, Field(description="the new Markdown, whole")] = None,
        description: str | None = None,
        tags: Tags = None,
        is_published: bool | None = None,
    ) -> WriteReport:
        """Change the given fields of a page and keep the others (it stays where it is)."""
        given = {
            "title": title,
            "content": content,
            "description": description,
            "tags": tags,
            "is_published": is_published,
        }
        changes = {name: value for name, value in given.items() if value is not None}
        return await _answer(wiki.update_page(page_id, path, locale, changes))

    @server.tool(annotations=IDEMPOTENT_CHANGE)
    async def move_page(
        new_path: Annotated[str, Field(description="the page's new path")],
        page_id: PageId = None,
        path: PagePath = None,
        locale: Locale = "en",
        new_locale: Annotated[str | None, Field(description="default: the same locale")] = None,
    ) -> WriteReport:
        """Move one page to a new path (the pages below its old path stay where they are)."""
        return await _answer(wiki.move_page(page_id, path, locale, new_path, new_locale))

    @server.tool(annotations=CHANGE)
    async def delete_page(
        page_id: PageId = None, path: PagePath = None, locale: Locale = "en"
    ) -> WriteReport:
        """Delete one page (only that page; the pages below its path are kept)."""
        return await _answer(wiki.delete_page(page_id, path, locale))

    @server.resource(
        "wikijs://{locale}/{+path}",
        name="page",
        description="A wiki page's Markdown, e.g. wikijs://en/docs/install",
        mime_type="text/markdown",
    )
    async def page(locale: str, path: str) -> str:
        try:
            return await wiki.page_text(locale, path)
        except Refusal as refusal:
            raise ResourceNotFoundError(str(refusal)) from None
        except WikiJSError as error:
            raise ResourceError(str(error)) from None

    return server
