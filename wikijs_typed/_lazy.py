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
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["defer_httpx_cli", "lazy_exports"]

_HTTPX_CLI = "httpx._main"


def lazy_exports(
    package: str, homes: Mapping[str, str | tuple[str, ...]]
) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that imports each name on first use.

    `homes` says where each name lives: one module, or a tuple of modules searched in order
    for the first that has it. The tuple lets a package whose names live in its subpackages
    (the root) offer them without listing each a third time, beside its imports for type
    checkers and `__all__`: `dict.fromkeys(__all__, modules)`; putting the cheapest modules
    first keeps a lookup cheap. A name found is kept, so later lookups skip the hook.

    Args:
        package: the package's `__name__`.
        homes: where each name it offers this way lives.

    Returns:
        The hook, to be assigned to the package's `__getattr__`.
    """
    namespace = sys.modules[package].__dict__
    missing = object()

    def __getattr__(name: str) -> object:
        home = homes.get(name, ())
        for module in (home,) if isinstance(home, str) else home:
            value = getattr(import_module(module), name, missing)
            if value is not missing:
                namespace[name] = value
                return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


def defer_httpx_cli() -> None:
    """Keep httpx from loading its command-line client until something of it is used.

    `import httpx` imports its CLI module, which imports rich, click and pygments whenever
    they are installed (this package's `cli` and `api` extras bring them): tens of
    milliseconds of every cold start, for a command no client runs. Called before httpx is
    first imported, this puts a stand-in where that module goes; the real one loads the first
    time anything is taken from it (`httpx.main()`). Once httpx is imported it is too late,
    and nothing is done.
    """
    if "httpx" in sys.modules or _HTTPX_CLI in sys.modules:
        return
    stand_in = ModuleType(_HTTPX_CLI, "Loads httpx's command-line client when first used.")
    stand_in.__spec__ = ModuleSpec(_HTTPX_CLI, None)

    def real() -> ModuleType:
        if sys.modules.get(_HTTPX_CLI) is stand_in:
            del sys.modules[_HTTPX_CLI]
        module = import_module(_HTTPX_CLI)
        httpx = sys.modules.get("httpx")
        if httpx is not None and getattr(httpx, "main", None) is main:
            httpx.main = module.main  # type: ignore[attr-defined]
        return module

    def main(*args: object, **kwargs: object) -> object:
        return real().main(*args, **kwargs)

    def __getattr__(name: str) -> object:
        # The import system probes dunders (`__path__`): those must not load the CLI.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.main = main  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[_HTTPX_CLI] = stand_in
