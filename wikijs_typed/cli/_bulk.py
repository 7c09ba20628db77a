"""`export DIR`, `import DIR` and `sync DIR`: a wiki to a folder of page files and back.

The work itself is `wikijs_typed._bulk`; this module only turns options into its arguments
and its report into output and an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from wikijs_typed._bulk.report import reason
from wikijs_typed.cli._common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_connection_options,
    command_name,
    connected,
    missing_extra,
    seconds_option,
    wiki_url,
)
from wikijs_typed.cli._failures import stop
from wikijs_typed.cli._output import Output
from wikijs_typed.exceptions import WikiJSError

if TYPE_CHECKING:
    from wikijs_typed._bulk.export import ExportOptions
    from wikijs_typed.client import WikiJSClient

__all__ = ["register"]


def _output(args: argparse.Namespace) -> Output:
    return Output(as_json=args.json, quiet=args.quiet)


def _export(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed._bulk.export import ExportOptions, export_wiki
    except ImportError as exc:
        return missing_extra("cli", exc)
    options = ExportOptions(
        url=wiki_url(args),
        other_wiki=args.other_wiki,
        assets=args.assets,
        overwrite=args.on_conflict == "overwrite",
        locale=args.locale,
    )
    unusable = _unusable_target(args.directory)
    if unusable is not None:
        return stop(args, unusable, EXIT_USAGE)
    if args.watch:
        return _export_and_watch(args, options)
    with connected(args) as client, _output(args) as output:
        report = export_wiki(client, args.directory, options, output)
    output.report(report, directory=str(args.directory))
    return EXIT_FAILED if report.failed else EXIT_OK


def _export_and_watch(args: argparse.Namespace, options: ExportOptions) -> int:
    """Export, then again whenever the wiki changes, until Ctrl-C (exit 130, as every command).

    Every `--interval` seconds the wiki is asked what changed (one request when nothing did).
    Each export saves the state file atomically, so it is consistent whenever this stops.
    """
    from wikijs_typed._bulk.export import export_wiki

    with connected(args) as client, _output(args) as output:
        # The token is taken before the export, so an edit made during it is seen next turn.
        token = client.changes(assets=options.assets).token
        while True:
            report = export_wiki(client, args.directory, options, output)
            output.report(report, directory=str(args.directory))
            token = _wait_for_changes(client, token, args.interval, options.assets)


def _wait_for_changes(client: WikiJSClient, token: str, interval: float, assets: bool) -> str:
    """The token of the first poll that finds a change.

    A poll that fails is said in one line on stderr and tried again at the next interval.
    """
    while True:
        time.sleep(interval)
        try:
            changes = client.changes(since=token, assets=assets)
        except WikiJSError as exc:
            print(f"asking the wiki what changed failed ({exc}); trying again", file=sys.stderr)
            continue
        if changes:
            return changes.token
        token = changes.token


def _import(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed._bulk.apply import import_folder
        from wikijs_typed._bulk.plan import ImportOptions, PlanRefusedError
    except ImportError as exc:
        return missing_extra("cli", exc)
    options = ImportOptions(
        url=wiki_url(args),
        default_locale=args.locale,
        on_conflict=args.on_conflict,
        prune=args.prune,
        max_delete=args.max_delete,
        other_wiki=args.other_wiki,
    )
    unreadable = _unreadable_source(args.directory)
    if unreadable is not None:
        return stop(args, unreadable, EXIT_USAGE)
    refusal: str | None = None
    with connected(args) as client, _output(args) as output:
        try:
            report = import_folder(
                client,
                args.directory,
                options,
                dry_run=args.dry_run,
                assets=args.assets,
                listener=output,
            )
        except PlanRefusedError as refused:
            if refused.report is None:
                raise
            report, refusal = refused.report, str(refused)
    if refusal is None:
        output.report(report, directory=str(args.directory))
        return EXIT_FAILED if report.failed else EXIT_OK
    # What it would have done (all of it in a dry run), then why it did not.
    if report.dry_run or output.as_json:
        output.report(report, directory=str(args.directory), error=refusal)
    output.error(f"wikijs-typed {command_name(args)}: {refusal}")
    return EXIT_FAILED


def _unusable_target(directory: Path) -> str | None:
    """Why `export` cannot write into `directory`, if it cannot.

    Checked (and the folder made) before any request, so that a wrong path fails at once and not
    once per page.
    """
    if directory.exists() and not directory.is_dir():
        return f"{directory} is a file, not a folder; give a folder (it is made if missing)"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make the folder {directory}: {reason(exc)}"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"{directory}: permission denied; choose a folder you can write to"
    return None


def _unreadable_source(directory: Path) -> str | None:
    """Why `import` cannot read `directory`, before any request."""
    if not directory.exists():
        return f"{directory} does not exist; give the folder of page files to import"
    if not directory.is_dir():
        return f"{directory} is a file, not a folder; give the folder of page files to import"
    if not os.access(directory, os.R_OK | os.X_OK):
        return f"{directory}: permission denied; the folder must be readable"
    return None


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _folder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", type=Path, metavar="DIR", help="the folder of page files")
    parser.add_argument(
        "--other-wiki",
        action="store_true",
        help="use a folder last synced with another wiki URL (its records are dropped)",
    )
    add_connection_options(parser, top=False)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write every page to DIR/<locale>/<path>.md (incremental, resumable)",
        description="Export every page as a file with Wiki.js's front matter. A state file"
        " in DIR makes the next export read only the pages changed since.",
        epilog=EXIT_CODES,
    )
    _folder_options(export)
    export.add_argument("--assets", action="store_true", help="also download the assets, by folder")
    export.add_argument("--locale", help="only the pages of this locale (default: all)")
    export.add_argument(
        "--on-conflict",
        choices=["skip", "overwrite"],
        default="skip",
        help="a file edited in DIR whose page also changed: keep the file (skip, the"
        " default) or replace it with the page (overwrite)",
    )
    export.add_argument(
        "--watch",
        action="store_true",
        help="after the export, keep DIR current: ask the wiki what changed every --interval"
        " seconds and write only that, until Ctrl-C",
    )
    export.add_argument(
        "--interval",
        type=seconds_option(),
        default=10.0,
        metavar="S",
        help="seconds between two questions to the wiki with --watch (default: %(default)s)",
    )
    export.set_defaults(handler=_export)

    for name, summary in (
        ("import", "create or update the pages of the files in DIR"),
        ("sync", "the same as import"),
    ):
        command = commands.add_parser(
            name,
            help=summary,
            description="Create or update a page for every .md and .html file in DIR: files"
            " of an export, of Wiki.js's own disk storage, or plain Markdown (the title is"
            " then the first heading). A second run with nothing changed writes nothing.",
            epilog=EXIT_CODES,
        )
        _folder_options(command)
        command.add_argument(
            "--dry-run",
            action="store_true",
            help="print the plan (create, update, move, delete, unchanged) and change nothing",
        )
        command.add_argument(
            "--on-conflict",
            choices=["skip", "overwrite", "fail"],
            default="skip",
            help="a page changed on the wiki since its file was synced, and the file too:"
            " leave the page (skip, the default, each one reported), overwrite it, or stop"
            " before writing anything (fail)",
        )
        command.add_argument(
            "--prune", action="store_true", help="delete the pages that have no file in DIR"
        )
        command.add_argument(
            "--assets",
            action="store_true",
            help="also upload DIR's other files as assets, into folders by their path",
        )
        command.add_argument(
            "--max-delete",
            type=_non_negative,
            default=10,
            metavar="N",
            help="with --prune, stop before writing anything if more than N pages would be"
            " deleted (default: 10)",
        )
        command.add_argument(
            "--locale",
            default="en",
            help="the locale of files outside a locale folder (default: en)",
        )
        command.set_defaults(handler=_import)
