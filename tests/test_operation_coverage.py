"""Every operation of the pinned schema has a typed operation in queries/ (issue 19).

An operation is a field of a Query or Mutation namespace (`pages.create`, `navigation.tree`);
it is covered when some operation in queries/ selects it. Adding an operation to the schema,
or removing one from queries/, fails here with the names of what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from ariadne_codegen.utils import str_to_snake_case
from graphql import (
    FieldNode,
    GraphQLObjectType,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    get_named_type,
    parse,
)
from wikijs_graphql import GraphQLClient
from wikijs_graphql.enums import NavigationMode
from wikijs_graphql.operations import OPERATIONS

from tests.conftest import ROOT
from wikijs_typed import WikiJSClient
from wikijs_typed.exceptions import GraphQLError, OperationFailedError
from wikijs_typed.testing import WikiJSEmulator


def _schema_operations() -> set[str]:
    schema = build_schema((ROOT / "schema" / "wikijs.graphql").read_text())
    found = set()
    for root in (schema.query_type, schema.mutation_type):
        assert root is not None
        for namespace, field in root.fields.items():
            namespace_type = get_named_type(field.type)
            assert isinstance(namespace_type, GraphQLObjectType)
            found.update(f"{root.name}.{namespace}.{name}" for name in namespace_type.fields)
    return found


def _fields(selection_set: SelectionSetNode | None) -> list[FieldNode]:
    if selection_set is None:
        return []
    return [node for node in selection_set.selections if isinstance(node, FieldNode)]


def _covered_operations() -> set[str]:
    covered = set()
    for path in sorted((ROOT / "queries").glob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            root = "Query" if definition.operation.value == "query" else "Mutation"
            for namespace in _fields(definition.selection_set):
                covered.update(
                    f"{root}.{namespace.name.value}.{field.name.value}"
                    for field in _fields(namespace.selection_set)
                )
    return covered


def test_every_schema_operation_has_an_operation_in_queries() -> None:
    missing = sorted(_schema_operations() - _covered_operations())
    assert missing == []


def test_the_count_matches_the_schema_the_issue_describes() -> None:
    # The pinned Wiki.js 2.5 schema: 119 operations under its namespaces. A different count
    # means the schema changed, and the coverage above is measured against something new.
    assert len(_schema_operations()) == 119


def test_queries_select_nothing_the_schema_lacks() -> None:
    # A typo in a root field would otherwise count as neither covered nor missing.
    assert _covered_operations() <= _schema_operations()


# ---------------------------------------------------------------------------------------------
# Each operation issue 19 added, run once against the emulator through `client.graphql`: it is
# accepted by the schema the server has, and its answer parses into the generated models.
# (`client.graphql` raises the typed error of a failed `responseResult`.)

NAV_ITEM = {"id": "a1", "kind": "link", "label": "Docs", "targetType": "page", "target": "/docs"}
MAIL = {
    "sender_name": "Wiki",
    "sender_email": "wiki@example.com",
    "host": "smtp.example.com",
    "port": 587,
    "name": "",
    "secure": False,
    "verify_ssl": True,
    "user": "wiki",
    "pass_": "smtp-password",
    "use_dkim": False,
    "dkim_domain_name": "",
    "dkim_key_selector": "",
    "dkim_private_key": "",
}
DISK = {"key": "disk", "isEnabled": True, "mode": "push", "config": []}
NOT_EMULATED = (GraphQLError, "is not emulated")


def _ok(message: str) -> Callable[[Any], None]:
    """The mutation's responseResult succeeded with this message."""

    def check(answer: Any) -> None:
        (namespace,) = answer.model_dump().values()
        (mutation,) = namespace.values()
        status = mutation["response_result"]
        assert (status["succeeded"], status["message"]) == (True, message)

    return check


def _read(path: str, expected: object) -> Callable[[Any], None]:
    """The value at a dotted attribute path (a `[key]` step picks a list item by key)."""

    def check(answer: Any) -> None:
        value = answer
        for step in path.split("."):
            if step.startswith("["):
                value = next(item for item in value if item.key == step[1:-1])
            elif step.isdigit():
                value = value[int(step)]
            else:
                value = getattr(value, step)
        assert value == expected

    return check


# operation method → (arguments, setup run first through the same client, expected outcome)
Outcome = Callable[[Any], None] | tuple[type[Exception], str]
EXERCISED: dict[str, tuple[dict[str, Any], Callable[[Any], object] | None, Outcome]] = {
    "get_navigation_tree": ({}, None, _read("navigation.tree.0.items.0.label", "Home")),
    "get_navigation_mode": ({}, None, _read("navigation.config.mode", NavigationMode.MIXED)),
    "update_navigation_tree": (
        {"tree": [{"locale": "en", "items": [NAV_ITEM]}]},
        None,
        _ok("Navigation updated successfully"),
    ),
    "set_navigation_mode": ({"mode": "TREE"}, None, _ok("Navigation config updated successfully")),
    # Wiki.js 2.5 ignores `filter`: the first of all, by `orderBy`.
    "list_renderers": (
        {"filter_": "markdownCore", "order_by": "key"},
        None,
        _read("rendering.renderers.0.key", "asciidocCore"),
    ),
    "update_renderers": ({"renderers": []}, None, _ok("Renderers updated successfully")),
    "list_search_engines": ({}, None, _read("search.search_engines.[db].is_enabled", True)),
    "update_search_engines": ({"engines": []}, None, _ok("Search Engines updated successfully")),
    "rebuild_search_index": ({}, None, _ok("Index rebuilt successfully")),
    "list_storage_targets": ({}, None, _read("storage.targets.[disk].is_enabled", False)),
    "get_storage_status": ({}, None, _read("storage.status", [])),
    "update_storage_targets": (
        {"targets": [DISK]},
        None,
        _ok("Storage targets updated successfully"),
    ),
    "execute_storage_action": (
        {"target_key": "disk", "handler": "dump"},
        lambda gql: gql.update_storage_targets(targets=[DISK]),
        _ok("Action completed."),
    ),
    "list_system_flags": ({}, None, _read("system.flags.[sqllog].value", False)),
    "update_system_flags": (
        {"flags": [{"key": "sqllog", "value": True}]},
        None,
        _ok("System Flags applied successfully"),
    ),
    "list_system_extensions": ({}, None, _read("system.extensions.[git].is_installed", True)),
    "get_export_status": ({}, None, _read("system.export_status.status", "notrunning")),
    "export_content": (
        {"entities": ["pages"], "path": "./data/export"},
        None,
        _ok("Export started successfully."),
    ),
    "set_telemetry": (
        {"enabled": False},
        None,
        _ok("Telemetry Client ID has been reset successfully"),
    ),
    "reset_telemetry_client_id": ({}, None, _ok("Telemetry state updated successfully")),
    "perform_upgrade": (
        {},
        None,
        (OperationFailedError, "You must run the wiki-update-companion container"),
    ),
    "import_legacy_users": (
        {"mongo_db_conn_string": "mongodb://old/wiki", "group_mode": "NONE"},
        None,
        _ok("Import completed."),
    ),
    "set_https_redirection": (
        {"enabled": False},
        None,
        _ok("HTTP Redirection state set successfully."),
    ),
    "renew_https_certificate": ({}, None, (OperationFailedError, "SSL is not enabled.")),
    "get_theming_config": ({}, None, _read("theming.config.theme", "default")),
    "list_themes": ({}, None, _read("theming.themes.0.key", "default")),
    "set_theming_config": (
        {"theme": "default", "iconset": "mdi", "dark_mode": True},
        None,
        _ok("Theme config updated"),
    ),
    "get_localization_config": ({}, None, _read("localization.config.locale", "en")),
    "list_translations": ({"locale": "en", "namespace": "common"}, None, NOT_EMULATED),
    "download_locale": ({"locale": "fr"}, None, _ok("Locale downloaded successfully")),
    "update_locale": (
        {"locale": "en", "auto_update": False, "namespacing": False, "namespaces": []},
        None,
        _ok("Locale config updated"),
    ),
    "get_mail_config": ({}, None, _read("mail.config.port", 465)),
    "update_mail_config": (MAIL, None, _ok("Mail configuration updated successfully.")),
    "send_test_mail": (
        {"recipient_email": "someone@example.com"},
        lambda gql: gql.update_mail_config(**MAIL),
        (OperationFailedError, "getaddrinfo ENOTFOUND smtp.example.com"),
    ),
    "list_loggers": (
        {"filter_": "loggly", "order_by": "title"},
        None,
        _read("logging.loggers.0.key", "airbrake"),
    ),
    "update_loggers": ({"loggers": []}, None, _ok("Loggers updated successfully")),
    "list_analytics_providers": (
        {"is_enabled": True},
        None,
        _read("analytics.providers", []),
    ),
    "update_analytics_providers": ({"providers": []}, None, _ok("Providers updated successfully")),
    "list_authentication_strategies": (
        {},
        None,
        _read("authentication.strategies.0.key", "auth0"),
    ),
    "list_active_strategies": (
        {"enabled_only": True},
        None,
        _read("authentication.active_strategies.0.key", "local"),
    ),
    # The list replaces the configured strategies, and the admin still logs in with Local.
    "update_strategies": (
        {"strategies": []},
        None,
        (OperationFailedError, "Cannot delete Local as 1 or more users are still using it."),
    ),
    "regenerate_certificates": ({}, None, _ok("Certificates have been regenerated successfully.")),
    "reset_guest_user": ({}, None, _ok("Guest user has been reset successfully.")),
    "list_contributors": ({}, None, _read("contribute.contributors", None)),
    "login_tfa": (
        {"continuation_token": "unknown", "security_code": "123456"},
        None,
        (OperationFailedError, "Invalid validation token."),
    ),
    "register": (
        {"email": "new@example.com", "password": "password-123", "name": "New"},
        None,
        (OperationFailedError, "Registration is disabled."),
    ),
    "forgot_password": (
        {"email": "nobody@example.com"},
        None,
        _ok("Password reset request processed."),
    ),
    "list_comment_providers": ({}, None, _read("comments.providers.[default].is_enabled", True)),
    "update_comment_providers": (
        {"providers": []},
        None,
        _ok("Comment Providers updated successfully"),
    ),
    # Not implemented in Wiki.js 2.5: the mutation answers a null responseResult.
    "reset_user_password": ({"id": 1}, None, _read("users.reset_password.response_result", None)),
    "flush_page_cache": ({}, None, _ok("Pages Cache has been flushed successfully.")),
    "migrate_pages_to_locale": (
        {"source_locale": "en", "target_locale": "en"},
        None,
        _ok("Migrated content to target locale successfully."),
    ),
    "purge_page_history": ({"older_than": "P1D"}, None, _ok("Page history purged successfully.")),
    "update_site_config": (
        {"title": "Handbook"},
        None,
        _ok("Site configuration updated successfully"),
    ),
}

# The query files issue 19 added, and the operations it added to the older files.
NEW_FILES = [
    "analytics",
    "authentication_admin",
    "contribute",
    "localization",
    "logging",
    "mail",
    "navigation",
    "rendering",
    "search",
    "storage",
    "system",
    "theming",
]
ADDED_TO_OLDER_FILES = {
    "LoginTFA",
    "Register",
    "ForgotPassword",
    "ListCommentProviders",
    "UpdateCommentProviders",
    "ResetUserPassword",
    "FlushPageCache",
    "MigratePagesToLocale",
    "PurgePageHistory",
    "UpdateSiteConfig",
}


def _operation_names(stem: str) -> set[str]:
    document = parse((ROOT / "queries" / f"{stem}.graphql").read_text())
    return {
        d.name.value
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name is not None
    }


def test_every_added_operation_is_exercised() -> None:
    added = ADDED_TO_OLDER_FILES.union(*(_operation_names(stem) for stem in NEW_FILES))
    assert {str_to_snake_case(name) for name in added} == set(EXERCISED)


@pytest.fixture
def gql() -> Iterator[GraphQLClient]:
    emulator = WikiJSEmulator()
    with WikiJSClient(emulator.base_url, emulator.api_key, transport=emulator.transport()) as c:
        yield c.graphql


@pytest.mark.parametrize("method", sorted(EXERCISED))
def test_operation_runs_against_the_emulator(method: str, gql: GraphQLClient) -> None:
    arguments, setup, expected = EXERCISED[method]
    if setup is not None:
        setup(gql)
    call = getattr(gql, method)
    if isinstance(expected, tuple):
        error, message = expected
        with pytest.raises(error, match=re.escape(message)):
            call(**arguments)
    else:
        expected(call(**arguments))


# What the added mutations make stale (wikijs_typed/codegen/defaults.toml): the settings
# mutations stale their own namespace only; these reach further.
CLEARS_EVERYTHING = {"ExecuteStorageAction", "PerformUpgrade"}
REACHES_FURTHER = {
    "RebuildSearchIndex": ("page",),
    "UpdateSearchEngines": ("page",),
    "Register": ("group", "user"),
    "ResetGuestUser": ("group", "user"),
    "ImportLegacyUsers": ("group", "user"),
    "MigratePagesToLocale": ("page:*", "tag"),
    "PurgePageHistory": ("page:*",),
}


def _added_mutations() -> set[str]:
    added = ADDED_TO_OLDER_FILES.union(*(_operation_names(stem) for stem in NEW_FILES))
    return {name for name in added if not OPERATIONS[name].is_query}


def test_only_the_mutations_that_may_change_anything_clear_the_whole_cache() -> None:
    clearing = {name for name in _added_mutations() if "*" in OPERATIONS[name].affects}
    assert clearing == CLEARS_EVERYTHING


@pytest.mark.parametrize("name", sorted(REACHES_FURTHER))
def test_mutations_that_reach_other_resources_say_so(name: str) -> None:
    assert OPERATIONS[name].affects == REACHES_FURTHER[name]


def test_the_other_settings_mutations_stale_their_own_namespace_only() -> None:
    own = _added_mutations() - CLEARS_EVERYTHING - set(REACHES_FURTHER)
    # The mutations of namespaces that already had rules keep them (comments, users, pages).
    shared = {name for name in own if OPERATIONS[name].namespaces[0] in OLDER_RULES}
    assert {name: OPERATIONS[name].affects for name in own - shared} == {
        name: () for name in own - shared
    }
    assert len(own - shared) == 18


OLDER_RULES = {"authentication", "comments", "pages", "users"}
