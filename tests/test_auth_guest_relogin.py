"""CredentialsAuth logs in again when the server runs its requests as Guest.

The client's clock cannot tell: the server's clock may be ahead (the token expired beyond
renewal there), or the server may no longer accept the token at all (its certificates were
regenerated, which revokes every login). The server then answers "Forbidden" as it would to
Guest; the handler asks who it is, logs in again once (one login for many concurrent
requests), sends the request again, and raises AuthenticationError when that fails.
"""

from __future__ import annotations

import asyncio
import inspect
import secrets
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests._both_clients import make_client, wrap
from wikijs_typed.auth import CredentialsAuth
from wikijs_typed.cache import MemoryCache
from wikijs_typed.exceptions import AuthenticationError, ForbiddenError
from wikijs_typed.testing import WikiJSEmulator

EMAIL, PASSWORD = "admin@example.com", "admin-password"
DAY = 86400.0


@pytest.fixture
def emu() -> WikiJSEmulator:
    return WikiJSEmulator(EMAIL, PASSWORD)


def logins(emu: WikiJSEmulator) -> int:
    return sum(r.operation_names.count("Login") for r in emu.requests)


def revoke_every_login(emu: WikiJSEmulator) -> None:
    # What `authentication.regenerateCertificates` does: tokens signed before are not
    # recognised any more, so the server treats them as Guest.
    emu.wiki.tokens.secret = secrets.token_urlsafe(32)


def frozen_auth(emu: WikiJSEmulator, email: str = EMAIL, password: str = PASSWORD) -> Any:
    """Credentials on a client clock that stands still while the server's moves on."""
    start = emu.clock.now()
    return CredentialsAuth(email, password, clock=lambda: start)


@pytest.fixture(params=["sync", "async"])
async def admin(request: pytest.FixtureRequest, emu: WikiJSEmulator) -> Any:
    client = make_client(request.param, emu, auth=frozen_auth(emu))
    yield wrap(client)
    await wrap(client).close()


async def test_a_server_clock_ahead_means_one_new_login(admin: Any, emu: WikiJSEmulator) -> None:
    assert 1 in {u.id async for u in admin.users.iter_all()}
    emu.advance(20 * DAY)  # the client's clock stays put: it thinks its token is fresh

    listed = await admin.users.list()

    assert 1 in {u.id for u in listed}
    assert logins(emu) == 2


async def test_a_revoked_login_means_one_new_login(admin: Any, emu: WikiJSEmulator) -> None:
    await admin.users.list()
    revoke_every_login(emu)

    created = await admin.pages.create({"title": "T", "path": "docs/after", "content": "c"})

    assert created.path == "docs/after"
    assert logins(emu) == 2
    # The page was written once: the Forbidden attempt wrote nothing.
    assert [p.path for p in await admin.pages.list()].count("docs/after") == 1


async def test_concurrent_tasks_answered_as_guest_log_in_once(emu: WikiJSEmulator) -> None:
    client = make_client("async", emu, auth=frozen_auth(emu), batching=None)
    await client.users.list()
    revoke_every_login(emu)

    results = await asyncio.gather(*(client.users.get(1) for _ in range(20)))

    assert {user.id for user in results} == {1}
    assert logins(emu) == 2
    await client.close()


def test_threads_answered_as_guest_log_in_once(emu: WikiJSEmulator) -> None:
    client = make_client("sync", emu, auth=frozen_auth(emu))
    client.users.list()
    revoke_every_login(emu)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: client.users.get(1), range(24)))

    assert {user.id for user in results} == {1}
    assert logins(emu) == 2
    client.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_failed_new_login_is_an_authentication_error(
    emu: WikiJSEmulator, kind: str
) -> None:
    user_id = emu.seed_user("editor@example.com", password="editor-pass", groups=[1])
    client = wrap(
        make_client(kind, emu, auth=frozen_auth(emu, "editor@example.com", "editor-pass"))
    )
    await client.users.list()
    account = emu.wiki.db.users.get(user_id)
    assert account is not None
    account.is_active = False  # the login that follows is refused
    revoke_every_login(emu)

    with pytest.raises(AuthenticationError):
        await client.users.list()

    assert logins(emu) == 2
    await client.close()


async def test_a_real_forbidden_answer_is_not_a_reason_to_log_in(emu: WikiJSEmulator) -> None:
    # A user whose groups lack the permission: the server knows who it is and refuses.
    emu.seed_user("reader@example.com", password="reader-pass", groups=[2])
    client = wrap(
        make_client("sync", emu, auth=frozen_auth(emu, "reader@example.com", "reader-pass"))
    )

    with pytest.raises(ForbiddenError):
        await client.users.list()
    with pytest.raises(ForbiddenError):
        await client.users.list()

    # Asked once who the token is; the refused request was sent again to answer the caller.
    assert [r.operation_names for r in emu.requests] == [
        ("Login",),
        ("ListUsers",),
        ("GetProfile",),
        ("ListUsers",),
        ("ListUsers",),
    ]
    await client.close()


def _exchange(operations: list[dict[str, object]], answers: list[dict[str, object]]) -> Any:
    import json

    import httpx

    request = httpx.Request("POST", "http://wiki/graphql", content=json.dumps(operations))
    return request, httpx.Response(200, content=json.dumps(answers), request=request)


FORBIDDEN = {"data": {"users": {"list": None}}, "errors": [{"message": "Forbidden"}]}


@pytest.mark.parametrize(
    ("operations", "answers", "suspect"),
    [
        ([{"query": "query A { x }"}], [FORBIDDEN], True),
        # A read that went through beside the refusal: sending both again is harmless.
        ([{"query": "query A { x }"}, {"query": "query B { y }"}], [{"data": {}}, FORBIDDEN], True),
        # A write went through: the caller was not Guest, and must not write twice.
        (
            [{"query": "mutation A { x }"}, {"query": "query B { y }"}],
            [{"data": {}}, FORBIDDEN],
            False,
        ),
        ([{"query": "query A { x }"}], [{"data": {}, "errors": [{"message": "boom"}]}], False),
        ([{"query": "query A { x }"}], [{"data": {}}], False),
    ],
)
def test_which_answers_are_checked_for_guest(
    operations: list[dict[str, object]], answers: list[dict[str, object]], suspect: bool
) -> None:
    from wikijs_typed._pipeline.guest import refused_as_guest_would_be

    assert refused_as_guest_would_be(*_exchange(operations, answers)) is suspect


async def test_an_upload_answered_as_guest_is_sent_again_after_a_new_login(
    admin: Any, emu: WikiJSEmulator
) -> None:
    await admin.users.list()
    revoke_every_login(emu)

    asset = await admin.assets.upload(b"after", filename="after.bin")

    assert asset.filename == "after.bin"
    assert logins(emu) == 2
    assert [r.path for r in emu.requests].count("/u") == 2


async def _told(stamped: Any) -> Any:
    """A stamped read's stamp, from the sync client's or the async one's."""
    stamp = stamped.stamp()
    return await stamp if inspect.isawaitable(stamp) else stamp


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_kept_stamp_is_told_for_who_the_client_is_after_a_new_login(
    kind: str, emu: WikiJSEmulator
) -> None:
    """A stamp checked on every request finds its key once, but again for a new identity: after
    a login, the listing the old token read is not the one it tells of."""
    client = wrap(make_client(kind, emu, auth=frozen_auth(emu), cache=MemoryCache()))
    stamped = getattr(client, "unwrapped", client).pages.stamped_listing()
    await client.users.list()  # the first login
    await client.pages.list()
    before = await _told(stamped)
    assert before is not None
    revoke_every_login(emu)
    await client.users.list()  # logs in again: a new token, a new identity
    assert logins(emu) == 2
    assert await _told(stamped) is None  # this identity has not listed the pages yet
    await client.pages.list()
    after = await _told(stamped)
    assert after not in (None, before)
    await client.close()
