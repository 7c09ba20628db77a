"""What a read holds and what a mutation makes stale, from the generated operation metadata."""

from __future__ import annotations

from _fake_wiki import failed, ok, op

from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult
from wikijs_typed.cache._normalize import (
    cache_key,
    invalidation_after,
    read_tags,
    settle,
    stale_tags,
    succeeded,
)
from wikijs_typed.exceptions import WikiJSConnectionError


def test_a_single_page_read_holds_the_page_and_its_tags() -> None:
    data = {"pages": {"single": {"id": 5, "tags": [{"id": 30}, {"id": 31}]}}}
    assert read_tags(op("GetPage", id=5), data) == {"page", "page:5", "tag", "tag:30", "tag:31"}


def test_a_lookup_by_path_is_tagged_with_the_page_it_found() -> None:
    data = {"pages": {"singleByPath": {"id": 9, "tags": []}}}
    tags = read_tags(op("GetPageByPath", path="docs/a", locale="en"), data)
    assert "page:9" in tags
    assert "list:page" not in tags


def test_a_listing_is_tagged_as_such_even_when_empty() -> None:
    assert read_tags(op("ListPages"), {"pages": {"list": []}}) == {"page", "list:page"}
    listed = read_tags(op("ListPages"), {"pages": {"list": [{"id": 1}, {"id": 2}]}})
    assert {"page:1", "page:2", "list:page"} <= listed


def test_search_results_with_string_ids_share_the_page_tags() -> None:
    data = {"pages": {"search": {"results": [{"id": "100"}]}}}
    assert "page:100" in read_tags(op("SearchPages", query="x"), data)


def test_a_mutation_makes_its_entity_and_the_listings_it_affects_stale() -> None:
    assert stale_tags(op("DeletePage", id=5), None) == {
        "page:5",
        "list:page",
        "list:tag",
        "ns:pages",
    }


def test_reads_holding_nothing_taggable_go_stale_with_their_namespace() -> None:
    state = read_tags(op("GetApiState"), {"authentication": {"apiState": True}})
    assert state == {"ns:authentication"}
    assert state <= stale_tags(op("SetApiState", enabled=False), None)
    assert read_tags(op("SearchPageTags", query="a"), {"pages": {"searchTags": ["a"]}}) == {
        "ns:pages"
    }
    assert "ns:pages" in stale_tags(op("UpdatePageTag", id=1, tag="b", title="b"), None)
    assert "ns:pages" not in read_tags(op("GetPage", id=1), {"pages": {"single": None}})


def test_resource_star_effects_reach_every_read_holding_that_resource() -> None:
    tags = stale_tags(op("DeleteUser", id=7, replaceId=1), None)
    assert {"user:7", "user:1", "page", "comment", "list:user", "list:group"} <= tags
    assert "list:page" not in tags


def test_an_undescribed_mutation_makes_everything_stale() -> None:
    request = GraphQLRequest("mutation X { a }", "X", {})
    assert stale_tags(request, None) == {"*"}
    # ...whatever its answer says.
    assert invalidation_after(request, GraphQLResult({"a": None}, [{"message": "no"}])) == {"*"}


def test_success_needs_no_errors_and_every_response_result_true() -> None:
    assert succeeded(GraphQLResult({"pages": {"delete": {"responseResult": ok()}}}))
    assert not succeeded(GraphQLResult({"pages": {"delete": {"responseResult": failed()}}}))
    assert not succeeded(GraphQLResult({"groups": {"delete": None}}, [{"message": "Cannot"}]))
    assert not succeeded(GraphQLResult({"users": {"resetPassword": {"responseResult": None}}}))
    two = {"a": {"responseResult": ok()}, "b": [{"responseResult": failed()}]}
    assert not succeeded(GraphQLResult(two))


def test_a_failed_mutation_invalidates_nothing() -> None:
    answer = GraphQLResult({"pages": {"delete": {"responseResult": failed()}}})
    assert invalidation_after(op("DeletePage", id=5), answer) == frozenset()


def test_keys_separate_identities_operations_and_variables() -> None:
    one = cache_key("key:a", op("GetPage", id=1))
    assert one is not None
    assert one != cache_key("key:b", op("GetPage", id=1))
    assert one != cache_key("key:a", op("GetPage", id=2))
    assert cache_key("k", op("ListPages", limit=1, locale="en")) == cache_key(
        "k", op("ListPages", locale="en", limit=1)
    )
    assert cache_key("k", op("DeletePage", id=1)) is None
    assert cache_key("k", GraphQLRequest("query { a }", None, {})) is None


def test_settle_stores_clean_reads_and_collects_stale_tags() -> None:
    requests = [op("GetPage", id=1), op("GetPage", id=2), op("DeletePage", id=3)]
    keys = [cache_key("k", r) for r in requests]
    outcomes = [
        GraphQLResult({"pages": {"single": {"id": 1, "tags": []}}}),
        GraphQLResult({"pages": {"single": None}}, [{"message": "This page does not exist."}]),
        GraphQLResult({"pages": {"delete": {"responseResult": ok()}}}),
    ]
    settled = settle(requests, keys, outcomes, fresh=True)
    assert [key for key, _, _ in settled.stores] == [keys[0]]
    assert settled.stale == {"page:3", "list:page", "list:tag", "ns:pages"}
    assert settle(requests, keys, outcomes, fresh=False).stores == ()


def test_settle_skips_no_cache_reads_and_assumes_the_worst_of_a_broken_mutation() -> None:
    read = op("GetPage", id=1, cache="no-cache")
    settled = settle([read], [cache_key("k", read)], [GraphQLResult({"pages": {}})], fresh=True)
    assert settled.stores == ()
    broken = WikiJSConnectionError("connection reset")
    settled = settle([op("DeletePage", id=4)], [None], [broken], fresh=True)
    assert "page:4" in settled.stale
