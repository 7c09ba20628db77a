"""The two kinds of model: what the server sends back, and what a caller sends to it.

Output models are built from the generated result models and accept extra fields silently.
Input models check what a caller gives before anything is sent; a bad value raises this
package's `ValidationError` (never pydantic's), naming the field but never echoing the value,
which may be a password.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Self

import pydantic
from pydantic import ConfigDict
from pydantic.alias_generators import to_camel

from wikijs_typed._pipeline.operation import is_utf8
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models._reprs import bounded

__all__ = ["InputModel", "WikiModel", "describe_errors"]


def _set_slots(model: pydantic.BaseModel, fields: dict[str, Any]) -> None:
    """Fill in the state pydantic's validation would leave in `model`.

    That is its fields, every one of them set, no extra values and no private ones.
    """
    object.__setattr__(model, "__dict__", fields)
    object.__setattr__(model, "__pydantic_fields_set__", set(fields))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)


class WikiModel(pydantic.BaseModel):
    """Base of the models the client returns; fields also accept their camelCase names."""

    # `defer_build`: pydantic builds a model's validator on first use, not at import time.
    model_config = ConfigDict(populate_by_name=True, alias_generator=to_camel, defer_build=True)
    # The fields a repr shows, in this order (empty: all of them). A model with many fields
    # names the few that tell one instance from another.
    repr_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def _of_checked(cls, **fields: Any) -> Self:
        """An instance of values pydantic has just checked, without checking them again.

        A facade (`Page`) is built from a generated model validated a moment before, field
        by field, with values of the very types its fields declare: validating them again
        would double what every read costs. Every field is given, in declaration order, as
        validation would have stored them.
        """
        model = cls.__new__(cls)
        _set_slots(model, fields)
        return model

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # pydantic builds both repr() and str() from these. Long values are cut (see
        # `bounded`); a field declared with `repr=False` (a password) stays out, even if named.
        args = dict(super().__repr_args__())
        for name in self.repr_fields or args:
            if name in args:
                yield name, bounded(args[name])


def describe_errors(exc: pydantic.ValidationError) -> tuple[str, str | None]:
    """A readable summary of pydantic's errors, without the rejected values; and the first field."""
    parts: list[str] = []
    first: str | None = None
    for error in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in error["loc"])
        first = first or (where or None)
        message = error["msg"].removeprefix("Value error, ")
        parts.append(message if not where or message.startswith(where) else f"{where}: {message}")
    return "; ".join(parts) or "invalid input", first


def _check_plain(value: object, name: str) -> None:
    """Refuse bytes and NUL anywhere in a caller's value, before pydantic sees it.

    pydantic would decode bytes into a str on its own; a caller who passes bytes has not
    decided on an encoding, so the client does not guess one. PostgreSQL cannot store NUL.
    """
    if isinstance(value, bytes | bytearray | memoryview):
        raise ValidationError(f"{name} must be text (str), not bytes", field=name)
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationError(f"{name} must not contain NUL characters", field=name)
        if not is_utf8(value):
            raise ValidationError(f"{name} must not contain lone surrogates", field=name)
    elif isinstance(value, Mapping):
        for item in value.values():
            _check_plain(item, name)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_plain(item, name)


class InputModel(WikiModel):
    """Base of the models a caller fills in (PageCreate, UserUpdate, ...).

    Fields use strict ints and booleans, so `is_published="yes"` or `page_id="7"` are refused
    instead of being guessed at; unknown field names are refused too, so a typo is not silently
    dropped. Bytes, NUL characters and lone surrogates are refused anywhere in a value: Wiki.js
    stores text in PostgreSQL, which cannot keep them.

    Args:
        **data: The fields, by their Python or camelCase names.

    Raises:
        ValidationError: A field is unknown, missing or invalid. The message names the field
            and never echoes the value, which may be a password.
    """

    model_config = ConfigDict(extra="forbid")
    # The name used in messages ("page data", "user data", ...).
    what: ClassVar[str] = "input"

    def __init__(self, /, **data: Any) -> None:
        for name, value in data.items():
            _check_plain(value, name)
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            message, field = describe_errors(exc)
            # `from None`: pydantic's own error repeats the rejected values.
            raise ValidationError(f"invalid {self.what}: {message}", field=field) from None

    @classmethod
    def coerce(cls, value: object) -> Self:
        """Check a caller's value as this model.

        Args:
            value: An instance (checked again, as it may have been changed since) or a mapping
                of field names to values.

        Returns:
            A new, checked instance.

        Raises:
            ValidationError: `value` is neither an instance nor a mapping with string keys, or
                its fields are invalid.
        """
        if isinstance(value, cls):
            return cls(**value.model_dump(exclude_unset=True))
        if isinstance(value, Mapping):
            if not all(isinstance(key, str) for key in value):
                raise ValidationError(f"{cls.what} must have string keys")
            return cls(**dict(value))
        raise ValidationError(
            f"{cls.what} must be a {cls.__name__} or a dict, not {type(value).__name__}"
        )

    def given(self) -> set[str]:
        """Name the fields the caller set, even those set to their default.

        Returns:
            The fields' Python names.
        """
        return set(self.model_fields_set)
