"""The emulator's pages namespace behaves like the recorded Wiki.js 2.5 (FINDINGS §4)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed.testing import WikiJSEmulator

CREATE = """mutation C($path: String!, $title: String!, $content: String!, $tags: [String]!) {
  pages { create(content: $content, description: "", editor: "markdown", isPublished: true,
    isPrivate: false, locale: "en", path: $path, tags: $tags, title: $title) {
      responseResult { succeeded errorCode slug message } page { id path tags { tag } } } } }"""


def gql(http: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    response = http.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    return body


def create(http: httpx.Client, path: str, tags: list[str] | None = None, **extra: Any) -> Any:
    variables = {
        "path": path,
        "title": extra.get("title", path),
        "content": "# Hi\n",
        "tags": tags or [],
    }
    return gql(http, CREATE, **variables)["data"]["pages"]["create"]


def test_create_normalises_tags_and_reads_back(http: httpx.Client) -> None:
    created = create(http, "docs/install", ["guide", "Install", " setup ", "guide"])
    assert created["responseResult"]["succeeded"] is True
    assert [t["tag"] for t in created["page"]["tags"]] == ["guide", "install", "setup"]
    page = gql(
        http,
        "query($id: Int!) { pages { single(id: $id) { path editor locale } } }",
        id=created["page"]["id"],
    )
    assert page["data"]["pages"]["single"] == {
        "path": "docs/install",
        "editor": "markdown",
        "locale": "en",
    }


@pytest.mark.parametrize("path", ["docs/v1.2/notes", "docs/my page", "docs\\win", "docs//x"])
def test_illegal_paths_are_refused(http: httpx.Client, path: str) -> None:
    result = create(http, path)["responseResult"]
    assert (result["errorCode"], result["slug"]) == (6005, "PageIllegalPath")


def test_duplicate_path_is_case_sensitive(http: httpx.Client) -> None:
    create(http, "docs/a")
    assert create(http, "docs/a")["responseResult"]["errorCode"] == 6002
    assert create(http, "Docs/A")["responseResult"]["succeeded"] is True


def test_selecting_editor_on_create_result_nulls_page_after_writing_it(http: httpx.Client) -> None:
    query = CREATE.replace("page { id path tags { tag } }", "page { id editor toc }")
    body = gql(http, query, path="sandbox/x", title="X", content="# X\n", tags=[])
    assert body["data"]["pages"]["create"]["page"] is None
    assert [e["path"][-1] for e in body["errors"]] == ["toc", "editor"]
    listing = gql(http, "{ pages { list { path } } }")
    assert listing["data"]["pages"]["list"] == [{"path": "sandbox/x"}]


def test_update_without_tags_fails_after_saving_content(http: httpx.Client) -> None:
    page_id = create(http, "sandbox/u", ["a"])["page"]["id"]
    update = """mutation($id: Int!, $content: String) { pages { update(id: $id, content: $content) {
        responseResult { errorCode slug message } } } }"""
    result = gql(http, update, id=page_id, content="changed")["data"]["pages"]["update"]
    assert result["responseResult"] == {
        "errorCode": 1,
        "slug": "TypeError",
        "message": "Cannot read properties of undefined (reading 'map')",
    }
    page = gql(
        http, "query($id: Int!) { pages { single(id: $id) { content isPublished } } }", id=page_id
    )
    assert page["data"]["pages"]["single"] == {"content": "changed", "isPublished": False}


def test_list_limit_counts_tag_rows(http: httpx.Client) -> None:
    create(http, "a", ["t1", "t2", "t3"])
    create(http, "b", ["t1", "t2"])
    body = gql(http, "{ pages { list(limit: 4) { path tags } } }")
    assert body["data"]["pages"]["list"] == [
        {"path": "a", "tags": ["t1", "t2", "t3"]},
        {"path": "b", "tags": ["t1"]},
    ]


def test_search_ignores_content_and_returns_string_ids(http: httpx.Client) -> None:
    page_id = create(http, "docs/searchable", title="Findable")["page"]["id"]
    body = gql(http, 'query { pages { search(query: "findable") { results { id } totalHits } } }')
    assert body["data"]["pages"]["search"] == {"results": [{"id": str(page_id)}], "totalHits": 1}
    assert gql(http, '{ pages { search(query: "Hi") { totalHits } } }')["data"]["pages"][
        "search"
    ] == {"totalHits": 0}


def test_tree_pages_mode_is_the_server_bug(http: httpx.Client) -> None:
    create(http, "docs/guides/one")
    body = gql(http, '{ pages { tree(mode: PAGES, locale: "en") { id } } }')
    assert body["errors"][0]["message"] == "builder.andWhereNotNull is not a function"
    folders = gql(http, '{ pages { tree(mode: ALL, locale: "en") { path isFolder parent } } }')
    assert folders["data"]["pages"]["tree"] == [{"path": "docs", "isFolder": True, "parent": 0}]


def test_guest_lists_pages_but_cannot_read_them(emu: WikiJSEmulator) -> None:
    page_id = emu.seed_page("docs/public", "Public")
    guest = httpx.Client(base_url=emu.base_url, transport=emu.transport())
    listing = guest.post("/graphql", json={"query": "{ pages { list { id } } }"}).json()
    assert listing["data"]["pages"]["list"] == [{"id": page_id}]
    single = guest.post(
        "/graphql", json={"query": f"{{ pages {{ single(id: {page_id}) {{ id }} }} }}"}
    )
    error = single.json()["errors"][0]
    assert error["extensions"]["exception"]["code"] == 6013
