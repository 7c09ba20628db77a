"""An async request over real HTTP tries no import that fails.

httpcore asks sniffio which event loop runs, several times per request; when sniffio is not
installed, each ask is a failed import that searches sys.path again (a third of a fast
request). The package depends on sniffio so that the ask is a dictionary lookup.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType

import pytest

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed.testing import WikiJSEmulator


class _ImportSpy(importlib.abc.MetaPathFinder):
    """Records every module name the import system is asked to find from now on."""

    def __init__(self) -> None:
        self.searched: list[str] = []

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        self.searched.append(fullname)
        return None  # the finders after this one do the finding


@pytest.fixture
def import_spy() -> Iterator[_ImportSpy]:
    spy = _ImportSpy()
    sys.meta_path.insert(0, spy)
    try:
        yield spy
    finally:
        sys.meta_path.remove(spy)


@pytest.mark.asyncio
async def test_async_requests_search_for_no_module(import_spy: _ImportSpy) -> None:
    emulator = WikiJSEmulator()
    ids = [emulator.seed_page(f"docs/page-{n}", f"Page {n}", "# Page\n") for n in range(3)]
    with emulator.serve() as url:
        async with AsyncWikiJSClient(url, emulator.api_key) as client:
            await client.pages.get(ids[0])  # the first request may import what it needs
            import_spy.searched.clear()
            await client.pages.get(ids[1])
            await client.pages.get_many(ids)
    assert import_spy.searched == []
