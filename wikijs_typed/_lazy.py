"""Names a package offers but imports only when first used (PEP 562's module `__getattr__`).

    if not TYPE_CHECKING:
        __getattr__ = lazy_exports(__name__, {"Page": "wikijs_typed.models._page", ...})

The package also imports the same names under `if TYPE_CHECKING:`; the hook stays out of the
type checker's sight, which would otherwise type a misspelt name as `object`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from importlib import import_module

__all__ = ["lazy_exports", "lazy_exports_from"]


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that imports each name on first use.

    Each name comes from the module `homes` gives for it, the first time it is asked for, and is
    kept (later lookups skip the hook).
    """
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        namespace[name] = value
        return value

    return __getattr__


def lazy_exports_from(
    package: str, names: Collection[str], modules: Sequence[str]
) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that finds each of `names` in `modules`.

    The first time a name is asked for, the modules are searched in order and the name is
    taken from the first that has it, then kept. A package that lists its names once for type
    checkers (imports under `TYPE_CHECKING` and `__all__`) thus need not list them a third
    time with their homes; putting the cheapest modules first keeps a lookup cheap.

    Args:
        package: the package's `__name__`.
        names: the names it offers this way.
        modules: where to look for them, in order.

    Returns:
        The hook, to be assigned to the package's `__getattr__`.
    """
    namespace = sys.modules[package].__dict__
    missing = object()

    def __getattr__(name: str) -> object:
        if name in names:
            for module in modules:
                value = getattr(import_module(module), name, missing)
                if value is not missing:
                    namespace[name] = value
                    return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
