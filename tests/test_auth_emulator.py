"""Auth flows against the emulator: logins, `new-jwt` renewal, the login rate limit, Guest
detection, and no secret in DEBUG logs over real HTTP."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from wikijs_graphql import GraphQLClient

from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.identity import averify_identity, verify_identity
from wikijs_typed.auth import APIKeyAuth, AuthHandler, CredentialsAuth, JWTAuth
from wikijs_typed.exceptions import AuthenticationError, RateLimitError
from wikijs_typed.testing import WikiJSEmulator

EMAIL, PASSWORD = "admin@example.com", "admin-password"
HOUR, DAY = 3600.0, 86400.0


@pytest.fixture
def emu() -> WikiJSEmulator:
    return WikiJSEmulator(EMAIL, PASSWORD)


def sync_engine(emu: WikiJSEmulator, auth: AuthHandler) -> SyncEngine:
    http = httpx.Client(base_url=emu.base_url, transport=emu.transport(), auth=auth)
    return SyncEngine(http)


def async_engine(emu: WikiJSEmulator, auth: AuthHandler) -> AsyncEngine:
    http = httpx.AsyncClient(base_url=emu.base_url, transport=emu.async_transport(), auth=auth)
    return AsyncEngine(http, batching=None)


def logins(emu: WikiJSEmulator) -> int:
    return sum(r.operation_names.count("Login") for r in emu.requests)


def credentials(emu: WikiJSEmulator, password: str = PASSWORD) -> CredentialsAuth:
    return CredentialsAuth(EMAIL, password, clock=emu.clock.now)


def test_api_key_and_guest_detection(emu: WikiJSEmulator) -> None:
    identity = verify_identity(sync_engine(emu, APIKeyAuth(emu.api_key)))
    assert (identity.user_id, identity.email) == (1, EMAIL)
    with pytest.raises(AuthenticationError, match="Guest"):
        verify_identity(sync_engine(emu, APIKeyAuth("not-a-key")))
    revoked = emu.create_api_key("to revoke")
    admin = GraphQLClient(sync_engine(emu, APIKeyAuth(emu.api_key)))
    keys = admin.list_api_keys().authentication
    assert keys is not None
    assert keys.api_keys is not None
    key_id = max(k.id for k in keys.api_keys if k is not None)
    admin.revoke_api_key(id=key_id)
    with pytest.raises(AuthenticationError, match="revoked"):
        verify_identity(sync_engine(emu, APIKeyAuth(revoked)))


async def test_fifty_tasks_log_in_once(emu: WikiJSEmulator) -> None:
    engine = async_engine(emu, credentials(emu))
    identities = await asyncio.gather(*(averify_identity(engine) for _ in range(50)))
    assert {i.user_id for i in identities} == {1}
    assert logins(emu) == 1


async def test_an_expired_token_is_renewed_without_a_login(emu: WikiJSEmulator) -> None:
    auth = credentials(emu)
    engine = async_engine(emu, auth)
    await averify_identity(engine)
    first = auth.token
    emu.advance(2 * HOUR)
    await asyncio.gather(*(averify_identity(engine) for _ in range(50)))
    assert auth.token != first
    assert logins(emu) == 1


async def test_a_token_beyond_renewal_means_exactly_one_new_login(emu: WikiJSEmulator) -> None:
    auth = credentials(emu)
    engine = async_engine(emu, auth)
    await averify_identity(engine)
    emu.advance(15 * DAY)
    await asyncio.gather(*(averify_identity(engine) for _ in range(50)))
    assert logins(emu) == 2


def test_threads_on_a_token_beyond_renewal_log_in_once(emu: WikiJSEmulator) -> None:
    from concurrent.futures import ThreadPoolExecutor

    auth = credentials(emu)
    engine = sync_engine(emu, auth)
    verify_identity(engine)
    emu.advance(15 * DAY)
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda _: verify_identity(engine), range(50)))
    assert logins(emu) == 2


def test_jwt_auth_takes_the_renewed_token(emu: WikiJSEmulator) -> None:
    token = emu.user_token(1)
    auth = JWTAuth(token, emu.base_url, clock=emu.clock.now)
    engine = sync_engine(emu, auth)
    emu.advance(HOUR)
    verify_identity(engine)
    assert auth.token != token
    assert auth.expires_at is not None
    assert auth.expires_at > emu.clock.now()
    emu.advance(15 * DAY)
    emu.requests.clear()
    with pytest.raises(AuthenticationError, match="cannot be renewed"):
        verify_identity(engine)
    assert emu.requests == []


def test_the_login_rate_limit_gives_a_typed_error_and_no_storm(emu: WikiJSEmulator) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            verify_identity(sync_engine(emu, credentials(emu, "wrong password")))
    assert logins(emu) == 5
    engine = sync_engine(emu, credentials(emu))
    for _ in range(10):
        with pytest.raises(RateLimitError) as caught:
            verify_identity(engine)
    assert caught.value.retry_after is not None
    assert logins(emu) == 6
    emu.advance(61)
    assert verify_identity(engine).user_id == 1
    assert logins(emu) == 7


def test_no_secret_in_debug_logs_reprs_or_errors_over_real_http(
    emu: WikiJSEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth = credentials(emu)
    with emu.serve() as url, httpx.Client(base_url=url, auth=auth) as http:
        engine = SyncEngine(http)
        verify_identity(engine)
        emu.advance(2 * HOUR)
        verify_identity(engine)
        bad = credentials(emu, "another-secret")
        with (
            httpx.Client(base_url=url, auth=bad) as other,
            pytest.raises(AuthenticationError) as caught,
        ):
            verify_identity(SyncEngine(other))
    token = auth.token
    assert token is not None
    # httpcore logged the renewal's response headers, with the token blanked out.
    assert "'new-jwt', b'<redacted>'" in caplog.text
    for secret in (PASSWORD, "another-secret", token, emu.api_key):
        assert secret not in caplog.text
        assert secret not in repr(auth)
        assert secret not in str(caught.value)
