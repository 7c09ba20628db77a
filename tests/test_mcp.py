"""`wikijs_typed.mcp`: every tool, every refusal and bad input, through the MCP SDK's own
client connected in-process to `build_server`, over the emulator."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio

pytest.importorskip("mcp")  # the `mcp` extra (part of `dev`)

from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp_types import CallToolResult, TextContent

from wikijs_typed.cache import MemoryCache
from wikijs_typed.client import AsyncWikiJSClient
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.mcp import McpSettings, WritePrefix, build_server
from wikijs_typed.testing._emulator import WikiJSEmulator

WRITE_TOOLS = ("create_page", "update_page", "move_page", "delete_page")
READ_TOOLS = ("search_pages", "get_page", "query_pages", "list_tree", "page_history")


@pytest.fixture
def wiki() -> WikiJSEmulator:
    emulator = WikiJSEmulator()
    emulator.wiki.db.locales = ("en", "fr")
    emulator.seed_page("docs/install", "Install guide", "# Install\n\nRun **it**.", tags=["guide"])
    emulator.seed_page("docs/usage", "Usage", tags=["guide"])
    emulator.seed_page("docs/advanced/tuning", "Tuning")  # docs/advanced has no page
    emulator.seed_page("docs/drafts/idea", "Idea")
    emulator.seed_page("secret/plans", "Plans")
    emulator.seed_page("docs/install", "Installer (fr)", locale="fr")
    return emulator


@pytest_asyncio.fixture
async def client(wiki: WikiJSEmulator) -> AsyncIterator[AsyncWikiJSClient]:
    async with AsyncWikiJSClient(
        wiki.base_url, wiki.api_key, cache=MemoryCache(), transport=wiki.async_transport()
    ) as made:
        yield made


@pytest.fixture
def connect(client: AsyncWikiJSClient) -> Callable[..., Client]:
    """An MCP client session to a server with the given settings (default: read-only)."""

    def session(**settings: Any) -> Client:
        return Client(build_server(client, McpSettings.of(**settings)))

    return session


def text_of(result: CallToolResult) -> str:
    return " ".join(part.text for part in result.content if isinstance(part, TextContent))


async def ok(mcp: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await mcp.call_tool(tool, arguments)
    assert not result.is_error, text_of(result)
    assert result.structured_content is not None
    return result.structured_content


async def refused(mcp: Client, tool: str, **arguments: Any) -> str:
    """The tool error's text. Refusals are one sentence; arguments that break the input
    schema get the SDK's own report (pydantic's, over several lines)."""
    result = await mcp.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    message = text_of(result)
    assert "Traceback" not in message
    return message


async def refused_in_one_line(mcp: Client, tool: str, **arguments: Any) -> str:
    message = await refused(mcp, tool, **arguments)
    assert "\n" not in message
    return message


def paths(wiki: WikiJSEmulator) -> set[str]:
    return {f"{page.locale}/{page.path}" for page in wiki.wiki.db.pages.by_id()}


# The tools as an assistant sees them.


@pytest.mark.asyncio
async def test_every_tool_has_schemas_and_the_right_hints(connect: Callable[..., Client]) -> None:
    async with connect() as mcp:
        tools = {tool.name: tool for tool in (await mcp.list_tools()).tools}
    assert set(tools) == {*READ_TOOLS, *WRITE_TOOLS}
    for tool in tools.values():
        assert tool.input_schema["type"] == "object"
        assert tool.output_schema is not None, tool.name
        assert tool.annotations is not None
    for name in READ_TOOLS:
        assert tools[name].annotations.read_only_hint is True  # type: ignore[union-attr]
    for name in WRITE_TOOLS:
        assert tools[name].annotations.read_only_hint is False  # type: ignore[union-attr]
    assert tools["delete_page"].annotations.destructive_hint is True  # type: ignore[union-attr]
    assert tools["move_page"].annotations.destructive_hint is True  # type: ignore[union-attr]
    assert tools["create_page"].annotations.destructive_hint is False  # type: ignore[union-attr]
    assert tools["get_page"].input_schema["properties"]["page_id"]["anyOf"][0]["type"] == "integer"


# Reads.


@pytest.mark.asyncio
async def test_search_pages_answers_pages_with_integer_ids(connect: Callable[..., Client]) -> None:
    async with connect() as mcp:
        found = await ok(mcp, "search_pages", query="install", locale="en")
    assert [(page["id"], page["path"]) for page in found["pages"]] == [(1, "docs/install")]
    assert found["pages"][0]["tags"] == ["guide"]


@pytest.mark.asyncio
async def test_get_page_by_id_or_path_with_content_and_rendered_text(
    connect: Callable[..., Client],
) -> None:
    async with connect() as mcp:
        by_id = await ok(mcp, "get_page", page_id=1)
        by_path = await ok(mcp, "get_page", path="/docs/install/", rendered_text=True)
        french = await ok(mcp, "get_page", path="docs/install", locale="fr")
    assert by_id["content"] == "# Install\n\nRun **it**."
    assert by_id["rendered_text"] is None
    assert by_id["truncated"] is False
    assert by_path["id"] == 1
    assert by_path["tags"] == ["guide"]
    assert "Run it." in by_path["rendered_text"]
    assert "<" not in by_path["rendered_text"]
    assert french["title"] == "Installer (fr)"


@pytest.mark.asyncio
async def test_long_content_is_cut_with_a_note(
    wiki: WikiJSEmulator, connect: Callable[..., Client]
) -> None:
    wiki.seed_page("docs/long", "Long", "x" * 5000)
    async with connect(max_content_chars=1000) as mcp:
        page = await ok(mcp, "get_page", path="docs/long")
        listing = await ok(mcp, "query_pages", descendant_of="docs", fields="content", limit=10)
    assert len(page["content"]) == 1000
    assert page["content_chars"] == 5000
    assert page["truncated"] is True
    assert "1000 characters" in page["note"]
    shown = sum(len(item.get("content", "")) for item in listing["items"])
    assert shown <= 1000
    assert "cut" in listing["note"]


@pytest.mark.asyncio
async def test_query_pages_takes_paths_and_answers_the_total_and_next_offset(
    connect: Callable[..., Client],
) -> None:
    async with connect() as mcp:
        first = await ok(
            mcp, "query_pages", descendant_of="docs", locale="en", order="path", limit=2
        )
        last = await ok(
            mcp, "query_pages", descendant_of="docs", locale="en", order="path", limit=2, offset=2
        )
        tagged = await ok(mcp, "query_pages", filters={"tags": "guide"}, locale="en")
        children = await ok(mcp, "query_pages", child_of="docs/advanced", fields="path")
    assert first["total_count"] == 4
    assert first["next_offset"] == 2
    assert [item["id"] for item in first["items"]] == [3, 4]  # advanced/tuning, drafts/idea
    assert last["next_offset"] is None
    assert len(last["items"]) == 2
    assert {item["id"] for item in tagged["items"]} == {1, 2}
    assert [item["path"] for item in children["items"]] == ["docs/advanced/tuning"]


@pytest.mark.asyncio
async def test_list_tree_shows_pages_and_folders_even_without_a_page(
    connect: Callable[..., Client],
) -> None:
    async with connect() as mcp:
        docs = await ok(mcp, "list_tree", folder="docs")
        top = await ok(mcp, "list_tree")
    assert [page["path"] for page in docs["pages"]] == ["docs/install", "docs/usage"]
    assert docs["folders"] == [
        {"path": "docs/advanced", "pages": 1, "has_page": False},
        {"path": "docs/drafts", "pages": 1, "has_page": False},
    ]
    assert top["pages"] == []
    assert [f["path"] for f in top["folders"]] == ["docs", "secret"]


@pytest.mark.asyncio
async def test_list_tree_shows_at_most_max_results_of_each_and_says_so(
    connect: Callable[..., Client],
) -> None:
    async with connect(max_results=1) as mcp:
        docs = await ok(mcp, "list_tree", folder="docs")
    assert [page["path"] for page in docs["pages"]] == ["docs/install"]
    assert [folder["path"] for folder in docs["folders"]] == ["docs/advanced"]
    assert docs["note"].startswith("2 pages and 2 folders here; the first 1 of each are shown")


@pytest.mark.asyncio
async def test_page_history_lists_the_versions_newest_first(
    connect: Callable[..., Client],
) -> None:
    async with connect(allow_writes=True, write_paths=["docs"]) as mcp:
        await ok(mcp, "update_page", page_id=1, content="v2")
        await ok(mcp, "update_page", page_id=1, content="v3")
        history = await ok(mcp, "page_history", path="docs/install")
        window = await ok(mcp, "page_history", page_id=1, page_size=1)
    assert history["page"]["id"] == 1
    assert history["total"] == 2
    ids = [version["version_id"] for version in history["versions"]]
    assert ids == sorted(ids, reverse=True)
    assert len(window["versions"]) == 1
    assert window["next_offset_page"] == 1


@pytest.mark.asyncio
async def test_a_page_is_a_resource_an_assistant_can_attach(
    connect: Callable[..., Client],
) -> None:
    async with connect() as mcp:
        templates = (await mcp.list_resource_templates()).resource_templates
        read = await mcp.read_resource("wikijs://en/docs/install")
        with pytest.raises(MCPError, match="there is no page at en/docs/nothing"):
            await mcp.read_resource("wikijs://en/docs/nothing")
        with pytest.raises(MCPError, match=r"must not contain '\.'"):
            await mcp.read_resource("wikijs://en/docs/../secret/plans")
    assert [t.uri_template for t in templates] == ["wikijs://{locale}/{+path}"]
    assert read.contents[0].text == "# Install\n\nRun **it**."  # type: ignore[union-attr]


# Bad input.


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("tool", "arguments", "reason"),
    [
        ("get_page", {"path": "docs/nothing"}, "there is no page at en/docs/nothing"),
        ("get_page", {"page_id": 999}, "there is no page with id 999"),
        ("get_page", {}, "give the page's id or its path"),
        ("get_page", {"page_id": 1, "path": "docs/install"}, "not both"),
        ("get_page", {"path": "docs/../secret/plans"}, "must not contain '.'"),
        ("get_page", {"page_id": "one"}, "page_id"),
        ("search_pages", {"query": "x", "limit": 10_000}, "limit must be from 1 to 50"),
        ("search_pages", {"query": "x", "limit": 0}, "limit must be from 1 to 50"),
        ("search_pages", {"query": ""}, "query"),
        ("search_pages", {"query": ["a"]}, "query"),
        ("query_pages", {"limit": 10_000}, "limit cannot be higher than 50"),
        ("query_pages", {"limit": -1}, "limit"),
        ("query_pages", {"filters": {"colour": "red"}}, "colour"),
        ("query_pages", {"child_of": "docs/../secret"}, "child_of must not contain '.'"),
        ("query_pages", {"order": "nonsense"}, "nonsense"),
        ("list_tree", {"folder": "docs/.."}, "must not contain '.'"),
        ("page_history", {"page_id": 1, "page_size": 1000}, "page_size must be from 1 to 50"),
        ("page_history", {"page_id": 999}, "there is no page with id 999"),
        ("page_history", {"page_id": 1, "offset_page": -1}, "offset_page"),
    ],
)
async def test_bad_input_is_a_tool_error_saying_why(
    connect: Callable[..., Client], tool: str, arguments: dict[str, Any], reason: str
) -> None:
    async with connect() as mcp:
        assert reason in await refused(mcp, tool, **arguments)


# Writes: off by default, then only under the given prefixes.


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("create_page", {"path": "docs/new", "title": "New", "content": "x"}),
        ("update_page", {"page_id": 1, "content": "gone"}),
        ("move_page", {"page_id": 1, "new_path": "docs/moved"}),
        ("delete_page", {"page_id": 1}),
    ],
)
async def test_writes_are_refused_unless_allowed(
    wiki: WikiJSEmulator, connect: Callable[..., Client], tool: str, arguments: dict[str, Any]
) -> None:
    before = paths(wiki)
    async with connect() as mcp:
        message = await refused_in_one_line(mcp, tool, **arguments)
        page = await ok(mcp, "get_page", page_id=1)
    assert message.endswith("writes are off: the server was started without --allow-writes")
    assert paths(wiki) == before
    assert page["content"] == "# Install\n\nRun **it**."


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("tool", "arguments", "where"),
    [
        ("create_page", {"path": "secret/new", "title": "N", "content": "x"}, "en/secret/new"),
        ("create_page", {"path": "docs/drafts-old/x", "title": "N", "content": "x"}, "drafts-old"),
        (
            "create_page",
            {"path": "docs/drafts/x", "locale": "fr", "title": "N", "content": "x"},
            "fr/docs/drafts/x",
        ),
        ("update_page", {"path": "secret/plans", "content": "x"}, "en/secret/plans"),
        ("update_page", {"page_id": 1, "content": "x"}, "en/docs/install"),
        ("move_page", {"path": "docs/drafts/idea", "new_path": "secret/idea"}, "en/secret/idea"),
        ("move_page", {"path": "secret/plans", "new_path": "docs/drafts/plans"}, "secret/plans"),
        ("delete_page", {"path": "docs/usage"}, "en/docs/usage"),
    ],
)
async def test_writes_outside_the_write_paths_are_refused(
    wiki: WikiJSEmulator,
    connect: Callable[..., Client],
    tool: str,
    arguments: dict[str, Any],
    where: str,
) -> None:
    before = paths(wiki)
    async with connect(allow_writes=True, write_paths=["en/docs/drafts"]) as mcp:
        message = await refused_in_one_line(mcp, tool, **arguments)
    assert where in message
    assert "outside the paths this server may write" in message
    assert paths(wiki) == before


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path", ["docs/drafts/../../secret/x", "docs/drafts/./x", "docs//drafts/x", "docs/drafts/\n"]
)
async def test_path_traversal_is_refused_not_resolved(
    wiki: WikiJSEmulator, connect: Callable[..., Client], path: str
) -> None:
    before = paths(wiki)
    async with connect(allow_writes=True, write_paths=["docs/drafts"]) as mcp:
        await refused(mcp, "create_page", path=path, title="T", content="x")
        await refused(mcp, "move_page", path="docs/drafts/idea", new_path=path)
    assert paths(wiki) == before


@pytest.mark.asyncio
async def test_writes_under_a_write_path_do_what_they_say_and_nothing_more(
    wiki: WikiJSEmulator, connect: Callable[..., Client]
) -> None:
    async with connect(allow_writes=True, write_paths=["docs/drafts"]) as mcp:
        created = await ok(
            mcp, "create_page", path="docs/drafts/plan", title="Plan", content="# Plan", tags=["A"]
        )
        child = await ok(mcp, "create_page", path="docs/drafts/plan/step", title="S", content="s")
        updated = await ok(mcp, "update_page", path="docs/drafts/plan", content="# Plan v2")
        page = await ok(mcp, "get_page", path="docs/drafts/plan")
        moved = await ok(mcp, "move_page", path="docs/drafts/plan", new_path="docs/drafts/done")
        deleted = await ok(mcp, "delete_page", path="docs/drafts/done")
    assert created["action"] == "created"
    assert created["page"]["path"] == "docs/drafts/plan"
    assert updated["action"] == "updated"
    # An update sends the whole page: it stays published, its tags stay.
    assert page["content"] == "# Plan v2"
    assert page["is_published"] is True
    assert page["tags"] == ["a"]
    assert moved["moved_from"]["path"] == "docs/drafts/plan"
    assert moved["page"] == {**created["page"], "path": "docs/drafts/done"}
    assert deleted == {
        "action": "deleted",
        "page": moved["page"],
        "moved_from": None,
        "note": "deleted this page only (with its comments); pages below its path are kept",
    }
    # The page below the moved and deleted one was neither moved nor deleted.
    assert "en/docs/drafts/plan/step" in paths(wiki)
    assert child["page"]["path"] == "docs/drafts/plan/step"
    assert "en/docs/drafts/done" not in paths(wiki)


@pytest.mark.asyncio
async def test_a_write_path_without_locale_holds_in_every_locale(
    wiki: WikiJSEmulator, connect: Callable[..., Client]
) -> None:
    async with connect(allow_writes=True, write_paths=["docs/drafts"]) as mcp:
        await ok(mcp, "create_page", path="docs/drafts/x", locale="fr", title="X", content="x")
    assert "fr/docs/drafts/x" in paths(wiki)


@pytest.mark.asyncio
async def test_the_guard_reads_where_the_page_is_now_not_where_the_cache_says(
    wiki: WikiJSEmulator, connect: Callable[..., Client]
) -> None:
    async with connect(allow_writes=True, write_paths=["docs/drafts"]) as mcp:
        await ok(mcp, "get_page", page_id=4)  # docs/drafts/idea, now cached
        # Someone else moves it out of the writable subtree.
        wiki.wiki.db.pages.get(4).path = "secret/idea"  # type: ignore[union-attr]
        message = await refused(mcp, "delete_page", page_id=4)
    assert "en/secret/idea is outside" in message
    assert "en/secret/idea" in paths(wiki)


# The cache.


@pytest.mark.asyncio
async def test_repeated_reads_come_from_the_cache_and_writes_make_them_fresh(
    wiki: WikiJSEmulator, connect: Callable[..., Client]
) -> None:
    async with connect(allow_writes=True, write_paths=["docs"]) as mcp:
        await ok(mcp, "get_page", page_id=2)
        await ok(mcp, "query_pages", descendant_of="docs")
        wiki.requests.clear()
        await ok(mcp, "get_page", page_id=2)
        await ok(mcp, "query_pages", descendant_of="docs")
        assert wiki.requests == []
        await ok(mcp, "update_page", page_id=2, title="Usage, new")
        page = await ok(mcp, "get_page", page_id=2)
        listing = await ok(mcp, "query_pages", descendant_of="docs", fields="title")
    assert page["title"] == "Usage, new"
    assert "Usage, new" in {item["title"] for item in listing["items"]}


# Secrets.


@pytest.mark.asyncio
async def test_the_key_is_in_no_result_error_or_log(
    wiki: WikiJSEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong_key = wiki.api_key[:-6] + "abcdef"
    seen: list[str] = []
    for key in (wiki.api_key, wrong_key):
        async with AsyncWikiJSClient(
            wiki.base_url, key, transport=wiki.async_transport()
        ) as client:
            settings = McpSettings.of(allow_writes=True, write_paths=["docs"])
            async with Client(build_server(client, settings)) as mcp:
                for tool, arguments in [
                    ("get_page", {"page_id": 1}),
                    ("get_page", {"path": "nothing"}),
                    ("search_pages", {"query": "install"}),
                    ("query_pages", {"fields": "*"}),
                    ("delete_page", {"path": "secret/plans"}),
                    ("update_page", {"page_id": 1, "title": "T"}),
                ]:
                    result = await mcp.call_tool(tool, arguments)
                    seen.append(text_of(result))
                    seen.append(repr(result.structured_content))
    assert any("Install" in text for text in seen)  # the right key read the wiki
    # Wiki.js runs a wrong key as Guest, who may not read these pages.
    assert any("You are not authorized to view this page" in text for text in seen)
    for secret in (wiki.api_key, wrong_key):
        assert not [text for text in seen if secret in text]
        assert secret not in caplog.text


# Settings.


def test_write_prefixes_match_whole_segments_and_an_optional_locale() -> None:
    docs = WritePrefix.parse("docs/")
    english = WritePrefix.parse("en/docs")
    everything = WritePrefix.parse("/")
    assert docs == WritePrefix(None, "docs")
    assert english == WritePrefix("en", "docs")
    assert docs.covers("fr", "docs")
    assert docs.covers("en", "docs/a/b")
    assert not docs.covers("en", "docs-old/a")
    assert not docs.covers("en", "doc")
    assert english.covers("en", "docs/a")
    assert not english.covers("fr", "docs/a")
    assert everything.covers("de", "anything/at/all")
    assert str(everything) == "/"
    for bad in ("docs/../secret", "./docs", "docs//x", ""):
        with pytest.raises(ValidationError):
            WritePrefix.parse(bad)


def test_writes_need_a_write_path_and_the_limits_are_capped() -> None:
    with pytest.raises(ValidationError, match="needs at least one --write-path"):
        McpSettings.of(allow_writes=True)
    with pytest.raises(ValidationError, match="max_results"):
        McpSettings.of(max_results=100_000)
    with pytest.raises(ValidationError, match="max_content_chars"):
        McpSettings.of(max_content_chars=10**9)
    assert McpSettings().write_refusal("en", "docs") is not None
