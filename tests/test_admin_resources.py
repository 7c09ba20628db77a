"""The administration resources (issue 19) against the emulator, sync and async alike.

Each test runs twice through the `wiki` fixture (tests/_both_clients.py). What is checked:
updates change what they are asked to and keep the rest (Wiki.js replaces several of these
configs wholesale), nothing is sent when nothing changes, inputs are refused before anything
is sent, failures raise the client's typed errors, and secrets stay out of reprs and logs.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

import pytest
from wikijs_graphql.list_search_engines import (
    ListSearchEnginesSearchSearchEnginesConfig as KeyValuePair,
)

from wikijs_typed.exceptions import NotFoundError, OperationFailedError, ValidationError
from wikijs_typed.models._mail import MailConfigUpdate
from wikijs_typed.models._modules import ModuleSetting
from wikijs_typed.models._navigation import NavigationItemInput
from wikijs_typed.testing import WikiJSEmulator


def sent_operations(emu: WikiJSEmulator) -> list[str | None]:
    return [name for request in emu.requests for name in request.operation_names]


def mutations_sent(emu: WikiJSEmulator) -> list[str | None]:
    reads = ("Get", "List")
    return [name for name in sent_operations(emu) if name and not name.startswith(reads)]


# -- navigation --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_set_items_replaces_one_locale_and_keeps_the_others(wiki: Any) -> None:
    french = [{"kind": "header", "label": "Documentation"}]
    await wiki.navigation.set_items("fr", french)
    english = await wiki.navigation.set_items(
        "en",
        [
            NavigationItemInput(kind="link", label="Docs", target_type="page", target="/docs"),
            {"kind": "divider"},
        ],
    )

    assert [(item.kind, item.label, item.target) for item in english] == [
        ("link", "Docs", "/docs"),
        ("divider", None, None),
    ]
    assert all(item.id for item in english)  # made for items given without one
    tree = await wiki.navigation.tree()
    assert [item.label for item in tree["fr"]] == ["Documentation"]
    assert tree["en"] == english


@pytest.mark.asyncio
async def test_items_read_back_can_be_sent_again_unchanged(wiki: Any) -> None:
    items = await wiki.navigation.items("en")
    again = await wiki.navigation.set_items("en", items)
    assert again == items


@pytest.mark.asyncio
async def test_a_bad_navigation_item_is_refused_before_sending(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    before = await wiki.navigation.tree()
    wikijs_emulator.requests.clear()
    with pytest.raises(ValidationError, match="kind"):
        await wiki.navigation.set_items("en", [{"kind": "button", "label": "x"}])
    with pytest.raises(ValidationError, match="visibility_groups"):
        await wiki.navigation.set_items("en", [{"kind": "link", "visibility_groups": [0]}])
    with pytest.raises(ValidationError, match="items"):
        await wiki.navigation.set_items("en", {"kind": "link"})
    assert wikijs_emulator.requests == []
    assert await wiki.navigation.tree() == before


@pytest.mark.asyncio
async def test_navigation_mode_round_trip(wiki: Any) -> None:
    assert await wiki.navigation.mode() == "MIXED"
    await wiki.navigation.set_mode("STATIC")
    assert await wiki.navigation.mode() == "STATIC"
    with pytest.raises(ValidationError, match="mode"):
        await wiki.navigation.set_mode("static")


# -- site ------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_site_update_changes_what_is_given_and_keeps_the_rest(wiki: Any) -> None:
    before = await wiki.site.config()
    after = await wiki.site.update({"title": " Handbook ", "feature_page_comments": False})

    assert (after.title, after.feature_page_comments) == ("Handbook", False)
    unchanged = after.model_dump(exclude={"title", "feature_page_comments"})
    assert unchanged == before.model_dump(exclude={"title", "feature_page_comments"})
    assert await wiki.site.config() == after


@pytest.mark.asyncio
async def test_site_update_sends_nothing_when_nothing_changes(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    current = await wiki.site.config()
    wikijs_emulator.requests.clear()
    assert await wiki.site.update({"title": current.title}) == current
    assert mutations_sent(wikijs_emulator) == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"titel": "typo"}, "titel"),
        ({"upload_max_files": "10"}, "upload_max_files"),
        ({"upload_max_files": -1}, "upload_max_files"),
        ({"auth_auto_login": 1}, "auth_auto_login"),
        ({"host": "wiki.example.com"}, "host"),
        ({"title": "  "}, "title"),
    ],
)
async def test_site_update_refuses_bad_settings_before_sending(
    wiki: Any, wikijs_emulator: WikiJSEmulator, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        await wiki.site.update(changes)
    assert caught.value.field == field
    assert wikijs_emulator.requests == []


# -- search ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_use_switches_the_engine_and_merges_its_settings(wiki: Any) -> None:
    assert (await wiki.search.active()).key == "db"
    postgres = await wiki.search.use("postgres", {"dictLanguage": "french"})

    assert postgres.is_enabled
    assert postgres.config()["dictLanguage"] == "french"
    engines = await wiki.search.engines()
    assert [engine.key for engine in engines if engine.is_enabled] == ["postgres"]
    assert (await wiki.search.active()).key == "postgres"
    await wiki.search.rebuild_index()


@pytest.mark.asyncio
async def test_use_an_unknown_engine_is_not_found(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    with pytest.raises(NotFoundError, match="bing"):
        await wiki.search.use("bing")
    assert mutations_sent(wikijs_emulator) == []


# -- storage ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_storage_update_status_and_action(wiki: Any) -> None:
    disk = await wiki.storage.update("disk", enabled=True, config={"path": "/var/backup"})

    assert disk.is_enabled
    assert disk.config()["path"] == "/var/backup"
    assert [(s.key, s.status) for s in await wiki.storage.status()] == [("disk", "operational")]
    assert "dump" in {action.handler for action in disk.actions}
    await wiki.storage.execute_action("disk", "dump")


@pytest.mark.asyncio
async def test_storage_action_failures_are_typed(wiki: Any) -> None:
    with pytest.raises(OperationFailedError, match="Invalid or Inactive Storage Target"):
        await wiki.storage.execute_action("disk", "dump")  # disk is not enabled
    await wiki.storage.update("disk", enabled=True)
    with pytest.raises(OperationFailedError, match="Invalid Handler"):
        await wiki.storage.execute_action("disk", "launch")


@pytest.mark.asyncio
async def test_a_storage_secret_is_masked_kept_and_never_shown(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    secret = "aws-secret-0123456789"
    s3 = await wiki.storage.update("s3", config={"secretAccessKey": secret, "region": "eu"})

    assert s3.config()["secretAccessKey"] == "********"  # Wiki.js answers its mask
    assert "secretAccessKey" in s3.secret_keys()
    # Another change sends the mask back, which keeps the stored secret.
    await wiki.storage.update("s3", config={"region": "us"})
    stored = wikijs_emulator.wiki.db.modules["storage"].get("s3")
    assert stored is not None
    assert (stored.config["secretAccessKey"], stored.config["region"]) == (secret, "us")
    assert secret not in repr(await wiki.storage.targets())


@pytest.mark.asyncio
async def test_storage_inputs_are_checked(wiki: Any, wikijs_emulator: WikiJSEmulator) -> None:
    with pytest.raises(ValidationError, match="mode"):
        await wiki.storage.update("disk", mode="mirror")
    with pytest.raises(ValidationError, match="sync_interval"):
        await wiki.storage.update("disk", sync_interval="5 minutes")
    with pytest.raises(ValidationError, match="enabled"):
        await wiki.storage.update("disk", enabled="yes")
    assert wikijs_emulator.requests == []
    with pytest.raises(NotFoundError, match="floppy"):
        await wiki.storage.get("floppy")


# -- rendering -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_renderer_update_merges_settings_and_keeps_the_others(wiki: Any) -> None:
    before = await wiki.rendering.get("markdownCore")
    after = await wiki.rendering.update("markdownCore", config={"linkify": False})

    assert after.config() == {**before.config(), "linkify": False}
    assert after.is_enabled
    kroki = await wiki.rendering.update("markdownKroki", enabled=True)
    assert kroki.is_enabled
    assert (await wiki.rendering.get("markdownCore")).config()["linkify"] is False


@pytest.mark.asyncio
async def test_renderer_inputs_are_checked(wiki: Any, wikijs_emulator: WikiJSEmulator) -> None:
    with pytest.raises(ValidationError, match="enabled"):
        await wiki.rendering.update("markdownCore", enabled="no")
    with pytest.raises(ValidationError, match="config"):
        await wiki.rendering.update("markdownCore", config=[("linkify", False)])
    assert wikijs_emulator.requests == []
    with pytest.raises(NotFoundError, match="markdownExtra"):
        await wiki.rendering.update("markdownExtra", enabled=True)
    assert mutations_sent(wikijs_emulator) == []


# -- system ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_set_flags_keeps_the_flags_not_named(wiki: Any) -> None:
    assert await wiki.system.flags() == {"ldapdebug": False, "sqllog": False}
    assert await wiki.system.set_flags({"sqllog": True}) == {"ldapdebug": False, "sqllog": True}
    with pytest.raises(ValidationError, match="flags"):
        await wiki.system.set_flags({"sqllog": "on"})


@pytest.mark.asyncio
async def test_system_info_extensions_and_export(wiki: Any) -> None:
    info = await wiki.system.info()
    assert (info.current_version, info.users_total) == ("2.5.314", 2)
    assert "git" in {extension.key for extension in await wiki.system.extensions()}

    await wiki.system.export(["pages", "navigation"], "./data/export")
    assert (await wiki.system.export_status()).status == "success"
    with pytest.raises(OperationFailedError, match="Target directory must be empty"):
        await wiki.system.export(["pages"], "./data/export")
    with pytest.raises(ValidationError, match="entities"):
        await wiki.system.export(["pages", "secrets"], "./data/other")


# -- theming, localization -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_theming_update_keeps_the_settings_not_named(wiki: Any) -> None:
    await wiki.theming.update({"inject_css": "body { color: teal }"})
    config = await wiki.theming.update({"dark_mode": True})

    # setConfig replaces the whole config: the injected CSS (which Wiki.js stores beautified)
    # survives only because it is sent again.
    assert (config.dark_mode, config.inject_css) == (True, "body {\n  color: teal\n}")
    assert [theme.key for theme in await wiki.theming.themes()] == ["default"]
    with pytest.raises(ValidationError, match="toc_position"):
        await wiki.theming.update({"toc_position": "top"})


@pytest.mark.asyncio
async def test_localization_refuses_a_locale_not_installed(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    before = await wiki.localization.config()
    with pytest.raises(ValidationError, match="'fr' is not installed"):
        await wiki.localization.update({"locale": "fr"})
    assert "UpdateLocale" not in sent_operations(wikijs_emulator)
    assert await wiki.localization.config() == before

    after = await wiki.localization.update({"auto_update": False})
    assert (after.locale, after.auto_update) == ("en", False)
    assert [locale.code for locale in await wiki.localization.locales()] == ["en"]


# -- mail ------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_mail_update_keeps_the_password_it_never_read(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    await wiki.mail.update({"host": "smtp.example.com", "password": "smtp-secret-42"})
    config = await wiki.mail.update({"port": 587})

    assert (config.host, config.port) == ("smtp.example.com", 587)
    assert wikijs_emulator.wiki.db.admin.mail["pass"] == "smtp-secret-42"
    assert "smtp-secret-42" not in repr(config)
    assert "smtp-secret-42" not in repr(MailConfigUpdate(password="smtp-secret-42"))


@pytest.mark.asyncio
async def test_no_mail_secret_in_logs_or_errors(
    wiki: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await wiki.mail.update({"host": "smtp.example.com", "password": "smtp-secret-42"})
    with pytest.raises(OperationFailedError) as caught:
        await wiki.mail.send_test("someone@example.com")

    assert "ENOTFOUND smtp.example.com" in str(caught.value)
    assert "smtp-secret-42" not in caplog.text
    assert "smtp-secret-42" not in str(caught.value)


@pytest.mark.asyncio
async def test_mail_inputs_are_checked(wiki: Any, wikijs_emulator: WikiJSEmulator) -> None:
    with pytest.raises(ValidationError, match="port"):
        await wiki.mail.update({"port": 70000})
    with pytest.raises(ValidationError, match="recipient"):
        await wiki.mail.send_test(" ")
    assert wikijs_emulator.requests == []


# -- authentication --------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_authentication_strategies_and_registration(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    strategies = await wiki.authentication.strategies()
    assert [(s.key, s.strategy_key, s.is_enabled) for s in strategies] == [("local", "local", True)]
    with pytest.raises(OperationFailedError, match="Registration is disabled"):
        await wiki.authentication.register("new@example.com", "long-password", "New")
    wikijs_emulator.requests.clear()
    with pytest.raises(ValidationError, match="password"):
        await wiki.authentication.register("new@example.com", "short", "New")
    assert wikijs_emulator.requests == []
    await wiki.authentication.request_password_reset("someone@example.com")


@pytest.mark.asyncio
async def test_registration_follows_the_local_strategy(wiki: Any) -> None:
    readers = await wiki.groups.create({"name": "Readers"})
    await wiki.authentication.update_strategy(
        "local",
        self_registration=True,
        domain_whitelist=["example.com"],
        auto_enroll_groups=[readers.id],
    )

    with pytest.raises(OperationFailedError) as elsewhere:
        await wiki.authentication.register("new@example.org", "long-password", "New")
    assert elsewhere.value.error_code == 1011  # the whitelist is matched exactly
    with pytest.raises(OperationFailedError, match="Name is too short") as short:
        await wiki.authentication.register("new@example.com", "long-password", "N")
    assert short.value.error_code == 1012
    # The account is made before its verification mail, which a wiki without mail set up
    # cannot send: the call fails, the unverified account stays, in the auto-enrolled group.
    with pytest.raises(OperationFailedError) as unsent:
        await wiki.authentication.register("New@Example.com", "long-password", "New")
    assert unsent.value.error_code == 3002
    (account,) = await wiki.users.search("new@example.com")
    user = await wiki.users.get(account.id)
    assert (user.is_active, user.is_verified) == (True, False)
    assert [g.id for g in user.groups or []] == [readers.id]
    with pytest.raises(OperationFailedError) as again:
        await wiki.authentication.register("new@example.com", "long-password", "New")
    assert again.value.error_code == 1004


# -- the cache -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_settings_changes_refresh_cached_reads(
    cached_wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    await cached_wiki.site.config()
    await cached_wiki.navigation.tree()
    await cached_wiki.site.update({"title": "Handbook"})
    await cached_wiki.navigation.set_items("en", [{"kind": "header", "label": "Hi"}])

    assert (await cached_wiki.site.config()).title == "Handbook"
    assert [item.label for item in (await cached_wiki.navigation.tree())["en"]] == ["Hi"]


@pytest.mark.asyncio
async def test_a_settings_change_keeps_other_cached_reads(
    cached_wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    await cached_wiki.theming.config()
    await cached_wiki.system.flags()
    wikijs_emulator.requests.clear()
    await cached_wiki.navigation.set_mode("TREE")
    await cached_wiki.theming.config()
    await cached_wiki.system.flags()

    assert sent_operations(wikijs_emulator) == ["SetNavigationMode"]


# -- secrets in module settings ----------------------------------------------------------------


def test_a_setting_named_like_a_credential_is_kept_out_of_the_repr() -> None:
    # Authentication strategies flag no setting sensitive, and Wiki.js answers them in clear.
    described = '{"type":"String","title":"Client Secret","value":"oauth-secret-99"}'
    secret = ModuleSetting.from_pair(KeyValuePair(key="clientSecret", value=described))
    plain = ModuleSetting.from_pair(KeyValuePair(key="clientId", value='{"value":"app-7"}'))

    assert (secret.sensitive, secret.value) == (True, "oauth-secret-99")
    assert "oauth-secret-99" not in repr(secret)
    assert "oauth-secret-99" not in str(secret)
    assert (plain.sensitive, "app-7" in repr(plain)) == (False, True)


@pytest.mark.asyncio
async def test_generated_module_answers_keep_setting_values_out_of_reprs(wiki: Any) -> None:
    await wiki.search.use("algolia", {"appId": "APP", "apiKey": "algolia-admin-key-1"})
    answer = wiki.graphql.list_search_engines()
    if inspect.isawaitable(answer):
        answer = await answer

    algolia = next(e for e in answer.search.search_engines if e.key == "algolia")
    assert any("algolia-admin-key-1" in pair.value for pair in algolia.config)
    assert "algolia-admin-key-1" not in repr(answer)
    engine = next(e for e in await wiki.search.engines() if e.key == "algolia")
    assert engine.config()["apiKey"] == "algolia-admin-key-1"
    assert "algolia-admin-key-1" not in repr(engine)
