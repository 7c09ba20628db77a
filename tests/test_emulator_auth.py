"""Authentication in the emulator: logins, JWT renewal, API keys and rate limits (FINDINGS §2)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed.testing import ManualClock, WikiJSEmulator

LOGIN = """mutation($u: String!, $p: String!) { authentication { login(username: $u, password: $p,
  strategy: "local") { responseResult { succeeded errorCode slug } jwt mustChangePwd
  continuationToken redirect } } }"""
PROFILE = "{ users { profile { id email } } }"


@pytest.fixture
def emu() -> WikiJSEmulator:
    return WikiJSEmulator("Admin@Example.com", "s3cret-pass", clock=ManualClock(1_800_000_000))


def post(
    emu: WikiJSEmulator, query: str, token: str | None = None, **variables: Any
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(base_url=emu.base_url, transport=emu.transport()) as http:
        return http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


def login(emu: WikiJSEmulator, user: str, password: str) -> dict[str, Any]:
    body = post(emu, LOGIN, u=user, p=password).json()
    result: dict[str, Any] = body["data"]["authentication"]["login"]
    return result


def test_login_returns_a_working_jwt(emu: WikiJSEmulator) -> None:
    result = login(emu, "admin@example.com", "s3cret-pass")
    assert result["responseResult"]["succeeded"] is True
    assert result["redirect"] == "/"
    answer = post(emu, PROFILE, result["jwt"])
    assert answer.json()["data"]["users"]["profile"] == {"id": 1, "email": "admin@example.com"}
    assert "new-jwt" not in answer.headers  # issued in the emulator's first second, still fresh


def test_token_from_before_the_server_started_is_renewed(emu: WikiJSEmulator) -> None:
    now = emu.clock.now()
    payload = {
        "id": 1,
        "email": "admin@example.com",
        "permissions": ["manage:system"],
        "groups": [1],
    }
    old = emu.wiki.tokens.mint(payload, issued_at=now - 60, expires_at=now + 600)
    assert "new-jwt" in post(emu, PROFILE, old).headers


def test_wrong_password_and_unknown_user_look_the_same(emu: WikiJSEmulator) -> None:
    wrong = login(emu, "admin@example.com", "nope")["responseResult"]
    unknown = login(emu, "nobody@example.com", "nope")["responseResult"]
    assert wrong == unknown == {"succeeded": False, "errorCode": 1002, "slug": "AuthLoginFailed"}


def test_sixth_login_in_a_minute_is_rate_limited(emu: WikiJSEmulator) -> None:
    for _ in range(5):
        login(emu, "admin@example.com", "nope")
    body = post(emu, LOGIN, u="admin@example.com", p="s3cret-pass").json()
    assert body["data"]["authentication"]["login"] is None
    assert body["errors"][0]["message"] == "Too many requests, please try again in 60 seconds."
    emu.advance(61)
    assert login(emu, "admin@example.com", "s3cret-pass")["responseResult"]["succeeded"] is True


def test_expired_jwt_is_renewed_through_the_new_jwt_header(emu: WikiJSEmulator) -> None:
    token = login(emu, "admin@example.com", "s3cret-pass")["jwt"]
    emu.advance(3600)  # 30 minutes lifetime, 14 days renewal window
    response = post(emu, PROFILE, token)
    assert response.json()["data"]["users"]["profile"]["id"] == 1
    renewed = response.headers["new-jwt"]
    assert response.headers["cache-control"] == "no-store"
    fresh = post(emu, PROFILE, renewed)
    assert "new-jwt" not in fresh.headers


def test_renewal_goes_to_a_cookie_unless_content_type_is_exactly_json(emu: WikiJSEmulator) -> None:
    token = login(emu, "admin@example.com", "s3cret-pass")["jwt"]
    emu.advance(3600)
    with httpx.Client(base_url=emu.base_url, transport=emu.transport()) as http:
        response = http.post(
            "/graphql",
            content=b'{"query": "{ users { profile { id } } }"}',
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json; charset=utf-8",
            },
        )
    assert "new-jwt" not in response.headers
    assert response.headers["set-cookie"].startswith("jwt=")


def test_jwt_expired_beyond_the_renewal_window_runs_as_guest(emu: WikiJSEmulator) -> None:
    token = login(emu, "admin@example.com", "s3cret-pass")["jwt"]
    emu.advance(15 * 86400)
    error = post(emu, PROFILE, token).json()["errors"][0]
    assert error["extensions"]["exception"]["code"] == 1019


def test_garbage_token_runs_as_guest(emu: WikiJSEmulator) -> None:
    body = post(
        emu, "{ pages { list { id } } site { config { title } } }", "not-a-real-token"
    ).json()
    assert body["data"] == {"pages": {"list": []}, "site": {"config": None}}
    assert body["errors"][0]["message"] == "Forbidden"


def test_membership_change_renews_old_tokens(emu: WikiJSEmulator) -> None:
    group = emu.seed_group("Editors")
    token = login(emu, "admin@example.com", "s3cret-pass")["jwt"]
    emu.advance(10)
    assign = "mutation($g: Int!) { groups { assignUser(groupId: $g, userId: 1) { __typename } } }"
    post(emu, assign, emu.api_key, g=group)
    assert "new-jwt" in post(emu, PROFILE, token).headers


def test_revoked_key_and_disabled_api_answer_500(emu: WikiJSEmulator) -> None:
    create = """mutation { authentication {
        createApiKey(name: "k", expiration: "1d", fullAccess: true) { key } } }"""
    key = post(emu, create, emu.api_key).json()["data"]["authentication"]["createApiKey"]["key"]
    assert post(emu, "{ pages { list { id } } }", key).status_code == 200
    listed = post(emu, "{ authentication { apiKeys { id name keyShort } } }", emu.api_key).json()
    new = next(k for k in listed["data"]["authentication"]["apiKeys"] if k["name"] == "k")
    assert new["keyShort"] == "..." + key[-20:]
    revoke = "mutation($id: Int!) { authentication { revokeApiKey(id: $id) { __typename } } }"
    post(emu, revoke, emu.api_key, id=new["id"])
    refused = post(emu, "{ pages { list { id } } }", key)
    assert refused.status_code == 500
    assert refused.json() == {
        "data": {},
        "errors": [{"message": "API Key is invalid or was revoked.", "path": []}],
    }
    admin = login(emu, "admin@example.com", "s3cret-pass")["jwt"]
    post(emu, "mutation { authentication { setApiState(enabled: false) { __typename } } }", admin)
    disabled = post(emu, "{ pages { list { id } } }", emu.api_key)
    assert disabled.status_code == 500
    assert "API is disabled" in disabled.json()["errors"][0]["message"]


def test_bad_expiration_leaves_a_revoked_placeholder(emu: WikiJSEmulator) -> None:
    create = """mutation { authentication {
        createApiKey(name: "bad", expiration: "whenever", fullAccess: true) {
        key responseResult { errorCode slug } } } }"""
    result = post(emu, create, emu.api_key).json()["data"]["authentication"]["createApiKey"]
    assert result == {"key": None, "responseResult": {"errorCode": 1, "slug": "Error"}}
    listed = post(
        emu, "{ authentication { apiKeys { name keyShort isRevoked } } }", emu.api_key
    ).json()
    assert {"name": "bad", "keyShort": "...pending", "isRevoked": True} in listed["data"][
        "authentication"
    ]["apiKeys"]


def test_must_change_password_flow(emu: WikiJSEmulator) -> None:
    emu.seed_user("carol@example.com", "Carol", "initial-pass", must_change_password=True)
    result = login(emu, "carol@example.com", "initial-pass")
    assert (result["jwt"], result["mustChangePwd"]) == (None, True)
    change = """mutation($t: String!, $p: String!) { authentication { loginChangePassword(
        continuationToken: $t, newPassword: $p) { responseResult { errorCode } jwt } } }"""
    short = post(emu, change, t=result["continuationToken"], p="short").json()
    assert (
        short["data"]["authentication"]["loginChangePassword"]["responseResult"]["errorCode"]
        == 1012
    )
    done = post(emu, change, t=result["continuationToken"], p="long-enough").json()
    assert done["data"]["authentication"]["loginChangePassword"]["jwt"]
    again = post(emu, change, t=result["continuationToken"], p="long-enough").json()
    assert (
        again["data"]["authentication"]["loginChangePassword"]["responseResult"]["errorCode"]
        == 1015
    )


def test_api_key_acts_as_user_one(emu: WikiJSEmulator) -> None:
    assert post(emu, PROFILE, emu.api_key).json()["data"]["users"]["profile"]["id"] == 1
