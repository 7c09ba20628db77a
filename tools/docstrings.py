"""Which public names lack the docstring the project's style asks for.

The public surface is what a user reaches: the `__all__` of the root package and of each
public module and subpackage, and the resources behind the clients' properties
(`client.pages`, `client.assets.images`, ...). Each public class, function, method and
property needs a docstring; a callable's `Args:` names every parameter, and `Returns:` (or
`Yields:`) says what comes back unless that is None.

    python -m tools.docstrings            list what is missing, exit 1 if anything is
    python -m tools.docstrings query api  only names whose module path contains one of these

tests/test_public_docs.py runs the same check.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import sys
import typing
from collections.abc import Callable, Iterator
from importlib import import_module

PUBLIC_MODULES = (
    "wikijs_typed",
    "wikijs_typed.client",
    "wikijs_typed.aio",
    "wikijs_typed.utils",
    "wikijs_typed.exceptions",
    "wikijs_typed.auth",
    "wikijs_typed.cache",
    "wikijs_typed.models",
    "wikijs_typed.query",
    "wikijs_typed.testing",
    "wikijs_typed.testing.pytest_plugin",
    "wikijs_typed.api",
    "wikijs_typed.cli",
    "wikijs_typed.settings",
    "wikijs_typed.feed",
    "wikijs_typed.mcp",
    "wikijs_typed.codegen.plugin",
    "wikijs_graphql.requests",
)
CLIENTS = ("WikiJSClient", "AsyncWikiJSClient")
# A cached property reads like any other: its docstring says what it is, with no Returns:.
_PROPERTIES = (property, functools.cached_property)
_OURS = ("wikijs_typed", "wikijs_graphql")


def _ours(obj: object) -> bool:
    return getattr(obj, "__module__", "").split(".")[0] in _OURS


def _exported(module_name: str) -> Iterator[tuple[str, object]]:
    module = import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, v in vars(module).items() if not n.startswith("_") and _ours(v)]
    for name in names:
        if name.startswith("__"):
            continue
        value = getattr(module, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            yield f"{module_name}.{name}", value


def _resource_classes(cls: type, seen: set[type]) -> Iterator[type]:
    """The classes behind a client's (or resource's) public properties, recursively."""
    for name, member in inspect.getmembers(cls):
        getter = _getter(member)
        if name.startswith("_") or getter is None:
            continue
        try:
            returned = typing.get_type_hints(getter, localns=_resource_names()).get("return")
        except Exception:  # an annotation this check cannot resolve is not a resource
            continue
        if inspect.isclass(returned) and _ours(returned) and returned not in seen:
            seen.add(returned)
            yield returned
            yield from _resource_classes(returned, seen)


@functools.cache
def _resource_names() -> dict[str, object]:
    """The resource classes by name: the clients import them for type checkers only."""
    import pkgutil

    names: dict[str, object] = {}
    for package in ("wikijs_typed._resources._async", "wikijs_typed._resources._sync"):
        for info in pkgutil.iter_modules(import_module(package).__path__):
            module = import_module(f"{package}.{info.name}")
            names.update((n, v) for n, v in vars(module).items() if inspect.isclass(v))
    return names


def _getter(member: object) -> Callable[..., object] | None:
    if isinstance(member, property):
        return member.fget
    if isinstance(member, functools.cached_property):
        return member.func
    return None


def surface() -> dict[str, object]:
    """Every public name, by its dotted path: classes and functions, then class members."""
    found: dict[str, object] = {}
    for module_name in PUBLIC_MODULES:
        for path, value in _exported(module_name):
            if all(value is not known for known in found.values()):
                found[path] = value
    import wikijs_typed

    seen: set[type] = set()
    for client in CLIENTS:
        for cls in _resource_classes(getattr(wikijs_typed, client), seen):
            found.setdefault(f"{cls.__module__}.{cls.__qualname__}", cls)
    members: dict[str, object] = {}
    for path, value in found.items():
        if inspect.isclass(value):
            for name, member in _own_members(value):
                members[f"{path}.{name}"] = member
    return {**found, **members}


def _own_members(cls: type) -> Iterator[tuple[str, object]]:
    if issubclass(cls, BaseException):
        return
    for klass in cls.__mro__:
        if not _ours(klass):
            continue
        for name, attribute in vars(klass).items():
            if name.startswith("_") or name.startswith("model_"):
                continue
            member = _unwrapped(attribute)
            if isinstance(member, _PROPERTIES) or inspect.isfunction(member):
                yield name, member
        break  # a method inherited from another class of ours is checked there


def _unwrapped(attribute: object) -> object:
    if isinstance(attribute, (staticmethod, classmethod)):
        return attribute.__func__
    return attribute


def _parameters(func: Callable[..., object]) -> list[str]:
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in signature.parameters.values()
        if p.name not in ("self", "cls") and not p.name.startswith("_")
    ]


def _returns_something(func: Callable[..., object]) -> bool:
    annotation = inspect.signature(func).return_annotation
    return annotation not in (inspect.Signature.empty, None, "None")


def _section(doc: str, title: str) -> str | None:
    match = re.search(rf"^\s*{title}:\s*$(.*?)(?=^\s*[A-Z]\w+:\s*$|\Z)", doc, re.M | re.S)
    return match.group(1) if match else None


def problems(path: str, obj: object) -> list[str]:
    """What the docstring of `obj` lacks, as short phrases (none when it is complete)."""
    # A class's own docstring: inspect.getdoc would lend it its base's, which says nothing about
    # it. A method overriding a documented one may inherit that one's docstring.
    own = isinstance(obj, _PROPERTIES) or inspect.isclass(obj)
    doc = obj.__doc__ if own else inspect.getdoc(obj)
    if not doc or not doc.strip():
        return ["no docstring"]
    if isinstance(obj, _PROPERTIES):  # a one-line summary says what it is
        return []
    if inspect.isclass(obj):
        init = vars(obj).get("__init__")
        # A Protocol's __init__ is typing's own placeholder, which takes no documented argument.
        if not inspect.isfunction(init) or not _ours(init) or dataclasses.is_dataclass(obj):
            return []
        return _args_missing(doc, _parameters(init))
    if not callable(obj):
        return []
    missing = _args_missing(doc, _parameters(obj))
    if _returns_something(obj) and not (_section(doc, "Returns") or _section(doc, "Yields")):
        missing.append("no Returns:/Yields: section")
    return missing


def _args_missing(doc: str, parameters: list[str]) -> list[str]:
    if not parameters:
        return []
    args = _section(doc, "Args")
    if args is None:
        return [f"no Args: section (for {', '.join(parameters)})"]
    named = set(re.findall(r"^\s*\*{0,2}(\w+)(?:\s*\([^)]*\))?:", args, re.M))
    absent = [p for p in parameters if p not in named]
    return [f"Args: does not name {', '.join(absent)}"] if absent else []


def main(filters: list[str]) -> int:
    """Print each public name whose docstring is incomplete; 1 if there is any."""
    failures = 0
    for path, obj in sorted(surface().items()):
        if filters and not any(f in path for f in filters):
            continue
        for problem in problems(path, obj):
            print(f"{path}: {problem}")
            failures += 1
    print(f"{failures} problem(s)", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
