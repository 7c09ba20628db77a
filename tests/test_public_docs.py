"""Every public name has a complete docstring in the project's (Google) style.

The public surface is what `tools.docstrings` finds: the `__all__` of the public modules and
the resources behind the clients' properties. A name belongs to the module that defines it,
so `wikijs_typed.Page` is checked with `wikijs_typed.models`, where it lives.
"""

from __future__ import annotations

import pytest

from tools.docstrings import problems, surface

# The parts converted so far (issue 17); the list grows to "wikijs_typed", the whole package,
# once every part is. `wikijs_typed.aio` and `wikijs_typed.client` only re-export the clients,
# which `wikijs_typed._resources` defines.
DOCUMENTED = (
    "wikijs_typed.models",
    "wikijs_typed.cache",
    "wikijs_typed.utils",
    "wikijs_typed.settings",
    "wikijs_typed.feed",
    "wikijs_typed.api",
    "wikijs_typed.mcp",
    "wikijs_typed.cli",
)


@pytest.fixture(scope="module")
def public() -> dict[str, object]:
    return surface()


def _home(obj: object) -> str:
    """The module that defines `obj` (for a property, its getter's)."""
    defined = obj.fget if isinstance(obj, property) else obj
    return str(getattr(defined, "__module__", ""))


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize("prefix", DOCUMENTED)
def test_public_names_have_complete_docstrings(public: dict[str, object], prefix: str) -> None:
    names = {path: obj for path, obj in public.items() if _under(_home(obj), prefix)}
    assert names, f"nothing public is defined under {prefix}: is the prefix right?"
    incomplete = {path: found for path, obj in names.items() if (found := problems(path, obj))}
    assert incomplete == {}


def test_the_check_finds_what_a_docstring_lacks() -> None:
    def move(page_id: int, path: str) -> bool:
        """Move a page.

        Args:
            page_id: The page's id.
        """
        return bool(page_id and path)

    class Undocumented:  # its base's docstring (object's) says nothing about it
        pass

    assert problems("move", move) == ["Args: does not name path", "no Returns:/Yields: section"]
    assert problems("Undocumented", Undocumented) == ["no docstring"]
