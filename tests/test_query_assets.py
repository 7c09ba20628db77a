"""The content query over images and documents, against the emulator, sync and async."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from _query_helpers import assets_of, each, run

from wikijs_typed.query import FieldNotSelectedError, NoMatchError, QueryError

API = "http://api.example.com/api/v2"


def png(width: int, height: int) -> bytes:
    """The smallest PNG header an image-size reader needs: signature and IHDR chunk."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


@pytest.fixture
async def library(wiki: Any) -> dict[str, int]:
    folder = await wiki.assets.create_folder("docs")
    sub = await wiki.assets.create_folder("shots", parent_folder_id=folder.id)
    uploads = [
        ("logo.png", png(500, 392), 0),
        ("diagram.png", png(64, 32), folder.id),
        ("screen.png", png(1280, 720), sub.id),
        ("manual.pdf", b"%PDF-1.4 manual", folder.id),
        ("notes.txt", b"plain notes", 0),
    ]
    ids: dict[str, int] = {}
    for name, data, folder_id in uploads:
        ids[name] = (await wiki.assets.upload(data, folder_id=folder_id, filename=name)).id
    return ids


async def test_images_list_with_wagtails_default_fields(
    wiki: Any, library: dict[str, int], wikijs_emulator: Any
) -> None:
    images = assets_of(wiki).images.query()
    wikijs_emulator.requests.clear()
    listing = await run(images.fetch())
    assert listing.total_count == 3
    # No size was asked for: no file was downloaded.
    assert all(r.path == "/graphql" for r in wikijs_emulator.requests)
    shaped = listing.to_wagtail(API)
    item = shaped["items"][0]
    assert list(item) == ["id", "meta", "title"]
    assert list(item["meta"]) == ["type", "detail_url", "tags", "download_url"]
    assert item["meta"]["type"] == "wikijs.Image"
    assert item["meta"]["tags"] == []
    assert item["meta"]["detail_url"] == f"{API}/images/{item['id']}/"
    assert item["title"] == "logo.png"
    with pytest.raises(FieldNotSelectedError):
        _ = listing.items[0].width


async def test_sizes_are_read_from_headers_only_for_returned_images(
    wiki: Any, library: dict[str, int], wikijs_emulator: Any
) -> None:
    query = assets_of(wiki).images.query().order_by("title").fields("width", "height")
    wikijs_emulator.requests.clear()
    listing = await run(query[0:2])
    assert [(i.title, i.width, i.height) for i in listing.items] == [
        ("diagram.png", 64, 32),
        ("logo.png", 500, 392),
    ]
    downloads = [r.path for r in wikijs_emulator.requests if r.method == "GET"]
    assert sorted(downloads) == ["/docs/diagram.png", "/logo.png"]
    detail = await run(assets_of(wiki).images.query().detail(library["screen.png"]))
    assert (detail.width, detail.height) == (1280, 720)
    assert detail.folder == "docs/shots"
    assert detail.download_url == "http://wikijs.emulator/docs/shots/screen.png"
    wide = assets_of(wiki).images.query().filter(width=500).fields("_", "title")
    assert [i.title for i in (await run(wide.fetch())).items] == ["logo.png"]


async def test_documents_are_every_other_asset(wiki: Any, library: dict[str, int]) -> None:
    documents = assets_of(wiki).documents.query()
    listing = await run(documents.fields("ext", "mime", "file_size").fetch())
    assert [i.title for i in listing.items] == ["manual.pdf", "notes.txt"]
    assert listing.items[0].ext == ".pdf"
    shaped = listing.to_wagtail(API)["items"][1]
    assert shaped["meta"]["download_url"] == "http://wikijs.emulator/notes.txt"
    with pytest.raises(QueryError, match=r"^unknown fields: width$"):
        documents.fields("width")  # type: ignore[arg-type]
    with pytest.raises(NoMatchError, match=r"^No Document matches the given query.$"):
        await run(documents.detail(library["logo.png"]))


async def test_folders_search_order_and_params(wiki: Any, library: dict[str, int]) -> None:
    images = assets_of(wiki).images.query()
    below_docs = await run(images.in_folder("docs").fields("_", "title", "folder").fetch())
    assert [(i.title, i.folder) for i in below_docs.items] == [
        ("diagram.png", "docs"),
        ("screen.png", "docs/shots"),
    ]
    assert [i.title for i in (await run(images.search("SCREEN").fetch())).items] == ["screen.png"]
    newest = await run(images.order_by("-id").first())
    assert newest.title == "screen.png"
    from_params = images.from_params({"order": "-title", "limit": "2", "in_folder": "docs"})
    assert [i.title for i in await each(from_params)] == ["screen.png", "diagram.png"]
    with pytest.raises(QueryError, match="not an operation or a recognised field: child_of"):
        images.from_params({"child_of": "1"})
    assert await run(images.filter(title="logo.png").count()) == 1


async def test_explain_an_asset_query(wiki: Any, library: dict[str, int]) -> None:
    plan = assets_of(wiki).images.query().in_folder("docs").fields("width").explain()
    assert "a download of each image of the window, for its size" in plan.server
    assert "in folder 'docs' and below" in plan.client
    quiet = assets_of(wiki).documents.query().explain()
    assert not any("download" in step for step in quiet.server)
