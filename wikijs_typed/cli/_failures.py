"""What the user reads when a command stops, and the exit code that goes with it.

One line says what failed, on what, and what to do. Only a real bug reaches the user as a
traceback: every failure a user can cause (a wrong URL or key, a missing or unwritable
folder, Ctrl-C) ends here.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys

from wikijs_typed._bulk.report import reason
from wikijs_typed.cli._common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    command_name,
)
from wikijs_typed.exceptions import (
    AuthenticationError,
    ConfigurationError,
    ValidationError,
    WikiJSConnectionError,
    WikiJSError,
    WikiJSTimeoutError,
)

__all__ = ["explain", "interrupted", "stop"]

# What to do about a file system error, by its errno.
_OS_ADVICE = {
    errno.EACCES: "check its permissions",
    errno.EPERM: "check its permissions",
    errno.ENOSPC: "free some disk space",
    errno.EROFS: "choose a folder on a writable disk",
    errno.ENAMETOOLONG: "choose a shorter folder path",
    errno.ENOTDIR: "a file is in the way of a folder there",
    errno.ENOENT: "check the path",
}


def explain(error: WikiJSError | OSError) -> tuple[str, int]:
    """The one line for a failure that stopped the command, and its exit code."""
    if isinstance(error, WikiJSConnectionError):
        return f"{error}; is Wiki.js running there? (set WIKIJS_URL or --url)", EXIT_FAILED
    if isinstance(error, WikiJSTimeoutError):
        return f"{error}; try again, or check WIKIJS_URL or --url", EXIT_FAILED
    if isinstance(error, ConfigurationError | AuthenticationError | ValidationError):
        return str(error), EXIT_USAGE
    if isinstance(error, OSError):  # after WikiJSConnectionError, an OSError too
        return _file_problem(error), EXIT_FAILED
    return reason(error), EXIT_FAILED


def _file_problem(error: OSError) -> str:
    where = error.filename if error.filename is not None else "a file"
    advice = _OS_ADVICE.get(error.errno or 0)
    return f"{where}: {reason(error)}" + (f"; {advice}" if advice else "")


def interrupted(args: argparse.Namespace) -> tuple[str, int]:
    """Ctrl-C: what was kept, and how to go on."""
    if getattr(args, "directory", None) is not None:
        return (
            "interrupted; what was done so far is recorded in the folder's state file:"
            " run the same command again to continue",
            EXIT_INTERRUPTED,
        )
    return "interrupted", EXIT_INTERRUPTED


def stop(args: argparse.Namespace, message: str, code: int) -> int:
    """Say why the command stopped and return its exit code.

    With --json, the reason is also the one JSON document.
    """
    print(f"wikijs-typed {command_name(args)}: {message}", file=sys.stderr, flush=True)
    if getattr(args, "json", False):
        print(json.dumps({"error": message}, ensure_ascii=False), flush=True)
    return code
