"""`lazy_exports`: a name comes from its one module, or from the first of several that has it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from wikijs_typed._lazy import lazy_exports


@pytest.fixture
def package() -> Iterator[ModuleType]:
    """A package `probe` with modules `probe.a` (X) and `probe.b` (X, Y, Z) already loaded."""
    modules = {
        "probe": ModuleType("probe"),
        "probe.a": ModuleType("probe.a"),
        "probe.b": ModuleType("probe.b"),
    }
    modules["probe.a"].X = "a.X"  # type: ignore[attr-defined]
    for name in ("X", "Y", "Z"):
        setattr(modules["probe.b"], name, f"b.{name}")
    sys.modules.update(modules)
    yield modules["probe"]
    for name in modules:
        del sys.modules[name]


def test_a_name_comes_from_its_home_and_is_kept(package: ModuleType) -> None:
    # `probe.nowhere` cannot be imported: only the asked name's home is.
    hook = lazy_exports("probe", {"Z": "probe.b", "W": "probe.nowhere"})

    assert hook("Z") == "b.Z"
    assert package.__dict__["Z"] == "b.Z"  # later lookups skip the hook


def test_a_name_comes_from_the_first_of_its_homes_that_has_it(package: ModuleType) -> None:
    hook = lazy_exports("probe", dict.fromkeys(("X", "Y", "Q"), ("probe.a", "probe.b")))

    assert (hook("X"), hook("Y")) == ("a.X", "b.Y")
    with pytest.raises(AttributeError, match="'probe' has no attribute 'Q'"):
        hook("Q")  # listed, but in none of its homes


def test_a_name_without_a_home_is_not_an_attribute(package: ModuleType) -> None:
    hook = lazy_exports("probe", {"Z": "probe.b"})

    with pytest.raises(AttributeError, match="'probe' has no attribute 'Y'"):
        hook("Y")
    assert "Y" not in package.__dict__
