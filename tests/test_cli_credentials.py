"""Who a command acts as: one reading of the credentials for every command, `mcp` included."""

from __future__ import annotations

import argparse

import pytest

from wikijs_typed.auth import CredentialsAuth
from wikijs_typed.cli import build_parser
from wikijs_typed.cli._common import credentials
from wikijs_typed.exceptions import ConfigurationError

URL = "https://wiki.example.com"
ENVIRONMENT = ("WIKIJS_API_KEY", "WIKIJS_EMAIL", "WIKIJS_PASSWORD")


@pytest.fixture(autouse=True)
def no_credentials_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def parsed(*words: str) -> argparse.Namespace:
    return build_parser().parse_args(list(words))


def test_an_option_wins_over_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIKIJS_API_KEY", "from-the-environment")

    assert credentials(parsed("--api-key", "from-the-option", "pages", "get", "home"), URL) == (
        "from-the-option"
    )
    assert credentials(parsed("pages", "get", "home"), URL) == "from-the-environment"


def test_a_login_wins_over_an_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIKIJS_API_KEY", "a-key")
    monkeypatch.setenv("WIKIJS_PASSWORD", "pa55word")

    auth = credentials(parsed("--email", "ada@example.com", "pages", "get", "home"), URL)

    assert isinstance(auth, CredentialsAuth)
    assert auth.email == "ada@example.com"
    assert auth.base_url == URL


def test_mcp_takes_the_email_option_and_the_password_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WIKIJS_PASSWORD", "pa55word")

    auth = credentials(parsed("--email", "ada@example.com", "mcp"), URL)

    assert isinstance(auth, CredentialsAuth)
    assert auth.email == "ada@example.com"


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["pages", "get", "home"], "set WIKIJS_API_KEY"),
        (["mcp"], "set WIKIJS_API_KEY"),
        (
            ["--email", "ada@example.com", "pages", "get", "home"],
            "needs a password (WIKIJS_PASSWORD",
        ),
        (["--email", "ada@example.com", "mcp"], "needs a password (WIKIJS_PASSWORD"),
    ],
)
def test_missing_credentials_are_named(words: list[str], said: str) -> None:
    with pytest.raises(ConfigurationError, match=said.replace("(", r"\(")):
        credentials(parsed(*words), URL)
