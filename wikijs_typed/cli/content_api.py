"""`wikijs-typed api`: serve the read-only, Wagtail-compatible content API over a Wiki.js.

The Wiki.js key comes from WIKIJS_API_KEY only (never an option: command lines show up in
process listings and shell histories). Needs the `api` extra.
"""

from __future__ import annotations

import argparse
import os
import sys

from wikijs_typed.cli.common import EXIT_USAGE, missing_extra

__all__ = ["register"]


def _api(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.api.serve import serve
    except ImportError as exc:
        return missing_extra("api", exc)
    if getattr(args, "api_key", None) or getattr(args, "email", None):
        print("wikijs-typed api: the key comes from WIKIJS_API_KEY only", file=sys.stderr)
        return EXIT_USAGE
    wiki_url = args.wiki_url or getattr(args, "url", None) or os.environ.get("WIKIJS_URL")
    if not wiki_url:
        print("wikijs-typed api: give --wiki-url (or set WIKIJS_URL)", file=sys.stderr)
        return EXIT_USAGE
    return serve(
        wiki_url=wiki_url,
        host=args.host,
        port=args.port,
        workers=args.workers,
        redis_url=args.redis_url,
        public_url=args.public_url,
        audience=args.audience,
        access_log=args.access_log,
        log_level=args.log_level,
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `api` command to the console script's subcommands."""
    api = commands.add_parser(
        "api",
        help="serve the read-only Wagtail-style content API (key from $WIKIJS_API_KEY)",
    )
    api.add_argument("--wiki-url", help="the Wiki.js to read (default: --url or $WIKIJS_URL)")
    api.add_argument("--host", default="127.0.0.1", help="address to listen on")
    api.add_argument("--port", type=int, default=8000, help="port to listen on")
    api.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    api.add_argument("--redis-url", help="one shared cache for every worker (default: in memory)")
    api.add_argument(
        "--public-url",
        help="the wiki's address as readers know it, for html_url (default: --wiki-url)",
    )
    api.add_argument(
        "--audience",
        help="whose view to serve: guests (default: what an anonymous visitor may read), "
        "group:NAME (a group's, by name or id) or key (everything the key reads) "
        "(default: $WIKIJS_API_AUDIENCE or guests)",
    )
    api.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="log every request (uvicorn's access log; default: on)",
    )
    api.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug", "trace"],
        help="uvicorn's log level (default: info)",
    )
    api.set_defaults(handler=_api)
