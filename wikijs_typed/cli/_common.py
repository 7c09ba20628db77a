"""What every command shares: exit codes, the connection options, the client they make."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from wikijs_typed.exceptions import (
    AuthenticationError,
    ConfigurationError,
    ForbiddenError,
    WikiJSError,
)

if TYPE_CHECKING:
    from wikijs_typed.auth import AuthHandler
    from wikijs_typed.client import WikiJSClient

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Parser",
    "UsageError",
    "add_connection_options",
    "command_name",
    "connect",
    "connected",
    "credentials",
    "fail",
    "missing_extra",
    "wiki_url",
]

EXIT_OK = 0  # everything was done
EXIT_FAILED = 1  # some items failed (each is reported), or a guard stopped the run
EXIT_USAGE = 2  # bad arguments or configuration: nothing was done
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT (128 + 2)
EXIT_CODES = (
    "Exit codes: 0 done; 1 failed, or some items failed (each is reported), or a guard"
    " refused the run; 2 bad usage or configuration, nothing done; 130 interrupted (Ctrl-C)."
)
# Wiki.js runs a request with an unknown API key as the Guest user instead of refusing it.
KEY_IGNORED = (
    "the wiki ignored the API key (Wiki.js runs requests with an unknown key as Guest):"
    " check WIKIJS_API_KEY or --api-key (Administration > API Access)"
)
# The longest wait for the login rate limit (Wiki.js counts 5 logins per minute).
LOGIN_WAIT = 61.0


class UsageError(SystemExit):
    """Bad arguments: argparse's exit (2), with its message kept for `--json`."""

    def __init__(self, message: str) -> None:
        super().__init__(EXIT_USAGE)
        self.message = message


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors can also be told as JSON (`UsageError`)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise UsageError(message)


def seconds_option(*, zero_allowed: bool = False) -> Callable[[str], float]:
    """An argparse `type` for a number of seconds: more than 0 (or 0 too, meaning "off")."""

    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
        if not (value > 0 or (zero_allowed and value == 0)):  # NaN is neither
            bound = "0 (off) or more" if zero_allowed else "more than 0 seconds"
            raise argparse.ArgumentTypeError(f"must be {bound}")
        return value

    return seconds


def command_name(args: argparse.Namespace) -> str:
    """`export`, `pages get`: the command as the user typed it, for messages."""
    sub = getattr(args, "pages_command", None) or getattr(args, "settings_command", None)
    return f"{args.command} {sub}" if sub else str(args.command)


def fail(command: str, message: str, code: int = EXIT_USAGE) -> int:
    """Say on stderr why `wikijs-typed COMMAND` stops, and return its exit code."""
    print(f"wikijs-typed {command}: {message}", file=sys.stderr)
    return code


def missing_extra(extra: str, exc: ImportError) -> int:
    print(
        f"this command needs the '{extra}' extra: pip install 'wikijs-typed[{extra}]' ({exc})",
        file=sys.stderr,
    )
    return EXIT_USAGE


def add_connection_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The options that say which wiki and who: accepted before the command and after it.

    On the subcommands their default is "not given", so that a value given before the
    command is not overwritten by the subcommand's own default.
    """

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group("connection")
    group.add_argument(
        "--url", default=default(None), help="the Wiki.js base URL (default: $WIKIJS_URL)"
    )
    group.add_argument(
        "--api-key",
        default=default(None),
        help="an API key (default: $WIKIJS_API_KEY); never printed",
    )
    group.add_argument(
        "--email",
        default=default(None),
        help="log in as this user instead of using an API key (default: $WIKIJS_EMAIL)",
    )
    group.add_argument(
        "--password",
        default=default(None),
        help="the password for --email (default: $WIKIJS_PASSWORD); never printed",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help="print only the result, as JSON (for scripts)",
    )
    output.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="no progress and no per-item lines; failures and the summary only",
    )


def _setting(args: argparse.Namespace, name: str, variable: str) -> str | None:
    value = getattr(args, name, None) or os.environ.get(variable)
    return value or None


def wiki_url(args: argparse.Namespace) -> str:
    """The wiki's base URL, normalized; ConfigurationError when none is given."""
    from wikijs_typed.utils import normalize_url

    url = _setting(args, "url", "WIKIJS_URL")
    if url is None:
        raise ConfigurationError("no wiki given: pass --url or set WIKIJS_URL")
    return normalize_url(url)


def credentials(args: argparse.Namespace, url: str) -> str | AuthHandler:
    """Who the command acts as: an API key, or a login, from the options or the environment.

    An option given wins over its environment variable (`--email` over WIKIJS_EMAIL, ...).
    A login (an e-mail) wins over an API key.

    Args:
        args: the parsed command line (its connection options may be absent).
        url: the wiki's base URL, where a login goes.

    Returns:
        The API key, or a `CredentialsAuth` that logs in at `url` on first use.

    Raises:
        ConfigurationError: when neither is given, or an e-mail comes without a password.
    """
    from wikijs_typed.auth import CredentialsAuth

    email = _setting(args, "email", "WIKIJS_EMAIL")
    if email is not None:
        password = _setting(args, "password", "WIKIJS_PASSWORD")
        if password is None:
            raise ConfigurationError(
                "an e-mail (--email or WIKIJS_EMAIL) needs a password (WIKIJS_PASSWORD or"
                " --password)"
            )
        return CredentialsAuth(email, password, base_url=url)
    key = _setting(args, "api_key", "WIKIJS_API_KEY")
    if key is None:
        raise ConfigurationError(
            "no credentials: set WIKIJS_API_KEY (or pass --api-key), or WIKIJS_EMAIL and"
            " WIKIJS_PASSWORD (or --email and --password)"
        )
    return key


def connect(args: argparse.Namespace) -> WikiJSClient:
    """The client the command works through (no cache: every run reads the wiki as it is).

    With --email, the login happens here: Wiki.js allows 5 logins a minute, and a run of
    several commands in a row can hit that, so a refused login is retried once after the
    wait the server asks for.
    """
    from wikijs_typed.client import WikiJSClient

    url = wiki_url(args)
    auth = credentials(args, url)
    client = WikiJSClient(url, auth)
    if isinstance(auth, str):
        return client
    try:
        _log_in(client)
    except BaseException:
        client.close()
        raise
    return client


def _log_in(client: WikiJSClient) -> None:
    from wikijs_typed.exceptions import RateLimitError

    try:
        client.test_connection()
    except RateLimitError as exc:
        wait = min(exc.retry_after or LOGIN_WAIT, LOGIN_WAIT)
        print(f"the wiki limits logins: waiting {wait:.0f} s", file=sys.stderr, flush=True)
        time.sleep(wait)
        client.test_connection()


@contextmanager
def connected(args: argparse.Namespace) -> Iterator[WikiJSClient]:
    """`connect(args)`, closed at the end.

    An API key the wiki took for Guest's is reported as such, not as whatever Guest was then
    refused.
    """
    with connect(args) as client:
        try:
            yield client
        except (AuthenticationError, ForbiddenError) as exc:
            if _setting(args, "email", "WIKIJS_EMAIL") is None and _runs_as_guest(client, exc):
                raise AuthenticationError(KEY_IGNORED) from exc
            raise


def _runs_as_guest(client: WikiJSClient, exc: Exception) -> bool:
    """Whether the key is unknown to the wiki (one more request, only after a refusal)."""
    if isinstance(exc, AuthenticationError):
        return True  # with a key, nothing else raises it: there is no login
    try:
        client.test_connection()
    except AuthenticationError:
        return True
    except WikiJSError:
        pass
    return False
