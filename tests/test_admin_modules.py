"""Loggers, analytics, comments and login strategies as resources, against the emulator.

Each test runs with the sync and the async client (the `wiki` fixture). What is checked: an
update changes what it names and keeps the rest, inputs are refused before anything is sent,
failures are typed, and secrets stay out of reprs and logs.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from wikijs_typed.exceptions import (
    NotFoundError,
    OperationFailedError,
    ValidationError,
)
from wikijs_typed.testing import WikiJSEmulator

OAUTH_SECRET = "oauth-client-secret-31"


def mutations_sent(emu: WikiJSEmulator) -> list[str | None]:
    names = [name for request in emu.requests for name in request.operation_names]
    return [name for name in names if name and not name.startswith(("Get", "List"))]


# -- loggers ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_logger_update_merges_settings_and_sets_the_level(wiki: Any) -> None:
    before = await wiki.logging.get("syslog")
    updated = await wiki.logging.update(
        "syslog", enabled=True, level="warn", config={"host": "logs.example.com"}
    )

    assert (updated.is_enabled, updated.level) == (True, "warn")
    assert updated.config() == {**before.config(), "host": "logs.example.com"}
    again = await wiki.logging.update("syslog", config={"port": 1514})
    assert (again.level, again.config()["host"]) == ("warn", "logs.example.com")


@pytest.mark.asyncio
async def test_logger_inputs_are_checked(wiki: Any, wikijs_emulator: WikiJSEmulator) -> None:
    wikijs_emulator.requests.clear()
    with pytest.raises(ValidationError, match="level"):
        await wiki.logging.update("syslog", level="loud")
    with pytest.raises(ValidationError, match="enabled"):
        await wiki.logging.update("syslog", enabled="yes")
    assert wikijs_emulator.requests == []
    with pytest.raises(NotFoundError, match="logger 'nope'"):
        await wiki.logging.update("nope", enabled=True)
    assert mutations_sent(wikijs_emulator) == []


# -- analytics -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_analytics_provider_update_keeps_the_others(wiki: Any) -> None:
    providers = await wiki.analytics.providers()
    assert "google" in {p.key for p in providers}
    assert not any(p.is_enabled for p in providers)

    google = await wiki.analytics.update(
        "google", enabled=True, config={"propertyTrackingId": "G-1"}
    )

    assert (google.is_enabled, google.config()["propertyTrackingId"]) == (True, "G-1")
    enabled = [p.key for p in await wiki.analytics.providers() if p.is_enabled]
    assert enabled == ["google"]
    with pytest.raises(NotFoundError):
        await wiki.analytics.get("nope")


# -- comments --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_comment_provider_settings_and_comments(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    page_id = wikijs_emulator.seed_page("docs", "Docs")
    # The built-in provider lets one account post once per 30 seconds: no delay here.
    provider = await wiki.comments.update_provider("default", config={"minDelay": 0})
    assert (provider.is_enabled, provider.config()["minDelay"]) == (True, 0)

    first = await wiki.comments.create(page_id, "First!")
    wikijs_emulator.advance(15)  # comments.create is rate-limited: once per 15 seconds
    reply = await wiki.comments.create(page_id, "A reply", reply_to=first.id)
    assert [c.content for c in await wiki.comments.list("en", "docs")] == ["First!", "A reply"]
    assert reply.render  # Wiki.js renders the Markdown

    edited = await wiki.comments.update(first.id, "First, edited")
    assert (await wiki.comments.get(first.id)).content == edited.content == "First, edited"
    await wiki.comments.delete(reply.id)
    assert [c.id for c in await wiki.comments.list("en", "docs")] == [first.id]
    with pytest.raises(NotFoundError):
        await wiki.comments.get(reply.id)
    assert await wiki.comments.list("en", "no/such/page") == []


@pytest.mark.asyncio
async def test_comment_failures_are_typed(wiki: Any, wikijs_emulator: WikiJSEmulator) -> None:
    page_id = wikijs_emulator.seed_page("docs", "Docs")
    wikijs_emulator.requests.clear()
    with pytest.raises(ValidationError, match="content"):
        await wiki.comments.create(page_id, " x ")
    with pytest.raises(ValidationError, match="page_id"):
        await wiki.comments.create(0, "Hello")
    assert wikijs_emulator.requests == []
    with pytest.raises(NotFoundError):
        await wiki.comments.create(page_id + 100, "Hello")
    with pytest.raises(NotFoundError):
        await wiki.comments.delete(999)
    wikijs_emulator.advance(15)  # every call counts towards the rate limit
    await wiki.comments.create(page_id, "Hello")
    wikijs_emulator.advance(15)  # past the rate limit, within the post delay
    with pytest.raises(OperationFailedError, match="time limit"):
        await wiki.comments.create(page_id, "Hello again")  # within the 30-second delay


# -- login strategies ------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_add_and_update_a_strategy_keeps_the_others(wiki: Any) -> None:
    added = await wiki.authentication.add_strategy(
        "oauth2",
        key="corp-sso",
        display_name="Corporate SSO",
        config={"clientId": "wiki", "clientSecret": OAUTH_SECRET},
        domain_whitelist=["example.com"],
    )
    assert (added.key, added.strategy_key, added.order) == ("corp-sso", "oauth2", 1)
    assert added.config()["clientSecret"] == OAUTH_SECRET
    assert OAUTH_SECRET not in repr(added)

    updated = await wiki.authentication.update_strategy(
        "corp-sso", enabled=False, config={"clientId": "wiki-2"}
    )
    assert (updated.is_enabled, updated.display_name) == (False, "Corporate SSO")
    assert updated.config()["clientSecret"] == OAUTH_SECRET  # kept, not named
    assert updated.config()["clientId"] == "wiki-2"
    assert updated.domain_whitelist == ["example.com"]
    strategies = await wiki.authentication.strategies()
    assert [(s.key, s.is_enabled) for s in strategies] == [("local", True), ("corp-sso", False)]
    assert [s.key for s in await wiki.authentication.strategies(enabled_only=True)] == ["local"]


@pytest.mark.asyncio
async def test_strategy_inputs_are_checked(wiki: Any, wikijs_emulator: WikiJSEmulator) -> None:
    wikijs_emulator.requests.clear()
    with pytest.raises(ValidationError, match="order"):
        await wiki.authentication.update_strategy("local", order="1")
    with pytest.raises(ValidationError, match="auto_enroll_groups"):
        await wiki.authentication.update_strategy("local", auto_enroll_groups=[0])
    with pytest.raises(ValidationError, match="domain_whitelist"):
        await wiki.authentication.add_strategy("oauth2", domain_whitelist="example.com")
    assert wikijs_emulator.requests == []
    with pytest.raises(NotFoundError):
        await wiki.authentication.update_strategy("nope", enabled=True)
    with pytest.raises(ValidationError, match="exists"):
        await wiki.authentication.add_strategy("local", key="local")
    with pytest.raises(ValidationError, match="'okta2' is not an authentication module") as typo:
        await wiki.authentication.add_strategy("okta2", key="sso")
    assert typo.value.field == "strategy_key"
    assert "oauth2, oidc, okta" in str(typo.value)
    assert mutations_sent(wikijs_emulator) == []


@pytest.mark.asyncio
async def test_no_strategy_secret_in_logs(wiki: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await wiki.authentication.add_strategy(
        "oauth2", key="sso", config={"clientSecret": OAUTH_SECRET}
    )
    strategy = (await wiki.authentication.strategies())[-1]

    assert strategy.secret_keys() == {"clientSecret"}
    assert OAUTH_SECRET not in caplog.text


@pytest.mark.asyncio
async def test_module_changes_refresh_cached_reads(cached_wiki: Any) -> None:
    await cached_wiki.comments.providers()
    await cached_wiki.authentication.strategies()
    await cached_wiki.comments.update_provider("disqus", config={"accountName": "handbook"})
    await cached_wiki.authentication.update_strategy("local", display_name="Accounts")

    disqus = next(p for p in await cached_wiki.comments.providers() if p.key == "disqus")
    assert disqus.config()["accountName"] == "handbook"
    assert (await cached_wiki.authentication.strategies())[0].display_name == "Accounts"
