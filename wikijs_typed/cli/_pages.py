"""`pages query`, `pages get PATH` and `pages delete PATH...`."""

from __future__ import annotations

import argparse
import sys

from wikijs_typed._bulk.paths import split_locale
from wikijs_typed._bulk.report import Report, ReportEntry, plural, reason
from wikijs_typed.cli._common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_connection_options,
    command_name,
    connected,
    missing_extra,
)
from wikijs_typed.cli._output import Output
from wikijs_typed.cli._query import register as register_query
from wikijs_typed.exceptions import NotFoundError
from wikijs_typed.models import Page
from wikijs_typed.models._batch import BatchFailure

__all__ = ["register"]


def _address(text: str, default_locale: str) -> tuple[str, str]:
    """`en/docs/install`, `/docs/install` or `docs/install` as (locale, path)."""
    location = split_locale(text, default_locale)
    return location.locale, location.path


def _get(args: argparse.Namespace) -> int:
    output = Output(as_json=args.json, quiet=args.quiet)
    locale, path = _address(args.path, args.locale)
    with connected(args) as client:
        try:
            page = client.pages.get_by_path(path, locale)
        except NotFoundError:
            raise NotFoundError(f"not found: {locale}/{path} (no page at that path)") from None
    if args.json:
        output.data(page.model_dump(mode="json"))
        return EXIT_OK
    try:
        from wikijs_typed._bulk.pagefile import render
    except ImportError as exc:
        return missing_extra("cli", exc)
    text, _ = render(page, ".html" if page.content_type == "html" else ".md")
    output.line(text)
    return EXIT_OK


def _answer(question: str) -> str:
    """The user's answer; an empty one when the input ends (Ctrl-D)."""
    try:
        return input(question)
    except EOFError:
        print(file=sys.stderr)
        return ""


def _listed(pages: list[Page], output: Output) -> None:
    for page in pages:
        output.error(f"  #{page.id} {page.url_path} {page.title!r}")


def _delete(args: argparse.Namespace) -> int:
    output = Output(as_json=args.json, quiet=args.quiet)
    wanted = [_address(text, args.locale) for text in args.paths]
    report = Report(output)
    with connected(args) as client:
        listed = {(page.locale, page.path): page for page in client.pages.list()}
        found: list[Page] = []
        for locale, path in wanted:
            page = listed.get((locale, path))
            if page is None:
                report.add(ReportEntry("delete", f"{locale}/{path}", False, "no such page"))
            else:
                found.append(page)
        if found and not args.yes:
            _listed(found, output)
            if not sys.stdin.isatty():
                # Nobody to ask: refusing beats waiting forever on a pipe or a CI job.
                problem = "no terminal to confirm the deletion on; nothing deleted; pass --yes"
                return _stopped(args, output, report, problem, EXIT_USAGE)
            answer = _answer(f"delete {plural(len(found), 'page')}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                # Like apt and rclone: an operation the user called off did not happen (1).
                return _stopped(args, output, report, "nothing deleted", EXIT_FAILED)
        result = client.pages.try_delete_many([page.id for page in found])
    for page, outcome in zip(found, result.outcomes, strict=True):
        if isinstance(outcome, BatchFailure):
            why = reason(outcome.error)
            report.add(ReportEntry("delete", page.url_path.lstrip("/"), False, why))
        else:
            report.add(ReportEntry("delete", page.url_path.lstrip("/")))
    output.report(report)
    return EXIT_FAILED if report.failed else EXIT_OK


def _stopped(
    args: argparse.Namespace, output: Output, report: Report, problem: str, code: int
) -> int:
    """The deletion called off: why nothing was deleted.

    With --json, that is said in the one document, with the paths not found.
    """
    if output.as_json:
        output.report(report, error=problem)
    output.error(f"wikijs-typed {command_name(args)}: {problem}")
    return code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pages = commands.add_parser("pages", help="query, read or delete pages")
    pages_commands = pages.add_subparsers(dest="pages_command", required=True)
    register_query(pages_commands)

    get = pages_commands.add_parser("get", help="print a page as its export file (or --json)")
    get.add_argument("path", metavar="PATH", help="the page: docs/install or en/docs/install")
    get.add_argument("--locale", default="en", help="the locale when PATH has none (default: en)")
    add_connection_options(get, top=False)
    get.set_defaults(handler=_get)

    delete = pages_commands.add_parser(
        "delete",
        help="delete pages, after confirmation",
        description="Delete the pages, after listing them and asking (on a terminal; elsewhere"
        " --yes is needed). Answering anything but y deletes nothing and exits 1.",
        epilog=EXIT_CODES,
    )
    delete.add_argument("paths", nargs="+", metavar="PATH", help="the pages to delete")
    delete.add_argument(
        "--locale", default="en", help="the locale when a PATH has none (default: en)"
    )
    delete.add_argument("-y", "--yes", action="store_true", help="delete without asking")
    add_connection_options(delete, top=False)
    delete.set_defaults(handler=_delete)
