"""Assets in the emulator: folders, multipart upload on POST /u, downloads (FINDINGS §7)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from wikijs_typed.testing import ManualClock, WikiJSEmulator

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452")


@pytest.fixture
def emu() -> WikiJSEmulator:
    return WikiJSEmulator(clock=ManualClock(1_800_000_000))


@pytest.fixture
def http(emu: WikiJSEmulator) -> httpx.Client:
    return httpx.Client(base_url=emu.base_url, transport=emu.transport())


def auth(emu: WikiJSEmulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emu.api_key}"}


def gql(http: httpx.Client, emu: WikiJSEmulator, query: str, **variables: Any) -> dict[str, Any]:
    body: dict[str, Any] = http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=auth(emu)
    ).json()
    return body


def upload(
    http: httpx.Client,
    headers: dict[str, str],
    folder: int | None,
    *files: tuple[str, bytes, str],
) -> httpx.Response:
    parts: list[tuple[str, Any]] = []
    if folder is not None:
        parts.append(("mediaUpload", (None, json.dumps({"folderId": folder}))))
    parts.extend(("mediaUpload", file) for file in files)
    return http.post("/u", files=parts, headers=headers)


def make_folder(http: httpx.Client, emu: WikiJSEmulator, parent: int, slug: str) -> dict[str, Any]:
    query = """mutation($p: Int!, $s: String!) { assets {
        createFolder(parentFolderId: $p, slug: $s) {
        responseResult { succeeded errorCode } } } }"""
    result: dict[str, Any] = gql(http, emu, query, p=parent, s=slug)["data"]["assets"][
        "createFolder"
    ]
    return result


def listing(http: httpx.Client, emu: WikiJSEmulator, folder: int) -> list[dict[str, Any]]:
    query = (
        "query($f: Int!) { assets { list(folderId: $f, kind: ALL) { id filename kind fileSize } } }"
    )
    result: list[dict[str, Any]] = gql(http, emu, query, f=folder)["data"]["assets"]["list"]
    return result


def test_folders_use_the_lowercased_slug(http: httpx.Client, emu: WikiJSEmulator) -> None:
    assert make_folder(http, emu, 0, "Screen Shots")["responseResult"]["succeeded"] is True
    assert make_folder(http, emu, 0, "screen shots")["responseResult"]["errorCode"] == 2002
    folders = gql(http, emu, "{ assets { folders(parentFolderId: 0) { slug name } } }")
    assert folders["data"]["assets"]["folders"] == [
        {"slug": "screen shots", "name": "screen shots"}
    ]


def test_upload_then_download(http: httpx.Client, emu: WikiJSEmulator) -> None:
    make_folder(http, emu, 0, "media")
    answer = upload(http, auth(emu), 1, ("Logo Big #1.PNG", PNG, "image/png"))
    assert (answer.status_code, answer.text) == (200, "ok")
    assert listing(http, emu, 1) == [
        {"id": 1, "filename": "logo_big_1.png", "kind": "IMAGE", "fileSize": len(PNG)}
    ]
    download = http.get("/media/logo_big_1.png")
    assert download.content == PNG
    assert download.headers["content-type"] == "image/png"
    assert "content-disposition" not in download.headers


def test_non_images_download_as_attachments_and_page_extensions_are_pages(
    http: httpx.Client, emu: WikiJSEmulator
) -> None:
    upload(
        http,
        auth(emu),
        0,
        ("data.csv", b"a,b\n", "text/csv"),
    )
    upload(http, auth(emu), 0, ("notes.txt", b"hello", "text/plain"))
    csv = http.get("/data.csv")
    assert csv.headers["content-disposition"] == "attachment; filename=data.csv"
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    as_page = http.get("/notes.txt")  # the view of a page "notes", which does not exist
    assert as_page.status_code == 404
    assert "<title>Page Not Found | Wiki.js</title>" in as_page.text
    assert http.get("/missing.png").status_code == 404


def test_reupload_replaces_in_place(http: httpx.Client, emu: WikiJSEmulator) -> None:
    upload(http, auth(emu), 0, ("a.png", PNG, "image/png"))
    upload(http, auth(emu), 0, ("a.png", PNG * 2, "image/png"))
    assert listing(http, emu, 0) == [
        {"id": 1, "filename": "a.png", "kind": "IMAGE", "fileSize": 2 * len(PNG)}
    ]


@pytest.mark.parametrize(
    ("headers_from", "folder", "count", "status", "message"),
    [
        ("guest", 0, 1, 403, "You are not authorized to upload files."),
        ("key", None, 1, 400, "Missing upload folder metadata."),
        ("key", 0, 0, 400, "Missing upload payload."),
        ("key", 0, 2, 400, "You cannot upload multiple files within the same request."),
    ],
)
def test_upload_errors(
    http: httpx.Client,
    emu: WikiJSEmulator,
    headers_from: str,
    folder: int | None,
    count: int,
    status: int,
    message: str,
) -> None:
    headers = auth(emu) if headers_from == "key" else {}
    files = [(f"f{i}.png", PNG, "image/png") for i in range(count)]
    answer = upload(http, headers, folder, *files)
    assert answer.status_code == status
    assert answer.json() == {"succeeded": False, "message": message}


def test_rename_rules(http: httpx.Client, emu: WikiJSEmulator) -> None:
    upload(http, auth(emu), 0, ("pixel.png", PNG, "image/png"))
    upload(http, auth(emu), 0, ("other.png", PNG, "image/png"))
    rename = """mutation($id: Int!, $name: String!) { assets {
        renameAsset(id: $id, filename: $name) {
        responseResult { errorCode } } } }"""

    def code(asset: int, name: str) -> int:
        result = gql(http, emu, rename, id=asset, name=name)["data"]["assets"]["renameAsset"]
        return int(result["responseResult"]["errorCode"])

    assert [code(1, "logo.jpg"), code(1, ".png"), code(1, "other.png"), code(99, "x.png")] == [
        2008,
        2007,
        2005,
        2004,
    ]
    assert code(1, "Logo.PNG") == 0
    assert http.get("/logo.png").status_code == 200
    assert http.get("/pixel.png").status_code == 404


def test_delete_then_the_file_is_gone(http: httpx.Client, emu: WikiJSEmulator) -> None:
    upload(http, auth(emu), 0, ("gone.png", PNG, "image/png"))
    delete = "mutation { assets { deleteAsset(id: 1) { responseResult { errorCode } } } }"
    assert (
        gql(http, emu, delete)["data"]["assets"]["deleteAsset"]["responseResult"]["errorCode"] == 0
    )
    assert http.get("/gone.png").status_code == 404
    assert (
        gql(http, emu, delete)["data"]["assets"]["deleteAsset"]["responseResult"]["errorCode"]
        == 2004
    )


@pytest.mark.parametrize(
    ("slug", "stored"),
    [
        ("é" * 200, "é" * 127),  # cut at 255 bytes of UTF-8, not inside a character
        ("x" * 300, "x" * 255),
        ("...", ""),
        ("a\x00b?", "ab"),
        ("name. .", "name"),
        ("COM1.txt", ""),
    ],
)
def test_folder_slugs_are_sanitized_as_wikijs_does(slug: str, stored: str) -> None:
    from wikijs_typed import WikiJSClient

    emu = WikiJSEmulator()
    with WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport()) as client:
        # Straight through the generated client: the resource would refuse these first.
        client.graphql.create_asset_folder(parent_folder_id=0, slug=slug, name=slug)
        folders = client.graphql.list_asset_folders(parent_folder_id=0).assets.folders

    assert [f.slug for f in folders] == [stored]
