"""Every code example of the Wiki.js SDK reference (wikijs-python-sdk-api-reference.txt), run
against the emulator with `wikijs_typed` in place of `wikijs`, with the sync client and again
with the async one.

The examples are kept as the reference writes them; what differs is said where it does: the
client gets the emulator's transport (and key), and ids come from pages the test creates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from _both_clients import wrap

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.auth import APIKeyAuth, CredentialsAuth, JWTAuth
from wikijs_typed.cache import MemoryCache
from wikijs_typed.exceptions import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    ConnectionError,  # noqa: A004 - the reference's name, on purpose
    TimeoutError,  # noqa: A004
    ValidationError,
)
from wikijs_typed.models import Page, PageCreate, PageUpdate

URL = "https://wiki.example.com"


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def client_for(kind: str, emulator: Any, auth: Any = None, **options: Any) -> Any:
    """`WikiJSClient(URL, auth=..., ...)` as the examples write it, on the emulator."""
    key = emulator.api_key if auth is None else auth
    if kind == "sync":
        return wrap(WikiJSClient(URL, auth=key, transport=emulator.transport(), **options))
    return AsyncWikiJSClient(URL, auth=key, transport=emulator.async_transport(), **options)


async def first_page(client: Any) -> Page:
    created: Page = await client.pages.create(
        PageCreate(title="Seed", path="seed", content="# Seed\n\nSome words here.")
    )
    return created


async def test_client_with_every_parameter(kind: str, wikijs_emulator: Any) -> None:
    client = client_for(
        kind, wikijs_emulator, timeout=30, verify_ssl=True, user_agent="Custom-Agent/1.0"
    )

    is_connected = await client.test_connection()
    await client.close()

    assert is_connected is True


async def test_context_manager(wikijs_emulator: Any) -> None:
    with WikiJSClient(URL, auth="api-key", transport=wikijs_emulator.transport()) as client:
        pages = client.pages.list()
    async with AsyncWikiJSClient(
        URL, auth="api-key", transport=wikijs_emulator.async_transport()
    ) as aclient:
        apages = await aclient.pages.list()

    assert pages == apages == []


async def test_api_key_authentication(kind: str, wikijs_emulator: Any) -> None:
    auth = APIKeyAuth(wikijs_emulator.api_key)  # "your-api-key"
    client = client_for(kind, wikijs_emulator, auth=auth)

    assert await client.test_connection() is True
    await client.close()


async def test_jwt_authentication(kind: str, wikijs_emulator: Any) -> None:
    # A real user token first (Wiki.js issues them at login; it has no refresh tokens).
    admin = CredentialsAuth("admin@example.com", "admin-password")
    login = client_for("sync", wikijs_emulator, auth=admin)
    await login.test_connection()
    token = login.unwrapped.auth.token
    await login.close()

    auth = JWTAuth(
        token=token,
        base_url=URL,
        refresh_token="refresh_token_here",  # kept for compatibility: Wiki.js has no refresh
        expires_at=time.time() + 1800,  # the reference's 1234567890 expired long ago
    )
    client = client_for(kind, wikijs_emulator, auth=auth)

    assert await client.test_connection() is True
    assert token not in repr(auth)
    await client.close()


async def test_memory_cache(kind: str, wikijs_emulator: Any) -> None:
    cache = MemoryCache(ttl=300, max_size=1000)
    client = client_for(kind, wikijs_emulator, cache=cache)
    page_id = (await first_page(client)).id  # the reference uses 123
    cache.clear()  # create read the page back, which cached it
    wikijs_emulator.requests.clear()

    page = await client.pages.get(page_id)  # First call hits the API
    page = await client.pages.get(page_id)  # Second call returns from cache
    stats = cache.get_stats()
    cache.invalidate_resource("page", str(page_id))
    cache.invalidate_resource("page")

    assert page.id == page_id
    assert len(wikijs_emulator.requests) == 1
    assert stats["hits"] == 1
    assert stats["hit_rate"].endswith("%")
    assert f"{stats['current_size']}/{stats['max_size']}".endswith("/1000")
    assert cache.cleanup_expired() == 0
    await client.close()


async def test_pages_list_with_every_parameter(kind: str, wikijs_emulator: Any) -> None:
    wikijs_emulator.seed_page(path="q/one", title="query one", content="x", tags=["tag1", "tag2"])
    client = client_for(kind, wikijs_emulator)

    pages = await client.pages.list(
        limit=10,
        offset=0,
        search="query",
        tags=["tag1", "tag2"],
        locale="en",
        author_id=1,
        order_by="title",
        order_direction="ASC",
    )

    assert [p.title for p in pages] == ["query one"]
    await client.close()


async def test_pages_get_get_by_path_create_update_delete(kind: str, wikijs_emulator: Any) -> None:
    client = client_for(kind, wikijs_emulator)
    new_page_data = PageCreate(
        title="Getting Started",
        path="getting-started",
        content="# Welcome\n\nThis is your first page!",
        description="Getting started guide",
        tags=["guide", "tutorial"],
        is_published=True,
    )
    created_page = await client.pages.create(new_page_data)

    page = await client.pages.get(created_page.id)
    by_path = await client.pages.get_by_path("getting-started", locale="en")
    update_data = PageUpdate(title="Updated Title", content="Updated content", tags=["updated"])
    updated_page = await client.pages.update(created_page.id, update_data)
    success = await client.pages.delete(created_page.id)

    assert page == by_path == created_page
    assert (updated_page.title, updated_page.content, updated_page.tags) == (
        "Updated Title",
        "Updated content",
        ["updated"],
    )
    assert success is True
    await client.close()


async def test_search_and_get_by_tags(kind: str, wikijs_emulator: Any) -> None:
    wikijs_emulator.seed_page(
        path="t/q", title="search query", content="x", tags=["tutorial", "guide"]
    )
    client = client_for(kind, wikijs_emulator)

    results = await client.pages.search("search query", limit=10)
    pages = await client.pages.get_by_tags(tags=["tutorial", "guide"], match_all=True, limit=10)

    assert [p.title for p in results] == [p.title for p in pages] == ["search query"]
    await client.close()


async def test_batch_operations(kind: str, wikijs_emulator: Any) -> None:
    client = client_for(kind, wikijs_emulator)
    pages_to_create = [
        PageCreate(title="Page 1", path="page-1", content="Content 1"),
        PageCreate(title="Page 2", path="page-2", content="Content 2"),
        PageCreate(title="Page 3", path="page-3", content="Content 3"),
    ]
    created_pages = await client.pages.create_many(pages_to_create)
    ids = [p.id for p in created_pages]  # the reference uses 1, 2, 3

    updates = [
        {"id": ids[0], "content": "New content 1"},
        {"id": ids[1], "content": "New content 2", "title": "Updated Title 2"},
        {"id": ids[2], "is_published": False},
    ]
    updated_pages = await client.pages.update_many(updates)
    result = await client.pages.delete_many([*ids, 4, 5])

    assert len(created_pages) == 3
    assert [p.content for p in updated_pages] == ["New content 1", "New content 2", "Content 3"]
    assert updated_pages[2].is_published is False
    assert (result["successful"], result["failed"]) == (3, 2)
    assert [e["page_id"] for e in result["errors"]] == [4, 5]
    await client.close()


async def test_page_model_properties(kind: str, wikijs_emulator: Any) -> None:
    client = client_for(kind, wikijs_emulator)
    page = await first_page(client)

    word_count = page.word_count
    reading_time = page.reading_time
    url_path = page.url_path
    headings = page.extract_headings()
    has_tutorial_tag = page.has_tag("tutorial")

    assert (word_count, reading_time, url_path) == (5, 1, "/en/seed")
    assert (headings, has_tutorial_tag) == (["Seed"], False)
    await client.close()


def test_page_create_with_every_field() -> None:
    page_data = PageCreate(
        title="New Page",
        path="new-page",
        content="Page content",
        description="Optional description",
        is_published=True,
        is_private=False,
        tags=["tag1", "tag2"],
        locale="en",
        editor="markdown",
    )

    assert page_data.editor == "markdown"


async def test_exceptions(kind: str, wikijs_emulator: Any) -> None:
    client = client_for(kind, wikijs_emulator)
    with pytest.raises(APIError) as api_error:
        await client.pages.get(999)
    bad = client_for(kind, wikijs_emulator, auth="not-the-key")
    with pytest.raises(AuthenticationError):
        await bad.test_connection()
    with pytest.raises(ValidationError):
        PageCreate(title="", path="invalid path")
    with pytest.raises(ConfigurationError):
        WikiJSClient("", auth=None)

    assert "does not exist" in str(api_error.value)
    await client.close()
    await bad.close()


@pytest.mark.parametrize("fault", ["connection", "timeout"])
async def test_connection_and_timeout_errors(kind: str, fault: str, wikijs_emulator: Any) -> None:
    from wikijs_typed._pipeline.retry import RetryPolicy

    client = client_for(kind, wikijs_emulator, retry=RetryPolicy(max_attempts=1))
    wikijs_emulator.faults.next(1, "drop" if fault == "connection" else "timeout")

    with pytest.raises(ConnectionError if fault == "connection" else TimeoutError):
        await client.pages.list()
    await client.close()


async def test_comprehensive_error_handling(kind: str, wikijs_emulator: Any) -> None:
    outcome = "ok"
    try:
        client = client_for(kind, wikijs_emulator, auth="api-key")
        pages = await client.pages.list(limit=10)
    except AuthenticationError:
        outcome = "Invalid API key or authentication failed"
    except ValidationError as e:
        outcome = f"Invalid parameters: {e}"
    except ConnectionError:
        outcome = "Cannot connect to Wiki.js instance"
    except TimeoutError:
        outcome = "Request timed out"
    except APIError as e:
        outcome = f"API error: {e}"

    # Wiki.js runs an unknown key as the Guest user, who may list pages.
    assert outcome == "ok"
    assert pages == []
    await client.close()


def with_retry(func: Callable[[], Any], max_retries: int = 3, delay: float = 0) -> Any:
    for attempt in range(max_retries):
        try:
            return func()
        except (TimeoutError, ConnectionError):
            if attempt == max_retries - 1:
                raise
            time.sleep(delay * (2**attempt))  # Exponential backoff (delay 0 in tests)
    return None


def test_retry_logic(wikijs_emulator: Any) -> None:
    from wikijs_typed._pipeline.retry import RetryPolicy

    client = WikiJSClient(
        URL,
        auth=wikijs_emulator.api_key,
        transport=wikijs_emulator.transport(),
        retry=RetryPolicy(max_attempts=1),
    )
    wikijs_emulator.faults.next(2, "drop")

    pages = with_retry(lambda: client.pages.list())  # noqa: PLW0108 - as the reference writes it

    assert pages == []
    client.close()


def test_connection_reuse(wikijs_emulator: Any) -> None:
    key = wikijs_emulator.api_key  # the reference's "api-key"
    with WikiJSClient(URL, auth=key, transport=wikijs_emulator.transport()) as client:
        created = client.pages.create(PageCreate(title="T", path="reuse", content="x"))
        data = PageUpdate(content="y")
        pages = client.pages.list()
        page = client.pages.get(created.id)
        updated = client.pages.update(created.id, data)

    assert (len(pages), page.content, updated.content) == (1, "x", "y")


async def test_pagination(kind: str, wikijs_emulator: Any) -> None:
    for n in range(7):
        wikijs_emulator.seed_page(path=f"p/{n}", title=f"P{n}", content="x", tags=["a", "b"])
    client = client_for(kind, wikijs_emulator)

    async def get_all_pages(client: Any, batch_size: int = 50) -> list[Page]:
        offset = 0
        all_pages: list[Page] = []
        while True:
            batch = await client.pages.list(limit=batch_size, offset=offset)
            if not batch:
                break
            all_pages.extend(batch)
            offset += batch_size
        return all_pages

    assert [p.title for p in await get_all_pages(client, batch_size=3)] == [
        f"P{n}" for n in range(7)
    ]
    await client.close()


async def test_filtering(kind: str, wikijs_emulator: Any) -> None:
    wikijs_emulator.seed_page(path="f/old", title="Old", content="x", tags=["tutorial"])
    wikijs_emulator.seed_page(path="f/new", title="New", content="x", tags=["tutorial"])
    wikijs_emulator.seed_page(path="f/other", title="Other", content="x", tags=["misc"])
    client = client_for(kind, wikijs_emulator)

    tutorial_pages = await client.pages.get_by_tags(["tutorial"])
    recent_tutorials = await client.pages.list(
        tags=["tutorial"], order_by="updated_at", order_direction="DESC", limit=10
    )

    assert {p.title for p in tutorial_pages} == {"Old", "New"}
    assert [p.title for p in recent_tutorials] == ["New", "Old"]
    await client.close()


def test_url_and_response_utilities() -> None:
    from wikijs_typed.utils import (
        build_api_url,
        extract_error_message,
        normalize_url,
        parse_wiki_response,
    )

    normalized = normalize_url("https://wiki.example.com/")
    api_url = build_api_url("https://wiki.example.com", "/graphql")
    data = parse_wiki_response({"data": {"pages": {"list": []}}})

    import httpx

    error_msg = extract_error_message(httpx.Response(400, json={"errors": [{"message": "Bad"}]}))
    assert (normalized, api_url, data, error_msg) == (
        "https://wiki.example.com",
        "https://wiki.example.com/graphql",
        {"pages": {"list": []}},
        "Bad",
    )


def readme_examples() -> dict[str, str]:
    """The README's Python examples that make a client, by what they show."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    examples = [b for b in blocks if "WikiJSClient(" in b]
    named = {
        "first-typed-call": [b for b in examples if "client.graphql.get_page" in b],
        "sync": [b for b in examples if "with WikiJSClient(" in b and "pages.create" in b],
        "async": [b for b in examples if "async with AsyncWikiJSClient(" in b],
    }
    assert all(len(found) == 1 for found in named.values()), "README examples not found"
    assert len(examples) == len(named), "a README example is not run by this test"
    return {name: found[0] for name, found in named.items()}


async def _run_readme(source: str, url: str, api_key: str) -> dict[str, Any]:
    import ast

    code = source.replace(URL, url).replace("your-api-key", api_key)
    compiled = compile(code, "README.md", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    namespace: dict[str, Any] = {}
    outcome = eval(compiled, namespace)  # running the README is the point
    if outcome is not None:
        await outcome
    return namespace


@pytest.mark.parametrize("name", ["sync", "async"])
async def test_the_readme_side_by_side_examples_run(name: str, wikijs_emulator: Any) -> None:
    for n in range(2):  # the example reads pages 1 to 3; it creates the third
        wikijs_emulator.seed_page(path=f"readme/{n}", title=f"R{n}", content="x")
    with wikijs_emulator.serve() as url:
        namespace = await _run_readme(readme_examples()[name], url, wikijs_emulator.api_key)

    assert namespace["page"].title == "Start here"
    assert [p.id for p in namespace["pages"]] == [1, 2, 3]
    assert [p.title for p in namespace["guides"]] == ["Start here"]


async def test_the_readme_first_typed_call_runs(
    wikijs_emulator: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    wikijs_emulator.seed_page(path="readme/first", title="First", content="x", tags=["intro"])
    with wikijs_emulator.serve() as url:
        source = readme_examples()["first-typed-call"]
        namespace = await _run_readme(source, url, wikijs_emulator.api_key)

    assert namespace["page"].title == "First"
    printed = capsys.readouterr().out.split()
    assert printed[0] == "First"
    assert printed[1].endswith("+00:00"), "updated_at is a timezone-aware datetime"
    assert printed[2] == "['intro']"
