"""The emulator decides who sees what as Wiki.js 2.5.314 does (issue 23, item 8).

Each test pins a behaviour of `server/core/auth.js` (`checkAccess`) and
`server/controllers/common.js` (page view, asset download) that the recordings in
../shared/wikijs/recordings/access show (FINDINGS §12): through GraphQL as a guest (no key),
a group's API key or a logged-in user, and through the anonymous HTTP views. The replay of
those recordings themselves runs in tests/test_fidelity.py.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from wikijs_typed.testing import ManualClock, SeedError, WikiJSEmulator
from wikijs_typed.testing._emulator import GUEST_GROUP_ID

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
EVERYTHING = ["read:pages", "read:assets", "read:comments"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def emu() -> WikiJSEmulator:
    return WikiJSEmulator(clock=ManualClock(NOW))


@pytest.fixture
def guest(emu: WikiJSEmulator) -> httpx.Client:
    return httpx.Client(base_url=emu.base_url, transport=emu.transport())


@pytest.fixture
def admin(emu: WikiJSEmulator) -> httpx.Client:
    return _as(emu, emu.api_key)


def _as(emu: WikiJSEmulator, token: str) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.Client(base_url=emu.base_url, transport=emu.transport(), headers=headers)


def rule(match: str, path: str, *, deny: bool = False, **extra: Any) -> dict[str, Any]:
    return {"match": match, "path": path, "deny": deny, "roles": ["read:pages"], **extra}


def guests_may(emu: WikiJSEmulator, *rules: dict[str, Any]) -> None:
    """Guests keep Wiki.js's default allow-all rule, plus `rules`."""
    allow_all = {"match": "START", "path": "", "roles": EVERYTHING}
    emu.set_group_access(GUEST_GROUP_ID, page_rules=[allow_all, *rules])


def gql(http: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    body: dict[str, Any] = http.post(
        "/graphql", json={"query": query, "variables": variables}
    ).json()
    return body


def listed(http: httpx.Client) -> list[str]:
    answer = gql(http, "{ pages { list(orderBy: PATH) { path } } }")
    return [item["path"] for item in answer["data"]["pages"]["list"]]


def searched(http: httpx.Client, text: str) -> tuple[list[str], int]:
    query = "query($q: String!) { pages { search(query: $q) { results { path } totalHits } } }"
    found = gql(http, query, q=text)["data"]["pages"]["search"]
    return sorted(r["path"] for r in found["results"]), found["totalHits"]


def tree_nodes(http: httpx.Client, parent: int = 0) -> list[dict[str, Any]]:
    query = 'query($p: Int) { pages { tree(parent: $p, mode: ALL, locale: "en") { id path } } }'
    nodes: list[dict[str, Any]] = gql(http, query, p=parent)["data"]["pages"]["tree"]
    return nodes


def tree(http: httpx.Client, parent: int = 0) -> list[str]:
    return [node["path"] for node in tree_nodes(http, parent)]


def tree_id(http: httpx.Client, path: str) -> int:
    return next(int(node["id"]) for node in tree_nodes(http) if node["path"] == path)


def views(http: httpx.Client, *paths: str) -> dict[str, int]:
    return {path: http.get(f"/en/{path}").status_code for path in paths}


def effective(response: httpx.Response) -> dict[str, Any]:
    encoded = response.text.split('effective-permissions="', 1)[1].split('"', 1)[0]
    permissions: dict[str, Any] = json.loads(base64.b64decode(encoded))
    return permissions


# -- rule kinds and specificity -------------------------------------------------------------


def test_start_deny_hides_a_subtree_from_listing_tree_search_and_view(
    emu: WikiJSEmulator, guest: httpx.Client, admin: httpx.Client
) -> None:
    emu.seed_page("base/open/a", "Base open")
    emu.seed_page("base/secret/b", "Base secret")
    emu.seed_page("base/secret/deeper/c", "Base deeper")
    guests_may(emu, rule("START", "base/secret", deny=True))

    assert listed(guest) == ["base/open/a"]
    assert listed(admin) == ["base/open/a", "base/secret/b", "base/secret/deeper/c"]
    # search counts the hidden pages in totalHits (the count is taken before the filter)
    assert searched(guest, "Base") == (["base/open/a"], 3)
    base = tree_id(admin, "base")
    assert tree(guest, base) == ["base/open"]
    assert tree(admin, base) == ["base/open", "base/secret"]
    assert views(guest, "base/open/a", "base/secret/b", "base/secret/deeper/c") == {
        "base/open/a": 200,
        "base/secret/b": 403,
        "base/secret/deeper/c": 403,
    }
    # access is decided before existence
    assert views(guest, "base/secret/none", "base/open/none") == {
        "base/secret/none": 403,
        "base/open/none": 404,
    }
    assert guest.get("/base/open/a").status_code == 200  # no locale prefix: namespacing is off


def test_exact_allow_reopens_one_page_but_not_its_children(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    for path in ("s2/exact", "s2/exact/child", "s2/other"):
        emu.seed_page(path)
    guests_may(emu, rule("START", "s2", deny=True), rule("EXACT", "s2/exact"))
    assert views(guest, "s2/exact", "s2/exact/child", "s2/other") == {
        "s2/exact": 200,
        "s2/exact/child": 403,
        "s2/other": 403,
    }


@pytest.mark.parametrize("exact_first", [True, False])
def test_on_equal_length_exact_beats_start_in_either_order(
    emu: WikiJSEmulator, guest: httpx.Client, exact_first: bool
) -> None:
    emu.seed_page("s2/same")
    pair = [rule("EXACT", "s2/same"), rule("START", "s2/same", deny=True)]
    guests_may(emu, *(pair if exact_first else pair[::-1]))
    assert views(guest, "s2/same") == {"s2/same": 200}
    assert listed(guest) == ["s2/same"]


@pytest.mark.parametrize("deny_first", [True, False])
def test_on_equal_length_and_type_deny_wins_in_either_order(
    emu: WikiJSEmulator, guest: httpx.Client, deny_first: bool
) -> None:
    emu.seed_page("s5/page")
    pair = [rule("START", "s5", deny=True), rule("START", "s5")]
    guests_may(emu, *(pair if deny_first else pair[::-1]))
    assert views(guest, "s5/page") == {"s5/page": 403}
    assert listed(guest) == []


def test_end_deny_beats_the_allow_all_but_not_a_longer_start_allow(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    for path in ("s3/plan-draft", "s3/keep/plan-draft", "s3/plan"):
        emu.seed_page(path)
    guests_may(emu, rule("END", "-draft", deny=True), rule("START", "s3/keep"))
    assert listed(guest) == ["s3/keep/plan-draft", "s3/plan"]
    assert views(guest, "s3/plan-draft", "s3/keep/plan-draft") == {
        "s3/plan-draft": 403,
        "s3/keep/plan-draft": 200,
    }


def test_regex_specificity_is_the_length_of_its_pattern_text(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    emu.seed_page("s3/reg/x1")
    emu.seed_page("s3/open/x1")
    # "^s3/.*/x[0-9]+$" (15 characters) is longer than the START allow "s3/reg" (6)
    guests_may(emu, rule("START", "s3/reg"), rule("REGEX", "^s3/.*/x[0-9]+$", deny=True))
    assert views(guest, "s3/reg/x1", "s3/open/x1") == {"s3/reg/x1": 403, "s3/open/x1": 403}
    guests_may(emu, rule("START", "s3/reg/"), rule("REGEX", "x1$", deny=True))
    assert views(guest, "s3/reg/x1", "s3/open/x1") == {"s3/reg/x1": 200, "s3/open/x1": 403}


def test_tag_rules_apply_to_search_and_view_but_not_to_the_listing(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    emu.seed_page("s4/tagged", "Tagged", tags=["secret-tag"])
    emu.seed_page("s4/untagged", "Untagged")
    emu.seed_page("s4/allowed-sub/tagged", "Tagged too", tags=["secret-tag"])
    # the tag name (10 characters) is shorter than the START allow path (13)
    guests_may(emu, rule("TAG", "secret-tag", deny=True), rule("START", "s4/allowed-sub"))

    assert listed(guest) == ["s4/allowed-sub/tagged", "s4/tagged", "s4/untagged"]
    tags_query = '{ pages { list(tags: ["secret-tag"]) { path } } }'
    assert len(gql(guest, tags_query)["data"]["pages"]["list"]) == 2
    assert searched(guest, "agged") == (["s4/allowed-sub/tagged", "s4/untagged"], 3)
    assert views(guest, "s4/tagged", "s4/untagged", "s4/allowed-sub/tagged") == {
        "s4/tagged": 403,
        "s4/untagged": 200,
        "s4/allowed-sub/tagged": 200,
    }


def test_rules_limited_to_other_locales_are_skipped(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    emu.seed_page("s5fr/page")
    emu.seed_page("s5en/page")
    guests_may(
        emu,
        rule("START", "s5fr", deny=True, locales=["fr"]),
        rule("START", "s5en", deny=True, locales=["en"]),
    )
    assert listed(guest) == ["s5fr/page"]
    assert views(guest, "s5fr/page", "s5en/page") == {"s5fr/page": 200, "s5en/page": 403}


def test_rule_length_counts_utf16_units_like_javascript(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    emu.seed_page("😀/b")
    # The emoji is one Python character but two JavaScript ones: the deny is the longer rule.
    guests_may(emu, rule("START", "😀", deny=True), rule("END", "b"))
    assert listed(guest) == []


def test_no_matching_rule_denies_and_manage_system_sees_everything(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    emu.seed_page("team/doc")
    emu.seed_page("other/doc")
    emu.set_group_access(GUEST_GROUP_ID, page_rules=[rule("START", "team")])
    assert listed(guest) == ["team/doc"]
    root = emu.seed_group(
        "Root", permissions=["manage:system"], page_rules=[rule("START", "", deny=True)]
    )
    assert listed(_as(emu, emu.create_api_key("root", group=root))) == ["other/doc", "team/doc"]


# -- groups and closed wikis ---------------------------------------------------------------


def test_a_restricted_group_sees_its_subtree_and_its_users_are_not_guests(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    emu.seed_page("team/doc-1", "Team doc")
    emu.seed_page("other/doc-2", "Other doc")
    readers = emu.seed_group(
        "Readers", permissions=EVERYTHING, page_rules=[rule("START", "team", roles=EVERYTHING)]
    )
    user = emu.seed_user("reader@example.com", groups=[readers])
    for member in (
        _as(emu, emu.user_token(user)),
        _as(emu, emu.create_api_key("r", group=readers)),
    ):
        assert listed(member) == ["team/doc-1"]
        assert searched(member, "doc") == (["team/doc-1"], 2)
        assert tree(member) == ["team"]
        single = gql(member, "{ pages { single(id: 1) { path } } }")
        assert single["errors"][0]["extensions"]["exception"]["code"] == 6013
    reader = _as(emu, emu.user_token(user))
    refused = reader.get("/en/other/doc-2")
    assert (refused.status_code, refused.headers.get("set-cookie")) == (403, None)
    assert reader.get("/en/home").status_code == 403  # /login is only for Guest
    assert views(guest, "other/doc-2") == {"other/doc-2": 200}


def test_a_wiki_closed_to_guests(
    emu: WikiJSEmulator, guest: httpx.Client, admin: httpx.Client
) -> None:
    emu.seed_page("closed/page", "Closed")
    _upload(admin, "pixel.png")
    emu.set_group_access(GUEST_GROUP_ID, permissions=["read:comments"])

    for query in (
        "{ pages { list { path } } }",
        "{ pages { single(id: 1) { path } } }",
        '{ pages { search(query: "Closed") { totalHits } } }',
        '{ pages { tree(parent: 0, mode: ALL, locale: "en") { path } } }',
        "{ assets { list(folderId: 0, kind: ALL) { id } } }",
    ):
        assert [e["message"] for e in gql(guest, query)["errors"]] == ["Forbidden"], query
    page = guest.get("/en/closed/page")
    assert page.status_code == 403
    assert page.headers["set-cookie"].startswith(
        "loginRedirect=%2Fen%2Fclosed%2Fpage; Max-Age=900;"
    )
    for home, came_from in (("/en/home", "%2Fen%2Fhome"), ("/", "%2F")):
        answer = guest.get(home)
        assert (answer.status_code, answer.headers["location"]) == (302, "/login")
        assert answer.headers["set-cookie"].startswith(f"loginRedirect={came_from};")
        assert answer.text == "Found. Redirecting to /login"
    assert guest.get("/login").status_code == 200
    assert (guest.get("/pixel.png").status_code, guest.get("/pixel.png").text) == (403, "Forbidden")

    emu.set_group_access(GUEST_GROUP_ID, permissions=EVERYTHING)  # changes apply at once
    assert views(guest, "closed/page") == {"closed/page": 200}


# -- publishing -------------------------------------------------------------------------------


def test_the_view_honours_publish_windows_the_listing_does_not(
    emu: WikiJSEmulator, guest: httpx.Client, admin: httpx.Client
) -> None:
    emu.seed_page("pub/future", "Pub future", publish_start_date="2026-12-14T00:00:00.000Z")
    emu.seed_page("pub/expired", "Pub expired", publish_end_date=datetime(2026, 11, 30, tzinfo=UTC))
    emu.seed_page(
        "pub/window",
        "Pub window",
        publish_start_date="2026-11-30T00:00:00.000Z",
        publish_end_date="2026-12-14T00:00:00.000Z",
    )
    emu.seed_page("pub/unpublished", "Pub unpublished", is_published=False)
    emu.seed_page("pub/garbled", "Pub garbled", publish_start_date="next tuesday")
    emu.seed_page("pub/plain", "Pub plain")
    everything = [
        "pub/expired",
        "pub/future",
        "pub/garbled",
        "pub/plain",
        "pub/unpublished",
        "pub/window",
    ]

    assert listed(guest) == everything
    assert searched(guest, "Pub") == ([p for p in everything if p != "pub/unpublished"], 5)
    assert views(guest, *everything) == {
        "pub/expired": 403,
        "pub/future": 403,
        "pub/garbled": 403,
        "pub/plain": 200,
        "pub/unpublished": 403,
        "pub/window": 200,
    }
    assert "set-cookie" not in guest.get("/en/pub/future").headers
    assert set(views(admin, *everything).values()) == {200}  # write:pages skips the check
    emu.advance(7 * 86400)  # a week later the future page is live and the window has closed
    assert views(guest, "pub/future", "pub/window") == {"pub/future": 200, "pub/window": 403}


def test_seeded_publish_dates_are_stored_as_wikijs_stores_them(
    emu: WikiJSEmulator, admin: httpx.Client
) -> None:
    page = emu.seed_page("p", publish_start_date=datetime(2026, 12, 14), publish_end_date="soon")
    query = "query($id: Int!) { pages { single(id: $id) { publishStartDate publishEndDate } } }"
    assert gql(admin, query, id=page)["data"]["pages"]["single"] == {
        "publishStartDate": "2026-12-14T00:00:00.000Z",
        "publishEndDate": "soon",
    }
    plain = gql(admin, query, id=emu.seed_page("q"))["data"]["pages"]["single"]
    assert plain == {"publishStartDate": "", "publishEndDate": ""}


def test_private_pages_are_served_like_any_other(emu: WikiJSEmulator, guest: httpx.Client) -> None:
    emu.seed_page("priv/private", is_private=True)
    assert listed(guest) == ["priv/private"]
    assert views(guest, "priv/private") == {"priv/private": 200}


def test_the_view_carries_the_callers_effective_permissions(
    emu: WikiJSEmulator, guest: httpx.Client, admin: httpx.Client
) -> None:
    emu.seed_page("docs/a", "Docs A", content="# Docs A\n\nHello.\n")
    page = guest.get("/en/docs/a")
    assert "<title>Docs A | Wiki.js</title>" in page.text
    assert '<h1 id="docs-a"' in page.text
    assert effective(page)["pages"] == {
        "read": True,
        "write": False,
        "manage": False,
        "delete": False,
        "script": False,
        "style": False,
    }
    assert effective(page)["comments"] == {"read": True, "write": False, "manage": False}
    assert effective(admin.get("/en/docs/a"))["system"] == {"manage": True}


# -- assets -----------------------------------------------------------------------------------


def _folder(admin: httpx.Client, parent: int, slug: str) -> int:
    query = """mutation($p: Int!, $s: String!) { assets {
        createFolder(parentFolderId: $p, slug: $s) { responseResult { succeeded } } } }"""
    created = gql(admin, query, p=parent, s=slug)["data"]["assets"]["createFolder"]
    assert created["responseResult"]["succeeded"]
    listing = gql(
        admin, "query($p: Int!) { assets { folders(parentFolderId: $p) { id slug } } }", p=parent
    )
    return next(f["id"] for f in listing["data"]["assets"]["folders"] if f["slug"] == slug)


def _upload(admin: httpx.Client, name: str, folder: int = 0) -> None:
    files = [
        ("mediaUpload", (None, json.dumps({"folderId": folder}))),
        ("mediaUpload", (name, PNG, "image/png")),
    ]
    assert admin.post("/u", files=files).text == "ok"


def _files(http: httpx.Client, folder: int) -> list[str]:
    query = "query($f: Int!) { assets { list(folderId: $f, kind: ALL) { filename } } }"
    return [a["filename"] for a in gql(http, query, f=folder)["data"]["assets"]["list"]]


def test_asset_rules_guard_downloads_listings_and_folders(
    emu: WikiJSEmulator, guest: httpx.Client, admin: httpx.Client
) -> None:
    media = _folder(admin, 0, "media")
    locked = _folder(admin, media, "locked")
    _upload(admin, "open.png", media)
    _upload(admin, "secret.png", locked)
    emu.seed_page("media/locked/page")
    guests_may(
        emu, {"match": "START", "path": "media/locked", "deny": True, "roles": ["read:assets"]}
    )

    assert guest.get("/media/open.png").status_code == 200
    for missing_or_not in ("/media/locked/secret.png", "/media/locked/missing.png"):
        answer = guest.get(missing_or_not)
        assert (answer.status_code, answer.text) == (403, "Forbidden")
    query = "query($p: Int!) { assets { folders(parentFolderId: $p) { slug } } }"
    assert gql(guest, query, p=media)["data"]["assets"]["folders"] == []
    assert _files(guest, media) == ["open.png"]
    assert _files(guest, locked) == []
    assert _files(admin, locked) == ["secret.png"]
    assert views(guest, "media/locked/page") == {"media/locked/page": 200}  # read:pages untouched


def test_a_locale_limited_asset_rule_guards_the_download_but_not_the_listing(
    emu: WikiJSEmulator, guest: httpx.Client, admin: httpx.Client
) -> None:
    # The download passes the URL's locale (the site's, `en`); the listing passes none.
    _upload(admin, "logo.png")
    deny = {
        "match": "EXACT",
        "path": "logo.png",
        "deny": True,
        "roles": ["read:assets"],
        "locales": ["en"],
    }
    guests_may(emu, deny)
    assert guest.get("/logo.png").status_code == 403
    assert _files(guest, 0) == ["logo.png"]


# -- seeding ------------------------------------------------------------------------------------


def test_set_group_access_refuses_unknown_groups_and_incomplete_rules(emu: WikiJSEmulator) -> None:
    with pytest.raises(SeedError, match="no group 99"):
        emu.set_group_access(99, permissions=[])
    with pytest.raises(SeedError, match="needs match"):
        emu.set_group_access(
            GUEST_GROUP_ID, page_rules=[{"match": "SOMETIMES", "path": "", "roles": []}]
        )


def test_set_group_access_renews_the_tokens_of_the_groups_members(emu: WikiJSEmulator) -> None:
    emu.seed_page("team/doc")
    readers = emu.seed_group("Readers", permissions=["read:pages"])
    member = _as(emu, emu.user_token(emu.seed_user("m@example.com", groups=[readers])))
    emu.advance(10)
    emu.set_group_access(readers, page_rules=[rule("START", "nothing-here")])
    answer = member.post("/graphql", json={"query": "{ pages { list { path } } }"})
    assert answer.headers.get("new-jwt")
    assert answer.json()["data"]["pages"]["list"] == []


def test_tag_listings_ignore_tag_rules_like_the_page_listing(
    emu: WikiJSEmulator, guest: httpx.Client
) -> None:
    # pages.tags and pages.searchTags check path and locale only (server/graph/resolvers/page.js)
    emu.seed_page("s4/tagged", tags=["secret-tag"])
    guests_may(emu, rule("TAG", "secret-tag", deny=True))
    assert [
        t["tag"] for t in gql(guest, "{ pages { tags { tag } } }")["data"]["pages"]["tags"]
    ] == ["secret-tag"]
    assert gql(guest, '{ pages { searchTags(query: "secret") } }')["data"]["pages"] == {
        "searchTags": ["secret-tag"]
    }
