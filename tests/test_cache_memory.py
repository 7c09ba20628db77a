"""MemoryCache: LRU + TTL, tags, statistics as the SDK reference shows them, thread safety."""

from __future__ import annotations

import threading

import pytest

from wikijs_typed.cache import BaseCache, MemoryCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_values_expire_after_ttl(clock: Clock) -> None:
    cache = MemoryCache(ttl=10, clock=clock)
    cache.set("k", {"v": 1})
    clock.now += 9.9
    assert cache.get("k") == {"v": 1}
    clock.now += 0.2
    assert cache.get("k") is None
    assert len(cache) == 0


def test_least_recently_used_entry_goes_first(clock: Clock) -> None:
    cache = MemoryCache(max_size=2, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.set("c", 3)
    assert cache.get("b") is None
    assert cache.get("a") == 1
    assert cache.get("c") == 3


def test_overwriting_a_key_replaces_its_tags() -> None:
    cache = MemoryCache()
    cache.set("k", 1, tags={"page:1"})
    cache.set("k", 2, tags={"page:2"})
    assert cache.invalidate_resource("page", 1) == 0
    assert cache.invalidate_resource("page", "2") == 1
    assert cache.get("k") is None


def test_invalidate_resource_by_id_and_by_type() -> None:
    cache = MemoryCache()
    cache.set("page 123", "p", tags={"page", "page:123"})
    cache.set("page 7", "p", tags={"page", "page:7"})
    cache.set("user 1", "u", tags={"user", "user:1"})
    cache.invalidate_resource("page", "123")
    assert cache.get("page 123") is None
    assert cache.get("page 7") == "p"
    cache.invalidate_resource("page")
    assert cache.get("page 7") is None
    assert cache.get("user 1") == "u"


def test_invalidate_everything_clears(clock: Clock) -> None:
    cache = MemoryCache(clock=clock)
    cache.set("a", 1, tags={"x"})
    cache.invalidate({"*"})
    assert cache.get("a") is None
    cache.set("b", 1, tags={"x"})
    cache.invalidate(set())
    assert cache.get("b") == 1


def test_delete_and_clear() -> None:
    cache = MemoryCache()
    cache.set("a", 1, tags={"t"})
    cache.set("b", 2, tags={"t"})
    cache.delete("a")
    assert cache.get("a") is None
    assert cache.invalidate_tags(["t"]) == 1
    cache.set("c", 3)
    cache.clear()
    assert cache.get("c") is None
    assert cache.get_stats()["current_size"] == 0


def test_cleanup_expired_counts_what_it_removed(clock: Clock) -> None:
    cache = MemoryCache(ttl=5, clock=clock)
    cache.set("old", 1, tags={"t"})
    clock.now += 3
    cache.set("new", 2, tags={"t"})
    clock.now += 3
    assert cache.cleanup_expired() == 1
    assert cache.get_stats()["current_size"] == 1
    assert cache.invalidate_tags(["t"]) == 1


def test_stats_have_the_reference_shape() -> None:
    cache = MemoryCache(ttl=300, max_size=1000)
    assert cache.get_stats() == {
        "ttl": 300,
        "max_size": 1000,
        "current_size": 0,
        "hits": 0,
        "misses": 0,
        "hit_rate": "0.00%",
        "total_requests": 0,
    }
    cache.set("k", 1)
    for _ in range(1523):
        cache.get("k")
    for _ in range(278):
        cache.get("missing")
    stats = cache.get_stats()
    assert stats["hits"] == 1523
    assert stats["misses"] == 278
    assert stats["total_requests"] == 1801
    assert stats["hit_rate"] == "84.56%"
    assert stats["current_size"] == 1


def test_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="ttl"):
        MemoryCache(ttl=0)
    with pytest.raises(ValueError, match="max_size"):
        MemoryCache(max_size=0)


def test_is_a_base_cache() -> None:
    assert isinstance(MemoryCache(), BaseCache)


def test_threads_keep_size_bound_and_tag_index_consistent() -> None:
    cache = MemoryCache(max_size=50)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(400):
                key = f"{worker}-{i % 80}"
                cache.set(key, i, tags={f"w:{worker}", "all"})
                cache.get(f"{(worker + 1) % 8}-{i % 80}")
                if i % 50 == 0:
                    cache.invalidate_tags([f"w:{(worker + 3) % 8}"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(cache) <= 50
    # Every remaining entry is still reachable through its tags.
    remaining = len(cache)
    assert cache.invalidate_tags(["all"]) == remaining
    assert len(cache) == 0
