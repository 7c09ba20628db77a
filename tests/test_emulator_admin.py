"""The admin settings change and read back as on Wiki.js 2.5.314 (recordings/admin/,
FINDINGS §13): each update persists, keeps the server's rules and fails the server's way."""

from __future__ import annotations

import json
from typing import Any

import httpx
from _admin_emulator import ask, failed, ok, result

from wikijs_typed.testing import WikiJSEmulator
from wikijs_typed.testing._graphql.resolvers.theming import beautify, minify


def pairs(**settings: Any) -> list[dict[str, str]]:
    """KeyValuePairInput items in the {"v": ...} envelope the server unwraps."""
    return [{"key": key, "value": json.dumps({"v": value})} for key, value in settings.items()]


def config_values(module: dict[str, Any]) -> dict[str, Any]:
    return {entry["key"]: json.loads(entry["value"])["value"] for entry in module["config"]}


# -- system --------------------------------------------------------------------------------

FLAGS = "mutation F($flags: [SystemFlagInput]!) { system { updateFlags(flags: $flags) RESULT } }"


def test_update_flags_replaces_the_whole_set(http: httpx.Client) -> None:
    flags = [{"key": "ldapdebug", "value": True}, {"key": "recBogus", "value": True}]
    data = ask(http, FLAGS, flags=flags)
    assert result(data, "system", "updateFlags") == ok("System Flags applied successfully")
    listed = ask(http, "{ system { flags { key value } } }")["system"]["flags"]
    assert listed == flags  # sqllog, not sent, is gone; the unknown key is kept


def test_set_telemetry_shows_in_system_info(http: httpx.Client) -> None:
    data = ask(http, "mutation { system { setTelemetry(enabled: true) RESULT } }")
    # Wiki.js 2.5 answers with resetTelemetryClientId's message.
    assert result(data, "system", "setTelemetry")["message"] == (
        "Telemetry Client ID has been reset successfully"
    )
    assert ask(http, "{ system { info { telemetry } } }")["system"]["info"]["telemetry"] is True


EXPORT = (
    "mutation E($e: [String]!, $p: String!) { system { export(entities: $e, path: $p) RESULT } }"
)


def test_export_finishes_and_refuses_the_same_directory_again(http: httpx.Client) -> None:
    status = "{ system { exportStatus { status progress startedAt } } }"
    assert ask(http, status)["system"]["exportStatus"]["status"] == "notrunning"
    started = ask(http, EXPORT, e=["navigation"], p="data/export")
    assert result(started, "system", "export") == ok("Export started successfully.")
    after = ask(http, status)["system"]["exportStatus"]
    assert (after["status"], after["progress"]) == ("success", 100)
    assert after["startedAt"]
    # The same directory, spelled as the absolute path it resolves to, now holds files.
    again = ask(http, EXPORT, e=["navigation"], p="/wiki/data/export")
    assert result(again, "system", "export") == failed("Error", "Target directory must be empty!")
    nothing = ask(http, EXPORT, e=[], p="data/elsewhere")
    assert result(nothing, "system", "export") == failed(
        "Error", "Must specify at least 1 entity to export."
    )


def test_an_export_of_unknown_entities_writes_nothing_and_leaves_the_directory_usable(
    http: httpx.Client,
) -> None:
    for _ in range(2):
        data = ask(http, EXPORT, e=["no-such-entity"], p="data/unused")
        assert result(data, "system", "export") == ok("Export started successfully.")


# -- module tables: renderers, loggers, search engines, comment providers, storage ---------

ENGINES = (
    "mutation S($engines: [SearchEngineInput]) "
    "{ search { updateSearchEngines(engines: $engines) RESULT } }"
)
SEARCH_ENGINES = "{ search { searchEngines { key isEnabled config { key value } } } }"


def test_update_search_engines_persists_and_lists_the_updated_row_last(
    http: httpx.Client,
) -> None:
    engines = [{"key": "postgres", "isEnabled": False, "config": pairs(dictLanguage="simple")}]
    data = ask(http, ENGINES, engines=engines)
    assert result(data, "search", "updateSearchEngines") == ok(
        "Search Engines updated successfully"
    )
    listed = ask(http, SEARCH_ENGINES)["search"]["searchEngines"]
    assert listed[-1]["key"] == "postgres"  # heap order: the updated row comes last
    assert config_values(listed[-1]) == {"dictLanguage": "simple"}
    assert [e["key"] for e in listed if e["isEnabled"]] == ["db"]


def test_a_setting_without_the_v_envelope_is_stored_as_null_and_replaces_the_config(
    http: httpx.Client,
) -> None:
    engines = [
        {
            "key": "elasticsearch",
            "isEnabled": False,
            "config": [{"key": "hosts", "value": json.dumps({"value": "http://es:9200"})}],
        }
    ]
    ask(http, ENGINES, engines=engines)
    listed = ask(http, SEARCH_ENGINES)["search"]["searchEngines"]
    elastic = next(e for e in listed if e["key"] == "elasticsearch")
    assert config_values(elastic) == {"hosts": None}  # the seven other settings are gone


def test_a_value_that_is_not_json_fails_and_stops_the_update_there(http: httpx.Client) -> None:
    renderers = [
        {"key": "markdownKroki", "isEnabled": True, "config": pairs(server="https://k.invalid")},
        {"key": "markdownMathjax", "isEnabled": True, "config": [{"key": "x", "value": "oops"}]},
    ]
    data = ask(
        http,
        "mutation R($r: [RendererInput]) { rendering { updateRenderers(renderers: $r) RESULT } }",
        r=renderers,
    )
    assert result(data, "rendering", "updateRenderers") == failed(
        "SyntaxError", "Unexpected token 'o', \"oops\" is not valid JSON"
    )
    listed = ask(http, '{ rendering { renderers(orderBy: "key") { key isEnabled } } }')
    enabled = {r["key"]: r["isEnabled"] for r in listed["rendering"]["renderers"]}
    # Like the server's loop: the renderer before the bad one was written, that one was not.
    assert (enabled["markdownKroki"], enabled["markdownMathjax"]) == (True, False)


def test_a_null_item_fails_on_its_first_property_after_the_items_before_it(
    http: httpx.Client,
) -> None:
    targets = [{"key": "disk", "isEnabled": True, "mode": "push", "config": []}, None]
    data = ask(http, TARGETS, t=targets)
    assert result(data, "storage", "updateTargets") == failed(
        "TypeError", "Cannot read properties of null (reading 'key')"
    )
    listed = ask(http, "{ storage { targets { key isEnabled } } }")["storage"]["targets"]
    assert next(t for t in listed if t["key"] == "disk")["isEnabled"] is True


def test_an_omitted_provider_list_fails_as_recorded(http: httpx.Client) -> None:
    data = ask(http, "mutation { comments { updateProviders RESULT } }")
    assert result(data, "comments", "updateProviders") == failed(
        "TypeError", "args.providers is not iterable"
    )


def test_loggers_store_raw_strings_and_ignore_unknown_keys(http: httpx.Client) -> None:
    loggers = [
        {
            "key": "loggly",
            "isEnabled": True,
            "level": "bogus-level",
            "config": [{"key": "subdomain", "value": '{"v":"wrapped"}'}],
        },
        {"key": "no-such-logger", "isEnabled": True, "level": "info", "config": []},
    ]
    data = ask(
        http,
        "mutation L($l: [LoggerInput]) { logging { updateLoggers(loggers: $l) RESULT } }",
        l=loggers,
    )
    assert result(data, "logging", "updateLoggers") == ok("Loggers updated successfully")
    listed = ask(http, "{ logging { loggers { key isEnabled level config { key value } } } }")
    rows = listed["logging"]["loggers"]
    assert "no-such-logger" not in [row["key"] for row in rows]
    loggly = rows[-1]
    assert (loggly["key"], loggly["isEnabled"], loggly["level"]) == (
        "loggly",
        True,
        "bogus-level",
    )
    assert config_values(loggly) == {"subdomain": '{"v":"wrapped"}'}


COMMENT_PROVIDERS = (
    "mutation C($p: [CommentProviderInput]) { comments { updateProviders(providers: $p) RESULT } }"
)
POST = "mutation P($id: Int!, $c: String!) { comments { create(pageId: $id, content: $c) RESULT } }"


def test_the_comment_post_delay_follows_the_default_provider(
    emu: WikiJSEmulator, http: httpx.Client
) -> None:
    page = emu.seed_page("admin/comments")

    def post(content: str) -> bool:
        emu.clock.advance(20)  # past the 15-second rate limit, inside the 30-second delay
        outcome = result(ask(http, POST, id=page, c=content), "comments", "create")
        return bool(outcome["succeeded"])

    assert post("first comment") is True
    assert post("second comment") is False  # 30 s by default
    providers = [{"key": "default", "isEnabled": True, "config": pairs(akismet="", minDelay=0)}]
    ask(http, COMMENT_PROVIDERS, p=providers)
    assert post("second comment") is True


TARGETS = "mutation T($t: [StorageTargetInput]!) { storage { updateTargets(targets: $t) RESULT } }"
ACTION = (
    "mutation A($t: String!, $h: String!) { storage { executeAction(targetKey: $t, handler: $h)"
    " RESULT } }"
)


def test_enabling_the_disk_target_makes_it_operational_and_runs_its_actions(
    http: httpx.Client,
) -> None:
    disk = {"key": "disk", "isEnabled": True, "mode": "push", "config": pairs(path="/backup")}
    updated = ask(http, TARGETS, t=[disk])
    assert result(updated, "storage", "updateTargets") == ok("Storage targets updated successfully")
    status = ask(http, "{ storage { status { key status message lastAttempt } } }")
    [only] = status["storage"]["status"]
    assert (only["key"], only["status"], only["message"]) == ("disk", "operational", "")
    assert only["lastAttempt"]

    def action(target: str, handler: str) -> dict[str, Any]:
        return result(ask(http, ACTION, t=target, h=handler), "storage", "executeAction")

    assert action("disk", "dump") == ok("Action completed.")
    assert action("disk", "backup") == ok("Action completed.")
    assert action("disk", "bogus") == failed("Error", "Invalid Handler for Storage Target")
    assert action("s3", "dump") == failed("Error", "Invalid or Inactive Storage Target")


def test_the_masked_secret_sent_back_keeps_the_stored_one(
    emu: WikiJSEmulator, http: httpx.Client
) -> None:
    def s3(secret: str) -> dict[str, Any]:
        return {
            "key": "s3",
            "isEnabled": False,
            "mode": "push",
            "config": pairs(secretAccessKey=secret),
        }

    ask(http, TARGETS, t=[s3("hunter2")])
    ask(http, TARGETS, t=[s3("********")])
    stored = emu.wiki.db.modules["storage"].get("s3")
    assert stored is not None
    assert stored.config == {"secretAccessKey": "hunter2"}
    targets = ask(http, "{ storage { targets { key config { key value } } } }")
    shown = next(t for t in targets["storage"]["targets"] if t["key"] == "s3")
    assert config_values(shown) == {"secretAccessKey": "********"}


# -- site, theming, mail, localization ------------------------------------------------------


def test_site_update_merges_trims_and_stores_explicit_nulls(http: httpx.Client) -> None:
    ask(
        http,
        'mutation { site { updateConfig(title: "  Padded  ", company: null, description: null,'
        ' contentLicense: "bogus") RESULT } }',
    )
    config = ask(
        http, "{ site { config { title company description contentLicense featurePageRatings } } }"
    )["site"]["config"]
    assert config == {
        "title": "Padded",
        "company": "",  # trimmed: lodash turns null into ""
        "description": None,
        "contentLicense": "bogus",
        "featurePageRatings": True,  # not sent, unchanged
    }


THEME = (
    "mutation T($theme: String!, $iconset: String!, $darkMode: Boolean!, $css: String) "
    "{ theming { setConfig(theme: $theme, iconset: $iconset, darkMode: $darkMode,"
    ' injectCSS: $css, tocPosition: "right") RESULT } }'
)
THEME_CONFIG = "{ theming { config { theme iconset darkMode tocPosition injectCSS injectHead } } }"


def test_theming_replaces_the_config_and_normalises_the_css(http: httpx.Client) -> None:
    css = "body   {  color : red ;  }\n/* note */ .x { margin: 0px 0px 0px 0px; }"
    ask(http, THEME, theme="no-such-theme", iconset="fa", darkMode=True, css=css)
    config = ask(http, THEME_CONFIG)["theming"]["config"]
    assert config == {
        "theme": "no-such-theme",
        "iconset": "fa",
        "darkMode": True,
        "tocPosition": "right",
        "injectCSS": "body {\n  color: red\n}\n.x {\n  margin: 0\n}",
        "injectHead": "",
    }


def test_css_is_minified_then_beautified_like_clean_css() -> None:
    minified = minify("a , b{padding:0em 0em 0em 0em;color:blue;}\n\n")
    assert minified == "a,b{padding:0;color:blue}"
    assert beautify(minified) == "a,\nb {\n  padding: 0;\n  color: blue\n}"
    assert minify("") == beautify("") == ""
    assert beautify(":is(a,b) , c{color:red}") == ":is(a,b),\nc {\n  color: red\n}"
    media = "@media print { a { color: red } }"
    assert minify(media) == beautify(media) == media  # beyond plain rules: left alone


MAIL = (
    'mutation M($pass: String!, $host: String!) { mail { updateConfig(senderName: "W",'
    ' senderEmail: "w@example.invalid", host: $host, port: 2525, name: "w", secure: false,'
    ' verifySSL: false, user: "u", pass: $pass, useDKIM: false, dkimDomainName: "",'
    ' dkimKeySelector: "", dkimPrivateKey: "") RESULT } }'
)
SEND = "mutation S($to: String!) { mail { sendTest(recipientEmail: $to) RESULT } }"


def test_mail_masks_keeps_and_clears_the_password(emu: WikiJSEmulator, http: httpx.Client) -> None:
    ask(http, MAIL, **{"pass": "s3cret", "host": "127.0.0.1"})
    assert ask(http, "{ mail { config { pass port } } }")["mail"]["config"] == {
        "pass": "********",
        "port": 2525,
    }
    ask(http, MAIL, **{"pass": "********", "host": "127.0.0.1"})
    assert emu.wiki.db.admin.mail["pass"] == "s3cret"
    ask(http, MAIL, **{"pass": "", "host": "127.0.0.1"})
    assert ask(http, "{ mail { config { pass } } }")["mail"]["config"]["pass"] == ""


def test_send_test_fails_as_the_server_does_without_a_reachable_smtp_server(
    http: httpx.Client,
) -> None:
    def send(recipient: str) -> dict[str, Any]:
        return result(ask(http, SEND, to=recipient), "mail", "sendTest")

    assert send("a@b.c") == failed(
        "MailInvalidRecipient", "The recipient email address is invalid.", 3004
    )
    assert send("someone@example.invalid") == failed(
        "MailNotConfigured", "The mail configuration is incomplete or invalid.", 3002
    )
    ask(http, MAIL, **{"pass": "", "host": "127.0.0.1"})
    assert send("someone@example.invalid") == failed("Error", "connect ECONNREFUSED 127.0.0.1:2525")


LOCALE = (
    "mutation L($locale: String!, $ns: [String]!) { localization { updateLocale("
    "locale: $locale, autoUpdate: false, namespacing: false, namespaces: $ns) RESULT } }"
)
LOCALE_CONFIG = "{ localization { config { locale autoUpdate namespaces } } }"


def test_update_locale_adds_the_locale_to_the_namespaces(http: httpx.Client) -> None:
    data = ask(http, LOCALE, locale="en", ns=["fr"])
    assert result(data, "localization", "updateLocale") == ok("Locale config updated")
    config = ask(http, LOCALE_CONFIG)["localization"]["config"]
    assert config == {"locale": "en", "autoUpdate": False, "namespaces": ["fr", "en"]}


def test_a_locale_that_is_not_installed_fails_after_changing_the_config(
    http: httpx.Client,
) -> None:
    data = ask(http, LOCALE, locale="xx", ns=[])
    assert result(data, "localization", "updateLocale") == failed(
        "TypeError", "Cannot read properties of undefined (reading 'isRTL')"
    )
    config = ask(http, LOCALE_CONFIG)["localization"]["config"]
    assert (config["locale"], config["namespaces"]) == ("xx", ["xx"])


def test_an_invalid_input_object_is_printed_the_way_graphql_js_prints_it(
    http: httpx.Client,
) -> None:
    query = (
        "mutation T($tree: [NavigationTreeInput]!)"
        " { navigation { updateTree(tree: $tree) { responseResult { succeeded } } } }"
    )
    tree = [{"locale": "en", "items": [{"kind": "link", "label": "no id"}]}]
    response = http.post("/graphql", json={"query": query, "variables": {"tree": tree}})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["message"] == (
        'Variable "$tree" got invalid value { kind: "link", label: "no id" } at'
        ' "tree[0].items[0]"; Field "id" of required type "String!" was not provided.'
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_a_null_token_lifetime_keeps_the_one_the_emulator_runs_on(http: httpx.Client) -> None:
    ask(http, "mutation { site { updateConfig(authJwtExpiration: null) RESULT } }")
    config = ask(http, "{ site { config { authJwtExpiration } } }")["site"]["config"]
    assert config == {"authJwtExpiration": "30m"}
