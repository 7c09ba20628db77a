"""Every public name has a complete docstring in the project's (Google) style.

The public surface is what `tools.docstrings` finds: the `__all__` of the public modules (the
generated `wikijs_graphql.requests` among them) and the classes behind the clients' properties
(the resources, the engine, the generated typed clients). A name belongs to the module that
defines it, so `wikijs_typed.Page` is checked with `wikijs_typed.models`, where it lives.
"""

from __future__ import annotations

import functools

import pytest

from tools.docstrings import problems, surface

# The whole public surface: the hand-written package and the generated one (the typed clients
# behind `client.graphql`, and the request builders and parsers of `wikijs_graphql.requests`).
DOCUMENTED = ("wikijs_typed", "wikijs_graphql")


@pytest.fixture(scope="module")
def public() -> dict[str, object]:
    return surface()


def _home(obj: object) -> str:
    """The module that defines `obj` (for a property, its getter's)."""
    if isinstance(obj, property):
        obj = obj.fget
    elif isinstance(obj, functools.cached_property):
        obj = obj.func
    return str(getattr(obj, "__module__", ""))


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize("prefix", DOCUMENTED)
def test_public_names_have_complete_docstrings(public: dict[str, object], prefix: str) -> None:
    names = {path: obj for path, obj in public.items() if _under(_home(obj), prefix)}
    assert names, f"nothing public is defined under {prefix}: is the prefix right?"
    incomplete = {path: found for path, obj in names.items() if (found := problems(path, obj))}
    assert incomplete == {}


def test_every_public_name_of_the_project_is_checked(public: dict[str, object]) -> None:
    unchecked = {
        path
        for path, obj in public.items()
        if not any(_under(_home(obj), prefix) for prefix in DOCUMENTED)
    }
    # `CacheKey` is `str` under another name: Python documents it, not the project.
    assert unchecked == {"wikijs_typed.cache.CacheKey"}
    for path in (
        "wikijs_typed.WikiJSClient.pages",  # a cached property: its home is its getter's
        "wikijs_graphql.client.GraphQLClient.get_page",
        "wikijs_graphql.async_client.AsyncGraphQLClient.create_page",
        "wikijs_graphql.requests.get_page",
        "wikijs_graphql.requests.parse_create_page",
        "wikijs_typed._pipeline._async.engine.AsyncEngine.execute_many",
    ):
        assert path in public


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
