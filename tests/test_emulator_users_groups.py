"""Users and groups in the emulator (FINDINGS §5 and §6)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed.testing import WikiJSEmulator

CREATE_USER = """mutation($email: String!, $name: String!, $password: String, $groups: [Int]!,
  $provider: String!) { users { create(email: $email, name: $name, passwordRaw: $password,
  providerKey: $provider, groups: $groups) { responseResult { succeeded errorCode slug message }
  user { id } } } }"""


def gql(emu: WikiJSEmulator, query: str, **variables: Any) -> dict[str, Any]:
    with httpx.Client(base_url=emu.base_url, transport=emu.transport()) as http:
        headers = {"Authorization": f"Bearer {emu.api_key}"}
        body: dict[str, Any] = http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        ).json()
    return body


def create_user(emu: WikiJSEmulator, **overrides: Any) -> dict[str, Any]:
    variables = {
        "email": "Alice@Example.com",
        "name": "Alice",
        "password": "long-enough",
        "groups": [],
        "provider": "local",
        **overrides,
    }
    result: dict[str, Any] = gql(emu, CREATE_USER, **variables)["data"]["users"]["create"]
    return result


def user_emails(emu: WikiJSEmulator) -> list[str]:
    return [u["email"] for u in gql(emu, "{ users { list { email } } }")["data"]["users"]["list"]]


def test_fresh_wiki_has_admin_and_guest(emu: WikiJSEmulator) -> None:
    users = gql(emu, "{ users { list { id name isSystem } } }")["data"]["users"]["list"]
    assert sorted((u["id"], u["name"], u["isSystem"]) for u in users) == [
        (1, "Administrator", False),
        (2, "Guest", True),
    ]
    groups = gql(emu, "{ groups { list { id name isSystem userCount } } }")["data"]["groups"][
        "list"
    ]
    assert groups == [
        {"id": 1, "name": "Administrators", "isSystem": True, "userCount": 1},
        {"id": 2, "name": "Guests", "isSystem": True, "userCount": 1},
    ]


def test_create_user_lowercases_email_and_returns_no_user(emu: WikiJSEmulator) -> None:
    result = create_user(emu)
    assert result["responseResult"]["succeeded"] is True
    assert result["user"] is None
    assert "alice@example.com" in user_emails(emu)
    again = create_user(emu, email="ALICE@example.com")["responseResult"]
    assert (again["errorCode"], again["slug"]) == (1004, "AuthAccountAlreadyExists")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password": "12345"}, "Password raw is too short (minimum is 6 characters)"),
        ({"password": None}, "Password raw can't be blank"),
        ({"email": "not-an-email"}, "Email is not a valid email"),
        ({"name": "A"}, "Name is too short (minimum is 2 characters)"),
    ],
)
def test_create_user_validation(
    emu: WikiJSEmulator, overrides: dict[str, Any], message: str
) -> None:
    result = create_user(emu, **overrides)["responseResult"]
    assert (result["errorCode"], result["message"]) == (1012, message)


def test_unknown_group_fails_after_the_account_exists(emu: WikiJSEmulator) -> None:
    result = create_user(emu, groups=[987654])["responseResult"]
    assert result["slug"] == "ForeignKeyViolationError"
    assert "alice@example.com" in user_emails(emu)


def test_single_unknown_user_is_a_type_error(emu: WikiJSEmulator) -> None:
    body = gql(emu, "{ users { single(id: 987654) { id } } }")
    assert body["errors"][0]["message"] == "Cannot set properties of undefined (setting 'password')"


def test_update_ignores_empty_strings_and_replaces_groups(emu: WikiJSEmulator) -> None:
    first, second = emu.seed_group("One"), emu.seed_group("Two")
    user = emu.seed_user("bob@example.com", "Bob", groups=[first])
    update = """mutation($id: Int!, $name: String, $groups: [Int]) { users {
        update(id: $id, name: $name, groups: $groups) { responseResult { succeeded } } } }"""
    gql(emu, update, id=user, name="", groups=[second])
    single = gql(
        emu, "query($id: Int!) { users { single(id: $id) { name groups { id } } } }", id=user
    )
    assert single["data"]["users"]["single"] == {"name": "Bob", "groups": [{"id": second}]}


def test_system_accounts_are_protected(emu: WikiJSEmulator) -> None:
    deactivate = gql(emu, "mutation { users { deactivate(id: 1) { responseResult { message } } } }")
    assert deactivate["data"]["users"]["deactivate"]["responseResult"]["message"] == (
        "Cannot deactivate system accounts."
    )
    delete = gql(
        emu, "mutation { users { delete(id: 2, replaceId: 1) { responseResult { errorCode } } } }"
    )
    assert delete["data"]["users"]["delete"]["responseResult"]["errorCode"] == 1018


def test_delete_moves_content_to_the_replacement(emu: WikiJSEmulator) -> None:
    user = emu.seed_user("writer@example.com", "Writer", groups=[1])
    token = emu.user_token(user)
    create = """mutation { pages { create(content: "x", description: "", editor: "markdown",
        isPublished: true, isPrivate: false, locale: "en", path: "mine", tags: [], title: "Mine") {
        page { id } } } }"""
    with httpx.Client(base_url=emu.base_url, transport=emu.transport()) as http:
        http.post("/graphql", json={"query": create}, headers={"Authorization": f"Bearer {token}"})
    delete = """mutation($id: Int!, $r: Int!) { users {
        delete(id: $id, replaceId: $r) { responseResult { errorCode } } } }"""
    assert (
        gql(emu, delete, id=user, r=987654)["data"]["users"]["delete"]["responseResult"][
            "errorCode"
        ]
        == 1017
    )
    assert (
        gql(emu, delete, id=user, r=1)["data"]["users"]["delete"]["responseResult"]["errorCode"]
        == 0
    )
    listing = gql(emu, "{ pages { list(creatorId: 1) { path } } }")["data"]["pages"]["list"]
    assert listing == [{"path": "mine"}]


def test_group_failures_are_top_level_errors(emu: WikiJSEmulator) -> None:
    assign = """mutation($g: Int!, $u: Int!) { groups {
        assignUser(groupId: $g, userId: $u) { responseResult { succeeded } } } }"""
    group = emu.seed_group("Readers")
    assert gql(emu, assign, g=group, u=1)["data"]["groups"]["assignUser"]["responseResult"][
        "succeeded"
    ]
    messages = [
        gql(emu, assign, g=group, u=1)["errors"][0]["message"],
        gql(emu, assign, g=group, u=2)["errors"][0]["message"],
        gql(emu, assign, g=987654, u=1)["errors"][0]["message"],
        gql(emu, assign, g=group, u=987654)["errors"][0]["message"],
    ]
    assert messages == [
        "User is already assigned to group.",
        "Cannot assign the Guest user to a group.",
        "Invalid Group ID",
        "Invalid User ID",
    ]
    delete = gql(emu, "mutation { groups { delete(id: 1) { responseResult { succeeded } } } }")
    assert delete["errors"][0]["extensions"]["exception"] == {
        "message": "Cannot delete this group."
    }


def test_group_create_defaults_and_update_replaces_rules(emu: WikiJSEmulator) -> None:
    created = gql(
        emu,
        'mutation { groups { create(name: "Docs") { group { id permissions redirectOnLogin } } } }',
    )["data"]["groups"]["create"]["group"]
    assert created["permissions"] == [
        "read:pages",
        "read:assets",
        "read:comments",
        "write:comments",
    ]
    update = """mutation($id: Int!, $rules: [PageRuleInput]!) { groups {
        update(id: $id, name: "Docs",
        redirectOnLogin: "", permissions: ["read:pages"], pageRules: $rules) {
        responseResult { succeeded } } } }"""
    evil = [
        {"id": "x", "deny": False, "match": "REGEX", "roles": [], "path": "(a+)+$", "locales": []}
    ]
    refused = gql(emu, update, id=created["id"], rules=evil)
    assert (
        refused["errors"][0]["message"]
        == "Some Page Rules contains unsafe or exponential time regex."
    )
    rule = {
        "id": "r",
        "deny": False,
        "match": "START",
        "roles": ["read:pages"],
        "path": "docs",
        "locales": [],
    }
    gql(emu, update, id=created["id"], rules=[rule])
    single = gql(
        emu,
        "query($id: Int!) { groups { single(id: $id) { redirectOnLogin pageRules { path } } } }",
        id=created["id"],
    )
    assert single["data"]["groups"]["single"] == {
        "redirectOnLogin": "/",
        "pageRules": [{"path": "docs"}],
    }


def test_profile_needs_a_real_user(emu: WikiJSEmulator) -> None:
    with httpx.Client(base_url=emu.base_url, transport=emu.transport()) as http:
        body = http.post("/graphql", json={"query": "{ users { profile { id } } }"}).json()
    assert body["errors"][0]["extensions"]["exception"]["code"] == 1019
