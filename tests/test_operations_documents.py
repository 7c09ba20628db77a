"""The operations in queries/: what they ask the server, checked against what it accepts.

Every document is snapshotted, validated against the pinned schema exactly as the server
has it (not as the codegen corrects it), and kept clear of the selections the real server
is known to fail on.
"""

from __future__ import annotations

import pytest
from ariadne_codegen.utils import str_to_snake_case
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    get_named_type,
    parse,
    validate,
)
from syrupy.assertion import SnapshotAssertion
from wikijs_graphql.async_client import AsyncGraphQLClient
from wikijs_graphql.client import GraphQLClient
from wikijs_graphql.operations import OPERATIONS

from tests.conftest import ROOT

NAMES = sorted(OPERATIONS)

# Issue 2: the root fields the operations must cover.
REQUIRED_FIELDS = {
    "pages": "list single singleByPath search tree tags searchTags links history version "
    "create update move delete render restore",
    "users": "list search single profile lastLogins create update delete activate deactivate "
    "verify",
    "groups": "list single create update delete assignUser unassignUser",
    "assets": "list folders createFolder renameAsset deleteAsset flushTempUploads",
    "authentication": "login apiKeys apiState createApiKey revokeApiKey setApiState",
    "site": "config",
    "system": "info",
}

# Selections the real Wiki.js 2.5.314 fails on (FINDINGS.md §4, §5, §7, §8), as
# (root field or "*", type, field): the field may not be selected on that type under that root.
SERVER_FAILS_ON = [
    ("*", "Page", "toc"),  # a JSON array that does not serialise as String
    ("pages.create", "Page", "locale"),  # null on the page create returns: nulls the page
    ("pages.create", "Page", "editor"),
    ("pages.update", "Page", "locale"),
    ("pages.update", "Page", "editor"),
    ("users.search", "UserMinimal", "isSystem"),  # columns the search does not load
    ("users.search", "UserMinimal", "isActive"),
    ("users.search", "UserMinimal", "lastLoginAt"),
    ("*", "CommentPost", "authorIP"),  # administrators only; non-null
]


@pytest.fixture(scope="module")
def server_schema() -> GraphQLSchema:
    return build_schema((ROOT / "schema" / "wikijs.graphql").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_document_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    assert OPERATIONS[name].document == snapshot


def test_every_document_is_valid_for_the_server(server_schema: GraphQLSchema) -> None:
    # The server validates variable types against its own schema: a `$date: String` passed
    # where it expects `Date` is refused with HTTP 400 before anything runs.
    problems = {
        name: [error.message for error in validate(server_schema, parse(info.document))]
        for name, info in OPERATIONS.items()
    }
    assert {name: found for name, found in problems.items() if found} == {}


def test_every_required_root_field_has_an_operation() -> None:
    covered = {field for info in OPERATIONS.values() for field in info.fields}
    required = {f"{ns}.{name}" for ns, names in REQUIRED_FIELDS.items() for name in names.split()}
    assert required - covered == set()


def _selected(schema: GraphQLSchema, document: str) -> set[tuple[str, str, str]]:
    """(root field, parent type, field) for every field an operation selects, fragments inlined."""
    parsed = parse(document)
    fragments = {
        d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operation = next(d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
    found: set[tuple[str, str, str]] = set()

    def walk(
        selections: SelectionSetNode, parent: GraphQLObjectType, path: tuple[str, ...]
    ) -> None:
        for selection in selections.selections:
            if isinstance(selection, FragmentSpreadNode):
                walk(fragments[selection.name.value].selection_set, parent, path)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set, parent, path)
            elif isinstance(selection, FieldNode):
                here = (*path, selection.name.value)
                if len(here) > 2:
                    found.add((".".join(here[:2]), parent.name, selection.name.value))
                child = get_named_type(parent.fields[selection.name.value].type)
                if selection.selection_set and isinstance(child, GraphQLObjectType):
                    walk(selection.selection_set, child, here)

    root = schema.get_root_type(operation.operation)
    assert root is not None
    walk(operation.selection_set, root, ())
    return found


@pytest.mark.parametrize("name", NAMES)
def test_no_selection_the_server_fails_on(name: str, server_schema: GraphQLSchema) -> None:
    selected = _selected(server_schema, OPERATIONS[name].document)
    failing = [
        (root, type_name, field)
        for root, type_name, field in selected
        for bad_root, bad_type, bad_field in SERVER_FAILS_ON
        if bad_root in ("*", root) and (bad_type, bad_field) == (type_name, field)
    ]
    assert failing == []


@pytest.mark.parametrize("name", NAMES)
def test_both_clients_offer_every_operation(name: str) -> None:
    method = str_to_snake_case(name)
    assert callable(getattr(GraphQLClient, method))
    assert callable(getattr(AsyncGraphQLClient, method))


# What the cache learns from each read (wikijs_typed.cache._normalize): the resources a read
# lists are made stale by every successful mutation that affects them.
LISTINGS = {
    "ListPages": ("page",),
    "SearchPages": ("page",),
    "PageTree": ("page",),  # takes a path, but lists the nodes around it
    "PageLinks": ("page",),
    "PageTags": ("tag",),
    "ListUsers": ("user",),
    "SearchUsers": ("user",),
    "ListGroups": ("group",),
    "ListAssets": ("asset",),  # filtered by a folder id that names no entity
    "ListAssetFolders": ("asset_folder",),
    "ListApiKeys": ("api_key",),
    "ListComments": ("comment",),  # takes the page's path, lists its comments
}
# Reads whose answers hold no entity: the cache tags them with their namespace, and any
# successful mutation of that namespace (or "*") makes them stale.
UNTAGGED_READS = {"SearchPageTags", "GetApiState", "GetSystemInfo", "GetSiteConfig", "ListLocales"}
# The settings reads of issue 19 (navigation, storage, system, ...).
UNTAGGED_READS |= {
    "GetExportStatus",
    "GetLocalizationConfig",
    "GetMailConfig",
    "GetNavigationMode",
    "GetNavigationTree",
    "GetStorageStatus",
    "GetThemingConfig",
    "ListActiveStrategies",
    "ListAnalyticsProviders",
    "ListAuthenticationStrategies",
    "ListCommentProviders",
    "ListContributors",
    "ListLoggers",
    "ListRenderers",
    "ListSearchEngines",
    "ListStorageTargets",
    "ListSystemExtensions",
    "ListSystemFlags",
    "ListThemes",
    "ListTranslations",
}


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_listing_reads_say_what_they_list(name: str) -> None:
    assert OPERATIONS[name].listings == LISTINGS[name]


def test_lookups_are_not_listings() -> None:
    assert OPERATIONS["GetPageByPath"].listings == ()
    assert OPERATIONS["GetPage"].id_variables == {"id": "page"}
    assert OPERATIONS["GetUser"].id_variables == {"id": "user"}
    assert OPERATIONS["PageHistory"].id_variables == {"id": "page"}


def test_every_other_read_is_tagged_with_what_it_holds() -> None:
    untagged = {
        name
        for name, info in OPERATIONS.items()
        if info.is_query and not (info.listings or info.id_variables or info.entities)
    }
    assert untagged == UNTAGGED_READS
