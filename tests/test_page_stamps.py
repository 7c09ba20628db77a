"""The stamps of many pages' cached reads, asked at once (`pages.stamped_pages()`).

The content query keeps what it renders from a page's own read under the stamp of that read's
entry, and a listing asks for the stamps of every page it shows: they are one question to
the cache, in order, None where a page has no entry, and each changes exactly when its page's
entry is stored again or dropped.
"""

from __future__ import annotations

from typing import Any

import pytest
from _query_helpers import run

from wikijs_typed.cache import MemoryCache


async def test_page_stamps_follow_each_pages_entry(cached_wiki: Any, wikijs_emulator: Any) -> None:
    first = wikijs_emulator.seed_page("one", "One", "1")
    second = wikijs_emulator.seed_page("two", "Two", "2")
    stamped = getattr(cached_wiki, "unwrapped", cached_wiki).pages.stamped_pages()
    assert await run(stamped.stamps([first, second])) == [None, None]
    await run(cached_wiki.pages.get(first))
    one, none = await run(stamped.stamps([first, second]))
    assert one is not None
    assert none is None
    await run(cached_wiki.pages.get_many([first, second]))  # a hit: the first's entry stays
    again = await run(stamped.stamps([second, first]))
    assert again[1] == one
    assert again[0] is not None
    await run(cached_wiki.pages.update(first, {"content": "changed"}))
    assert (await run(stamped.stamps([first])))[0] != one  # dropped or stored anew
    assert (await run(cached_wiki.pages.get(first))).content == "changed"
    assert (await run(stamped.stamps([first])))[0] not in (None, one)


async def test_page_stamps_without_a_cache_are_none(wiki: Any, wikijs_emulator: Any) -> None:
    page = wikijs_emulator.seed_page("one", "One", "1")
    await run(wiki.pages.get(page))
    stamped = getattr(wiki, "unwrapped", wiki).pages.stamped_pages()
    assert await run(stamped.stamps([page, page + 1])) == [None, None]


@pytest.mark.asyncio
async def test_a_memory_cache_tells_many_stamps_as_it_tells_one() -> None:
    now = [0.0]
    cache = MemoryCache(ttl=10, clock=lambda: now[0])
    cache.set("a", 1)
    now[0] = 5
    cache.set("b", 2)
    keys = ["a", "missing", "b", "a"]
    expected = [cache.stamp(key) for key in keys]
    assert expected[0] is not None
    assert cache.stamps(keys) == expected == await cache.astamps(keys)
    now[0] = 11  # "a" has expired, "b" has not
    assert cache.stamps(keys) == [None, None, expected[2], None]
