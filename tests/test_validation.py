"""Input models and argument checks: bad input raises ValidationError, never pydantic's."""

from __future__ import annotations

import pytest

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import (
    GroupCreate,
    GroupUpdate,
    PageCreate,
    PageUpdate,
    UserCreate,
    UserUpdate,
)
from wikijs_typed.models import _rules as rules


def test_page_create_applies_the_server_defaults_and_trims_one_slash() -> None:
    page = PageCreate(title=" Welcome ", path="/docs/start/", content="# Hi")

    assert (page.title, page.path) == ("Welcome", "docs/start")
    assert (page.is_published, page.is_private, page.locale, page.editor) == (
        True,
        False,
        "en",
        "markdown",
    )
    assert page.tags == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 256}, "title"),
        ({"path": "invalid path"}, "path"),
        ({"path": "docs/v1.2"}, "path"),
        ({"path": "docs\\win"}, "path"),
        ({"path": "docs//twice"}, "path"),
        ({"path": "/"}, "path"),
        ({"content": "  \n "}, "content"),
        ({"is_published": "yes"}, "is_published"),
        ({"title": 5}, "title"),
        ({"tags": "guide"}, "tags"),
        ({"locale": "en us"}, "locale"),
        ({"titel": "typo"}, "titel"),
    ],
)
def test_page_create_refuses_what_the_server_would(fields: dict[str, object], field: str) -> None:
    data: dict[str, object] = {"title": "T", "path": "docs/ok", "content": "c", **fields}

    with pytest.raises(ValidationError) as caught:
        PageCreate(**data)

    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_the_reference_example_raises_our_validation_error() -> None:
    with pytest.raises(ValidationError, match="title"):
        PageCreate(title="", path="invalid path")


def test_unicode_paths_are_fine() -> None:
    assert PageCreate(title="Café", path="docs/café", content="x").path == "docs/café"


def test_page_update_keeps_only_the_fields_given() -> None:
    update = PageUpdate(title="New", is_published=False)

    assert update.changes() == {"title": "New", "is_published": False}
    with pytest.raises(ValidationError):
        PageUpdate(content="")


def test_coerce_accepts_dicts_and_instances_and_nothing_else() -> None:
    from_dict = PageCreate.coerce({"title": "T", "path": "p", "content": "c"})

    assert PageCreate.coerce(from_dict) == from_dict
    with pytest.raises(ValidationError, match="PageCreate or a dict"):
        PageCreate.coerce(["T", "p", "c"])
    with pytest.raises(ValidationError, match="string keys"):
        PageCreate.coerce({1: "x"})


def test_coerce_checks_an_instance_again_after_it_was_changed() -> None:
    page = PageCreate(title="T", path="p", content="c")
    page.path = "bad path"

    with pytest.raises(ValidationError, match="path"):
        PageCreate.coerce(page)


def test_messages_never_repeat_a_password() -> None:
    secret = "abc"  # too short

    with pytest.raises(ValidationError) as caught:
        UserCreate(email="a@example.com", name="A", password_raw=secret)

    assert secret not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_passwords_stay_out_of_reprs() -> None:
    secret = "S3cure-Passw0rd!"
    created = UserCreate(email="a@example.com", name="A", password_raw=secret)
    updated = UserUpdate(password_raw=secret)

    for shown in (repr(created), str(created), repr(updated), str(updated)):
        assert secret not in shown


def test_user_models() -> None:
    user = UserCreate(email="a@example.com", name="Alice", password_raw="secret-1", groups=[3])

    assert (user.provider_key, user.send_welcome_email, user.groups) == ("local", False, [3])
    with pytest.raises(ValidationError, match="password_raw is required"):
        UserCreate(email="a@example.com", name="Alice")
    with pytest.raises(ValidationError, match="email"):
        UserCreate(email="not-an-email", name="Alice", password_raw="secret-1")
    with pytest.raises(ValidationError, match="groups"):
        UserCreate(email="a@example.com", name="A", password_raw="secret-1", groups=[0])
    with pytest.raises(ValidationError, match="unverify"):
        UserUpdate(is_verified=False)


def test_group_models() -> None:
    group = GroupCreate(name="Editors", permissions=["read:pages"])

    assert group.settings().changes() == {"permissions": ["read:pages"]}
    with pytest.raises(ValidationError, match="name"):
        GroupUpdate(name=" ")
    with pytest.raises(ValidationError, match="match"):
        GroupUpdate(page_rules=[{"id": "r", "path": "", "match": "SOMETIMES"}])


@pytest.mark.parametrize("bad", [0, -3, True, "7", 1.0, None])
def test_ids_must_be_positive_integers(bad: object) -> None:
    with pytest.raises(ValidationError, match="page_id"):
        rules.check_id(bad, "page_id")


def test_tags_are_normalized_like_the_server_does() -> None:
    assert rules.normalize_tags([" Guide", "guide", "", "Docker "]) == ["guide", "docker"]
