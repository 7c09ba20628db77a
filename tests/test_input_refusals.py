"""Input Wiki.js cannot take as given is refused with ValidationError before anything is sent.

Each case was seen reaching the server (issue 13): numbers beyond a GraphQL Int, bytes for
text, page paths with characters that make the page unreachable, unknown editors, folder slugs
the server would silently rewrite, download paths that leave the asset tree, and containers of
the wrong type.
"""

from __future__ import annotations

from typing import Any

import pytest

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import PageCreate, PageUpdate
from wikijs_typed.models import _rules as rules

BIG = 2**31
PAGE = {"title": "T", "path": "docs/ok", "content": "c"}


def _nothing_sent(emulator: Any) -> None:
    assert [r.operation_names for r in emulator.requests] == []


@pytest.mark.parametrize(
    "call",
    [
        lambda w: w.pages.get(BIG),
        lambda w: w.pages.list(limit=BIG),
        lambda w: w.pages.list(offset=BIG),
        lambda w: w.pages.list(author_id=2**40),
        lambda w: w.pages.delete(BIG),
        lambda w: w.pages.get_many([1, BIG]),
        lambda w: w.pages.search("x", limit=BIG),
        lambda w: w.users.get(BIG),
        lambda w: w.users.list(offset=BIG),
        lambda w: w.users.delete(2, replace_id=BIG),
        lambda w: w.groups.assign_user(BIG, 1),
        lambda w: w.assets.list(folder_id=BIG),
        lambda w: w.assets.delete(BIG),
        lambda w: w.api_keys.revoke(BIG),
        lambda w: w.users.create(
            {"email": "a@b.co", "name": "A", "password_raw": "secret1", "groups": [BIG]}
        ),
    ],
)
async def test_numbers_beyond_a_graphql_int_are_refused(
    wiki: Any, wikijs_emulator: Any, call: Any
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="2147483647"):
        await call(wiki)

    _nothing_sent(wikijs_emulator)


async def test_a_large_limit_that_fits_is_not_multiplied_past_an_int(wiki: Any) -> None:
    # The listing asks for more rows than pages (tags add rows): that must stay an Int too.
    await wiki.pages.create(PAGE)

    pages = await wiki.pages.list(limit=536870912)

    assert [p.path for p in pages] == ["docs/ok"]


@pytest.mark.parametrize(
    "call",
    [
        lambda w: w.pages.create({**PAGE, "title": b"T"}),
        lambda w: w.pages.create({**PAGE, "content": b"c"}),
        lambda w: w.pages.create({**PAGE, "tags": ["ok", b"bytes"]}),
        lambda w: w.pages.update(1, {"description": bytearray(b"d")}),
        lambda w: w.groups.create({"name": b"Editors"}),
        lambda w: w.groups.update(1, {"name": b"Editors"}),
        lambda w: w.users.create({"email": "a@b.co", "name": b"A", "password_raw": "secret1"}),
        lambda w: w.users.update(1, {"name": b"A"}),
        lambda w: w.pages.get_by_path(b"docs/ok"),
        lambda w: w.pages.search(b"x"),
        lambda w: w.assets.create_folder(b"docs"),
    ],
)
async def test_bytes_are_not_text(wiki: Any, wikijs_emulator: Any, call: Any) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match=r"str|string"):
        await call(wiki)

    _nothing_sent(wikijs_emulator)


@pytest.mark.parametrize(
    "path",
    ["docs/a\x00b", "docs/a\nb", "docs/a\tb", "docs/a?b", "docs/a#b", "docs/\x7f", "\x85x"],
)
async def test_unreachable_page_paths_are_refused(
    wiki: Any, wikijs_emulator: Any, path: str
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError) as caught:
        await wiki.pages.create({**PAGE, "path": path})
    with pytest.raises(ValidationError):
        await wiki.pages.get_by_path(path)

    assert caught.value.field == "path"
    _nothing_sent(wikijs_emulator)


@pytest.mark.parametrize("title", ["\x00", "\x01\x02", " \x1b ", "\x7f", "ok\x00"])
def test_titles_need_a_visible_character_and_no_nul(title: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PageCreate(**{**PAGE, "title": title})
    with pytest.raises(ValidationError):
        PageUpdate(title=title)

    assert caught.value.field == "title"


def test_nul_is_refused_in_any_text_field() -> None:
    with pytest.raises(ValidationError, match="NUL") as caught:
        PageCreate(**{**PAGE, "script_css": "a\x00"})

    assert caught.value.field == "script_css"


@pytest.mark.parametrize("editor", rules.EDITORS)
def test_every_editor_wikijs_ships_is_accepted(editor: str) -> None:
    assert PageCreate(**PAGE, editor=editor).editor == editor


async def test_an_unknown_editor_is_refused(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="markdown") as caught:
        await wiki.pages.create({**PAGE, "editor": "bogus"})
    with pytest.raises(ValidationError):
        await wiki.pages.create({**PAGE, "editor": "Markdown"})

    assert caught.value.field == "editor"
    _nothing_sent(wikijs_emulator)


@pytest.mark.parametrize(
    "slug",
    [
        "x" * 300,
        "é" * 128,  # 256 bytes in UTF-8: the server cuts names at 255 bytes
        "\x00",
        "a\x00b",
        "a\nb",
        "what?",
        "a:b",
        'say"hi"',
        "a*b",
        "a|b",
        "<a>",
        ".",
        "..",
        "...",
        "trailing.",
        "con",
        "LPT1.txt",
        "a/b",
    ],
)
async def test_folder_slugs_the_server_would_rewrite_are_refused(
    wiki: Any, wikijs_emulator: Any, slug: str
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError) as caught:
        await wiki.assets.create_folder(slug)

    assert caught.value.field == "slug"
    _nothing_sent(wikijs_emulator)
    assert await wiki.assets.folders() == []


async def test_the_longest_slug_the_server_keeps_is_created_and_found(wiki: Any) -> None:
    slug = "X" * 255

    created = await wiki.assets.create_folder(slug)

    assert created.slug == slug.lower()
    assert [f.id for f in await wiki.assets.folders()] == [created.id]


async def test_a_created_folder_is_found_with_a_listing_cached_before(
    cached_wiki: Any,
) -> None:
    assert await cached_wiki.assets.folders() == []

    created = await cached_wiki.assets.create_folder("Fresh")

    assert created.slug == "fresh"


def test_a_created_folder_that_is_not_listed_is_a_bad_answer_not_a_missing_folder(
    wikijs_emulator: Any,
) -> None:
    import httpx

    from wikijs_typed import WikiJSClient
    from wikijs_typed.exceptions import InvalidResponseError

    real = wikijs_emulator.transport()

    def answer(request: httpx.Request) -> httpx.Response:
        # The server reports the folder made, then lists none.
        if b"ListAssetFolders" in request.content:
            return httpx.Response(200, json={"data": {"assets": {"folders": []}}})
        return real.handle_request(request)

    client = WikiJSClient(
        wikijs_emulator.base_url, wikijs_emulator.api_key, transport=httpx.MockTransport(answer)
    )
    with client, pytest.raises(InvalidResponseError, match="created but is not listed"):
        client.assets.create_folder("made")


@pytest.mark.parametrize(
    "path",
    ["../../x", "docs/../x.png", "./x.png", "a/\x00/x.png", "a/b\nc/x.png", "a/b:c/x.png"],
)
async def test_download_paths_must_name_an_asset(
    wiki: Any, wikijs_emulator: Any, path: str
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError):
        await wiki.assets.download(path)

    assert wikijs_emulator.requests == []


@pytest.mark.parametrize(
    "call",
    [
        lambda w: w.pages.get_many(None),
        lambda w: w.pages.get_many(7),
        lambda w: w.pages.get_many("12"),
        lambda w: w.pages.get_many({1: 2}),
        lambda w: w.pages.try_get_many(b"\x01"),
        lambda w: w.pages.delete_many(None),
        lambda w: w.pages.try_delete_many(3),
        lambda w: w.pages.create_many(None),
        lambda w: w.pages.create_many(PAGE),
        lambda w: w.pages.update_many(None),
        lambda w: w.pages.update_many({"id": 1}),
        lambda w: w.pages.list(tags=5),
        lambda w: w.pages.get_by_tags(None),
    ],
)
async def test_wrong_containers_are_a_validation_error(
    wiki: Any, wikijs_emulator: Any, call: Any
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError):
        await call(wiki)

    _nothing_sent(wikijs_emulator)


@pytest.mark.parametrize(
    "destination", [5, b"/tmp/x", "", "a\x00b", ["x"], ".", "no/such/folder/x.bin"]
)
async def test_a_download_destination_is_checked_before_sending(
    wiki: Any,
    wikijs_emulator: Any,
    destination: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
) -> None:
    monkeypatch.chdir(tmp_path)
    await wiki.assets.upload(b"x", filename="x.bin")
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError) as caught:
        await wiki.assets.download("x.bin", destination)

    assert caught.value.field == "destination"
    assert wikijs_emulator.requests == []


def test_generated_methods_refuse_ints_beyond_32_bits(wikijs_emulator: Any) -> None:
    from tests._both_clients import make_client

    client = make_client("sync", wikijs_emulator)
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="GraphQL Int") as single:
        client.graphql.get_page(id=BIG)
    with pytest.raises(ValidationError) as listed:
        client.graphql.update_user(id=1, groups=[1, -(2**31) - 1])
    with pytest.raises(ValidationError):
        client.graphql.list_pages(limit=2**40)

    assert (single.value.field, listed.value.field) == ("id", "groups")
    _nothing_sent(wikijs_emulator)
    # The bound itself is sent (and answered: no such page).
    from wikijs_typed.exceptions import NotFoundError

    with pytest.raises(NotFoundError):
        client.graphql.get_page(id=BIG - 1)
    assert [r.operation_names for r in wikijs_emulator.requests] == [("GetPage",)]


@pytest.mark.parametrize(
    "call",
    [
        lambda w: w.pages.list(locale="\ud800"),
        lambda w: w.pages.list(locale="en us"),
        lambda w: w.pages.search("x", locale="\ud800"),
        lambda w: w.pages.create({**PAGE, "content": "a\udfff"}),
        lambda w: w.users.search("\ud800"),
    ],
)
async def test_text_that_cannot_be_sent_is_refused(
    wiki: Any, wikijs_emulator: Any, call: Any
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError):
        await call(wiki)

    _nothing_sent(wikijs_emulator)


def test_generated_methods_refuse_lone_surrogates(wikijs_emulator: Any) -> None:
    from tests._both_clients import make_client

    client = make_client("sync", wikijs_emulator)
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="surrogate") as caught:
        client.graphql.search_pages(query="x\ud800")

    assert caught.value.field == "query"
    _nothing_sent(wikijs_emulator)


@pytest.mark.parametrize("file", ["x" * 300, "a\x00b", ".", "no/such/file.png"])
async def test_an_upload_from_a_path_that_cannot_be_read_is_refused(
    wiki: Any, wikijs_emulator: Any, file: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="cannot read") as caught:
        await wiki.assets.upload(file, filename="x.png")

    assert caught.value.field == "file"
    assert wikijs_emulator.requests == []
