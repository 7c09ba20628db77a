"""`pages query`: the content query (`client.pages.query()`) from the command line.

Wagtail's parameters are options of the same names; the result is printed as a table or,
with `--json`, in Wagtail's JSON shape. The parameters go to the query as strings, exactly
as the content API receives them, so the same checks and the same messages apply.
"""

from __future__ import annotations

import argparse

from wikijs_typed._bulk.report import plural
from wikijs_typed.cli._common import EXIT_OK, add_connection_options, connected, wiki_url
from wikijs_typed.cli._output import Output
from wikijs_typed.exceptions import ValidationError

__all__ = ["join_dash_values", "register"]

# Options whose value may start with "-" (`--order -title`, `--fields -body`), which argparse
# would otherwise take for an option of its own.
_DASH_VALUES = ("--order", "--fields")

_TREE = ("child_of", "descendant_of", "ancestor_of")
# Option name, Wagtail parameter, help.
_PARAMETERS = (
    ("--order", "order", "order by a field, -field for descending, or random"),
    ("--fields", "fields", "the fields to show, in Wagtail's grammar (e.g. _,title,tags)"),
    (
        "--child-of",
        "child_of",
        "only the pages one level below this page or folder: an id, a path without the locale"
        " (docs/guides), or root",
    ),
    ("--descendant-of", "descendant_of", "only the pages anywhere below it (id, path or root)"),
    ("--ancestor-of", "ancestor_of", "only the pages above this page (id or path)"),
    ("--search", "search", "full-text search terms"),
    ("--search-operator", "search_operator", "and (every term, the default) or or"),
    ("--limit", "limit", "at most this many items (default 20)"),
    ("--offset", "offset", "skip this many items"),
    ("--type", "type", "the item type (only wikijs.Page exists)"),
)


def join_dash_values(argv: list[str]) -> list[str]:
    """`--order -title` as `--order=-title`, so that argparse reads it as the value."""
    joined: list[str] = []
    words = iter(argv)
    for word in words:
        if word in _DASH_VALUES:
            value = next(words, None)
            if value is None:
                joined.append(word)
            elif value.startswith("-") and not value.startswith("--"):
                joined.append(f"{word}={value}")
            else:
                joined.extend([word, value])
        else:
            joined.append(word)
    return joined


def _params(args: argparse.Namespace) -> dict[str, str]:
    params: dict[str, str] = {}
    for _, name, _ in _PARAMETERS:
        value = getattr(args, name)
        if value is not None:
            params[name] = value
    for exact in args.filter:
        field, equals, value = exact.partition("=")
        if not equals or not field:
            raise ValidationError(f"--filter takes FIELD=VALUE, not {exact!r}", field="filter")
        params[field] = value
    return params


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _table(rows: list[dict[str, object]], output: Output) -> None:
    if not rows:
        return
    columns = list(rows[0])
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    output.line("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        output.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _query(args: argparse.Namespace) -> int:
    output = Output(as_json=args.json, quiet=args.quiet)
    params = _params(args)
    # Wagtail's parameters take only ids for the tree; the query's own methods also take paths
    # (a folder with no page of its own too) and root, with no read to look a path up.
    tree = {name: params.pop(name) for name in _TREE if name in params}
    with connected(args) as client:
        query = client.pages.query().from_params(params)
        for relation, page in tree.items():
            query = getattr(query, relation)(int(page) if page.isdigit() else page)
        listing = query.fetch()
    if args.json:
        output.data(listing.to_wagtail(wiki_url(args)))
        return EXIT_OK
    _table([item.to_dict() for item in listing.items], output)
    output.line(f"{len(listing.items)} of {plural(listing.total_count, 'page')}")
    return EXIT_OK


def register(pages_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    query = pages_commands.add_parser(
        "query",
        help="list pages with the Wagtail API's parameters",
        description="Query pages the way Wagtail's API v2 does: filters, tree, search,"
        " order, fields and windows.",
    )
    for option, name, summary in _PARAMETERS:
        query.add_argument(option, dest=name, metavar="VALUE", help=summary)
    query.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="an exact-match filter on any field, e.g. tags=guide or locale=en (repeatable)",
    )
    add_connection_options(query, top=False)
    query.set_defaults(handler=_query)
