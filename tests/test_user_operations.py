"""A user's own operations: generated in their project, run through the facade's pipeline.

The user writes a minimal codegen.toml and a `.graphql` file; `wikijs-typed generate` fills in
the rest from the packaged defaults. The generated client is bound to a `WikiJSClient` and
shares its transport, auth and cache — including normalized invalidation by the resources'
mutations.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT
from tools.docstrings import problems
from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.cache import MemoryCache
from wikijs_typed.codegen._generate import Project, drift, generate
from wikijs_typed.testing import WikiJSEmulator

USER_CONFIG = """\
[tool.ariadne-codegen]
schema_path = "wikijs.graphql"
queries_path = "queries"
target_package_path = "src"
target_package_name = "team_wiki"
"""

USER_OPERATIONS = """\
# The team's own reads and writes.

# The title of one page, without its content.
query PageTitle($id: Int!) {
  pages { single(id: $id) { id title } }
}

query PageTitles {
  pages { list { id title } }
}

# Deletes the page for good.
mutation RemovePage($id: Int!) {
  pages { gone: delete(id: $id) { outcome: responseResult { ok: succeeded code: errorCode } } }
}
"""


PAGE_ID_DESCRIPTION = "The page's id, as the schema describes it."


def _with_an_argument_described(schema_dir: Path) -> str:
    """The Wiki.js schema (which describes nothing) with `pages.single(id:)` described."""
    schema = (schema_dir / "wikijs.graphql").read_text(encoding="utf-8")
    plain = "  single(id: Int!): Page\n"
    assert schema.count(plain) == 1
    return schema.replace(plain, f'  single("{PAGE_ID_DESCRIPTION}" id: Int!): Page\n')


@pytest.fixture(scope="module")
def team_wiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    project = tmp_path_factory.mktemp("user-project")
    (project / "codegen.toml").write_text(USER_CONFIG)
    (project / "wikijs.graphql").write_text(_with_an_argument_described(ROOT / "schema"))
    (project / "queries").mkdir()
    (project / "queries" / "titles.graphql").write_text(USER_OPERATIONS)
    (project / "src").mkdir()
    generated = generate(Project.load(project / "codegen.toml"))
    assert drift(Project.load(project / "codegen.toml")) == []
    sys.path.insert(0, str(generated.parent))
    try:
        yield importlib.import_module("team_wiki")
    finally:
        sys.path.remove(str(generated.parent))
        for name in [m for m in sys.modules if m == "team_wiki" or m.startswith("team_wiki.")]:
            del sys.modules[name]


def test_user_operations_carry_metadata(team_wiki: ModuleType) -> None:
    info = team_wiki.GraphQLClient.operations["PageTitle"]
    assert info.kind == "query"
    assert info.fields == ("pages.single",)
    assert dict(info.id_variables) == {"id": "page"}
    assert team_wiki.GraphQLClient.operations["PageTitles"].listings == ("page",)


def test_user_operations_share_the_clients_cache_and_invalidation(team_wiki: ModuleType) -> None:
    emulator = WikiJSEmulator()
    page_id = emulator.seed_page("team/handbook", "Handbook", "# Handbook")
    other_id = emulator.seed_page("team/other", "Other", "# Other")
    with WikiJSClient(
        emulator.base_url, emulator.api_key, cache=MemoryCache(), transport=emulator.transport()
    ) as client:
        mine = client.bind(team_wiki.GraphQLClient)
        assert mine.page_title(id=page_id).pages.single.title == "Handbook"
        assert mine.page_title(id=other_id).pages.single.title == "Other"
        titles = {p.id: p.title for p in mine.page_titles().pages.list_}
        assert titles[page_id] == "Handbook"

        emulator.requests.clear()
        mine.page_title(id=page_id)
        mine.page_titles()
        assert emulator.requests == [], "repeated reads are answered from the cache"

        client.pages.update(page_id, {"title": "Team handbook"})
        emulator.requests.clear()
        assert mine.page_title(id=page_id).pages.single.title == "Team handbook"
        assert {p.title for p in mine.page_titles().pages.list_} >= {"Team handbook"}
        assert len(emulator.requests) == 2, "the update made both of the user's reads stale"

        emulator.requests.clear()
        assert mine.page_title(id=other_id).pages.single.title == "Other"
        assert emulator.requests == [], "an unrelated page's read stays cached"


async def test_user_operations_on_the_async_client(team_wiki: ModuleType) -> None:
    emulator = WikiJSEmulator()
    page_id = emulator.seed_page("team/async", "Async", "# Async")
    async with AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.async_transport()
    ) as client:
        mine = client.bind(team_wiki.AsyncGraphQLClient)
        result = await mine.page_title(id=page_id)
        assert result.pages.single.title == "Async"


def test_a_users_mutation_reporting_failure_raises_the_typed_error(team_wiki: ModuleType) -> None:
    from wikijs_typed.exceptions import NotFoundError

    info = team_wiki.GraphQLClient.operations["RemovePage"]
    assert info.int_variables == ("id",)
    [status] = info.statuses
    assert (status.path, status.succeeded, status.error_code, status.slug) == (
        ("pages", "gone", "outcome"),
        "ok",
        "code",
        None,
    )
    emulator = WikiJSEmulator()
    page_id = emulator.seed_page("team/gone", "Gone", "# Gone")
    with WikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.transport()
    ) as client:
        mine = client.bind(team_wiki.GraphQLClient)
        assert mine.remove_page(id=page_id).pages.gone.outcome.ok is True
        with pytest.raises(NotFoundError) as caught:
            mine.remove_page(id=page_id)
        assert caught.value.error_code == 6003
        kept = mine.remove_page(id=page_id, raise_on_failure=False)
        assert kept.pages.gone.outcome.ok is False


def test_a_users_project_gets_request_builders_and_parsers(team_wiki: ModuleType) -> None:
    from wikijs_typed.exceptions import NotFoundError

    built = importlib.import_module("team_wiki.requests")
    emulator = WikiJSEmulator()
    page_id = emulator.seed_page("team/batch", "Batch", "# Batch")
    with WikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.transport()
    ) as client:
        emulator.requests.clear()
        title, removed, again = client.engine.execute_many(
            [
                built.page_title(id=page_id),
                built.remove_page(id=page_id),
                built.remove_page(id=page_id),
            ],
            chunk_size=1,
            concurrency=1,
        )
        assert len(emulator.requests) == 3
        assert built.parse_page_title(title).pages.single.title == "Batch"
        assert built.parse_remove_page(removed).pages.gone.outcome.ok is True
        with pytest.raises(NotFoundError):
            built.parse_remove_page(again)
        kept = built.parse_remove_page(again, raise_on_failure=False)
        assert kept.pages.gone.outcome.ok is False


def test_a_users_operations_get_docstrings_from_their_comments_and_the_schema(
    team_wiki: ModuleType,
) -> None:
    built = importlib.import_module("team_wiki.requests")
    read = inspect.getdoc(team_wiki.GraphQLClient.page_title) or ""
    assert read.splitlines()[0] == "Run the `PageTitle` query: `pages.single`."
    assert "The title of one page, without its content." in read
    assert "The team's own reads and writes." not in read, "a comment set apart heads the file"
    argument = "id: The `id` argument of `pages.single` (`$id: Int!`). " + PAGE_ID_DESCRIPTION
    assert argument in " ".join(read.split()), "the entry is wrapped over two lines"
    assert "The `PageTitle` result model." in read
    assert "OperationFailedError" not in read, "a query has no responseResult to fail"
    assert inspect.getdoc(team_wiki.AsyncGraphQLClient.page_title) == read

    write = inspect.getdoc(team_wiki.GraphQLClient.remove_page) or ""
    assert "Deletes the page for good." in write
    assert "OperationFailedError:" in write
    assert "`raise_on_failure`" in write
    assert "`cache`" not in write, "the cache serves reads only"

    for method in (
        team_wiki.GraphQLClient.page_title,
        team_wiki.AsyncGraphQLClient.remove_page,
        built.page_title,
        built.parse_page_title,
        built.remove_page,
        built.parse_remove_page,
    ):
        assert problems(method.__qualname__, method) == [], method.__qualname__
    assert "Build, without sending it, the request of the `PageTitle` query" in (
        built.page_title.__doc__ or ""
    )
