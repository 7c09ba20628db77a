"""Views: what a reader made of a cached answer, kept beside it so that a hit skips the work.

A view is a function from an answer's `data` to what a caller gets (a generated result model,
a `Page`). A `MemoryCache` entry keeps, for each view, a `copier` of the value it made, and a
hit hands out a copy made without validating again: a caller mutating its result never
changes what the next caller gets. The views go when their entry goes, so invalidation,
expiry and identities stay exactly those of the entries.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

T = TypeVar("T")
View = Callable[[dict[str, Any]], T]

# Values that nothing can change in place: a copy shares them.
_SHARED = frozenset(
    {str, int, float, bool, type(None), datetime, date, time, timedelta, Decimal, UUID}
)
# A model's four slots, set through their descriptors: quicker than `object.__setattr__`,
# which looks each name up first.
_new = object.__new__
_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
_set_dict, _set_fields_set, _set_extra, _set_private = (
    vars(BaseModel)[slot].__set__ for slot in _SLOTS
)

Copier = Callable[[], T]
# For each view, a copier of what it made: each view's own type, which one map cannot spell.
KeptViews = dict[View[Any], Copier[Any]]


def _shared(value: object) -> bool:
    return type(value) in _SHARED or isinstance(value, Enum)


def copier(value: T) -> Copier[T]:
    """Plan the copies of a value: a function that returns a fresh copy each time it is called.

    The copies share only what cannot be mutated (strings, numbers, dates, enum members).

    The copy is planned once, here: a model's copier copies its `__dict__` and calls the
    copiers of the few fields that hold lists, dicts or models. Several times cheaper than
    `model_copy(deep=True)` or validating again. `value` must not change afterwards.
    """
    if _shared(value):
        return lambda: value
    if isinstance(value, BaseModel):
        return _model_copier(value)  # type: ignore[return-value]
    if isinstance(value, list):
        if all(_shared(item) for item in value):
            return value.copy  # type: ignore[return-value]
        items = [copier(item) for item in value]
        return lambda: [make() for make in items]  # type: ignore[return-value]
    if isinstance(value, dict):
        entries = [(key, copier(item)) for key, item in value.items()]
        return lambda: {key: make() for key, make in entries}  # type: ignore[return-value]
    return lambda: copy.deepcopy(value)


def keepable(value: T) -> Copier[T]:
    """Plan the copies of a copy of `value`: the caller keeps `value` itself, and may change it.

    Args:
        value: What a view made (a decoded model, say).

    Returns:
        A function that returns a fresh copy of `value`, as it is now, each time it is called.
    """
    return copier(copier(value)())


def _model_copier(model: BaseModel) -> Copier[BaseModel]:
    # What pydantic's `__copy__` does, with the mutable field values copied too.
    cls = type(model)
    fields = model.__dict__
    fields_set = model.__pydantic_fields_set__
    nested = [(name, copier(item)) for name, item in fields.items() if not _shared(item)]
    extra = model.__pydantic_extra__
    private = getattr(model, "__pydantic_private__", None)
    if extra is not None or private is not None:
        return lambda: copy.deepcopy(model)  # no model of this package has either

    # Pydantic only ever adds to a model's set of fields set, so a set that names every field
    # never changes (it is not public: only code reaching into it could), and copies share it.
    complete = fields_set.issuperset(cls.__pydantic_fields__)

    def make() -> BaseModel:
        values = fields.copy()
        for name, make_item in nested:
            values[name] = make_item()
        twin = _new(cls)
        _set_dict(twin, values)
        _set_fields_set(twin, fields_set if complete else fields_set.copy())
        _set_extra(twin, None)
        _set_private(twin, None)
        return twin

    return make
