"""Login strategies, comment and analytics providers in the settings document (issue 19).

Between two emulators, as tests/test_settings_code.py does for the other areas: export → apply
elsewhere → export is the same document, a second apply sends nothing, a strategy's secret is
an environment reference everywhere it is shown, and the wiki is read in two round trips.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.settings import SettingsError
from wikijs_typed.testing import WikiJSEmulator

CLIENT_SECRET = "staging-oauth-secret-77"
REFERENCE = "${WIKIJS_AUTHENTICATION_CORP_SSO_CLIENT_SECRET}"
ENVIRONMENT = {"WIKIJS_AUTHENTICATION_CORP_SSO_CLIENT_SECRET": "production-oauth-secret-88"}


def client_of(emu: WikiJSEmulator) -> WikiJSClient:
    return WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())


def mutations_since(emu: WikiJSEmulator, before: int) -> list[str]:
    names = [name or "" for request in emu.requests[before:] for name in request.operation_names]
    return [name for name in names if not name.startswith(("Get", "List"))]


@pytest.fixture
def staging() -> Iterator[WikiJSClient]:
    """A wiki with a single sign-on strategy, Disqus comments and Google Analytics."""
    with client_of(WikiJSEmulator()) as client:
        client.authentication.add_strategy(
            "oauth2",
            key="corp-sso",
            display_name="Corporate SSO",
            config={"clientId": "wiki", "clientSecret": CLIENT_SECRET},
            self_registration=True,
            domain_whitelist=["example.com"],
        )
        client.comments.update_provider("default", enabled=False)
        client.comments.update_provider("disqus", enabled=True, config={"accountName": "hb"})
        client.analytics.update("google", enabled=True, config={"propertyTrackingId": "G-7"})
        yield client


@pytest.fixture
def production_emu() -> WikiJSEmulator:
    return WikiJSEmulator()


@pytest.fixture
def production(production_emu: WikiJSEmulator) -> Iterator[WikiJSClient]:
    with client_of(production_emu) as client:
        yield client


def test_strategies_and_providers_round_trip(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    document = staging.settings.export()
    data = document.dump()
    sso = data["authentication"]["corp-sso"]
    assert (sso["strategy"], sso["displayName"], sso["order"]) == ("oauth2", "Corporate SSO", 1)
    assert sso["config"]["clientSecret"] == REFERENCE
    assert data["comments"]["disqus"] == {"enabled": True, "config": {"accountName": "hb"}}
    assert data["analytics"]["google"]["config"] == {"propertyTrackingId": "G-7"}

    plan = production.settings.plan(document, environ=ENVIRONMENT)
    assert {"authentication.corp-sso", "comments.default", "comments.disqus"} <= {
        step.target for step in plan.steps
    }
    assert production.settings.apply(plan).ok

    assert production.settings.export() == document
    stored = production_emu.wiki.db.strategies["corp-sso"]
    assert stored.config["clientSecret"] == "production-oauth-secret-88"
    before = len(production_emu.requests)
    again = production.settings.plan(document, environ=ENVIRONMENT)
    assert again.steps == []
    assert production.settings.apply(again).ok
    assert mutations_since(production_emu, before) == []


def test_a_strategy_secret_is_only_ever_a_reference(
    staging: WikiJSClient, production: WikiJSClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    document = staging.settings.export()
    plan = production.settings.plan(document, environ=ENVIRONMENT)
    result = production.settings.apply(plan)
    shown = " ".join(
        [
            json.dumps(document.dump()),
            repr(document),
            repr(plan),
            json.dumps(plan.as_json()),
            *(str(change) for step in plan.steps for change in step.changes),
            json.dumps(result.as_json()),
            caplog.text,
        ]
    )
    assert REFERENCE in shown
    for secret in (CLIENT_SECRET, *ENVIRONMENT.values()):
        assert secret not in shown


def test_a_changed_strategy_setting_is_one_update(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    production.settings.apply(
        production.settings.plan(staging.settings.export(), environ=ENVIRONMENT)
    )
    data = staging.settings.export().dump()
    data["authentication"]["corp-sso"]["config"]["clientId"] = "wiki-2"
    data["authentication"]["corp-sso"]["enabled"] = False

    plan = production.settings.plan(data, environ=ENVIRONMENT)
    assert [(step.kind, [str(c) for c in step.changes]) for step in plan.steps] == [
        ("authentication", ["enabled: True → False", "config.clientId: 'wiki' → 'wiki-2'"])
    ]
    before = len(production_emu.requests)
    assert production.settings.apply(plan).ok
    assert mutations_since(production_emu, before) == ["UpdateStrategies"]
    stored = production_emu.wiki.db.strategies["corp-sso"]
    assert (stored.is_enabled, stored.config["clientId"]) == (False, "wiki-2")
    assert stored.config["clientSecret"] == "production-oauth-secret-88"  # kept


def test_strategy_problems_are_refused_before_anything_changes(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    data = staging.settings.export().dump()
    data["authentication"]["local"]["strategy"] = "ldap"
    data["authentication"]["corp-sso"]["config"]["tokenSecret"] = "in clear"
    before = len(production_emu.requests)

    with pytest.raises(SettingsError) as refused:
        production.settings.plan(data, environ={})

    paths = {problem.path: problem.reason for problem in refused.value.problems}
    assert "uses 'local'" in paths["authentication.local.strategy"]
    assert "not set" in paths["authentication.corp-sso.config.clientSecret"]
    assert "environment reference" in paths["authentication.corp-sso.config.tokenSecret"]
    assert mutations_since(production_emu, before) == []


def test_the_plan_reads_the_wiki_in_two_round_trips(
    staging: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    with client_of(production_emu) as production:
        production.groups.create({"name": "Editors"})
        production.groups.create({"name": "Readers"})
        before = len(production_emu.requests)
        production.settings.export()

    # The areas in one batch, then every group's permissions and page rules in another.
    assert len(production_emu.requests) - before == 2


@pytest.mark.asyncio
async def test_the_async_client_applies_strategies_alike(staging: WikiJSClient) -> None:
    document = staging.settings.export()
    emu = WikiJSEmulator()
    async with AsyncWikiJSClient(
        emu.base_url, emu.api_key, transport=emu.async_transport()
    ) as client:
        plan = await client.settings.plan(document, environ=ENVIRONMENT)
        assert (await client.settings.apply(plan)).ok
        assert await client.settings.export() == document
