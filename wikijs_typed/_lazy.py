"""Names a package offers but imports only when first used (PEP 562's module `__getattr__`).

    if not TYPE_CHECKING:
        __getattr__ = lazy_exports(__name__, {"Page": "wikijs_typed.models._page", ...})

The package also imports the same names under `if TYPE_CHECKING:`; the hook stays out of the
type checker's sight, which would otherwise type a misspelt name as `object`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module

__all__ = ["lazy_exports"]


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that imports each name from the module `homes`
    gives for it, the first time it is asked for, and keeps it (later lookups skip the hook)."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        namespace[name] = value
        return value

    return __getattr__
