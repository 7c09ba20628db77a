"""A user's own test suite, using only the plugin's fixtures and the public client."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from wikijs_typed.testing.pytest_plugin import NEEDS_PYTEST_ASYNCIO

pytest_plugins = ["pytester"]

# The README's examples as CI's user suite runs them from the installed package (.ci/packaging).
README_EXAMPLES = ROOT / ".ci" / "user_suite" / "test_readme_examples.py"

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


@pytest.mark.asyncio
async def test_async_client(async_wikijs_client, wikijs_emulator):
    wikijs_emulator.seed_page("a/b", "B")
    pages = await async_wikijs_client.pages.list()
    assert [p.path for p in pages] == ["a/b"]


def test_each_test_gets_a_fresh_wiki(wikijs_emulator):
    assert wikijs_emulator.wiki.db.pages.by_id() == []
"""


def test_a_users_suite_runs_on_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    # pytest-asyncio's default strict mode (the loop scope set only to keep its warning quiet here).
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def _user_suite(pytester: pytest.Pytester) -> None:
    """The README's examples in an empty folder with an empty configuration: pytest's defaults."""
    pytester.makepyfile(test_readme_examples=README_EXAMPLES.read_text())
    pytester.makeini("[pytest]\n")


def test_the_readme_examples_pass_in_strict_mode(pytester: pytest.Pytester) -> None:
    _user_suite(pytester)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=60)
    result.stdout.re_match_lines([r"asyncio: mode=(Mode\.)?(?i:strict)\b.*"])
    result.assert_outcomes(passed=2)


@pytest.mark.parametrize("pytest_asyncio", ["disabled", "not installed"])
def test_without_pytest_asyncio_the_sync_fixtures_work_and_the_async_one_says_why_not(
    pytester: pytest.Pytester, pytest_asyncio: str
) -> None:
    _user_suite(pytester)
    if pytest_asyncio == "not installed":
        # Shadows the real package (the test folder comes first on the path): importing it fails.
        pytester.makepyfile(pytest_asyncio="raise ImportError('No module named pytest_asyncio')")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:asyncio", timeout=60)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at setup of test_publishing_async*", NEEDS_PYTEST_ASYNCIO])


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
