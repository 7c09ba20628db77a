"""`client.assets` against the emulator, with the sync and the async client alike."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from wikijs_typed._resources.sansio.assets import stored_filename
from wikijs_typed.exceptions import (
    ForbiddenError,
    NotFoundError,
    OperationFailedError,
    ValidationError,
)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fd"
    "d49a730000001049444154789c63d0adbb071d30400a0029460649955de590"
    "0000000049454e44ae426082"
)


async def test_upload_bytes_and_download_them_back(wiki: Any) -> None:
    folder = await wiki.assets.create_folder("Images")

    asset = await wiki.assets.upload(PNG, folder_id=folder.id, filename="Pixel One.PNG")

    assert (asset.filename, asset.kind, asset.mime) == ("pixel_one.png", "IMAGE", "image/png")
    assert (asset.file_size, asset.folder_id, asset.folder_path) == (len(PNG), folder.id, "images")
    assert await wiki.assets.download(asset) == PNG
    assert await wiki.assets.download("images/pixel_one.png") == PNG
    assert await wiki.assets.download(asset.id) == PNG


async def test_upload_a_path_or_a_file_object(wiki: Any, tmp_path: Path) -> None:
    source = tmp_path / "Notes, v2.csv"
    source.write_text("a,b\n1,2\n")

    from_path = await wiki.assets.upload(source)
    from_file = await wiki.assets.upload(io.BytesIO(b"%PDF-1.4"), filename="doc.pdf")

    assert (from_path.filename, from_path.kind, from_path.folder_path) == (
        "notes_v2.csv",
        "BINARY",
        "",
    )
    assert from_file.mime == "application/pdf"
    target = tmp_path / "copy.csv"
    assert await wiki.assets.download(from_path, destination=target) == b"a,b\n1,2\n"
    assert target.read_bytes() == b"a,b\n1,2\n"


async def test_reuploading_a_name_replaces_the_file(wiki: Any) -> None:
    first = await wiki.assets.upload(b"one", filename="same.bin")
    second = await wiki.assets.upload(b"second", filename="same.bin")

    assert second.id == first.id
    assert second.file_size == len(b"second")


async def test_list_by_folder_and_kind(wiki: Any) -> None:
    folder = await wiki.assets.create_folder("mixed")
    await wiki.assets.upload(PNG, folder_id=folder.id, filename="a.png")
    await wiki.assets.upload(b"data", folder_id=folder.id, filename="b.bin")

    everything = await wiki.assets.list(folder.id)
    images = await wiki.assets.list(folder_id=folder.id, kind="image")
    binaries = await wiki.assets.list(folder.id, kind="BINARY")

    assert sorted(a.filename for a in everything) == ["a.png", "b.bin"]
    assert [a.filename for a in images] == ["a.png"]
    assert [a.filename for a in binaries] == ["b.bin"]
    assert await wiki.assets.list() == []
    with pytest.raises(ValidationError):
        await wiki.assets.list(kind="video")


async def test_folders_nest_and_know_their_paths(wiki: Any) -> None:
    docs = await wiki.assets.create_folder("docs")
    shots = await wiki.assets.create_folder("Screen Shots", parent_folder_id=docs.id)

    assert (shots.slug, shots.path, shots.parent_id) == (
        "screen shots",
        "docs/screen shots",
        docs.id,
    )
    assert [f.slug for f in await wiki.assets.folders()] == ["docs"]
    assert [f.slug for f in await wiki.assets.list_folders(docs.id)] == ["screen shots"]
    assert [f.path for f in await wiki.assets.all_folders()] == ["docs", "docs/screen shots"]
    asset = await wiki.assets.upload(b"x", folder_id=shots.id, filename="deep.bin")
    assert await wiki.assets.download(asset) == b"x"
    with pytest.raises(OperationFailedError) as duplicate:
        await wiki.assets.create_folder("DOCS")
    assert duplicate.value.error_code == 2002


async def test_an_upload_into_a_missing_folder_is_refused_before_sending(
    wiki: Any, wikijs_emulator: Any
) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(NotFoundError, match="folder 987654"):
        await wiki.assets.upload(b"x", folder_id=987654, filename="x.bin")

    assert [r.path for r in wikijs_emulator.requests if r.path == "/u"] == []


async def test_rename_and_delete(wiki: Any) -> None:
    asset = await wiki.assets.upload(PNG, filename="logo.png")

    assert await wiki.assets.rename(asset.id, "Brand.png") is True
    assert [a.filename for a in await wiki.assets.list()] == ["brand.png"]
    with pytest.raises(NotFoundError):
        await wiki.assets.download("logo.png")
    with pytest.raises(OperationFailedError) as extension:
        await wiki.assets.rename(asset.id, "brand.jpg")
    assert extension.value.error_code == 2008
    assert await wiki.assets.delete(asset.id) is True
    with pytest.raises(NotFoundError):
        await wiki.assets.delete(asset.id)
    with pytest.raises(NotFoundError):
        await wiki.assets.rename(987654, "x.png")


async def test_iter_all_walks_every_folder(wiki: Any) -> None:
    top = await wiki.assets.create_folder("top")
    sub = await wiki.assets.create_folder("sub", parent_folder_id=top.id)
    await wiki.assets.upload(b"r", filename="root.bin")
    await wiki.assets.upload(b"t", folder_id=top.id, filename="top.bin")
    await wiki.assets.upload(PNG, folder_id=sub.id, filename="sub.png")

    everything = [(a.folder_path, a.filename) async for a in wiki.assets.iter_all()]
    images = [a.filename async for a in wiki.assets.iter_all(kind="image")]

    assert everything == [("", "root.bin"), ("top", "top.bin"), ("top/sub", "sub.png")]
    assert images == ["sub.png"]


async def test_upload_input_is_checked_first(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="filename"):
        await wiki.assets.upload(b"no name")
    with pytest.raises(ValidationError, match="binary"):
        await wiki.assets.upload(io.StringIO("text"), filename="t.txt")
    with pytest.raises(ValidationError):
        await wiki.assets.upload(b"x", folder_id=-1, filename="x.bin")

    assert wikijs_emulator.requests == []


async def test_a_guest_cannot_upload(wikijs_emulator: Any) -> None:
    from wikijs_typed import WikiJSClient

    with (
        WikiJSClient(
            wikijs_emulator.base_url, "not-a-real-key", transport=wikijs_emulator.transport()
        ) as guest,
        pytest.raises(ForbiddenError, match="not authorized"),
    ):
        guest.assets.upload(b"x", filename="x.bin")


def test_stored_names_follow_the_server() -> None:
    assert stored_filename("Release Notes #1.TXT") == "release_notes_1.txt"
    assert stored_filename("a, b;c.png") == "a_b_c.png"
