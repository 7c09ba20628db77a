"""Settings as code (issue 19, items 4-5): `client.settings.export/plan/apply` between two
emulators, a staging wiki and a production wiki.

What is checked: export → apply elsewhere → export gives the same document; a second apply
sends no mutation; secrets never reach the document, the plan or the logs; a missing
environment reference, an unknown key or a wrong type is refused before anything is sent; prune
removes only when asked; a failure in the middle reports what was applied and what was not; the
shipped JSON Schema is the model's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.settings import SCHEMA_FILE, SettingsDocument, SettingsError
from wikijs_typed.testing import WikiJSEmulator

READS = frozenset(
    {
        "GetSiteConfig",
        "GetNavigationTree",
        "GetNavigationMode",
        "GetThemingConfig",
        "GetLocalizationConfig",
        "ListGroups",
        "GetGroup",
        "ListRenderers",
        "ListSearchEngines",
        "ListStorageTargets",
        "GetMailConfig",
        "ListLocales",
        "ListCommentProviders",
        "ListAnalyticsProviders",
        "ListActiveStrategies",
    }
)
MAIL_PASSWORD = "hunter2-mail-secret"
S3_KEY = "AKIA-s3-secret-value"
ENVIRONMENT = {
    "WIKIJS_MAIL_PASSWORD": "production-mail-password",
    "WIKIJS_STORAGE_S3_SECRET_ACCESS_KEY": "production-s3-key",
}


def client_of(emu: WikiJSEmulator) -> WikiJSClient:
    return WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())


def sent_since(emu: WikiJSEmulator, before: int) -> list[str | None]:
    return [name for request in emu.requests[before:] for name in request.operation_names]


def mutations_since(emu: WikiJSEmulator, before: int) -> list[str | None]:
    return [name for name in sent_since(emu, before) if name not in READS]


@pytest.fixture
def staging() -> Iterator[WikiJSClient]:
    """A wiki configured by hand: site, mail and storage secrets, a group, menus, theming."""
    emu = WikiJSEmulator()
    with client_of(emu) as client:
        client.site.update({"title": "Handbook (staging)", "feature_page_comments": False})
        client.mail.update(
            {
                "host": "smtp.example.com",
                "sender_email": "wiki@example.com",
                "password": MAIL_PASSWORD,
            }
        )
        client.storage.update(
            "s3", enabled=True, config={"bucket": "wiki", "secretAccessKey": S3_KEY}
        )
        client.rendering.update("markdownCore", config={"linkify": False})
        client.theming.update({"dark_mode": True, "inject_css": "body{color:red}"})
        client.groups.create({"name": "Editors", "permissions": ["read:pages", "write:pages"]})
        client.navigation.set_items("fr", [{"kind": "header", "label": "Documentation"}])
        client.navigation.set_mode("STATIC")
        yield client


@pytest.fixture
def production_emu() -> WikiJSEmulator:
    return WikiJSEmulator()


@pytest.fixture
def production(production_emu: WikiJSEmulator) -> Iterator[WikiJSClient]:
    with client_of(production_emu) as client:
        yield client


def test_export_apply_export_gives_the_same_document(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    document = staging.settings.export()
    plan = production.settings.plan(document, environ=ENVIRONMENT)
    assert {step.target for step in plan.steps} >= {
        "site",
        "mail",
        "theming",
        "storage.s3",
        "rendering.markdownCore",
        "groups.Editors",
        "navigation.mode",
        "navigation.menus.fr",
    }
    result = production.settings.apply(plan)

    assert result.ok
    assert result.applied == plan.steps
    assert result.not_applied == []
    assert production.settings.export() == document
    # The secrets were sent from the environment, not from staging.
    assert production_emu.wiki.db.admin.mail["pass"] == "production-mail-password"
    assert production.site.config().title == "Handbook (staging)"


def test_the_second_apply_sends_no_mutation(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    document = staging.settings.export()
    production.settings.apply(production.settings.plan(document, environ=ENVIRONMENT))

    before = len(production_emu.requests)
    again = production.settings.plan(document, environ=ENVIRONMENT)
    result = production.settings.apply(again)

    assert not again
    assert again.steps == []
    assert result.ok
    assert sent_since(production_emu, before)  # the plan read the wiki...
    assert mutations_since(production_emu, before) == []  # ...and changed nothing


def test_secrets_are_never_in_the_document_the_plan_or_the_logs(
    staging: WikiJSClient, production: WikiJSClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    document = staging.settings.export()
    dumped = json.dumps(document.dump())
    assert document.dump()["mail"]["password"] == "${WIKIJS_MAIL_PASSWORD}"
    s3 = document.dump()["storage"]["s3"]["config"]
    assert s3["secretAccessKey"] == "${WIKIJS_STORAGE_S3_SECRET_ACCESS_KEY}"

    plan = production.settings.plan(document, environ=ENVIRONMENT)
    result = production.settings.apply(plan)
    shown = " ".join(
        [
            dumped,
            repr(document),
            repr(plan),
            json.dumps(plan.as_json()),
            *(str(change) for step in plan.steps for change in step.changes),
            json.dumps(result.as_json()),
            repr(result),
            caplog.text,
        ]
    )
    for secret in (MAIL_PASSWORD, S3_KEY, *ENVIRONMENT.values()):
        if secret != "path":
            assert secret not in shown
    assert "password: (not set) → ${WIKIJS_MAIL_PASSWORD}" in shown


def test_a_masked_secret_once_set_is_kept(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    production.mail.update({"password": "already-there"})
    document = staging.settings.export()
    plan = production.settings.plan(document, environ=ENVIRONMENT)
    mail = next(step for step in plan.steps if step.target == "mail")
    assert "password" not in {change.setting for change in mail.changes}
    production.settings.apply(plan)
    assert production_emu.wiki.db.admin.mail["pass"] == "already-there"


def test_a_missing_environment_reference_is_refused_before_anything_changes(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    document = staging.settings.export()
    environ = {k: v for k, v in ENVIRONMENT.items() if k != "WIKIJS_MAIL_PASSWORD"}
    before = len(production_emu.requests)
    with pytest.raises(SettingsError) as refused:
        production.settings.plan(document, environ=environ)
    assert [str(p) for p in refused.value.problems] == [
        "mail.password: environment variable WIKIJS_MAIL_PASSWORD is not set"
    ]
    assert mutations_since(production_emu, before) == []


def test_unknown_keys_and_wrong_types_are_refused_with_their_paths() -> None:
    with pytest.raises(SettingsError) as refused:
        SettingsDocument.load(
            {
                "site": {"titel": "Handbook", "uploadMaxFiles": "10"},
                "groups": [{"name": "Editors", "permissions": "write:pages"}],
                "mail": {"password": "in clear"},
                "navigation": {"menus": {"en": [{"kind": "link", "label": "Home"}]}},
            }
        )
    assert [str(p) for p in refused.value.problems] == [
        "site.uploadMaxFiles: Input should be a valid integer",
        "site.titel: Extra inputs are not permitted",
        "navigation.menus.en.0.id: Field required",
        "groups.0.permissions: Input should be a valid list",
        "mail.password: a secret must be an environment reference such as ${WIKIJS_MAIL_PASSWORD}",
    ]


def test_an_unknown_module_setting_is_refused_by_the_plan(
    production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    document = {"storage": {"s3": {"config": {"bukket": "x"}}}, "rendering": {"nope": {}}}
    before = len(production_emu.requests)
    with pytest.raises(SettingsError) as refused:
        production.settings.plan(document, environ={})
    assert [str(p) for p in refused.value.problems] == [
        "rendering.nope: the wiki has no rendering module 'nope'",
        "storage.s3.config.bukket: s3 has no such setting",
    ]
    assert mutations_since(production_emu, before) == []


def test_groups_and_menu_items_not_in_the_file_are_kept_unless_pruned(
    staging: WikiJSClient, production: WikiJSClient
) -> None:
    production.groups.create({"name": "Contractors"})
    production.navigation.set_items("fr", [{"id": "extra", "kind": "header", "label": "Extra"}])
    document = staging.settings.export()

    production.settings.apply(production.settings.plan(document, environ=ENVIRONMENT))
    assert "Contractors" in {group.name for group in production.groups.list()}
    assert [i.label for i in production.navigation.items("fr")] == ["Documentation", "Extra"]

    pruned = production.settings.plan(document, environ=ENVIRONMENT, prune=True)
    assert [(step.kind, step.target) for step in pruned.steps] == [
        ("group.delete", "groups.Contractors"),
        ("navigation.menu", "navigation.menus.fr"),
    ]
    production.settings.apply(pruned)
    assert "Contractors" not in {group.name for group in production.groups.list()}
    assert production.settings.export() == document


def test_a_failure_in_the_middle_reports_what_was_applied_and_what_was_not(
    staging: WikiJSClient, production: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    plan = production.settings.plan(staging.settings.export(), environ=ENVIRONMENT)
    production_emu.faults.next(1, "html", operation="CreateGroup")
    result = production.settings.apply(plan)

    failed_at = [step.target for step in plan.steps].index("groups.Editors")
    assert not result.ok
    assert result.failed is plan.steps[failed_at]
    assert result.applied == plan.steps[:failed_at]
    assert result.not_applied == plan.steps[failed_at:]
    assert result.error is not None
    assert production.site.config().title == "Handbook (staging)"  # applied before
    assert "Editors" not in {group.name for group in production.groups.list()}
    assert production.navigation.mode() != "STATIC"  # not applied after

    # What is left is what the next plan does.
    rest = production.settings.plan(staging.settings.export(), environ=ENVIRONMENT)
    assert [step.target for step in rest.steps] == [s.target for s in result.not_applied]


@pytest.mark.asyncio
async def test_the_async_client_exports_plans_and_applies_alike(
    staging: WikiJSClient, production_emu: WikiJSEmulator
) -> None:
    document = staging.settings.export()
    async with AsyncWikiJSClient(
        production_emu.base_url, production_emu.api_key, transport=production_emu.async_transport()
    ) as client:
        result = await client.settings.apply(
            await client.settings.plan(document, environ=ENVIRONMENT)
        )
        assert result.ok
        assert await client.settings.export() == document


def test_the_shipped_json_schema_is_the_models() -> None:
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == SettingsDocument.json_schema()
    assert shipped["additionalProperties"] is False
    assert set(shipped["properties"]) == {
        "site",
        "navigation",
        "theming",
        "localization",
        "groups",
        "rendering",
        "search",
        "storage",
        "comments",
        "analytics",
        "mail",
        "authentication",
    }
