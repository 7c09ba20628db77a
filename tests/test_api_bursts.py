"""Bursts cost the wiki what one request costs (issue 23, item 5).

Readers who arrive together for what is not cached yet share one set of reads: identical
requests share the rendering (the response memo's single flight) and, below it, identical
reads share one request to the wiki (the client's coalescer); reads of different pages made
in the same moment share aliased batch requests. A failure is shared the same way. Every
test counts the requests that reach the emulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from _api_helpers import API, HOST, seed_api_site
from test_cache_redis import redis_url  # noqa: F401 (the session's redis-server)

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.cache import BaseCache, MemoryCache
from wikijs_typed.testing import WikiJSEmulator


async def _no_wait(seconds: float) -> None:
    return None


@asynccontextmanager
async def _api(
    emulator: WikiJSEmulator, cache: BaseCache | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """One API process (its own client and coalescer) on `emulator`; retries do not sleep."""
    client = AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=cache if cache is not None else MemoryCache(max_size=10_000),
        transport=emulator.async_transport(),
        retry=RetryPolicy(async_sleep=_no_wait),
    )
    app = create_app(client, settings=ApiSettings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=HOST) as http:
        try:
            yield http
        finally:
            await client.close()


async def _wiki_requests(urls: list[str], cache: Callable[[], BaseCache] | None = None) -> int:
    """Requests a fresh wiki serves while one fresh API answers `urls` all at once."""
    emulator = WikiJSEmulator()
    seed_api_site(emulator)
    async with _api(emulator, cache() if cache else None) as http:
        emulator.requests.clear()
        answers = await asyncio.gather(*(http.get(url) for url in urls))
    assert {answer.status_code for answer in answers} == {200}, answers[0].text
    return len(emulator.requests)


def _page_urls(count: int) -> list[str]:
    # Ids as seed_api_site gives them on a fresh emulator: the events come last.
    emulator = WikiJSEmulator()
    ids = seed_api_site(emulator)
    return [f"{API}/pages/{ids[f'en/events/e{n:02}']}/" for n in range(count)]


@pytest.mark.asyncio
async def test_fifty_readers_of_one_cold_page_cost_what_one_costs() -> None:
    url = _page_urls(1)[0]
    alone = await _wiki_requests([url])
    assert await _wiki_requests([url] * 50) <= alone + 2


@pytest.mark.asyncio
async def test_fifty_readers_of_one_cold_listing_with_content_cost_what_one_costs() -> None:
    url = f"{API}/pages/?fields=content&limit=10"
    alone = await _wiki_requests([url])
    assert await _wiki_requests([url] * 50) <= alone + 2


@pytest.mark.asyncio
async def test_twenty_different_cold_pages_at_once_share_batched_requests() -> None:
    urls = _page_urls(20)
    assert await _wiki_requests(urls) <= len(urls) // 2


@pytest.mark.asyncio
async def test_readers_of_a_page_during_an_outage_share_its_failure() -> None:
    url = _page_urls(1)[0]

    async def failures(readers: int) -> tuple[int, set[int]]:
        emulator = WikiJSEmulator()
        seed_api_site(emulator)
        async with _api(emulator) as http:
            emulator.faults.next(10_000, "502")
            emulator.requests.clear()
            answers = await asyncio.gather(*(http.get(url) for _ in range(readers)))
        return len(emulator.requests), {answer.status_code for answer in answers}

    alone, status = await failures(1)
    assert status == {502}
    assert alone >= 1
    burst, statuses = await failures(50)
    assert statuses == {502}
    assert burst <= alone + 2


@pytest.mark.asyncio
async def test_concurrent_batched_reads_of_two_callers_share_requests() -> None:
    emulator = WikiJSEmulator()
    ids = sorted(seed_api_site(emulator).values())
    async with AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.async_transport()
    ) as client:
        emulator.requests.clear()
        first, second, same = await asyncio.gather(
            client.pages.try_get_many(ids[:10]),
            client.pages.try_get_many(ids[10:20]),
            client.pages.try_get_many(ids[:10]),
        )
    assert [page.id for page in first.succeeded] == ids[:10]
    assert [page.id for page in second.succeeded] == ids[10:20]
    assert [page.id for page in same.succeeded] == ids[:10]
    # One aliased POST for the twenty pages; the third caller waited for the first's reads.
    assert [request.batch_size for request in emulator.requests] == [20]


@pytest.mark.asyncio
async def test_a_smaller_chunk_size_than_the_coalescers_batches_is_still_honoured() -> None:
    emulator = WikiJSEmulator()
    ids = sorted(seed_api_site(emulator).values())[:20]
    async with AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.async_transport()
    ) as client:
        emulator.requests.clear()
        from wikijs_typed._resources._async.pages import _get_request

        await client._engine.execute_many([_get_request(i) for i in ids], chunk_size=5)
    assert [request.batch_size for request in emulator.requests] == [5, 5, 5, 5]


@pytest.mark.redis
@pytest.mark.asyncio
async def test_workers_on_one_redis_cache_fetch_a_cold_page_at_most_once_each(
    redis_url: str,  # noqa: F811
) -> None:
    from wikijs_typed.cache import RedisCache

    url = _page_urls(1)[0]
    emulator = WikiJSEmulator()
    seed_api_site(emulator)
    alone = await _wiki_requests([url])
    prefix = f"bursts-{id(emulator)}:"
    # Two workers: two clients, two coalescers, one Redis.
    async with (
        _api(emulator, RedisCache(redis_url, prefix=prefix)) as one,
        _api(emulator, RedisCache(redis_url, prefix=prefix)) as two,
    ):
        emulator.requests.clear()
        answers = await asyncio.gather(*(worker.get(url) for worker in (one, two) * 25))
    assert {answer.status_code for answer in answers} == {200}
    assert len(emulator.requests) <= 2 * alone
