"""A user's own test suite, using only the plugin's fixtures and the public client."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
from wikijs_typed.exceptions import NotFoundError
import pytest


def test_page_round_trip(wikijs_client, wikijs_emulator):
    page_id = wikijs_emulator.seed_page("docs/intro", "Intro", "# Hello", tags=["docs"])
    page = wikijs_client.pages.get(page_id)
    assert page.title == "Intro"
    assert len(wikijs_emulator.requests) >= 1


def test_missing_page(wikijs_client):
    with pytest.raises(NotFoundError):
        wikijs_client.pages.get(4242)


async def test_async_client(async_wikijs_client, wikijs_emulator):
    wikijs_emulator.seed_page("a/b", "B")
    pages = await async_wikijs_client.pages.list()
    assert [p.path for p in pages] == ["a/b"]


def test_each_test_gets_a_fresh_wiki(wikijs_emulator):
    assert wikijs_emulator.wiki.db.pages.by_id() == []
"""


def test_a_users_suite_runs_on_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_plugin_imports_nothing_from_the_testing_extra() -> None:
    probe = (
        "import sys, wikijs_typed.testing.pytest_plugin\n"
        "heavy = ('ariadne', 'graphql', 'markdown_it', 'jwt', 'python_multipart')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""
