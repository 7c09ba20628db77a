"""Auth flows: API keys, user JWTs renewed from `new-jwt`, credentials that log in by themselves.

A small fake server (httpx.MockTransport) plays Wiki.js's token rules: it renews a user JWT
that expired less than the renewal window ago, treats an older one as Guest, and allows five
logins a minute.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import threading
from typing import Any

import httpx
import pytest
from _fake_wiki import op

from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.identity import CallerIdentity, averify_identity, verify_identity
from wikijs_typed.auth import APIKeyAuth, CredentialsAuth, JWTAuth
from wikijs_typed.auth._claims import jwt_claims
from wikijs_typed.exceptions import AuthenticationError, ConfigurationError, RateLimitError

WINDOW = 14 * 24 * 3600
PASSWORD = "s3cret-pa55word"


def make_jwt(claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none'})}.{part(claims)}.signature"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


class TokenServer:
    """Wiki.js's token behaviour, reduced to what the auth flows depend on."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.logins = 0
        self.login_times: list[float] = []
        self.sent_tokens: list[str | None] = []
        self.issued = 0
        self.lock = threading.Lock()
        self.profile_id = 1

    def issue(self, lifetime: float = 1800) -> str:
        with self.lock:
            self.issued += 1
            return make_jwt({"id": 5, "n": self.issued, "exp": self.clock() + lifetime})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        if body.get("operationName") == "Login":
            return self.login(body["variables"])
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ") or None
        self.sent_tokens.append(token)
        claims = jwt_claims(token) if token else {}
        late = self.clock() - claims["exp"] if "exp" in claims else -1
        headers = {}
        if late > WINDOW or not claims:
            return httpx.Response(200, json=guest_answer())
        if late > 0:
            headers["new-jwt"] = self.issue()
        return httpx.Response(200, json=profile_answer(self.profile_id), headers=headers)

    def login(self, variables: dict[str, Any]) -> httpx.Response:
        with self.lock:
            now = self.clock()
            self.login_times = [t for t in self.login_times if now - t < 60]
            self.login_times.append(now)
            self.logins += 1
            if len(self.login_times) > 5:
                return httpx.Response(
                    200,
                    json={
                        "data": {"authentication": {"login": None}},
                        "errors": [
                            {
                                "message": "Too many requests, please try again in 59 seconds.",
                                "path": ["authentication", "login"],
                            }
                        ],
                    },
                )
        if variables["password"] != PASSWORD:
            status = {
                "succeeded": False,
                "errorCode": 1002,
                "slug": "AuthLoginFailed",
                "message": "Invalid email / username or password.",
            }
            return httpx.Response(
                200, json={"data": {"authentication": {"login": login_result(status, None)}}}
            )
        status = {"succeeded": True, "errorCode": 0, "slug": "ok", "message": "Login success"}
        return httpx.Response(
            200, json={"data": {"authentication": {"login": login_result(status, self.issue())}}}
        )


def login_result(status: dict[str, Any], jwt: str | None) -> dict[str, Any]:
    return {
        "responseResult": status,
        "jwt": jwt,
        "mustChangePwd": False,
        "mustProvideTFA": False,
        "mustSetupTFA": False,
        "continuationToken": None,
        "redirect": "/",
        "tfaQRImage": None,
    }


def profile_answer(user_id: int) -> dict[str, Any]:
    profile = {
        "id": user_id,
        "name": "Ada",
        "email": "ada@example.com",
        "providerKey": "local",
        "providerName": "Local",
        "isSystem": False,
        "isVerified": True,
        "location": "",
        "jobTitle": "",
        "timezone": "UTC",
        "dateFormat": "",
        "appearance": "",
        "createdAt": "2026-11-23T10:00:00.000Z",
        "updatedAt": "2026-11-23T10:00:00.000Z",
        "lastLoginAt": None,
        "groups": ["Administrators"],
        "pagesTotal": 0,
    }
    return {"data": {"users": {"profile": profile}}}


def guest_answer() -> dict[str, Any]:
    return {
        "data": {"users": {"profile": None}},
        "errors": [
            {
                "message": "You must be authenticated to access this resource.",
                "path": ["users", "profile"],
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "exception": {"code": 1019}},
            }
        ],
    }


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(clock: Clock) -> TokenServer:
    return TokenServer(clock)


def sync_engine(server: TokenServer, auth: httpx.Auth) -> SyncEngine:
    transport = httpx.MockTransport(server)
    return SyncEngine(httpx.Client(base_url="http://wiki", transport=transport, auth=auth))


class YieldingTransport(httpx.AsyncBaseTransport):
    """Lets other tasks run while a request is "on the wire", as a real network does."""

    def __init__(self, server: TokenServer) -> None:
        self.server = server

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)
        await request.aread()
        response = self.server(request)
        await asyncio.sleep(0)
        return response


def async_engine(server: TokenServer, auth: httpx.Auth) -> AsyncEngine:
    http = httpx.AsyncClient(base_url="http://wiki", transport=YieldingTransport(server), auth=auth)
    return AsyncEngine(http, batching=None)


def credentials(clock: Clock, password: str = PASSWORD) -> CredentialsAuth:
    return CredentialsAuth("ada@example.com", password, clock=clock)


# -- API keys ---------------------------------------------------------------------------------


def test_api_key_is_sent_as_bearer_and_never_shown(server: TokenServer) -> None:
    key = make_jwt({"api": 1, "grp": 1})
    auth = APIKeyAuth(key)
    assert verify_identity(sync_engine(server, auth)) == CallerIdentity(1, "Ada", "ada@example.com")
    assert server.sent_tokens == [key]
    assert auth.token == key
    assert key not in repr(auth)
    assert key not in auth.identity
    assert auth.identity == APIKeyAuth(key).identity
    # A token with the same claims but another signature is someone else.
    assert auth.identity != APIKeyAuth(key + "x").identity


def test_empty_credentials_are_refused_early() -> None:
    with pytest.raises(ConfigurationError):
        APIKeyAuth(" ")
    with pytest.raises(ConfigurationError):
        JWTAuth("")
    with pytest.raises(ConfigurationError):
        CredentialsAuth("ada@example.com", "")


def test_a_key_the_server_treats_as_guest_is_detected(server: TokenServer) -> None:
    with pytest.raises(AuthenticationError, match="Guest"):
        verify_identity(sync_engine(server, APIKeyAuth("not-a-real-key")))


async def test_guest_detection_in_async_code(server: TokenServer) -> None:
    with pytest.raises(AuthenticationError, match="Guest"):
        await averify_identity(async_engine(server, APIKeyAuth("garbage")))
    identity = await averify_identity(async_engine(server, APIKeyAuth(make_jwt({"api": 1}))))
    assert identity.user_id == 1


# -- JWTs -------------------------------------------------------------------------------------


def test_jwt_expiry_comes_from_the_token(server: TokenServer, clock: Clock) -> None:
    token = server.issue(lifetime=600)
    auth = JWTAuth(token, "http://wiki", refresh_token="kept", clock=clock)
    assert auth.expires_at == clock() + 600
    assert auth.refresh_token == "kept"
    assert not auth.is_expired
    assert token not in repr(auth)
    assert "kept" not in repr(auth)


def test_jwt_is_renewed_from_the_new_jwt_header(server: TokenServer, clock: Clock) -> None:
    token = server.issue()
    auth = JWTAuth(token, "http://wiki", clock=clock)
    engine = sync_engine(server, auth)
    identity = auth.identity
    clock.now += 3600
    verify_identity(engine)
    assert auth.token != token
    assert auth.expires_at == clock() + 1800
    # Cache entries belong to one token: the renewed one starts afresh.
    assert auth.identity != identity
    assert token not in identity
    verify_identity(engine)
    assert server.sent_tokens == [token, auth.token]


def test_jwt_is_renewed_from_a_cookie_too(server: TokenServer, clock: Clock) -> None:
    renewed = server.issue()

    def cookie_server(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json=profile_answer(5), headers={"Set-Cookie": f"jwt={renewed}; Path=/; HttpOnly"}
        )

    auth = JWTAuth(server.issue(), clock=clock)
    client = httpx.Client(
        base_url="http://wiki", transport=httpx.MockTransport(cookie_server), auth=auth
    )
    verify_identity(SyncEngine(client))
    assert auth.token == renewed


def test_jwt_beyond_the_renewal_window_fails_without_a_request(
    server: TokenServer, clock: Clock
) -> None:
    auth = JWTAuth(server.issue(), clock=clock)
    clock.now += WINDOW + 3600
    with pytest.raises(AuthenticationError, match="cannot be renewed"):
        verify_identity(sync_engine(server, auth))
    assert server.sent_tokens == []


def test_jwt_the_server_did_not_renew_is_reported_not_used_as_guest(
    server: TokenServer, clock: Clock
) -> None:
    # A server with a shorter renewal period than ours: the token ran as Guest.
    auth = JWTAuth(server.issue(), clock=clock, renewal_window=10 * WINDOW)
    clock.now += WINDOW + 3600
    with pytest.raises(AuthenticationError, match="cannot be renewed"):
        sync_engine(server, auth).execute(op("GetProfile"))
    assert len(server.sent_tokens) == 1


# -- credentials ------------------------------------------------------------------------------


def test_credentials_log_in_on_first_use_only(server: TokenServer, clock: Clock) -> None:
    auth = credentials(clock)
    assert auth.token is None
    # Before the login nobody else, not even with the same email, shares the identity.
    assert auth.identity != credentials(clock).identity
    engine = sync_engine(server, auth)
    verify_identity(engine)
    verify_identity(engine)
    assert server.logins == 1
    assert auth.token is not None
    assert PASSWORD not in repr(auth)


def test_fifty_threads_on_a_fresh_credentials_auth_cause_one_login(
    server: TokenServer, clock: Clock
) -> None:
    engine = sync_engine(server, credentials(clock))
    start = threading.Barrier(50)
    failures: list[BaseException] = []

    def call() -> None:
        start.wait()
        try:
            verify_identity(engine)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=call) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert server.logins == 1


async def test_fifty_tasks_on_a_token_beyond_renewal_cause_one_login(
    server: TokenServer, clock: Clock
) -> None:
    auth = credentials(clock)
    engine = async_engine(server, auth)
    await averify_identity(engine)
    clock.now += WINDOW + 3600
    await asyncio.gather(*(averify_identity(engine) for _ in range(50)))
    assert server.logins == 2
    assert len(server.sent_tokens) == 51


@pytest.mark.parametrize("late", [60, 3600], ids=["just-expired", "long-expired"])
async def test_an_expired_token_is_renewed_by_one_request_while_the_others_wait(
    server: TokenServer, clock: Clock, late: float
) -> None:
    auth = credentials(clock)
    engine = async_engine(server, auth)
    await averify_identity(engine)
    first = auth.token
    clock.now += 1800 + late  # expired, but renewable
    await asyncio.gather(*(averify_identity(engine) for _ in range(50)))
    assert server.logins == 1
    # Exactly one request went with the expired token; the others used the renewed one.
    assert server.sent_tokens[1:].count(first) == 1
    assert len(set(server.sent_tokens[2:])) == 1


@pytest.mark.parametrize("late", [60, 3600], ids=["just-expired", "long-expired"])
def test_threads_renew_an_expired_token_once(
    server: TokenServer, clock: Clock, late: float
) -> None:
    auth = JWTAuth(server.issue(), clock=clock)
    engine = sync_engine(server, auth)
    clock.now += 1800 + late
    threads = [threading.Thread(target=verify_identity, args=(engine,)) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert server.issued == 2
    assert len(set(server.sent_tokens)) == 2


def test_a_wrong_password_is_a_clear_error_without_secrets(
    server: TokenServer, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    engine = sync_engine(server, credentials(clock, password="wrong-password"))
    with pytest.raises(AuthenticationError) as caught:
        verify_identity(engine)
    assert "AuthLoginFailed" in str(caught.value)
    # Within the cool-down the login is not tried again.
    with pytest.raises(AuthenticationError):
        verify_identity(engine)
    assert server.logins == 1
    for text in (str(caught.value), caplog.text):
        assert "wrong-password" not in text
        assert PASSWORD not in text


def test_the_login_rate_limit_is_a_typed_error_not_a_storm(
    server: TokenServer, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        server.login({"password": PASSWORD})
    auth = credentials(clock)
    engine = sync_engine(server, auth)
    for _ in range(20):
        with pytest.raises(RateLimitError) as caught:
            verify_identity(engine)
    assert caught.value.retry_after == 59
    assert server.logins == 6
    clock.now += 61
    verify_identity(engine)
    assert server.logins == 7
    token = auth.token
    assert token is not None
    assert token not in caplog.text
    assert PASSWORD not in caplog.text
