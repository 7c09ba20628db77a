"""The content API serves what its audience may view, as Wiki.js decides, on the emulator:
the Guests group's rules (each kind, both ties, locales), publish windows, assets, a group
audience, a closed wiki, a key that cannot read the group, and audiences kept apart."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from _api_helpers import Api, serving
from _query_helpers import pages_query, run
from test_cache_redis import redis_url  # noqa: F401 (the session's redis-server)

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.cache import BaseCache, MemoryCache
from wikijs_typed.exceptions import BatchResult, ConfigurationError
from wikijs_typed.models._group import Group, GroupPageRule
from wikijs_typed.models._page import Page
from wikijs_typed.query._async.pages import AsyncPageQuery
from wikijs_typed.query._audience import Audience
from wikijs_typed.testing import WikiJSEmulator

GUESTS = 2
READ = ["read:pages", "read:assets", "read:comments"]
PAGES = [
    ("home", []),
    ("docs", ["guide"]),
    ("docs/install", ["guide"]),
    ("docs/install-draft", []),
    ("internal", []),
    ("internal/plan", []),
    ("team/42", []),
    ("news/launch", ["secret", "news"]),
    ("news/open", ["news"]),
]


def rule(match: str, path: str, *, deny: bool = False, **extra: Any) -> dict[str, Any]:
    made = {"id": f"{match}-{path}-{deny}", "match": match, "path": path, "roles": READ}
    return {**made, "deny": deny, "locales": [], **extra}


ALLOW_ALL = rule("START", "")


def seed(emulator: WikiJSEmulator) -> dict[str, int]:
    emulator.wiki.db.locales = ("en", "fr")
    ids = {f"en/{path}": emulator.seed_page(path, tags=tags) for path, tags in PAGES}
    ids["fr/docs"] = emulator.seed_page("docs", "Documentation", locale="fr")
    return ids


async def set_guest_rules(api: Api, *rules: dict[str, Any], permissions: list[str] = READ) -> None:
    await api.client.groups.update(GUESTS, {"page_rules": list(rules), "permissions": permissions})


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    emulator = WikiJSEmulator()
    async with serving(emulator, ids=seed(emulator)) as api:
        yield api


async def listed(api: Api, query: str = "") -> set[str]:
    body = await api.json(f"/api/v2/pages/?fields=_,id&limit=20{query}")
    # Every listed page is also counted, and nothing else is.
    assert body["meta"]["total_count"] == len(body["items"])
    by_id = {page_id: key for key, page_id in api.ids.items()}
    return {by_id[item["id"]] for item in body["items"]}


async def hidden_everywhere(api: Api, key: str) -> None:
    """The page is in no listing, search or tree, has no detail view and no find."""
    page_id = api.ids[key]
    locale, path = key.split("/", 1)
    assert key not in await listed(api)
    assert key not in await listed(api, f"&search={path.split('/')[-1]}")
    assert (await api.get(f"/api/v2/pages/{page_id}/")).status_code == 404
    find = await api.get(f"/api/v2/pages/find/?html_path=/{locale}/{path}")
    assert find.status_code == 404
    for relation in ("child_of", "descendant_of", "ancestor_of"):
        tree = await api.get(f"/api/v2/pages/?{relation}={page_id}")
        assert tree.status_code == 400, relation
        assert "doesn't exist" in tree.json()["message"]


async def test_by_default_the_api_serves_what_guests_may_read(api: Api) -> None:
    assert await listed(api) == set(api.ids)
    await set_guest_rules(api, ALLOW_ALL, rule("START", "internal", deny=True))
    assert await listed(api) == set(api.ids) - {"en/internal", "en/internal/plan"}
    await hidden_everywhere(api, "en/internal")
    await hidden_everywhere(api, "en/internal/plan")


@pytest.mark.parametrize(
    ("denying", "hidden"),
    [
        (rule("END", "-draft", deny=True), {"en/docs/install-draft"}),
        (rule("REGEX", "^team/[0-9]+$", deny=True), {"en/team/42"}),
        (rule("TAG", "secret", deny=True), {"en/news/launch"}),
        (rule("EXACT", "docs", deny=True), {"en/docs", "fr/docs"}),
    ],
)
async def test_each_deny_rule_kind_hides_what_it_matches(
    api: Api, denying: dict[str, Any], hidden: set[str]
) -> None:
    await set_guest_rules(api, ALLOW_ALL, denying)
    assert await listed(api) == set(api.ids) - hidden
    for key in hidden:
        await hidden_everywhere(api, key)


async def test_a_tag_rule_applies_even_when_the_listing_filters_by_another_tag(api: Api) -> None:
    # Filtered by tag, Wiki.js lists only the filter's tags: the page's others must still count.
    await set_guest_rules(api, ALLOW_ALL, rule("TAG", "secret", deny=True))
    assert await listed(api, "&tags=news") == {"en/news/open"}


async def test_a_visible_page_under_a_hidden_one_has_no_parent(api: Api) -> None:
    await set_guest_rules(api, ALLOW_ALL, rule("EXACT", "docs", deny=True))
    install = await api.json(f"/api/v2/pages/{api.ids['en/docs/install']}/?fields=parent")
    assert install["meta"]["parent"] is None
    await set_guest_rules(api, ALLOW_ALL)
    install = await api.json(f"/api/v2/pages/{api.ids['en/docs/install']}/?fields=parent")
    assert install["meta"]["parent"]["id"] == api.ids["en/docs"]


@pytest.mark.parametrize("reverse", [False, True])
async def test_ties_exact_beats_start_and_deny_beats_allow(api: Api, reverse: bool) -> None:
    kinds = [rule("START", "internal", deny=True), rule("EXACT", "internal")]
    await set_guest_rules(api, ALLOW_ALL, *(reversed(kinds) if reverse else kinds))
    assert {"en/internal", "en/internal/plan"} & await listed(api) == {"en/internal"}
    same = [rule("START", "docs"), rule("START", "docs", deny=True)]
    await set_guest_rules(api, ALLOW_ALL, *(reversed(same) if reverse else same))
    assert not any(key.endswith("/docs") or "/docs/" in key for key in await listed(api))


async def test_a_rule_limited_to_a_locale_hides_only_that_locales_pages(api: Api) -> None:
    await set_guest_rules(api, ALLOW_ALL, rule("START", "docs", deny=True, locales=["fr"]))
    assert await listed(api) == set(api.ids) - {"fr/docs"}
    found = await api.get("/api/v2/pages/find/?html_path=/fr/docs")
    assert found.status_code == 404


async def test_no_matching_rule_hides_the_page(api: Api) -> None:
    await set_guest_rules(api, rule("START", "news"))
    assert await listed(api) == {"en/news/launch", "en/news/open"}


async def test_a_closed_wiki_serves_no_page(api: Api) -> None:
    await set_guest_rules(api, ALLOW_ALL, permissions=["read:assets"])
    before = len(api.emulator.requests)
    body = await api.json("/api/v2/pages/")
    assert body == {"meta": {"total_count": 0}, "items": []}
    assert (await api.get(f"/api/v2/pages/{api.ids['en/home']}/")).status_code == 404
    assert (await api.get("/api/v2/pages/find/?html_path=/")).status_code == 404
    # Nothing but the group is read to know it.
    assert len(api.emulator.requests) - before <= 2


async def publish(api: Api, path: str, start: str, end: str) -> int:
    page = await api.client.pages.create(
        {
            "path": path,
            "title": path,
            "content": "x",
            "publish_start_date": start,
            "publish_end_date": end,
        }
    )
    return page.id


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def test_pages_outside_their_publish_window_are_not_served(api: Api) -> None:
    now = datetime.now(UTC)
    week = timedelta(days=7)
    api.ids["en/later"] = await publish(api, "later", iso(now + week), "")
    api.ids["en/over"] = await publish(api, "over", "", iso(now - week))
    api.ids["en/now"] = await publish(api, "now", iso(now - week), iso(now + week))
    assert await listed(api) == set(api.ids) - {"en/later", "en/over"}
    await hidden_everywhere(api, "en/later")
    await hidden_everywhere(api, "en/over")


async def test_a_scheduled_page_appears_when_its_start_passes_without_asking_the_wiki() -> None:
    emulator = WikiJSEmulator()
    emulator.seed_page("home")
    client = AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=MemoryCache(),
        transport=emulator.async_transport(),
    )
    start = datetime(2030, 1, 1, tzinfo=UTC)
    await client.pages.create(
        {"path": "soon", "title": "Soon", "content": "x", "publish_start_date": iso(start)}
    )
    guests = Audience.of_group(await client.groups.get(GUESTS), "guests")
    now = [start - timedelta(minutes=1)]
    query = client.pages.query().visible_to(guests, clock=lambda: now[0]).fields("_", "slug")
    assert [item.to_wagtail()["meta"]["slug"] for item in (await query.fetch()).items] == ["home"]
    emulator.requests.clear()
    now[0] = start
    assert len((await query.fetch()).items) == 2
    assert emulator.requests == []
    await client.close()


async def test_the_audience_of_a_group_by_name_or_id() -> None:
    emulator = WikiJSEmulator()
    ids = seed(emulator)
    # The wiki is closed to guests; a dedicated group says what the public sees.
    guests = emulator.wiki.db.groups.get(GUESTS)
    assert guests is not None
    guests.permissions = ["read:assets"]
    public = emulator.seed_group(
        "Public site", permissions=READ, page_rules=[rule("START", "docs")]
    )
    for audience in ("group:Public site", f"group:{public}"):
        settings = ApiSettings(audience=audience)
        async with serving(emulator, ids=ids, settings=settings) as api:
            docs = {"en/docs", "en/docs/install", "en/docs/install-draft", "fr/docs"}
            assert await listed(api) == docs
            assert (await api.get("/api/v2/pages/")).headers["cache-control"] == "public, no-cache"
    async with serving(emulator, ids=ids) as api:
        assert await listed(api) == set()


async def _audiences_kept_apart(cache: BaseCache) -> None:
    emulator = WikiJSEmulator()
    ids = seed(emulator)
    emulator.seed_group("Docs", permissions=READ, page_rules=[rule("START", "docs")])
    url = "/api/v2/pages/?fields=_,id&limit=20"
    async with AsyncExitStack() as stack:
        apis = {
            audience: await stack.enter_async_context(
                serving(emulator, ids=ids, cache=cache, settings=ApiSettings(audience=audience))
            )
            for audience in ("guests", "group:Docs", "key")
        }
        # Each one answers in turn, twice, on the cache the others filled.
        bodies = {audience: await api.get(url) for audience, api in apis.items()}
        for audience, api in apis.items():
            assert (await api.get(url)).content == bodies[audience].content
        assert await listed(apis["group:Docs"]) == {
            "en/docs",
            "en/docs/install",
            "en/docs/install-draft",
            "fr/docs",
        }
    # guests and key see the same pages here, yet a shared HTTP cache keeps them apart.
    assert bodies["guests"].content == bodies["key"].content
    assert bodies["guests"].content != bodies["group:Docs"].content
    assert len({response.headers["etag"] for response in bodies.values()}) == 3
    assert bodies["key"].headers["cache-control"] == "private, no-cache"


async def test_two_audiences_on_one_cache_never_serve_each_others_responses() -> None:
    await _audiences_kept_apart(MemoryCache())


@pytest.mark.redis
async def test_two_audiences_on_one_redis_cache_never_serve_each_others_responses(
    redis_url: str,  # noqa: F811
) -> None:
    from wikijs_typed.cache import RedisCache

    await _audiences_kept_apart(RedisCache(redis_url, prefix=f"audience-{id(redis_url)}:"))


async def _start(app: Any) -> None:
    async with app.router.lifespan_context(app):
        pass


async def test_a_key_that_cannot_read_the_group_stops_the_api_at_start_up() -> None:
    emulator = WikiJSEmulator()
    readers = emulator.seed_group("Readers", permissions=[*READ, "manage:pages"])
    weak = emulator.create_api_key("weak", group=readers)
    client = AsyncWikiJSClient(emulator.base_url, weak, transport=emulator.async_transport())
    with pytest.raises(ConfigurationError) as refused:
        await _start(create_app(client, settings=ApiSettings()))
    message = str(refused.value)
    assert "\n" not in message
    assert "--audience key" in message
    assert weak not in message
    # Serving everything the key reads is the operator's explicit choice.
    await _start(create_app(client, settings=ApiSettings(audience="key")))
    await client.close()


async def test_start_up_says_when_the_wiki_is_closed_or_the_key_is_the_audience(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="wikijs_typed.api")
    emulator = WikiJSEmulator()
    guests = emulator.wiki.db.groups.get(GUESTS)
    assert guests is not None
    client = AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.async_transport()
    )
    await _start(create_app(client, settings=ApiSettings()))
    assert caplog.records == []
    guests.permissions = ["read:assets"]
    await _start(create_app(client, settings=ApiSettings()))
    await _start(create_app(client, settings=ApiSettings(audience="key")))
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    assert "serves no page" in lines[0]
    assert "everything the API key can read" in lines[1]
    await client.close()


def test_the_audience_setting_is_checked_and_read_from_the_environment() -> None:
    assert ApiSettings.from_env({}).audience == "guests"
    assert ApiSettings.from_env({"WIKIJS_API_AUDIENCE": "group:Public"}).audience == "group:Public"
    for bad in ("everyone", "group:", ""):
        with pytest.raises(ConfigurationError, match="audience must be"):
            ApiSettings(audience=bad)


async def test_assets_in_a_denied_folder_are_neither_listed_nor_served(api: Api) -> None:
    assets = api.client.assets
    locked_folder = await assets.create_folder("locked")
    names = {
        "open.png": 0,
        "open.pdf": 0,
        "shut.png": locked_folder.id,
        "shut.pdf": locked_folder.id,
    }
    uploaded = {
        name: (
            await assets.upload(
                PNG if name.endswith("png") else b"%PDF-1.4", folder_id=folder, filename=name
            )
        ).id
        for name, folder in names.items()
    }
    assets_rule = {**rule("START", "locked", deny=True), "roles": ["read:assets"]}
    await set_guest_rules(api, ALLOW_ALL, assets_rule)
    for endpoint, shown, hidden in (
        ("images", "open.png", "shut.png"),
        ("documents", "open.pdf", "shut.pdf"),
    ):
        body = await api.json(f"/api/v2/{endpoint}/?fields=_,title")
        assert [item["title"] for item in body["items"]] == [shown]
        assert body["meta"]["total_count"] == 1
        detail = await api.get(f"/api/v2/{endpoint}/{uploaded[hidden]}/")
        assert detail.status_code == 404
    # The pages are untouched by a read:assets rule.
    assert "en/internal" in await listed(api)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


def test_the_api_command_refuses_a_weak_key_in_one_line_naming_the_way_out() -> None:
    emulator = WikiJSEmulator()
    readers = emulator.seed_group("Readers", permissions=[*READ, "manage:pages"])
    weak = emulator.create_api_key("weak", group=readers)
    command = [sys.executable, "-m", "wikijs_typed.cli", "api", "--port", "1"]
    with emulator.serve() as url:
        for audience in ([], ["--audience", "group:Readers"], ["--audience", "everyone"]):
            refused = subprocess.run(
                [*command, "--wiki-url", url, *audience],
                env={**os.environ, "WIKIJS_API_KEY": weak},
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert refused.returncode == 2
            assert refused.stdout == ""
            lines = refused.stderr.splitlines()
            assert len(lines) == 1, refused.stderr
            assert lines[0].startswith("wikijs-typed api: ")
            assert ("audience must be" if "everyone" in audience else "--audience key") in lines[0]
            assert weak not in refused.stderr


class _TwoCaches:
    """A page source whose listing is newer than its cached complete page, then catches up."""

    def __init__(self) -> None:
        made = datetime(2026, 1, 1, tzinfo=UTC)
        self.listed = Page(id=1, title="t", path="news", created_at=made, updated_at=made)
        self.complete = self.listed.model_copy(update={"publish_end_date": ""})

    async def list(self, **options: Any) -> list[Page]:
        return [self.listed]

    async def try_get_many(self, page_ids: Any) -> BatchResult[Page]:
        return BatchResult([self.complete])


async def test_publish_dates_of_another_page_version_are_not_kept() -> None:
    source = _TwoCaches()
    query = AsyncPageQuery(source, "http://wiki.test").visible_to(
        Audience.of_group(_guests_group(), "guests")
    )
    # Edited on the wiki (now expired): the listing shows it, the cached complete page not yet.
    edited = source.listed.updated_at + timedelta(hours=1)
    source.listed = source.listed.model_copy(update={"updated_at": edited})
    assert await query.count() == 1
    source.complete = source.listed.model_copy(update={"publish_end_date": "2026-01-02T00:00:00Z"})
    assert await query.count() == 0


def _guests_group() -> Group:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Group(
        id=GUESTS,
        name="Guests",
        is_system=True,
        created_at=now,
        updated_at=now,
        permissions=READ,
        page_rules=[GroupPageRule.model_validate(ALLOW_ALL)],
    )


@pytest.mark.asyncio
async def test_the_query_scope_works_on_the_sync_and_the_async_client(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    wikijs_emulator.seed_page("open")
    wikijs_emulator.seed_page("internal/plan")
    guests = Audience.of_group(
        _guests_group().model_copy(
            update={"page_rules": [GroupPageRule.model_validate(r) for r in (ALLOW_ALL, _DENY)]}
        ),
        "guests",
    )
    query = pages_query(wiki).visible_to(guests).fields("_", "title")
    assert [item.title for item in (await run(query.fetch())).items] == ["open"]
    assert await run(pages_query(wiki).count()) == 2


_DENY = rule("START", "internal", deny=True)


async def test_a_wiki_that_is_down_at_start_up_does_not_stop_the_api(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = AsyncWikiJSClient(
        "http://wiki.test",
        "k",
        transport=httpx.MockTransport(refused),
        retry=RetryPolicy(max_attempts=1),
    )
    await _start(create_app(client, settings=ApiSettings()))
    assert "could not be read at start-up" in caplog.text
    await client.close()
