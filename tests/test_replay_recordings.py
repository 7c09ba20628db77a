"""The generated clients fed with real Wiki.js 2.5.314 answers from ../shared/wikijs/recordings.

Each case picks a recorded step whose response covers what our operation selects, calls the
operation with the variables recorded for that step, and serves the recorded HTTP answer
through `httpx.MockTransport` to a plain executor behind the seam (sync and async). The
request our client sends must carry the same variables as the recorded one; the answer must
parse into typed models, or raise the typed exception the failure stands for, with partial
data kept. The engines' own HTTP handling (retries, cache, batching) is tested elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from ariadne_codegen.utils import str_to_snake_case
from wikijs_graphql.async_client import AsyncGraphQLClient
from wikijs_graphql.client import GraphQLClient
from wikijs_graphql.enums import AssetKind, PageRuleMatch

from wikijs_typed._pipeline.errors import response_result_failure
from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult
from wikijs_typed.exceptions import (
    AuthenticationError,
    DuplicatePathError,
    ForbiddenError,
    GraphQLError,
    NotFoundError,
    OperationFailedError,
    RateLimitError,
    WikiJSError,
)

BASE_URL = "http://wiki.test"


@dataclass(frozen=True)
class Replay:
    recording: str  # "<area>/<file name without .json>"
    step: int
    operation: str
    # Arguments for the call; by default the step's recorded variables, snake_cased.
    arguments: dict[str, Any] | None = None


Run = Callable[[Replay], Awaitable[Any]]


class HTTPExecutor:
    """POSTs the request's payload and reads the JSON answer: nothing else in between."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def execute(self, request: GraphQLRequest) -> GraphQLResult:
        return GraphQLResult.from_json(self.http.post("/graphql", json=request.payload()).json())


class AsyncHTTPExecutor:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def execute(self, request: GraphQLRequest) -> GraphQLResult:
        response = await self.http.post("/graphql", json=request.payload())
        return GraphQLResult.from_json(response.json())


def _step(shared: Path, case: Replay) -> dict[str, Any]:
    path = shared / "recordings" / f"{case.recording}.json"
    step: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["steps"][case.step]
    return step


@pytest.fixture(params=["sync", "async"])
def replay(request: pytest.FixtureRequest, shared_wikijs: Path) -> Run:
    """Calls the case's operation on one of the two clients, answered by the recording."""
    mode = request.param

    async def run(case: Replay) -> Any:
        step = _step(shared_wikijs, case)
        recorded = step["request"]["body"].get("variables") or {}
        sent: list[dict[str, Any]] = []

        def answer(http_request: httpx.Request) -> httpx.Response:
            sent.append(json.loads(http_request.content))
            response = step["response"]
            return httpx.Response(response["status"], json=response["body"])

        transport = httpx.MockTransport(answer)
        method = str_to_snake_case(case.operation)
        arguments = case.arguments
        if arguments is None:
            arguments = {str_to_snake_case(name): value for name, value in recorded.items()}
        try:
            if mode == "sync":
                with httpx.Client(base_url=BASE_URL, transport=transport) as http:
                    # The tests read the recorded statuses themselves.
                    client = GraphQLClient(HTTPExecutor(http), raise_on_failure=False)
                    return getattr(client, method)(**arguments)
            async with httpx.AsyncClient(base_url=BASE_URL, transport=transport) as ahttp:
                aclient = AsyncGraphQLClient(AsyncHTTPExecutor(ahttp), raise_on_failure=False)
                return await getattr(aclient, method)(**arguments)
        finally:
            assert [s["operationName"] for s in sent] == [case.operation]
            if case.arguments is None:
                assert sent[0]["variables"] == recorded

    return run


def _failure(response_result: Any) -> WikiJSError | None:
    return response_result_failure(
        response_result.succeeded,
        response_result.error_code,
        response_result.slug,
        response_result.message,
    )


def _is_utc(moment: datetime) -> bool:
    return moment.utcoffset() is not None and moment.utcoffset() == UTC.utcoffset(None)


# -- pages ------------------------------------------------------------------------------------


async def test_get_page_parses_every_page_field(replay: Run) -> None:
    result = await replay(Replay("pages/01-create-ok", 1, "GetPage"))
    page = result.pages.single
    assert page.id == 100
    assert page.path == "docs/guides/install"
    assert page.created_at == datetime(2026, 11, 23, 11, 17, 3, 53000, tzinfo=UTC)
    assert _is_utc(page.updated_at)
    assert page.publish_start_date == ""  # stored verbatim, a str, not a date
    assert [(t.tag, type(t.id)) for t in page.tags][:1] == [("guide", int)]
    assert page.private_ns is None
    assert page.author_id == 1


async def test_page_list_items_keep_tags_as_strings(replay: Run) -> None:
    result = await replay(Replay("pages/14-list-no-args", 0, "ListPages"))
    items = result.pages.list_
    assert [i.id for i in items] == sorted(i.id for i in items)
    assert all(isinstance(tag, str) for i in items for tag in i.tags or [])
    assert all(_is_utc(i.created_at) for i in items)


async def test_search_result_ids_are_strings(replay: Run) -> None:
    result = await replay(Replay("pages/20-search", 0, "SearchPages"))
    search = result.pages.search
    assert search.total_hits == len(search.results) > 0
    assert all(isinstance(r.id, str) and r.id.isdigit() for r in search.results)
    assert search.suggestions == []


async def test_page_tree_folders_have_no_page_id(replay: Run) -> None:
    result = await replay(Replay("pages/22-tree", 4, "PageTree"))
    nodes = result.pages.tree
    folders = [n for n in nodes if n.is_folder]
    pages = [n for n in nodes if not n.is_folder]
    assert folders
    assert pages
    assert all(n.page_id is None for n in folders)
    assert [n.page_id for n in pages] == [101]
    assert {n.parent for n in nodes} == {1}


async def test_page_tree_mode_pages_is_a_server_error(replay: Run) -> None:
    with pytest.raises(GraphQLError) as failure:
        await replay(Replay("pages/22-tree", 1, "PageTree"))
    assert type(failure.value) is GraphQLError
    assert failure.value.data == {"pages": {"tree": None}}


async def test_tags_and_tag_search(replay: Run) -> None:
    tags = (await replay(Replay("pages/23-tags-and-search-tags", 0, "PageTags"))).pages.tags
    assert [t.tag for t in tags] == sorted(t.tag for t in tags)
    assert all(_is_utc(t.created_at) for t in tags)
    found = await replay(Replay("pages/23-tags-and-search-tags", 1, "SearchPageTags"))
    assert found.pages.search_tags == ["guide"]


async def test_history_trail_is_newest_first_with_moves(replay: Run) -> None:
    result = await replay(Replay("pages/32-history-and-version", 0, "PageHistory"))
    history = result.pages.history
    trail = history.trail
    assert [e.version_id for e in trail] == sorted((e.version_id for e in trail), reverse=True)
    move = next(e for e in trail if e.action_type == "move")
    assert (move.value_before, move.value_after) == ("sandbox/update-me", "sandbox/updated/path")
    assert history.total >= len(trail)


async def test_page_version_author_id_is_a_string(replay: Run) -> None:
    result = await replay(Replay("pages/32-history-and-version", 2, "PageVersion"))
    version = result.pages.version
    assert version.author_id == "1"
    assert version.version_id == 140
    assert version.publish_end_date == ""
    assert _is_utc(version.version_date)


async def test_unknown_version_is_none(replay: Run) -> None:
    result = await replay(Replay("pages/32-history-and-version", 3, "PageVersion"))
    assert result.pages.version is None


async def test_create_page_success(replay: Run) -> None:
    result = await replay(Replay("pages/01-create-ok", 0, "CreatePage"))
    created = result.pages.create
    assert _failure(created.response_result) is None
    assert (created.page.id, created.page.path) == (100, "docs/guides/install")


async def test_duplicate_create_reads_as_duplicate_path(replay: Run) -> None:
    result = await replay(Replay("pages/04-create-duplicate-path", 0, "CreatePage"))
    created = result.pages.create
    failure = _failure(created.response_result)
    assert isinstance(failure, DuplicatePathError)
    assert (failure.error_code, failure.slug) == (6002, "PageDuplicateCreate")
    assert created.page is None


async def test_update_page_returns_id_and_path(replay: Run) -> None:
    result = await replay(Replay("pages/13-update-content-and-tags-ok", 0, "UpdatePage"))
    updated = result.pages.update
    assert _failure(updated.response_result) is None
    assert updated.page.id == 100


async def test_update_without_tags_fails_in_the_response_result(replay: Run) -> None:
    result = await replay(Replay("pages/28-update-without-tags-partial-write", 0, "UpdatePage"))
    failure = _failure(result.pages.update.response_result)
    assert isinstance(failure, OperationFailedError)
    assert (failure.error_code, failure.slug) == (1, "TypeError")


@pytest.mark.parametrize(
    ("step", "code"), [(4, 6006), (5, 6005), (6, 6003)], ids=["collision", "illegal", "missing"]
)
async def test_move_failures(replay: Run, step: int, code: int) -> None:
    result = await replay(Replay("pages/35-move", step, "MovePage"))
    failure = _failure(result.pages.move.response_result)
    assert isinstance(failure, NotFoundError if code == 6003 else OperationFailedError)
    assert failure.error_code == code


async def test_convert_restore_render_and_tag_mutations(replay: Run) -> None:
    converted = await replay(Replay("pages/36-convert-editor", 2, "ConvertPage"))
    assert _failure(converted.pages.convert.response_result) is None
    restored = await replay(Replay("pages/33-restore-version", 1, "RestorePage"))
    assert _failure(restored.pages.restore.response_result) is None
    rendered = await replay(Replay("pages/25-render", 1, "RenderPage"))
    assert isinstance(_failure(rendered.pages.render.response_result), NotFoundError)
    tag = await replay(Replay("pages/37-update-and-delete-tag", 1, "UpdatePageTag"))
    assert _failure(tag.pages.update_tag.response_result) is None
    gone = await replay(Replay("pages/37-update-and-delete-tag", 5, "DeletePageTag"))
    assert isinstance(_failure(gone.pages.delete_tag.response_result), OperationFailedError)
    rebuilt = await replay(Replay("pages/39-maintenance-mutations", 0, "RebuildPageTree"))
    assert _failure(rebuilt.pages.rebuild_tree.response_result) is None


async def test_missing_page_is_not_found_with_the_wikijs_code(replay: Run) -> None:
    with pytest.raises(NotFoundError) as failure:
        await replay(Replay("pages/38-delete", 2, "GetPage"))
    assert failure.value.error_code == 6003
    assert failure.value.errors[0].path == ("pages", "single")


async def test_missing_page_by_path_is_not_found(replay: Run) -> None:
    with pytest.raises(NotFoundError) as failure:
        await replay(Replay("pages/35-move", 3, "GetPageByPath"))
    assert failure.value.error_code == 6003


async def test_toc_failure_is_an_error_with_partial_data(replay: Run) -> None:
    # Our GetPage does not select toc; this is what the server answers to one that does:
    # the failed field is null, the rest of the page is there, and one error names the field.
    with pytest.raises(GraphQLError) as failure:
        await replay(Replay("pages/11-single-toc-partial-data", 0, "GetPage"))
    error = failure.value
    assert type(error) is GraphQLError
    assert error.errors[0].path == ("pages", "single", "toc")
    assert error.data is not None
    page = error.data["pages"]["single"]
    assert page["toc"] is None
    assert page["title"]


async def test_page_view_forbidden_keeps_the_data(replay: Run) -> None:
    with pytest.raises(ForbiddenError) as failure:
        await replay(Replay("auth/09-limited-key-permissions", 1, "GetPage"))
    assert failure.value.error_code == 6013
    assert failure.value.data == {"pages": {"single": None}}


# -- users and groups -------------------------------------------------------------------------


async def test_list_users_includes_guest_who_never_logged_in(replay: Run) -> None:
    users = (await replay(Replay("users/01-list", 0, "ListUsers"))).users.list_
    guest = next(u for u in users if u.id == 2)
    assert (guest.is_system, guest.last_login_at) == (True, None)
    admin = next(u for u in users if u.id == 1)
    assert admin.last_login_at is not None
    assert _is_utc(admin.last_login_at)


async def test_get_user_with_groups(replay: Run) -> None:
    user = (await replay(Replay("users/07-update", 1, "GetUser"))).users.single
    assert (user.id, user.timezone, user.date_format) == (13, "Europe/Zurich", "DD.MM.YYYY")
    assert [(g.id, g.name) for g in user.groups] == [
        (10, "Corpus Readers \u2013 Lesegruppe"),
        (9, "Corpus Editors"),
    ]
    assert user.provider_id is None


async def test_profile_of_a_guest_is_an_authentication_error(replay: Run) -> None:
    profile = (await replay(Replay("users/06-profile", 0, "GetProfile"))).users.profile
    assert (profile.id, profile.groups, profile.pages_total) == (1, ["Administrators"], 8)
    with pytest.raises(AuthenticationError):
        await replay(Replay("users/06-profile", 2, "GetProfile"))


async def test_create_user_reports_its_result_only(replay: Run) -> None:
    created = (await replay(Replay("users/02-create", 0, "CreateUser"))).users.create
    assert _failure(created.response_result) is None
    duplicate = (await replay(Replay("users/03-create-errors", 0, "CreateUser"))).users.create
    failure = _failure(duplicate.response_result)
    assert isinstance(failure, OperationFailedError)
    assert failure.error_code == 1004


@pytest.mark.parametrize(
    ("step", "expected"),
    [(1, OperationFailedError), (5, NotFoundError), (6, OperationFailedError)],
    ids=["foreign-constraint", "unknown", "protected"],
)
async def test_delete_user_failures(replay: Run, step: int, expected: type[Exception]) -> None:
    result = await replay(Replay("users/13-delete", step, "DeleteUser"))
    assert type(_failure(result.users.delete.response_result)) is expected


async def test_user_state_toggles(replay: Run) -> None:
    for operation, step in (("DeactivateUser", 0), ("ActivateUser", 2), ("VerifyUser", 4)):
        result = await replay(Replay("users/08-activate-deactivate-verify", step, operation))
        namespace = result.users
        outcome = getattr(namespace, str_to_snake_case(operation).split("_")[0])
        assert _failure(outcome.response_result) is None
    refused = await replay(Replay("users/08-activate-deactivate-verify", 6, "DeactivateUser"))
    failure = _failure(refused.users.deactivate.response_result)
    assert isinstance(failure, OperationFailedError)
    assert failure.server_message == "Cannot deactivate system accounts."


async def test_group_with_rules_and_members(replay: Run) -> None:
    created = (await replay(Replay("groups/03-create", 0, "CreateGroup"))).groups.create
    group = created.group
    assert group.permissions == ["read:pages", "read:assets", "read:comments", "write:comments"]
    assert group.page_rules[0].match is PageRuleMatch.START
    assert group.users == []
    single = (await replay(Replay("groups/04-update", 1, "GetGroup"))).groups.single
    assert [(r.id, r.deny) for r in single.page_rules] == [
        ("allow-all", False),
        ("deny-notes", True),
    ]
    listed = (await replay(Replay("groups/01-list", 0, "ListGroups"))).groups.list_
    assert [(g.id, g.is_system, g.user_count) for g in listed] == [(1, True, 1), (2, True, 1)]


async def test_group_failures_are_graphql_errors(replay: Run) -> None:
    with pytest.raises(GraphQLError) as failure:
        await replay(Replay("groups/05-assign-user", 2, "AssignUserToGroup"))
    assert type(failure.value) is GraphQLError
    assert str(failure.value.errors[0]) == (
        "User is already assigned to group. (at groups.assignUser)"
    )
    assert failure.value.data == {"groups": {"assignUser": None}}


# -- assets -----------------------------------------------------------------------------------


async def test_assets_with_kinds_and_sizes(replay: Run) -> None:
    assets = (await replay(Replay("assets/03-upload-png", 1, "ListAssets"))).assets.list_
    assert [(a.filename, a.kind, a.file_size, a.ext) for a in assets] == [
        ("pixel.png", AssetKind.IMAGE, 73, ".png")
    ]
    assert assets[0].metadata is None
    folders = await replay(Replay("assets/02-create-folder", 5, "ListAssetFolders"))
    assert [(f.id, f.slug) for f in folders.assets.folders] == [(8, "images"), (9, "screen shots")]


async def test_asset_mutation_failures(replay: Run) -> None:
    renamed = await replay(Replay("assets/09-rename", 4, "RenameAsset"))
    failure = _failure(renamed.assets.rename_asset.response_result)
    assert isinstance(failure, OperationFailedError)
    assert failure.slug == "AssetRenameInvalidExt"
    deleted = await replay(Replay("assets/10-delete", 2, "DeleteAsset"))
    assert isinstance(_failure(deleted.assets.delete_asset.response_result), NotFoundError)
    folder = await replay(Replay("assets/02-create-folder", 2, "CreateAssetFolder"))
    exists = _failure(folder.assets.create_folder.response_result)
    assert isinstance(exists, OperationFailedError)
    assert exists.slug == "AssetFolderExists"


# -- authentication and site ------------------------------------------------------------------


async def test_login_answers(replay: Run) -> None:
    result = await replay(Replay("auth/01-login-ok", 0, "Login"))
    ok = result.authentication.login
    assert (ok.jwt, ok.redirect, ok.must_change_pwd) == ("<JWT>", "/", None)
    assert "<JWT>" not in repr(result)  # a printed or logged result does not leak the token
    change = await replay(Replay("auth/03-login-special-accounts", 3, "Login"))
    login = change.authentication.login
    assert (login.jwt, login.must_change_pwd) == (None, True)
    assert login.continuation_token


async def test_login_rate_limit_says_when_to_retry(replay: Run) -> None:
    with pytest.raises(RateLimitError) as failure:
        await replay(Replay("auth/17-login-rate-limit", 5, "Login"))
    assert failure.value.retry_after == 59
    assert failure.value.data == {"authentication": {"login": None}}


async def test_api_keys(replay: Run) -> None:
    keys = (await replay(Replay("auth/04-api-keys-list", 0, "ListApiKeys"))).authentication
    assert all(k.key_short.startswith("...") for k in keys.api_keys)
    assert all(_is_utc(k.expiration) for k in keys.api_keys)
    state = await replay(Replay("auth/07-api-state", 0, "GetApiState"))
    assert state.authentication.api_state is True
    fresh = await replay(Replay("auth/05-create-api-key", 0, "CreateApiKey"))
    assert fresh.authentication.create_api_key.key == "<API_KEY>"
    assert "<API_KEY>" not in f"{fresh} {fresh!r}"
    created = await replay(Replay("auth/05-create-api-key", 2, "CreateApiKey"))
    assert created.authentication.create_api_key.key is None
    refused = _failure(created.authentication.create_api_key.response_result)
    assert isinstance(refused, OperationFailedError)
    assert refused.error_code == 1


async def test_site_config_and_system_info(replay: Run) -> None:
    config = (await replay(Replay("site/01-site-config", 0, "GetSiteConfig"))).site.config
    assert config.robots == ["index", "follow"]
    assert (config.upload_max_file_size, config.auth_jwt_expiration) == (5242880, "30m")
    info = (await replay(Replay("site/02-system-info", 0, "GetSystemInfo"))).system.info
    assert (info.current_version, info.cpu_cores, info.ssl_expiration_date) == ("2.5.314", 2, None)
    assert info.latest_version_release_date == datetime(2026, 1, 1, 1, 1, 1, tzinfo=UTC)


async def test_system_info_for_a_guest_is_forbidden_per_field(replay: Run) -> None:
    with pytest.raises(ForbiddenError) as failure:
        await replay(Replay("site/02-system-info", 2, "GetSystemInfo"))
    assert [e.path[-1] for e in failure.value.errors] == [
        "currentVersion",
        "pagesTotal",
        "usersTotal",
    ]
    assert failure.value.data is not None
    assert failure.value.data["system"]["info"]["pagesTotal"] is None


async def test_locales(replay: Run) -> None:
    locales = (await replay(Replay("site/04-localization", 0, "ListLocales"))).localization
    english = locales.locales[0]
    assert (english.code, english.is_installed, english.is_rtl) == ("en", True, False)
    assert english.install_date is not None
    assert _is_utc(english.install_date)


# -- comments ---------------------------------------------------------------------------------


async def test_comments(replay: Run) -> None:
    comment = (await replay(Replay("comments/01-lifecycle", 2, "GetComment"))).comments.single
    assert (comment.id, comment.author_name, comment.author_id) == (7, "API", 1)
    assert comment.render.startswith("<p>")
    with pytest.raises(NotFoundError) as missing:
        await replay(Replay("comments/01-lifecycle", 7, "GetComment"))
    assert missing.value.error_code == 8005
    with pytest.raises(RateLimitError) as limited:
        await replay(Replay("comments/02-create-rate-limit", 1, "CreateComment"))
    assert limited.value.retry_after == 15
