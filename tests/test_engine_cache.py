"""The engines with a cache: cache-first reads, exact invalidation, identity, per-call policy."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from _fake_wiki import FakeWiki, op

from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed._pipeline.retry import NO_RETRY
from wikijs_typed.auth import APIKeyAuth
from wikijs_typed.cache import MemoryCache
from wikijs_typed.exceptions import WikiJSConnectionError


def engine(wiki: FakeWiki, cache: MemoryCache, key: str = "key-one") -> SyncEngine:
    http = httpx.Client(base_url="http://wiki", transport=wiki.transport(), auth=APIKeyAuth(key))
    return SyncEngine(http, cache=cache)


@pytest.fixture
def wiki() -> FakeWiki:
    return FakeWiki()


def test_a_repeated_read_is_answered_from_the_cache(wiki: FakeWiki) -> None:
    cache = MemoryCache()
    client = engine(wiki, cache)
    first = client.execute(op("GetPage", id=1))
    assert client.execute(op("GetPage", id=1)) == first
    assert wiki.operations_sent == ["GetPage"]
    assert cache.get_stats()["hits"] == 1


def test_a_successful_mutation_drops_exactly_the_reads_it_made_stale(wiki: FakeWiki) -> None:
    client = engine(wiki, MemoryCache())
    reads = [
        op("GetPage", id=1),
        op("GetPage", id=2),
        op("GetPageByPath", path="docs/p1", locale="en"),
        op("ListPages"),
        op("SearchPages", query="p"),
        op("GetUser", id=1),
    ]
    for read in reads:
        client.execute(read)
    wiki.posts.clear()
    client.execute(op("DeletePage", id=1))
    for read in reads:
        client.execute(read)
    # Page 1 by id and by path, the listing and the search that held page 1 were fetched
    # again. Page 2 and the user were not touched by the delete.
    assert wiki.operations_sent == [
        "DeletePage",
        "GetPage",
        "GetPageByPath",
        "ListPages",
        "SearchPages",
    ]


def test_a_failed_mutation_invalidates_nothing(wiki: FakeWiki) -> None:
    client = engine(wiki, MemoryCache())
    client.execute(op("ListPages"))
    result = client.execute(op("DeletePage", id=99))
    assert result.data is not None
    assert result.data["pages"]["delete"]["responseResult"]["succeeded"] is False
    client.execute(op("ListPages"))
    assert wiki.operations_sent == ["ListPages", "DeletePage"]


def test_reads_with_errors_are_not_cached(wiki: FakeWiki) -> None:
    client = engine(wiki, MemoryCache())
    assert client.execute(op("GetPage", id=42)).errors
    client.execute(op("GetPage", id=42))
    assert wiki.operations_sent == ["GetPage", "GetPage"]


def test_identities_never_share_entries_and_keys_hold_no_secret(wiki: FakeWiki) -> None:
    cache = MemoryCache()
    engine(wiki, cache, "key-one").execute(op("GetPage", id=1))
    engine(wiki, cache, "key-two").execute(op("GetPage", id=1))
    assert wiki.operations_sent == ["GetPage", "GetPage"]
    assert not any("key-one" in key or "key-two" in key for key in cache._entries)


def test_an_authorization_header_is_an_identity_read_afresh_on_every_call(wiki: FakeWiki) -> None:
    """Without an auth handler, the client's Authorization header says who asks; changing it
    changes the keys at once (the digest of a header is memoized, never the header's owner)."""
    cache = MemoryCache()
    http = httpx.Client(
        base_url="http://wiki", transport=wiki.transport(), headers={"Authorization": "Bearer a"}
    )
    client = SyncEngine(http, cache=cache)
    client.execute(op("GetPage", id=1))
    client.execute(op("GetPage", id=1))
    http.headers["Authorization"] = "Bearer b"
    client.execute(op("GetPage", id=1))
    del http.headers["Authorization"]
    client.execute(op("GetPage", id=1))
    http.headers["Authorization"] = "Bearer a"
    client.execute(op("GetPage", id=1))
    assert wiki.operations_sent == ["GetPage"] * 3
    assert not any("Bearer" in key for key in cache._entries)


def test_per_call_policies(wiki: FakeWiki) -> None:
    client = engine(wiki, MemoryCache())
    client.execute(op("GetPage", id=1))
    wiki.titles[1] = "Renamed"
    stale = client.execute(op("GetPage", id=1))
    assert stale.data is not None
    assert stale.data["pages"]["single"]["title"] == "Page 1"
    # network-only fetches and refreshes the cache...
    fresh = client.execute(op("GetPage", id=1, cache="network-only"))
    assert fresh.data is not None
    assert fresh.data["pages"]["single"]["title"] == "Renamed 1"
    assert client.execute(op("GetPage", id=1)) == fresh
    # ...no-cache fetches and leaves the cache alone.
    wiki.titles[1] = "Again"
    client.execute(op("GetPage", id=1, cache="no-cache"))
    assert client.execute(op("GetPage", id=1)) == fresh
    assert wiki.operations_sent == ["GetPage", "GetPage", "GetPage"]


def test_a_mutation_whose_outcome_is_unknown_invalidates_conservatively(wiki: FakeWiki) -> None:
    client = engine(wiki, MemoryCache())
    client.execute(op("GetPage", id=1))
    wiki.failures.append(httpx.ReadError("connection reset"))
    with pytest.raises(WikiJSConnectionError):
        client.execute(op("DeletePage", id=1))
    client.execute(op("GetPage", id=1))
    assert wiki.operations_sent == ["GetPage", "DeletePage", "GetPage"]


def test_a_mutation_that_could_not_connect_invalidates_nothing(wiki: FakeWiki) -> None:
    cache = MemoryCache()
    client = SyncEngine(
        httpx.Client(base_url="http://wiki", transport=wiki.transport()),
        cache=cache,
        retry=NO_RETRY,
    )
    client.execute(op("GetPage", id=1))
    wiki.failures.append(httpx.ConnectError("refused"))
    with pytest.raises(WikiJSConnectionError):
        client.execute(op("DeletePage", id=1))
    client.execute(op("GetPage", id=1))
    assert wiki.operations_sent == ["GetPage", "DeletePage"]


def test_execute_many_uses_and_fills_the_cache(wiki: FakeWiki) -> None:
    client = engine(wiki, MemoryCache())
    client.execute(op("GetPage", id=1))
    results = client.execute_many([op("GetPage", id=i) for i in (1, 2, 3)])
    assert all(not isinstance(r, Exception) and not r.errors for r in results)
    assert wiki.posts == [["GetPage"], ["GetPage", "GetPage"]]
    client.execute_many([op("GetPage", id=i) for i in (1, 2, 3)])
    assert len(wiki.posts) == 2


async def test_async_engine_caches_and_invalidates(wiki: FakeWiki) -> None:
    http = httpx.AsyncClient(
        base_url="http://wiki", transport=wiki.transport(), auth=APIKeyAuth("k")
    )
    client = AsyncEngine(http, cache=MemoryCache())
    await client.execute(op("ListPages"))
    await client.execute(op("ListPages"))
    await client.execute(op("DeletePage", id=2))
    await client.execute(op("ListPages"))
    assert wiki.operations_sent == ["ListPages", "DeletePage", "ListPages"]
    await client.aclose()


async def test_a_read_that_overlaps_a_write_is_not_stored(wiki: FakeWiki) -> None:
    # The read's answer may predate the delete: storing it could serve stale data for a TTL.
    release = asyncio.Event()

    class SlowRead(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if b"GetPage" in request.content:
                await release.wait()
            return wiki(request)

    http = httpx.AsyncClient(base_url="http://wiki", transport=SlowRead())
    client = AsyncEngine(http, cache=MemoryCache(), batching=None)
    read = asyncio.create_task(client.execute(op("GetPage", id=1)))
    await asyncio.sleep(0)
    await client.execute(op("DeletePage", id=3))
    release.set()
    await read
    await client.execute(op("GetPage", id=1))
    assert wiki.operations_sent.count("GetPage") == 2


def test_operations_without_metadata(wiki: FakeWiki) -> None:
    cache = MemoryCache()
    client = engine(wiki, cache)
    client.execute(op("GetPage", id=1))
    # A read nobody described is never cached: nothing would say when it goes stale.
    undescribed_read = GraphQLRequest(op("GetPage").document, "GetPage", {"id": 2})
    client.execute(undescribed_read)
    client.execute(undescribed_read)
    assert wiki.operations_sent == ["GetPage", "GetPage", "GetPage"]
    # A mutation nobody described may have changed anything.
    client.execute(GraphQLRequest(op("DeletePage").document, "DeletePage", {"id": 3}))
    assert len(cache) == 0
