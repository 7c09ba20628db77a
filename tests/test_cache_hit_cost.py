"""What a MemoryCache hit costs, without timing it: no request built, no JSON encoded, nothing
validated; and what it must still promise: isolated results, identities apart, exact
invalidation. (`python -m bench engine` prints the hit / model_validate ratios.)"""

from __future__ import annotations

import builtins
import inspect
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pydantic
import pytest
from _both_clients import make_client, wrap
from wikijs_graphql.operations import OPERATIONS

from wikijs_typed._pipeline import base_client as seam
from wikijs_typed._pipeline.engine import EngineBase
from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed.cache import MemoryCache
from wikijs_typed.cache._views import copier
from wikijs_typed.exceptions import NotFoundError
from wikijs_typed.models import Page, PageUpdate
from wikijs_typed.testing import WikiJSEmulator


@dataclass
class Work:
    """What the client did: requests built, HTTP requests built, JSON encodings, validations."""

    requests: int = 0
    posts: int = 0
    encodings: int = 0
    validations: int = 0
    # The names of the models validated, the emulator's own included.
    validated: list[str] = field(default_factory=list)

    def reset(self) -> None:
        self.requests = self.posts = self.encodings = self.validations = 0
        self.validated.clear()

    @property
    def nothing(self) -> bool:
        return not (self.requests or self.posts or self.encodings or self.validations)


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    counted = Work()
    build_request, build_post = seam.GraphQLRequest, EngineBase._build
    dumps, model_validate, init = (
        json.dumps,
        pydantic.BaseModel.model_validate,
        pydantic.BaseModel.__init__,
    )

    def request(*args: Any, **kwargs: Any) -> Any:
        counted.requests += 1
        return build_request(*args, **kwargs)

    def post(self: EngineBase, requests: Any) -> Any:
        counted.posts += 1
        return build_post(self, requests)

    def encode(*args: Any, **kwargs: Any) -> str:
        counted.encodings += 1
        return dumps(*args, **kwargs)

    def validate(cls: type[pydantic.BaseModel], *args: Any, **kwargs: Any) -> Any:
        counted.validations += 1
        counted.validated.append(cls.__name__)
        return model_validate.__func__(cls, *args, **kwargs)  # type: ignore[attr-defined]

    def construct(self: pydantic.BaseModel, /, **data: Any) -> None:
        counted.validations += 1
        counted.validated.append(type(self).__name__)
        init(self, **data)

    monkeypatch.setattr(seam, "GraphQLRequest", request)
    monkeypatch.setattr(EngineBase, "_build", post)
    monkeypatch.setattr(json, "dumps", encode)
    monkeypatch.setattr(pydantic.BaseModel, "model_validate", classmethod(validate))
    monkeypatch.setattr(pydantic.BaseModel, "__init__", construct)
    return counted


@pytest.fixture
def emulator() -> WikiJSEmulator:
    emu = WikiJSEmulator()
    emu.seed_page(path="docs/one", title="One", content="# One\n\nfirst", tags=["a", "b"])
    emu.seed_page(path="docs/two", title="Two", content="# Two\n\nsecond", tags=["b"])
    return emu


async def get_page(client: Any, page_id: int, **options: Any) -> Any:
    """`client.graphql.get_page`, awaited when the client is async."""
    graphql = client.unwrapped.graphql if hasattr(client, "unwrapped") else client.graphql
    model = graphql.get_page(id=page_id, **options)
    return await model if inspect.isawaitable(model) else model


def edit_on_the_wiki(emulator: WikiJSEmulator, page_id: int, title: str) -> None:
    """An edit made elsewhere (another client, the wiki's editor): this client's cache
    does not hear of it."""
    with make_client("sync", emulator) as other:
        other.pages.update(page_id, PageUpdate(title=title))


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest, emulator: WikiJSEmulator) -> Any:
    made = make_client(request.param, emulator, cache=MemoryCache())
    yield wrap(made)
    await wrap(made).close()


@pytest.mark.asyncio
async def test_a_hit_builds_no_request_encodes_no_json_and_validates_nothing(
    client: Any, work: Work
) -> None:
    first = await client.pages.get(1)
    by_path = await client.pages.get_by_path("docs/one")
    model = await get_page(client, 1)
    assert work.posts == 2  # pages.get and graphql.get_page share one entry
    work.reset()
    assert await client.pages.get(1) == first
    assert await client.pages.get_by_path("docs/one") == by_path
    assert await get_page(client, 1) == model
    assert work.nothing, work


@pytest.mark.asyncio
async def test_call_options_that_read_the_cache_still_hit_what_it_kept(
    client: Any, work: Work
) -> None:
    """`cache=None` or `"cache-first"` read the cache as no option does; a timeout or headers
    concern a request, which a hit does not send (`groups.get` passes `cache=None`)."""
    model = await get_page(client, 1)
    group = await client.groups.get(1)
    work.reset()
    assert await get_page(client, 1, cache=None) == model
    assert await get_page(client, 1, cache="cache-first", timeout=5) == model
    assert await get_page(client, 1, headers={"X-Trace": "1"}) == model
    assert work.nothing, work
    assert await client.groups.get(1) == group
    assert (work.requests, work.posts, work.encodings) == (0, 0, 0)
    with pytest.raises(TypeError, match="cahce"):
        await get_page(client, 1, cahce="cache-first")  # a misspelt option is still refused
    assert work.posts == 0
    await get_page(client, 1, cache="network-only")
    assert work.posts == 1


@pytest.mark.asyncio
async def test_a_read_validates_once_and_the_facade_equals_a_validated_page(
    client: Any, work: Work
) -> None:
    """A miss validates the answer once: the `Page` is built from the generated model's
    values, not validated again, and is the page validation would have made."""
    page = await client.pages.get(1)
    assert "GetPage" in work.validated
    assert "Page" not in work.validated
    validated = Page.model_validate(page.model_dump())
    assert page == validated
    assert list(page.__dict__) == list(Page.model_fields)
    assert page.model_fields_set == validated.model_fields_set == set(Page.model_fields)
    page.title = "assigned"
    assert page.title == "assigned"
    assert "One" in repr(await client.pages.get(1))


@pytest.mark.asyncio
async def test_a_generated_read_imports_nothing_on_a_hit(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The result model is imported when a miss first needs it, not on every call."""
    await get_page(client, 1)
    imports: list[str] = []
    real_import = builtins.__import__

    def counted(name: str, *args: Any, **kwargs: Any) -> Any:
        imports.append(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", counted)
    await get_page(client, 1)
    monkeypatch.undo()
    assert imports == []


class _WaitingMemoryCache(MemoryCache):
    """A MemoryCache that says its lookups wait, as a RedisCache's do."""

    waits = True


@pytest.mark.asyncio
@pytest.mark.parametrize("cache", [MemoryCache(), _WaitingMemoryCache()], ids=["at-once", "waits"])
async def test_an_async_hit_awaits_nothing_below_the_method_unless_the_cache_waits(
    emulator: WikiJSEmulator, monkeypatch: pytest.MonkeyPatch, cache: MemoryCache
) -> None:
    """A MemoryCache hit is answered by `read_now`, a plain call; a miss, or every read of a
    cache that waits on I/O, goes on to `read_later`, which looks the cache up no more."""
    from wikijs_typed._pipeline._async.engine import AsyncEngine

    later: list[str] = []
    read_later = AsyncEngine.read_later

    async def counted(self: AsyncEngine, reader: Any, info: Any, *args: Any) -> Any:
        later.append(info.name)
        return await read_later(self, reader, info, *args)

    monkeypatch.setattr(AsyncEngine, "read_later", counted)
    async with make_client("async", emulator, cache=cache) as client:
        for _ in range(3):
            await client.pages.get(1)
            await client.graphql.get_page(id=1)
    misses_only = not cache.waits
    assert later == (["GetPage"] if misses_only else ["GetPage"] * 6)
    assert (cache.get_stats()["hits"], cache.get_stats()["misses"]) == (5, 1)


@pytest.mark.asyncio
async def test_what_a_caller_changes_never_reaches_the_next_caller(client: Any) -> None:
    page = await client.pages.get(1)
    page.title = "changed"
    page.tags.append("mine")
    model = await get_page(client, 1)
    single = model.pages.single
    single.title = "changed"
    single.tags[0].tag = "changed"
    single.tags.append(None)
    again = await client.pages.get(1)
    assert (again.title, again.tags) == ("One", ["a", "b"])
    fresh = (await get_page(client, 1)).pages.single
    assert fresh.title == "One"
    assert [t.tag for t in fresh.tags] == ["a", "b"]
    assert again is not page


async def _raw(client: Any, call: str, *args: Any) -> Any:
    """`client.graphql.<call>` or `client.engine.<call>`, awaited when the client is async."""
    made = client.unwrapped if hasattr(client, "unwrapped") else client
    owner = made.engine if call == "execute_many" else made.graphql
    answer = getattr(owner, call)(*args)
    return await answer if inspect.isawaitable(answer) else answer


@pytest.mark.asyncio
async def test_raw_results_are_the_callers_to_change(client: Any) -> None:
    # The generated client's `execute` and the engine's `execute_many` hand out the answer's
    # JSON: changed, on a miss or on a hit, it never changes what the cache answers next.
    info = OPERATIONS["GetPage"]
    for _ in range(2):  # a miss, then a hit
        result = await _raw(client, "execute", info.document, info.name, {"id": 1})
        result.data["pages"]["single"]["title"] = "changed"
        result.data["pages"]["single"]["tags"].clear()
    request = GraphQLRequest(info.document, info.name, {"id": 1}, info)
    (many,) = await _raw(client, "execute_many", [request])
    many.data["pages"]["single"]["title"] = "changed too"
    again = await _raw(client, "execute", info.document, info.name, {"id": 1})
    assert again.data["pages"]["single"]["title"] == "One"
    assert [t["tag"] for t in again.data["pages"]["single"]["tags"]] == ["a", "b"]
    page = await client.pages.get(1)
    assert (page.title, page.tags) == ("One", ["a", "b"])


@pytest.mark.asyncio
async def test_identities_never_share_kept_views(emulator: WikiJSEmulator, work: Work) -> None:
    cache = MemoryCache()
    key = emulator.create_api_key("second")
    mine = wrap(make_client("async", emulator, cache=cache))
    theirs = wrap(make_client("sync", emulator, cache=cache, auth=key))
    await mine.pages.get(1)
    work.reset()
    await theirs.pages.get(1)
    assert work.posts == 1
    work.reset()
    await theirs.pages.get(1)
    await mine.pages.get(1)
    assert work.nothing
    await mine.close()
    await theirs.close()


@pytest.mark.asyncio
async def test_a_write_drops_the_kept_view_with_its_entry(client: Any, work: Work) -> None:
    await client.pages.get(1)
    await client.pages.get_by_path("docs/one")
    await client.pages.update(1, PageUpdate(title="Renamed"))
    assert (await client.pages.get(1)).title == "Renamed"
    assert (await client.pages.get_by_path("docs/one")).title == "Renamed"
    await client.pages.delete(1)
    with pytest.raises(NotFoundError):
        await client.pages.get(1)


@pytest.mark.asyncio
async def test_invalidation_by_hand_and_a_network_only_call_fetch_again(
    client: Any, emulator: WikiJSEmulator, work: Work
) -> None:
    await client.pages.get(1)
    edit_on_the_wiki(emulator, 1, "Edited on the wiki")
    assert (await client.pages.get(1)).title == "One"  # still the kept one
    client.cache.invalidate_resource("page", 1)
    work.reset()
    assert (await client.pages.get(1)).title == "Edited on the wiki"
    assert work.posts == 1
    edit_on_the_wiki(emulator, 1, "Edited again")
    refreshed = await get_page(client, 1, cache="network-only")
    assert refreshed.pages.single.title == "Edited again"
    assert (await client.pages.get(1)).title == "Edited again"


@pytest.mark.asyncio
async def test_an_expired_entry_takes_its_view_with_it(emulator: WikiJSEmulator) -> None:
    now = [0.0]
    client = wrap(make_client("sync", emulator, cache=MemoryCache(ttl=10, clock=lambda: now[0])))
    await client.pages.get(1)
    edit_on_the_wiki(emulator, 1, "Later")
    now[0] = 11.0
    assert (await client.pages.get(1)).title == "Later"
    await client.close()


@pytest.mark.asyncio
async def test_a_missing_page_is_still_not_found_on_a_hit(client: Any) -> None:
    for _ in range(2):
        with pytest.raises(NotFoundError):
            await client.pages.get(99)


def test_a_copy_shares_only_what_cannot_change() -> None:
    when = datetime(2026, 1, 2, tzinfo=UTC)
    page = Page(id=1, title="t", path="p", tags=["a"], created_at=when, updated_at=when)
    copy = copier(page)()
    assert copy == page
    assert copy is not page
    assert copy.tags is not page.tags
    assert copy.created_at is page.created_at
    assert copy.model_fields_set == page.model_fields_set
    assert copy.model_fields_set is not page.model_fields_set
    nested = copier({"list": [{"x": [1]}]})()
    assert nested == {"list": [{"x": [1]}]}


def test_copies_share_a_set_of_fields_set_only_while_nothing_can_change_it() -> None:
    """Pydantic only ever adds to a model's fields set: one that names every field is shared
    by the copies (a hit copies it no more), one that does not is each copy's own."""
    when = datetime(2026, 1, 2, tzinfo=UTC)
    partial = Page(id=1, title="t", path="p", tags=["a"], created_at=when, updated_at=when)
    complete = Page.model_validate(partial.model_dump())
    assert complete.model_fields_set == set(Page.model_fields)
    for page in (partial, complete):
        make = copier(page)
        before = set(page.model_fields_set)
        mine = make()
        mine.content = "assigned"  # a field `partial` left unset
        mine.title = "assigned"
        del mine.path
        assert make().model_fields_set == before
        assert page.model_fields_set == before
    assert copier(complete)().model_fields_set is complete.model_fields_set
    assert copier(partial)().model_fields_set is not partial.model_fields_set


def test_a_view_is_kept_only_beside_the_answer_it_was_made_of() -> None:
    cache = MemoryCache()
    older, newer = {"v": 1}, {"v": 2}
    cache.set("k", older)
    cache.set("k", newer)  # stored while the view of `older` was being made
    cache.keep_view("k", older, "view", "made of older")
    assert cache.lookup("k", "view") == (newer, None)
    cache.keep_view("k", newer, "view", "made of newer")
    assert cache.lookup("k", "view") == (newer, "made of newer")
    cache.clear()
    assert cache.lookup("k", "view") == (None, None)


# Batched reads: a hit costs what a single read's hit costs, a copy of what was kept; the
# batch builds requests only for what it sends.


@pytest.mark.asyncio
async def test_a_get_many_answered_from_the_cache_builds_and_validates_nothing(
    client: Any, work: Work
) -> None:
    pages = await client.pages.get_many([1, 2, 1])
    schedules = await client.pages.try_get_schedules([1, 2])
    assert work.posts == 2
    work.reset()
    assert await client.pages.get_many([1, 2, 1]) == pages
    assert (await client.pages.try_get_schedules([1, 2])).outcomes == schedules.outcomes
    assert work.nothing, work
    assert client.cache.get_stats()["hits"] == 5


@pytest.mark.asyncio
async def test_a_cached_page_first_read_alone_is_validated_once_more_then_never(
    client: Any, work: Work
) -> None:
    """`pages.get` keeps its own view of the entry: the first batch to hit it converts."""
    page = await client.pages.get(1)
    work.reset()
    assert await client.pages.get_many([1]) == [page]
    assert work.posts == 0
    assert work.validated[0] == "GetPage"
    assert "Page" not in work.validated
    work.reset()
    assert await client.pages.get_many([1]) == [page]
    assert work.nothing, work


@pytest.mark.asyncio
async def test_pages_a_batch_returns_are_the_callers_own(client: Any) -> None:
    fetched = await client.pages.get_many([1, 1])
    assert fetched[0] is not fetched[1]
    fetched[0].title = "changed"
    fetched[0].tags.append("mine")
    hit = await client.pages.get_many([1, 1])
    assert [(p.title, p.tags) for p in hit] == [("One", ["a", "b"])] * 2
    hit[0].tags.clear()
    again = await client.pages.get_many([1])
    assert again[0].tags == ["a", "b"]
    assert again[0] is not hit[0]
    assert (await client.pages.get(1)).tags == ["a", "b"]


@pytest.mark.asyncio
async def test_a_missing_page_in_a_batch_is_not_found_on_every_hit(client: Any) -> None:
    for _ in range(3):
        result = await client.pages.try_get_many([1, 99])
        assert result.outcomes[0].title == "One"
        failure = result.outcomes[1]
        assert isinstance(failure.error, NotFoundError)


@pytest.mark.asyncio
async def test_a_write_drops_what_a_batch_kept(client: Any, emulator: WikiJSEmulator) -> None:
    await client.pages.get_many([1, 2])
    await client.pages.get_many([1, 2])
    await client.pages.update(1, PageUpdate(title="Renamed"))
    assert [p.title for p in await client.pages.get_many([1, 2])] == ["Renamed", "Two"]
    edit_on_the_wiki(emulator, 2, "Edited on the wiki")
    client.cache.invalidate_resource("page", 2)
    assert [p.title for p in await client.pages.get_many([1, 2])] == [
        "Renamed",
        "Edited on the wiki",
    ]


@pytest.mark.asyncio
async def test_identities_never_share_what_a_batch_kept(
    emulator: WikiJSEmulator, work: Work
) -> None:
    cache = MemoryCache()
    key = emulator.create_api_key("second")
    mine = wrap(make_client("async", emulator, cache=cache))
    theirs = wrap(make_client("sync", emulator, cache=cache, auth=key))
    await mine.pages.get_many([1, 2])
    work.reset()
    await theirs.pages.get_many([1, 2])
    assert work.posts == 1
    work.reset()
    await theirs.pages.get_many([1, 2])
    await mine.pages.get_many([1, 2])
    assert work.nothing, work
    await mine.close()
    await theirs.close()


@pytest.mark.asyncio
async def test_a_batch_builds_and_sends_only_what_the_cache_does_not_answer(
    client: Any, work: Work
) -> None:
    await client.pages.get_many([1])
    work.reset()
    assert [p.title for p in await client.pages.get_many([1, 2, 2])] == ["One", "Two", "Two"]
    assert (work.requests, work.posts) == (1, 1)
    stats = client.cache.get_stats()
    assert (stats["hits"], stats["misses"]) == (1, 3)  # each miss looked up once
