"""`pages query`, `pages get PATH` and `pages delete PATH...`."""

from __future__ import annotations

import argparse
import sys

from wikijs_typed.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_connection_options,
    connect,
    missing_extra,
)
from wikijs_typed.cli.output import Output
from wikijs_typed.cli.query import register as register_query
from wikijs_typed.models import Page
from wikijs_typed.models.batch import BatchFailure
from wikijs_typed.sync.paths import split_locale
from wikijs_typed.sync.report import Item, Report

__all__ = ["register"]


def _address(text: str, default_locale: str) -> tuple[str, str]:
    """`en/docs/install`, `/docs/install` or `docs/install` as (locale, path)."""
    location = split_locale(text, default_locale)
    return location.locale, location.path


def _get(args: argparse.Namespace) -> int:
    output = Output(as_json=args.json, quiet=args.quiet)
    locale, path = _address(args.path, args.locale)
    with connect(args) as client:
        page = client.pages.get_by_path(path, locale)
    if args.json:
        output.data(page.model_dump(mode="json"))
        return EXIT_OK
    try:
        from wikijs_typed.sync.pagefile import render
    except ImportError as exc:
        return missing_extra("cli", exc)
    text, _ = render(page, ".html" if page.content_type == "html" else ".md")
    output.line(text)
    return EXIT_OK


def _confirmed(pages: list[Page], output: Output) -> bool:
    for page in pages:
        output.error(f"  #{page.id} {page.url_path} {page.title!r}")
    if not sys.stdin.isatty():
        output.error("not deleting without confirmation: pass --yes")
        return False
    answer = input(f"delete these {len(pages)} page(s)? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _delete(args: argparse.Namespace) -> int:
    output = Output(as_json=args.json, quiet=args.quiet)
    wanted = [_address(text, args.locale) for text in args.paths]
    report = Report(output)
    with connect(args) as client:
        listed = {(page.locale, page.path): page for page in client.pages.list()}
        found: list[Page] = []
        for locale, path in wanted:
            page = listed.get((locale, path))
            if page is None:
                report.add(Item("delete", f"{locale}/{path}", False, "no such page"))
            else:
                found.append(page)
        if found and not args.yes and not _confirmed(found, output):
            return EXIT_USAGE
        result = client.pages.try_delete_many([page.id for page in found])
    for page, outcome in zip(found, result.outcomes, strict=True):
        if isinstance(outcome, BatchFailure):
            reason = f"{type(outcome.error).__name__}: {outcome.error}"
            report.add(Item("delete", page.url_path.lstrip("/"), False, reason))
        else:
            report.add(Item("delete", page.url_path.lstrip("/")))
    output.report(report)
    return EXIT_FAILED if report.failed else EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pages = commands.add_parser("pages", help="query, read or delete pages")
    pages_commands = pages.add_subparsers(dest="pages_command", required=True)
    register_query(pages_commands)

    get = pages_commands.add_parser("get", help="print a page as its export file (or --json)")
    get.add_argument("path", metavar="PATH", help="the page: docs/install or en/docs/install")
    get.add_argument("--locale", default="en", help="the locale when PATH has none (default: en)")
    add_connection_options(get, top=False)
    get.set_defaults(handler=_get)

    delete = pages_commands.add_parser("delete", help="delete pages, after confirmation")
    delete.add_argument("paths", nargs="+", metavar="PATH", help="the pages to delete")
    delete.add_argument(
        "--locale", default="en", help="the locale when a PATH has none (default: en)"
    )
    delete.add_argument("-y", "--yes", action="store_true", help="delete without asking")
    add_connection_options(delete, top=False)
    delete.set_defaults(handler=_delete)
