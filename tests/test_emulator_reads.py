"""The emulator's read paths answer the way Wiki.js 2.5.314's own code does (issue 12).

Each test pins one behaviour read in the server's source (server/graph/resolvers/*.js,
server/models/*.js, server/modules/rendering/html-core) and seen in the difffuzz corpus.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed.testing import WikiJSEmulator


@pytest.fixture
def http(emu: WikiJSEmulator) -> httpx.Client:
    return _client(emu)


def ask(http: httpx.Client, query: str) -> dict[str, Any]:
    body: dict[str, Any] = http.post("/graphql", json={"query": query}).json()
    return body


def data(http: httpx.Client, query: str) -> Any:
    body = ask(http, query)
    assert "errors" not in body, body["errors"]
    return body["data"]


def errors(http: httpx.Client, query: str) -> list[tuple[str, str]]:
    body = ask(http, query)
    return [(e["message"], "/".join(map(str, e["path"]))) for e in body.get("errors", [])]


# -- pages.searchTags -------------------------------------------------------------------------


def test_search_tags_removes_duplicates_before_keeping_five(emu: WikiJSEmulator) -> None:
    emu.seed_page("a", tags=["guide", "docs"])
    emu.seed_page("b", tags=["guide", "setup"])
    emu.seed_page("c", tags=["guide", "setup", "advanced", "extra"])
    http = _client(emu)
    found = data(http, '{ pages { searchTags(query: "") } }')["pages"]["searchTags"]
    assert found == ["guide", "docs", "setup", "advanced", "extra"]


def test_search_tags_lists_a_page_s_later_tag_with_its_page(emu: WikiJSEmulator) -> None:
    first = emu.seed_page("a", tags=["one"])
    emu.seed_page("b", tags=["two"])
    _retag(emu, first, ["one", "late"])
    found = data(_client(emu), '{ pages { searchTags(query: "") } }')["pages"]["searchTags"]
    assert found == ["one", "late", "two"]


# -- pages.links ----------------------------------------------------------------------------


def test_links_come_in_page_id_order_even_after_an_update(emu: WikiJSEmulator) -> None:
    ids = [emu.seed_page(path) for path in ("a", "b", "c")]
    _retag(emu, ids[0], ["touched"])  # rewritten last
    found = data(_client(emu), '{ pages { links(locale: "en") { id } } }')["pages"]["links"]
    assert [item["id"] for item in found] == ids


def test_links_to_non_ascii_paths_are_stored_decoded_and_render_valid(
    emu: WikiJSEmulator,
) -> None:
    emu.seed_page("café/menu")
    source = emu.seed_page("links", content="[Café](/café/menu) [Über](/en/über/uns)\n")
    http = _client(emu)
    links = data(http, '{ pages { links(locale: "en") { id links } } }')["pages"]["links"]
    assert {"id": source, "links": ["en/café/menu", "en/über/uns"]} in links
    render = data(http, f"{{ pages {{ single(id: {source}) {{ render }} }} }}")
    html = render["pages"]["single"]["render"]
    assert '<a href="/caf%C3%A9/menu" class="is-internal-link is-valid-page">' in html
    assert '<a href="/en/%C3%BCber/uns" class="is-internal-link is-invalid-page">' in html


def test_links_of_a_visual_editor_page_are_detected(emu: WikiJSEmulator) -> None:
    source = emu.seed_page(
        "html",
        content='<p>See <a href="/en/docs/intro">intro</a> and <a href="https://x.org">x</a>.</p>',
        editor="ckeditor",
    )
    found = data(_client(emu), '{ pages { links(locale: "en") { id links } } }')["pages"]["links"]
    assert found == [{"id": source, "links": ["en/docs/intro"]}]


# -- render -----------------------------------------------------------------------------------


def test_top_level_tables_are_wrapped_in_a_table_container(emu: WikiJSEmulator) -> None:
    render = _rendered(emu, "| a |\n|---|\n| 1 |\n\n- item\n\n  | b |\n  |---|\n  | 2 |\n")
    assert render.startswith('<div class="table-container"><table>\n<thead>')
    assert render.count('<div class="table-container">') == 1  # the one inside the list is not
    assert "</tbody>\n</table></div>\n<ul>" in render


# -- pages.version --------------------------------------------------------------------------


def test_version_of_an_unknown_page_is_the_server_s_type_error(http: httpx.Client) -> None:
    found = errors(http, "{ pages { version(pageId: 999, versionId: 1) { title } } }")
    assert found == [("Cannot read properties of undefined (reading 'path')", "pages/version")]


def test_version_unknown_on_a_known_page_is_null_without_error(emu: WikiJSEmulator) -> None:
    page = emu.seed_page("a")
    body = ask(
        _client(emu), f"{{ pages {{ version(pageId: {page}, versionId: 999) {{ title }} }} }}"
    )
    assert body == {"data": {"pages": {"version": None}}}


# -- helpers ----------------------------------------------------------------------------------


def _client(emu: WikiJSEmulator) -> httpx.Client:
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    return httpx.Client(base_url=emu.base_url, transport=emu.transport(), headers=headers)


def _rendered(emu: WikiJSEmulator, content: str) -> str:
    page = emu.seed_page("rendered", content=content)
    html = data(_client(emu), f"{{ pages {{ single(id: {page}) {{ render }} }} }}")
    render: str = html["pages"]["single"]["render"]
    return render


def _retag(emu: WikiJSEmulator, page_id: int, tags: list[str]) -> None:
    page = data(
        _client(emu),
        f"{{ pages {{ single(id: {page_id}) {{ path title content locale }} }} }}",
    )["pages"]["single"]
    mutation = """mutation($id: Int!, $path: String!, $title: String!, $content: String!,
      $tags: [String]!) { pages { update(id: $id, content: $content, description: "",
      editor: "markdown", isPublished: true, isPrivate: false, locale: "en", path: $path,
      tags: $tags, title: $title, scriptCss: "", scriptJs: "", publishStartDate: "",
      publishEndDate: "") { responseResult { succeeded } } } }"""
    variables = {"id": page_id, "tags": tags, **{k: page[k] for k in ("path", "title", "content")}}
    body = _client(emu).post("/graphql", json={"query": mutation, "variables": variables}).json()
    assert body["data"]["pages"]["update"]["responseResult"]["succeeded"], body


# -- SQL LIKE in searches ---------------------------------------------------------------------


def test_user_search_treats_sql_wildcards_as_wildcards(emu: WikiJSEmulator) -> None:
    for email in ("al_ice@example.com", "alxice@example.com", "bob@example.com"):
        emu.seed_user(email, email.split("@")[0])
    http = _client(emu)

    def emails(query: str) -> list[str]:
        found = data(http, f'{{ users {{ search(query: "{query}") {{ email }} }} }}')
        return sorted(user["email"] for user in found["users"]["search"])

    assert emails("l_ice") == ["al_ice@example.com", "alxice@example.com"]
    assert emails("l\\\\_ice") == ["al_ice@example.com"]  # an escaped _ is literal
    assert len(emails("%")) == 5  # admin, guest and the three above
    assert emails("ALICE") == []  # LIKE, not ILIKE: case counts


def test_page_search_path_and_query_use_like_patterns(emu: WikiJSEmulator) -> None:
    emu.seed_page("docs/intro", "Intro")
    emu.seed_page("dogs/intro", "Dog intro")
    emu.seed_page("Docs/upper", "Upper intro")
    http = _client(emu)

    def paths(args: str) -> list[str]:
        found = data(http, f"{{ pages {{ search({args}) {{ results {{ path }} }} }} }}")
        return sorted(hit["path"] for hit in found["pages"]["search"]["results"])

    assert paths('query: "intro", path: "do_s"') == ["docs/intro", "dogs/intro"]
    assert paths('query: "intro", path: "docs"') == ["docs/intro"]  # the prefix is case-sensitive
    assert paths('query: "i%o"') == ["Docs/upper", "docs/intro", "dogs/intro"]


def test_search_tags_query_is_an_ilike_pattern(emu: WikiJSEmulator) -> None:
    emu.seed_page("a", tags=["setup", "step", "docs"])
    found = data(_client(emu), '{ pages { searchTags(query: "S_e") } }')["pages"]["searchTags"]
    assert found == ["step"]


# -- pages.tree -------------------------------------------------------------------------------


def test_tree_with_an_empty_locale_falls_back_to_the_site_language(emu: WikiJSEmulator) -> None:
    emu.seed_page("home", "Home")
    http = _client(emu)
    empty = data(http, '{ pages { tree(locale: "", mode: ALL) { path locale } } }')
    english = data(http, '{ pages { tree(locale: "en", mode: ALL) { path locale } } }')
    assert empty == english
    assert empty["pages"]["tree"] == [{"path": "home", "locale": "en"}]


# -- negative windows -------------------------------------------------------------------------


def test_a_negative_list_limit_is_the_database_s_refusal(http: httpx.Client) -> None:
    body = ask(http, "{ pages { list(limit: -1) { id } } }")
    assert body["data"] == {"pages": None}  # `list` is non-null: the namespace goes null
    (message, path), *_ = errors(http, "{ pages { list(limit: -1) { id } } }")
    assert message.startswith('select "pages"."id" as "id"')
    assert message.endswith(' order by "pages"."id" asc limit $1 - LIMIT must not be negative')
    assert path == "pages/list"


@pytest.mark.parametrize(
    ("window", "refusal"),
    [
        ("offsetPage: -1", "OFFSET must not be negative"),
        ("offsetSize: -1", "LIMIT must not be negative"),
        ("offsetPage: 1, offsetSize: -1", "OFFSET must not be negative"),
    ],
)
def test_a_negative_history_window_is_the_database_s_refusal(
    emu: WikiJSEmulator, window: str, refusal: str
) -> None:
    page = emu.seed_page("a")
    found = errors(_client(emu), f"{{ pages {{ history(id: {page}, {window}) {{ total }} }} }}")
    assert len(found) == 1
    assert found[0][0].endswith(f" - {refusal}")
    assert "index" not in found[0][0]  # no Python wording leaks


def test_a_history_window_past_the_end_is_empty(emu: WikiJSEmulator) -> None:
    page = emu.seed_page("a")
    found = data(_client(emu), f"{{ pages {{ history(id: {page}, offsetPage: 3) {{ total }} }} }}")
    assert found == {"pages": {"history": {"total": 0}}}


def test_rendered_markdown_is_written_back_the_way_parse5_writes_html(
    emu: WikiJSEmulator,
) -> None:
    content = (
        'It\'s "Bob\'s" page&nbsp;& more.\n\n[t](/x "a > b")\n\n```js\nconst s = \'x\' < "y"\n```\n'
    )
    render = _rendered(emu, content)
    assert render.startswith("<p>It's \"Bob's\" page&nbsp;&amp; more.</p>")
    assert 'title="a > b"' in render  # markdown-it's &gt; is undone in attribute values
    assert "const s = 'x' &lt; \"y\"" in render
    assert "&#39;" not in render
    assert "&quot;" not in render


def test_links_hide_targets_and_pages_the_caller_cannot_read(emu: WikiJSEmulator) -> None:
    source = emu.seed_page("docs/a", content="[b](/docs/b) [secret](/secret/x)\n")
    emu.seed_page("docs/b")
    emu.seed_page("secret/only", content="[x](/secret/x)\n")
    emu.seed_page("docs/plain", content="no links\n")
    rule = {"id": "r", "deny": False, "match": "START", "roles": ["read:pages"], "path": "docs"}
    group = emu.seed_group(
        "Docs readers", permissions=["read:pages"], page_rules=[rule | {"locales": []}]
    )
    key = emu.create_api_key("docs-reader", group=group)
    http = httpx.Client(
        base_url=emu.base_url, transport=emu.transport(), headers={"Authorization": f"Bearer {key}"}
    )
    found = data(http, '{ pages { links(locale: "en") { id path links } } }')["pages"]["links"]
    # docs/b and docs/plain have no link: their one row points at "null", outside the rule
    assert found == [{"id": source, "path": "en/docs/a", "links": ["en/docs/b"]}]


def test_link_detection_follows_html_core(emu: WikiJSEmulator) -> None:
    emu.seed_page("docs/guide/install")
    content = (
        "[rel](install) [host](http://wikijs.emulator/docs/guide/install)"
        " [sys](/t/tag) [login](/login) [ext](https://example.com/x)\n"
    )
    page = emu.seed_page("docs/guide", content=content)
    http = _client(emu)
    html = data(http, f"{{ pages {{ single(id: {page}) {{ render }} }} }}")["pages"]["single"]
    render = html["render"]
    valid = 'class="is-internal-link is-valid-page"'
    assert f'<a href="/docs/guide/install" {valid}>rel</a>' in render  # resolved against the page
    assert f'<a href="/docs/guide/install" {valid}>host</a>' in render  # the site's own URL
    assert '<a href="/t/tag" class="is-system-link">sys</a>' in render
    assert '<a href="/login" class="is-internal-link is-invalid-page">login</a>' in render
    assert '<a href="https://example.com/x" class="is-external-link">ext</a>' in render
    links = data(http, '{ pages { links(locale: "en") { id links } } }')["pages"]["links"]
    assert {"id": page, "links": ["en/docs/guide/install", "en/login"]} in links


def test_a_visual_editor_page_goes_through_the_html_step(emu: WikiJSEmulator) -> None:
    emu.seed_page("docs/intro")
    content = (
        '<h1>HTML page</h1><p>Some <strong>bold</strong> and a <a href="/en/docs/intro">link</a>'
        ' &amp; "quotes".</p><h2 id="custom">Second</h2>loose text<table><tbody><tr><td>1</td></tr>'
        "</tbody></table><pre><code>x &lt; y</code></pre><br/>"
    )
    page = emu.seed_page("html", content=content, editor="ckeditor")
    render = data(_client(emu), f"{{ pages {{ single(id: {page}) {{ render }} }} }}")
    assert render["pages"]["single"]["render"] == (
        '<h1 id="html-page" class="toc-header"><a class="toc-anchor" href="#html-page">¶</a>'
        ' HTML page</h1><p>Some <strong>bold</strong> and a <a href="/en/docs/intro"'
        ' class="is-internal-link is-valid-page">link</a> &amp; "quotes".</p>'
        '<h2 id="custom" class="toc-header"><a class="toc-anchor" href="#custom">¶</a> Second</h2>'
        '<div>loose text</div><div class="table-container">'
        "<table><tbody><tr><td>1</td></tr></tbody></table></div>"
        '<pre v-pre="true"><code>x &lt; y</code></pre><br>'
    )
    stored = emu.wiki.db.pages.get(page)
    assert stored is not None
    assert stored.toc == [
        {
            "title": "HTML page",
            "anchor": "#html-page",
            "children": [{"title": "Second", "anchor": "#custom", "children": []}],
        }
    ]


def test_search_hits_stop_at_a_hundred_rows_of_the_tag_join(emu: WikiJSEmulator) -> None:
    for number in range(60):
        emu.seed_page(f"notes/n{number}", f"Note {number}", tags=["a", "b"])
    found = data(_client(emu), '{ pages { search(query: "note") { results { id } totalHits } } }')
    assert found["pages"]["search"]["totalHits"] == 50  # 2 rows a page, 100 rows
    assert len(found["pages"]["search"]["results"]) == 50
