"""The admin catalogue fields answer like a fresh Wiki.js 2.5.314, or say they are not
emulated (issue 12); never a silent null."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from graphql import build_schema, graphql_sync

from wikijs_typed.testing import ManualClock, WikiJSEmulator
from wikijs_typed.testing._graphql.schema import refuse_unmodelled
from wikijs_typed.testing._wiki import catalogue


@pytest.fixture(scope="module")
def http() -> httpx.Client:
    emu = WikiJSEmulator(clock=ManualClock(1_800_000_000))
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    return httpx.Client(base_url=emu.base_url, transport=emu.transport(), headers=headers)


def ask(http: httpx.Client, query: str) -> dict[str, Any]:
    body: dict[str, Any] = http.post("/graphql", json={"query": query}).json()
    return body


def messages(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["message"], "/".join(map(str, e["path"]))) for e in body.get("errors", [])]


def test_renderers_come_in_module_folder_order_with_their_defaults(http: httpx.Client) -> None:
    body = ask(http, "{ rendering { renderers { key isEnabled config { key value } } } }")
    renderers = body["data"]["rendering"]["renderers"]
    assert renderers[0]["key"] == "asciidocCore"  # folder asciidoc-core sorts first
    core = next(r for r in renderers if r["key"] == "markdownCore")
    assert core["isEnabled"] is True
    keys = [entry["key"] for entry in core["config"]]
    assert keys == sorted(keys)
    allow_html = json.loads(next(e["value"] for e in core["config"] if e["key"] == "allowHTML"))
    assert allow_html["title"] == "Allow HTML"
    assert allow_html["value"] is True
    assert list(allow_html)[-1] == "value"  # the description first, the current value last


def test_order_by_sorts_on_a_field_and_leaves_unknown_fields_alone(http: httpx.Client) -> None:
    def keys(order: str) -> list[str]:
        query = f'{{ logging {{ loggers(orderBy: "{order}") {{ key title }} }} }}'
        return [item["key"] for item in ask(http, query)["data"]["logging"]["loggers"]]

    assert keys("zzz") == keys("")
    by_title = ask(http, '{ logging { loggers(orderBy: "title") { title } } }')
    titles = [item["title"] for item in by_title["data"]["logging"]["loggers"]]
    assert titles == sorted(titles)


def test_only_the_basic_database_search_engine_is_enabled(http: httpx.Client) -> None:
    body = ask(http, "{ search { searchEngines { key isEnabled } } }")
    engines = body["data"]["search"]["searchEngines"]
    assert [e["key"] for e in engines if e["isEnabled"]] == ["db"]
    assert len(engines) > 5


def test_analytics_props_fail_per_provider_like_graphql_js(http: httpx.Client) -> None:
    body = ask(http, "{ analytics { providers { key props } } }")
    providers = body["data"]["analytics"]["providers"]
    assert providers
    assert all(p["props"] is None for p in providers)
    expected = 'Expected Iterable, but did not find one for field "AnalyticsProvider.props".'
    assert messages(body)[0] == (expected, "analytics/providers/0/props")
    assert len(body["errors"]) == len(providers)
    enabled = ask(http, "{ analytics { providers(isEnabled: true) { key } } }")
    assert enabled["data"]["analytics"]["providers"] == []


def test_storage_targets_sorted_by_title_and_none_running(http: httpx.Client) -> None:
    body = ask(http, "{ storage { targets { title hasSchedule syncInterval } status { key } } }")
    targets = body["data"]["storage"]["targets"]
    titles = [t["title"] for t in targets]
    assert titles == sorted(titles)
    s3 = next(t for t in targets if t["title"] == "Amazon S3")
    assert (s3["hasSchedule"], s3["syncInterval"]) == (False, "P0D")  # `schedule: false`
    assert body["data"]["storage"]["status"] == []


def test_sensitive_storage_settings_are_masked_once_set() -> None:
    s3 = catalogue.definition("storage", "s3")
    entries = catalogue.config_entries(
        s3, {"secretAccessKey": "hunter2", "region": "eu"}, mask_sensitive=True
    )
    values = {entry["key"]: json.loads(entry["value"])["value"] for entry in entries}
    assert values == {"region": "eu", "secretAccessKey": "********"}


def test_mail_extensions_and_export_status_of_a_fresh_install(http: httpx.Client) -> None:
    body = ask(
        http,
        "{ mail { config { host port secure pass } }"
        " system { extensions { key isInstalled } exportStatus { status progress startedAt } } }",
    )
    assert body["data"]["mail"]["config"] == {"host": "", "port": 465, "secure": True, "pass": ""}
    system = body["data"]["system"]
    assert [e["key"] for e in system["extensions"]] == ["git", "pandoc", "puppeteer", "sharp"]
    assert system["exportStatus"] == {"status": "notrunning", "progress": 0, "startedAt": None}


def test_authentication_strategies_list_every_module(http: httpx.Client) -> None:
    body = ask(http, "{ authentication { strategies { key isAvailable props { key } } } }")
    strategies = body["data"]["authentication"]["strategies"]
    local = next(s for s in strategies if s["key"] == "local")
    assert local["isAvailable"] is True
    assert len(strategies) > 10
    ldap = next(s for s in strategies if s["key"] == "ldap")
    prop_keys = [p["key"] for p in ldap["props"]]
    assert prop_keys == sorted(prop_keys)


def test_the_local_strategy_of_active_strategies_is_its_bare_definition(
    http: httpx.Client,
) -> None:
    body = ask(http, "{ authentication { activeStrategies { strategy { title props { key } } } } }")
    strategy = body["data"]["authentication"]["activeStrategies"][0]["strategy"]
    assert strategy == {"title": "Local Database", "props": None}
    expected = 'Expected Iterable, but did not find one for field "AuthenticationStrategy.props".'
    assert messages(body) == [(expected, "authentication/activeStrategies/0/strategy/props")]


def test_strategy_icons_are_svg_text_except_where_wiki_js_has_no_artwork(
    http: httpx.Client,
) -> None:
    body = ask(http, "{ authentication { strategies { key icon } } }")
    assert "errors" not in body
    icons = {s["key"]: s["icon"] for s in body["data"]["authentication"]["strategies"]}
    assert icons["firebase"] is None  # Wiki.js 2.5.314 ships no auth-icon-firebase.svg
    assert all(icon.startswith("<svg") for key, icon in icons.items() if key != "firebase")
    active = ask(http, "{ authentication { activeStrategies { strategy { icon } } } }")
    assert (
        active["data"]["authentication"]["activeStrategies"][0]["strategy"]["icon"]
        == (icons["local"])
    )


def test_translations_refuse_what_the_server_refuses_and_name_the_rest(
    http: httpx.Client,
) -> None:
    refused = ask(
        http, '{ localization { translations(locale: "en", namespace: "admin") { key } } }'
    )
    assert messages(refused) == [("Invalid locale or namespace", "localization/translations")]
    common = ask(
        http, '{ localization { translations(locale: "en", namespace: "common") { key } } }'
    )
    assert common["data"]["localization"]["translations"] is None
    assert "LocalizationQuery.translations is not emulated" in common["errors"][0]["message"]


def test_a_field_without_a_model_answers_an_error_naming_it(http: httpx.Client) -> None:
    body = ask(http, '{ localization { translations(locale: "en", namespace: "common") { key } } }')
    assert body["data"]["localization"]["translations"] is None
    assert messages(body) == [
        (
            "LocalizationQuery.translations is not emulated by wikijs_typed.testing"
            " (the strings of the en/common bundle)",
            "localization/translations",
        )
    ]


def test_an_operation_a_newer_schema_adds_answers_an_error_until_it_is_modelled() -> None:
    schema = build_schema(
        "type Query { system: SystemQuery } type SystemQuery { info: String, upcoming: String }"
    )
    schema.type_map["SystemQuery"].fields["info"].resolve = lambda *_: "ok"  # type: ignore[attr-defined]
    schema.query_type.fields["system"].resolve = lambda *_: {}  # type: ignore[union-attr]
    unmodelled: set[str] = set()
    refuse_unmodelled(schema, unmodelled)
    answer = graphql_sync(schema, "{ system { info upcoming } }")
    assert unmodelled == {"SystemQuery.upcoming"}
    assert answer.data == {"system": {"info": "ok", "upcoming": None}}
    assert [error.message for error in answer.errors or ()] == [
        "SystemQuery.upcoming is not emulated by wikijs_typed.testing"
    ]


def test_order_by_a_numeric_field_sorts_numbers_as_numbers() -> None:
    items = [{"key": "a", "order": 10}, {"key": "b", "order": 2}, {"key": "c"}]
    assert [i["key"] for i in catalogue.order_by(items, "order")] == ["b", "a", "c"]
