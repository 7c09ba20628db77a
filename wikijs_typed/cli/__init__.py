"""The `wikijs-typed` console script.

    wikijs-typed export DIR          every page to DIR/<locale>/<path>.md, incrementally
    wikijs-typed import DIR          the files of DIR to the wiki (also: sync DIR)
    wikijs-typed pages query         pages by Wagtail's API parameters (a table or --json)
    wikijs-typed pages get|delete    single pages
    wikijs-typed schema pull|diff    pin the Wiki.js schema, compare it with a server's
    wikijs-typed generate            generate the typed client
    wikijs-typed emulator            serve the Wiki.js emulator over HTTP
    wikijs-typed demo                a tour of the client
    wikijs-typed api                 serve the read-only Wagtail-style content API
    wikijs-typed mcp                 serve the wiki to assistants (Model Context Protocol)
    wikijs-typed settings export|apply  the wiki's settings as a YAML file

Exit codes: 0 done; 1 failed, or some items failed (each one is reported), or a guard refused
the run; 2 bad usage or configuration, nothing done; 130 interrupted (Ctrl-C).
The bulk commands need the `cli` extra, schema and generate the `codegen` extra, the emulator
the `testing` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from wikijs_typed._version import __version__
from wikijs_typed.cli import _bulk as bulk
from wikijs_typed.cli import _content_api as content_api
from wikijs_typed.cli import _mcp as mcp
from wikijs_typed.cli import _pages as pages
from wikijs_typed.cli import _query as query
from wikijs_typed.cli import _settings as settings
from wikijs_typed.cli import _tooling as tooling
from wikijs_typed.cli._common import EXIT_CODES, Parser, UsageError, add_connection_options
from wikijs_typed.cli._failures import explain, interrupted, stop
from wikijs_typed.exceptions import WikiJSError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of the whole command line, every subcommand registered.

    Each parsed subcommand carries its `handler`, the function that runs it; `main` calls it.

    Returns:
        The parser; its usage errors raise UsageError (a SystemExit with code 2) after
        printing the usage to stderr.
    """
    parser: argparse.ArgumentParser = Parser(
        prog="wikijs-typed",
        description="A typed Wiki.js client's command line: bulk export and import, tooling.",
        epilog=EXIT_CODES,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="print the version"
    )
    add_connection_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    bulk.register(commands)
    pages.register(commands)
    tooling.register(commands)
    content_api.register(commands)
    mcp.register(commands)
    settings.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `wikijs-typed` command, as the console script does.

    A Wiki.js or file-system failure is reported as a message (plain, or JSON with `--json`),
    not a traceback.

    Args:
        argv: The words after the program name; None reads them from `sys.argv`.

    Returns:
        The exit code: 0 done; 1 failed, some items failed, or a guard refused the run;
        2 bad configuration; 130 interrupted (Ctrl-C).

    Raises:
        SystemExit: Bad usage (code 2, and with `--json` the message is also printed as a
            JSON object on stdout), or `--help`/`--version` (code 0).
    """
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(query.join_dash_values(words))
    except UsageError as exc:
        if "--json" in words:
            print(json.dumps({"error": exc.message}, ensure_ascii=False), flush=True)
        raise
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return stop(args, *interrupted(args))
    except (WikiJSError, OSError) as exc:
        # Anything else is a bug in this tool: its traceback is what to report.
        return stop(args, *explain(exc))
    return code
