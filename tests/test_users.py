"""`client.users` against the emulator, with the sync and the async client alike."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed import WikiJSClient
from wikijs_typed.exceptions import NotFoundError, OperationFailedError, ValidationError
from wikijs_typed.models import User, UserCreate, UserUpdate

PASSWORD = "S3cure-Passw0rd!"


async def make(wiki: Any, name: str, email: str, **fields: object) -> User:
    return await wiki.users.create(
        UserCreate(email=email, name=name, password_raw=PASSWORD, **fields)
    )


async def test_create_returns_the_complete_account(wiki: Any) -> None:
    group = await wiki.groups.create({"name": "Readers"})

    user = await make(
        wiki, "Alice Müller", "Alice@Example.com", groups=[group.id], location="Berlin"
    )

    assert user.email == "alice@example.com"  # Wiki.js lowercases emails
    assert (user.name, user.location, user.is_active) == ("Alice Müller", "Berlin", True)
    assert [g.name for g in user.groups or []] == ["Readers"]
    assert user == await wiki.users.get(user.id)


async def test_a_taken_email_fails_with_its_code(wiki: Any) -> None:
    await make(wiki, "Alice", "alice@example.com")

    with pytest.raises(OperationFailedError) as caught:
        await make(wiki, "Other", "ALICE@example.com")

    assert caught.value.error_code == 1004


async def test_list_filters_orders_and_pages_on_the_client(wiki: Any) -> None:
    for name in ("Carol", "alice", "Bob"):
        await make(wiki, name, f"{name.lower()}@example.com")

    names = [u.name for u in await wiki.users.list(order_by="name")]
    desc = [u.name for u in await wiki.users.list(order_by="email", order_direction="DESC")]
    page = [u.name for u in await wiki.users.list(order_by="name", limit=2, offset=1)]
    found = [u.name for u in await wiki.users.list(search="EXAMPLE.COM")]

    assert names == sorted(names, key=str.casefold)
    assert {"Administrator", "Guest", "alice", "Bob", "Carol"} <= set(names)
    assert desc.index("Carol") < desc.index("Bob") < desc.index("alice")
    assert page == names[1:3]
    assert set(found) >= {"alice", "Bob", "Carol"}
    assert [u.name for u in await wiki.users.search("bo")] == ["Bob"]
    with pytest.raises(ValidationError):
        await wiki.users.list(order_by="shoe_size")


async def test_a_missing_user_is_not_found(wiki: Any) -> None:
    with pytest.raises(NotFoundError):
        await wiki.users.get(987654)
    with pytest.raises(NotFoundError):
        await wiki.users.activate(987654)
    with pytest.raises(NotFoundError):
        await wiki.users.verify(987654)


def test_a_not_found_answer_reaches_the_caller_as_the_server_gave_it() -> None:
    """A NotFoundError (Wiki.js's UserNotFound, 1016) is raised as is, not wrapped again."""
    missing = {"message": "This user does not exist.", "extensions": {"exception": {"code": 1016}}}

    def wiki(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"users": {"single": None}}, "errors": [missing]})

    with (
        WikiJSClient(
            "https://wiki.example.com", "key", transport=httpx.MockTransport(wiki)
        ) as client,
        pytest.raises(NotFoundError) as caught,
    ):
        client.users.get(5)

    assert (str(caught.value), caught.value.error_code) == ("This user does not exist.", 1016)
    assert caught.value.__cause__ is None


async def test_update_changes_only_what_is_given(wiki: Any) -> None:
    user = await make(wiki, "Bob", "bob@example.com", location="Oslo")
    group = await wiki.groups.create({"name": "Editors"})

    updated = await wiki.users.update(
        user.id, UserUpdate(name="Robert", groups=[group.id], job_title="Writer")
    )

    assert (updated.name, updated.location, updated.job_title) == ("Robert", "Oslo", "Writer")
    assert [g.id for g in updated.groups or []] == [group.id]


async def test_activation_and_verification(wiki: Any) -> None:
    user = await make(wiki, "Dan", "dan@example.com")

    inactive = await wiki.users.update(user.id, {"is_active": False})
    assert inactive.is_active is False
    assert await wiki.users.activate(user.id) is True
    assert (await wiki.users.get(user.id)).is_active is True
    assert await wiki.users.verify(user.id) is True
    assert (await wiki.users.get(user.id)).is_verified is True
    with pytest.raises(OperationFailedError, match="system accounts"):
        await wiki.users.deactivate(1)


async def test_delete_hands_content_to_the_replacement(wiki: Any) -> None:
    user = await make(wiki, "Eve", "eve@example.com")

    assert await wiki.users.delete(user.id, replace_id=1) is True
    with pytest.raises(NotFoundError):
        await wiki.users.get(user.id)
    with pytest.raises(NotFoundError):
        await wiki.users.delete(987654)
    with pytest.raises(OperationFailedError) as protected:
        await wiki.users.delete(2)
    assert protected.value.error_code == 1018


async def test_profile_of_an_api_key_is_the_administrator(wiki: Any) -> None:
    profile = await wiki.users.profile()

    assert profile.id == 1
    assert profile.email == "admin@example.com"


async def test_iter_all(wiki: Any) -> None:
    await make(wiki, "Fay", "fay@example.com")

    emails = [user.email async for user in wiki.users.iter_all()]

    assert "fay@example.com" in emails
    assert "guest@example.com" in emails


async def test_invalid_input_is_refused_before_any_request(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError):
        await wiki.users.get(0)
    with pytest.raises(ValidationError):
        await wiki.users.create({"email": "a@example.com", "name": "A", "password_raw": "short"})
    with pytest.raises(ValidationError):
        await wiki.users.update(5, {"nickname": "x"})
    with pytest.raises(ValidationError):
        await wiki.users.delete(5, replace_id=-1)
    with pytest.raises(ValidationError):
        await wiki.users.list(order_direction="SIDEWAYS")

    assert wikijs_emulator.requests == []
