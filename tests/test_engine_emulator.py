"""The engines against the emulator: batching request counts, cache behaviour through the
generated clients, and retries on injected faults."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from _fake_wiki import op
from wikijs_graphql import AsyncGraphQLClient, GraphQLClient

from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.operation import GraphQLResult
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.auth import APIKeyAuth
from wikijs_typed.cache import MemoryCache
from wikijs_typed.exceptions import NotFoundError, WikiJSConnectionError
from wikijs_typed.testing import WikiJSEmulator


@pytest.fixture
def emu() -> WikiJSEmulator:
    emu = WikiJSEmulator()
    for n in range(1, 61):
        emu.seed_page(f"docs/page-{n}", f"Page {n}", f"# Page {n}\n\nText {n}.", tags=["docs"])
    emu.requests.clear()
    return emu


def no_sleep_retry() -> RetryPolicy:
    async def asleep(seconds: float) -> None:
        return None

    return RetryPolicy(
        max_attempts=4, sleep=lambda seconds: None, async_sleep=asleep, jitter=lambda: 0.0
    )


def sync_engine(emu: WikiJSEmulator, **options: object) -> SyncEngine:
    http = httpx.Client(
        base_url=emu.base_url, transport=emu.transport(), auth=APIKeyAuth(emu.api_key)
    )
    cache = options.get("cache")
    return SyncEngine(
        http,
        cache=cache if isinstance(cache, MemoryCache) else None,
        retry=no_sleep_retry(),
    )


def async_engine(emu: WikiJSEmulator, cache: MemoryCache | None = None) -> AsyncEngine:
    http = httpx.AsyncClient(
        base_url=emu.base_url, transport=emu.async_transport(), auth=APIKeyAuth(emu.api_key)
    )
    return AsyncEngine(http, cache=cache, retry=no_sleep_retry())


def graphql_posts(emu: WikiJSEmulator) -> list[tuple[str | None, ...]]:
    return [r.operation_names for r in emu.requests if r.path == "/graphql"]


async def test_two_hundred_concurrent_gets_make_four_requests(emu: WikiJSEmulator) -> None:
    client = AsyncGraphQLClient(async_engine(emu))
    ids = [1 + n % 60 for n in range(200)]
    pages = await asyncio.gather(*(client.get_page(id=page_id) for page_id in ids))
    assert [p.pages.single.id for p in pages if p.pages and p.pages.single] == ids
    # 200 reads, 60 distinct: identical reads in flight are made once.
    assert [r.batch_size for r in emu.requests] == [50, 10]
    assert all(r.is_batch and r.status == 200 for r in emu.requests)


async def test_two_hundred_distinct_gets_make_four_requests(emu: WikiJSEmulator) -> None:
    for n in range(61, 201):
        emu.seed_page(f"more/page-{n}", content="x")
    emu.requests.clear()
    client = AsyncGraphQLClient(async_engine(emu))
    await asyncio.gather(*(client.get_page(id=page_id) for page_id in range(1, 201)))
    assert [r.batch_size for r in emu.requests] == [50, 50, 50, 50]


def test_execute_many_chunks_and_reports_missing_pages(emu: WikiJSEmulator) -> None:
    engine = sync_engine(emu)
    outcomes = engine.execute_many(
        [op("GetPage", id=i) for i in (*range(1, 61), 999)], chunk_size=25
    )
    assert sorted(r.batch_size for r in emu.requests) == [11, 25, 25]
    last = outcomes[-1]
    assert isinstance(last, GraphQLResult)
    with pytest.raises(NotFoundError):
        GraphQLClient(engine).get_data(last)


def test_the_cache_through_the_generated_client(emu: WikiJSEmulator) -> None:
    cache = MemoryCache()
    client = GraphQLClient(sync_engine(emu, cache=cache))
    client.get_page(id=1)
    client.get_page_by_path(path="docs/page-1", locale="en")
    client.get_page(id=2)
    client.list_pages()
    client.get_user(id=1)
    client.get_page(id=1)
    assert len(emu.requests) == 5
    emu.requests.clear()

    client.move_page(id=1, destination_path="moved/page-1", destination_locale="en")
    with pytest.raises(NotFoundError):
        client.get_page_by_path(path="docs/page-1", locale="en")
    moved = client.get_page(id=1)
    assert moved.pages is not None
    assert moved.pages.single is not None
    assert moved.pages.single.path == "moved/page-1"
    client.list_pages()
    client.get_page(id=2)
    client.get_user(id=1)
    # Page 1 (by id and by path) and the listing were read again; page 2 and the user were not.
    assert graphql_posts(emu) == [("MovePage",), ("GetPageByPath",), ("GetPage",), ("ListPages",)]


def test_a_failed_mutation_leaves_the_cache_alone(emu: WikiJSEmulator) -> None:
    client = GraphQLClient(sync_engine(emu, cache=MemoryCache()))
    client.list_pages()
    answer = client.delete_page(id=999, raise_on_failure=False)
    assert answer.pages is not None
    assert answer.pages.delete is not None
    assert answer.pages.delete.response_result.error_code == 6003
    client.list_pages()
    assert graphql_posts(emu) == [("ListPages",), ("DeletePage",)]


async def test_the_async_cache_and_batching_together(emu: WikiJSEmulator) -> None:
    client = AsyncGraphQLClient(async_engine(emu, MemoryCache()))
    await asyncio.gather(*(client.get_page(id=i) for i in range(1, 11)))
    await asyncio.gather(*(client.get_page(id=i) for i in range(1, 11)))
    await client.delete_page(id=3)
    await asyncio.gather(*(client.get_page(id=i) for i in range(1, 11)), return_exceptions=True)
    assert [r.batch_size for r in emu.requests] == [10, 1, 1]
    assert emu.requests[-1].operation_names == ("GetPage",)


def test_reads_ride_out_injected_faults(emu: WikiJSEmulator) -> None:
    client = GraphQLClient(sync_engine(emu))
    emu.faults.next(1, "503", retry_after=2)
    emu.faults.next(1, "drop")
    emu.faults.next(1, "timeout")
    page = client.get_page(id=1)
    assert page.pages is not None
    assert page.pages.single is not None
    assert [r.fault for r in emu.requests] == ["503", "drop", "timeout", None]


def test_a_mutation_is_not_resent_after_a_dropped_connection(emu: WikiJSEmulator) -> None:
    client = GraphQLClient(sync_engine(emu))
    emu.faults.next(1, "drop")
    with pytest.raises(WikiJSConnectionError):
        client.delete_page(id=5)
    assert [(r.path, r.fault) for r in emu.requests] == [("/graphql", "drop")]
