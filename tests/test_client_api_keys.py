"""`client.api_keys` against the emulator, with the sync and the async client alike."""

from __future__ import annotations

from typing import Any

import pytest
from _both_clients import make_client, wrap

from wikijs_typed.auth import CredentialsAuth
from wikijs_typed.exceptions import AuthenticationError, NotFoundError, ValidationError


async def test_create_list_and_revoke(wiki: Any, wikijs_emulator: Any) -> None:
    created = await wiki.api_keys.create("deploy-bot", expiration="30d")

    assert created.api_key.name == "deploy-bot"
    assert created.key.endswith(created.api_key.key_short.removeprefix("..."))
    assert created.key not in repr(created)
    listed = {key.id: key for key in await wiki.api_keys.list()}
    assert listed[created.api_key.id].is_revoked is False

    # The new key works, then stops working once revoked.
    other = wrap(make_client("async", wikijs_emulator, auth=created.key))
    assert await other.test_connection() is True
    assert await wiki.api_keys.revoke(created.api_key.id) is True
    with pytest.raises(AuthenticationError, match="revoked"):
        await other.test_connection()
    await other.close()
    assert {k.id: k for k in await wiki.api_keys.list()}[created.api_key.id].is_revoked


async def test_bad_arguments_leave_no_placeholder_behind(wiki: Any, wikijs_emulator: Any) -> None:
    before = await wiki.api_keys.list()
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError, match="expiration"):
        await wiki.api_keys.create("bad", expiration="whenever")
    with pytest.raises(ValidationError, match="group"):
        await wiki.api_keys.create("limited", full_access=False)

    assert wikijs_emulator.requests == []
    assert await wiki.api_keys.list() == before


async def test_revoking_an_unknown_key_is_not_found(wiki: Any) -> None:
    with pytest.raises(NotFoundError):
        await wiki.api_keys.revoke(987654)


async def test_switching_the_api_off_and_on(wiki: Any, wikijs_emulator: Any) -> None:
    assert await wiki.api_keys.is_enabled() is True

    assert await wiki.api_keys.disable() is True

    with pytest.raises(AuthenticationError, match="disabled"):
        await wiki.pages.list()
    # Keys are refused now: the administrator logs in to switch the API back on.
    admin = CredentialsAuth("admin@example.com", "admin-password")
    with make_client("sync", wikijs_emulator, auth=admin) as as_admin:
        assert as_admin.api_keys.is_enabled() is False
        assert as_admin.api_keys.enable() is True
    assert await wiki.pages.list() == []


async def test_iter_all(wiki: Any) -> None:
    created = await wiki.api_keys.create("iterated")

    assert created.api_key.id in [key.id async for key in wiki.api_keys.iter_all()]
