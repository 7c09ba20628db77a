"""The admin operations whose real effect lies outside the wiki (a locale download, a v1
import, an upgrade, HTTPS): the emulator answers each as Wiki.js 2.5.314's resolver does."""

from __future__ import annotations

import httpx
import pytest
from _admin_emulator import ask, failed, ok, result

from wikijs_typed.testing import WikiJSEmulator
from wikijs_typed.testing._graphql.schema import UNMODELLED, executable_schema

MIGRATE = """mutation M($from: String!, $to: String!) {
  pages { migrateToLocale(sourceLocale: $from, targetLocale: $to) { RESULT count } } }"""
DOWNLOAD = "mutation D($l: String!) { localization { downloadLocale(locale: $l) RESULT } }"
PAGES = "{ pages { list(orderBy: ID) { id path locale } } }"


def test_every_operation_of_the_schema_has_a_resolver() -> None:
    executable_schema()
    assert not UNMODELLED, sorted(UNMODELLED)


def test_a_downloaded_locale_is_installed_and_takes_pages(http: httpx.Client) -> None:
    data = ask(http, DOWNLOAD, l="fr")
    assert result(data, "localization", "downloadLocale") == ok("Locale downloaded successfully")
    ask(http, DOWNLOAD, l="fr")  # a second download changes nothing
    create = """mutation { pages { create(content: "# Bonjour", description: "", editor: "markdown",
      isPublished: true, isPrivate: false, locale: "fr", path: "accueil", tags: [],
      title: "Accueil") { responseResult { succeeded } } } }"""
    assert ask(http, create)["pages"]["create"]["responseResult"]["succeeded"] is True


def test_migrate_moves_the_pages_whose_path_is_free_in_the_target(
    emu: WikiJSEmulator, http: httpx.Client
) -> None:
    ask(http, DOWNLOAD, l="fr")
    first = emu.seed_page("guide", content="# en")
    second = emu.seed_page("faq", content="# en")
    emu.seed_page("faq", content="# fr", locale="fr")
    migrated = ask(
        http,
        MIGRATE.replace("RESULT", "responseResult { succeeded message }"),
        **{"from": "en", "to": "fr"},
    )["pages"]["migrateToLocale"]
    assert migrated["count"] == 1
    assert migrated["responseResult"]["succeeded"] is True
    locales = {page["id"]: page["locale"] for page in ask(http, PAGES)["pages"]["list"]}
    assert (locales[first], locales[second]) == ("fr", "en")


def test_migrating_into_a_locale_that_is_not_installed_breaks_the_foreign_key(
    emu: WikiJSEmulator, http: httpx.Client
) -> None:
    page = emu.seed_page("guide", content="# en")
    data = ask(
        http,
        MIGRATE.replace("RESULT", "responseResult { succeeded slug message }"),
        **{"from": "en", "to": "xx"},
    )["pages"]["migrateToLocale"]
    assert data["count"] is None
    assert data["responseResult"]["succeeded"] is False
    assert data["responseResult"]["slug"] == "ForeignKeyViolationError"
    assert data["responseResult"]["message"].endswith(
        'violates foreign key constraint "pages_localecode_foreign"'
    )
    locales = {p["id"]: p["locale"] for p in ask(http, PAGES)["pages"]["list"]}
    assert locales[page] == "en"


def test_https_redirection_is_stored_and_shown_in_system_info(http: httpx.Client) -> None:
    setting = "mutation S($on: Boolean!) { system { setHTTPSRedirection(enabled: $on) RESULT } }"
    data = ask(http, setting, on=True)
    assert result(data, "system", "setHTTPSRedirection") == ok(
        "HTTP Redirection state set successfully."
    )
    assert ask(http, "{ system { info { httpRedirection } } }")["system"]["info"] == {
        "httpRedirection": True
    }


def test_renewing_the_certificate_of_a_plain_http_install_fails(http: httpx.Client) -> None:
    data = ask(http, "mutation { system { renewHTTPSCertificate RESULT } }")
    assert result(data, "system", "renewHTTPSCertificate") == failed(
        "SystemSSLDisabled", "SSL is not enabled.", 7002
    )


def test_an_upgrade_needs_the_update_companion(http: httpx.Client) -> None:
    data = ask(http, "mutation { system { performUpgrade RESULT } }")
    assert result(data, "system", "performUpgrade") == failed(
        "Error",
        "You must run the wiki-update-companion container and pass the UPGRADE_COMPANION env"
        " var in order to use this feature.",
    )


V1 = """mutation I($c: String!, $m: SystemImportUsersGroupMode!) { system {
  importUsersFromV1(mongoDbConnString: $c, groupMode: $m) {
    responseResult { succeeded errorCode slug message }
    usersCount groupsCount failed { email } } } }"""
GROUPS = "{ groups { list { name } } }"


def test_a_short_v1_connection_string_is_refused(http: httpx.Client) -> None:
    data = ask(http, V1, c="mongo://", m="SINGLE")["system"]["importUsersFromV1"]
    assert data["responseResult"] == failed(
        "Error", "MongoDB Connection String is missing or invalid."
    )
    assert (data["usersCount"], data["groupsCount"], data["failed"]) == (None, None, None)


@pytest.mark.parametrize(("mode", "groups"), [("SINGLE", 1), ("MULTI", 0), ("NONE", 0)])
def test_a_v1_import_reads_an_empty_database(http: httpx.Client, mode: str, groups: int) -> None:
    before = len(ask(http, GROUPS)["groups"]["list"])
    data = ask(http, V1, c="mongodb://wikiv1:27017/wiki", m=mode)["system"]["importUsersFromV1"]
    assert data["responseResult"] == ok("Import completed.")
    assert (data["usersCount"], data["groupsCount"], data["failed"]) == (0, groups, [])
    names = [group["name"] for group in ask(http, GROUPS)["groups"]["list"]]
    assert len(names) == before + groups
    if groups:
        assert names[-1].startswith("Import_")
