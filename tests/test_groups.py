"""`client.groups` against the emulator, with the sync and the async client alike."""

from __future__ import annotations

from typing import Any

import pytest

from wikijs_typed.exceptions import GraphQLError, NotFoundError, ValidationError
from wikijs_typed.models import GroupCreate, GroupPageRule, GroupUpdate, UserCreate


async def a_user(wiki: Any, email: str = "member@example.com") -> int:
    user = await wiki.users.create(
        UserCreate(email=email, name="Member", password_raw="secret-pass")
    )
    return int(user.id)


async def test_create_with_settings_applies_them(wiki: Any) -> None:
    rule = GroupPageRule(id="docs", path="docs", roles=["read:pages"], match="START")

    group = await wiki.groups.create(
        GroupCreate(name="Editors", permissions=["read:pages", "write:pages"], page_rules=[rule])
    )

    assert group.name == "Editors"
    assert sorted(group.permissions or []) == ["read:pages", "write:pages"]
    assert [(r.id, r.path, r.roles) for r in group.page_rules or []] == [
        ("docs", "docs", ["read:pages"])
    ]
    assert group == await wiki.groups.get(group.id)


async def test_create_from_a_name_keeps_the_server_defaults(wiki: Any) -> None:
    group = await wiki.groups.create({"name": "Plain"})

    assert "read:pages" in (group.permissions or [])
    assert len(group.page_rules or []) == 1


async def test_a_name_only_update_keeps_permissions_and_rules(wiki: Any) -> None:
    before = await wiki.groups.create(
        {"name": "Old", "permissions": ["read:pages", "write:pages"], "redirect_on_login": "/docs"}
    )

    after = await wiki.groups.update(before.id, GroupUpdate(name="New"))

    assert after.name == "New"
    assert after.permissions == before.permissions
    assert after.page_rules == before.page_rules
    assert after.redirect_on_login == "/docs"


async def test_list_and_iter_all(wiki: Any) -> None:
    created = await wiki.groups.create({"name": "Listed"})

    listed = await wiki.groups.list()
    iterated = [g.id async for g in wiki.groups.iter_all()]

    assert {"Administrators", "Guests", "Listed"} <= {g.name for g in listed}
    assert created.id in iterated
    assert next(g for g in listed if g.name == "Listed").user_count == 0


async def test_membership(wiki: Any) -> None:
    group = await wiki.groups.create({"name": "Team"})
    user_id = await a_user(wiki)

    assert await wiki.groups.assign_user(group.id, user_id) is True
    assert [u.id for u in (await wiki.groups.get(group.id)).users or []] == [user_id]
    with pytest.raises(GraphQLError, match="already assigned"):
        await wiki.groups.assign_user(group.id, user_id)
    assert await wiki.groups.unassign_user(group.id, user_id) is True
    assert (await wiki.groups.get(group.id)).users == []


async def test_unknown_ids_are_not_found(wiki: Any) -> None:
    group = await wiki.groups.create({"name": "Known"})
    user_id = await a_user(wiki)

    with pytest.raises(NotFoundError, match="group 987654"):
        await wiki.groups.assign_user(987654, user_id)
    with pytest.raises(NotFoundError, match="user 987654"):
        await wiki.groups.assign_user(group.id, 987654)
    with pytest.raises(NotFoundError):
        await wiki.groups.get(987654)
    with pytest.raises(NotFoundError):
        await wiki.groups.update(987654, {"name": "x"})
    with pytest.raises(NotFoundError):
        await wiki.groups.delete(987654)


async def test_delete(wiki: Any) -> None:
    group = await wiki.groups.create({"name": "Temporary"})

    assert await wiki.groups.delete(group.id) is True
    with pytest.raises(NotFoundError):
        await wiki.groups.get(group.id)
    with pytest.raises(GraphQLError, match="Cannot delete this group"):
        await wiki.groups.delete(1)


async def test_invalid_input_is_refused_before_any_request(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError):
        await wiki.groups.create({"name": "  "})
    with pytest.raises(ValidationError):
        await wiki.groups.update(3, {"name": ""})
    with pytest.raises(ValidationError):
        await wiki.groups.assign_user(3, True)
    with pytest.raises(ValidationError):
        await wiki.groups.get("3")

    assert wikijs_emulator.requests == []


async def test_a_groups_stamp_changes_exactly_when_its_cached_entry_does(cached_wiki: Any) -> None:
    group = await cached_wiki.groups.create({"name": "Stamped"})
    assert await cached_wiki.groups.stamp(group.id) is None  # not read through the cache yet
    await cached_wiki.groups.get(group.id)
    stamp = await cached_wiki.groups.stamp(group.id)
    assert stamp is not None
    await cached_wiki.groups.get(group.id)  # a hit leaves the entry as it is
    assert await cached_wiki.groups.stamp(group.id) == stamp
    await cached_wiki.groups.update(group.id, {"name": "Stamped again"})
    assert await cached_wiki.groups.stamp(group.id) != stamp
    with pytest.raises(ValidationError):
        await cached_wiki.groups.stamp(0)
