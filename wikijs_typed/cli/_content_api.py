"""`wikijs-typed api`: serve the read-only, Wagtail-compatible content API over a Wiki.js.

The Wiki.js key comes from WIKIJS_API_KEY only (never an option: command lines show up in
process listings and shell histories). Needs the `api` extra.

Before uvicorn starts (once, however many workers), the command checks what a user can get
wrong: the key, the wiki's address, the port. Each problem is one line that names the URL or
the address and what to do, with exit code 2.
"""

from __future__ import annotations

import argparse
import os
import re
from typing import TYPE_CHECKING

from wikijs_typed.cli._common import fail, missing_extra, seconds_option
from wikijs_typed.cli._listen import add_listen_options, cannot_listen, check_can_listen
from wikijs_typed.exceptions import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    WikiJSConnectionError,
    WikiJSError,
    WikiJSTimeoutError,
)

if TYPE_CHECKING:
    from wikijs_typed.api._settings import ApiSettings

__all__ = ["register", "wiki_problem"]

_KEY_HELP = "Administration > API Access; for `wikijs-typed emulator`, the key it prints"


def _connection_reason(exc: WikiJSConnectionError) -> str:
    # httpx's own words for it ("[Errno 111] Connection refused"), without the number.
    cause = str(exc.__cause__ or exc)
    return re.sub(r"^\[Errno -?\d+\]\s*", "", cause).lower() or "no connection"


def wiki_problem(url: str, api_key: str) -> str | None:
    """What stops the content API from reading the wiki at `url` with `api_key`, if anything.

    Said as one line naming the URL and what to do; None when the wiki answers and knows the key.
    """
    from wikijs_typed.client import WikiJSClient

    try:
        with WikiJSClient(url, api_key) as wiki:
            wiki.test_connection()
    except AuthenticationError:
        return (
            f"{url} rejected the key in WIKIJS_API_KEY (Wiki.js ran the request as Guest):"
            f" check the key and that the API is enabled ({_KEY_HELP})"
        )
    except WikiJSTimeoutError:
        return f"{url} did not answer in time; is Wiki.js running there?"
    except WikiJSConnectionError as exc:
        return f"cannot reach {url}: {_connection_reason(exc)}; is Wiki.js running there?"
    except APIError as exc:
        status = f"HTTP {exc.status_code}" if exc.status_code else "no GraphQL answer"
        return (
            f"{url} is not a Wiki.js ({status} from {url.rstrip('/')}/graphql):"
            " give the wiki's base address with --wiki-url or WIKIJS_URL"
        )
    except (ConfigurationError, WikiJSError) as exc:
        return f"cannot use {url}: {exc}"
    return None


def _api(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.api._audience import audience_problem
        from wikijs_typed.api._serve import serve
        from wikijs_typed.api._settings import ApiSettings
    except ImportError as exc:
        return missing_extra("api", exc)
    if getattr(args, "api_key", None) or getattr(args, "email", None):
        return fail("api", "the key comes from WIKIJS_API_KEY only")
    wiki_url = args.wiki_url or getattr(args, "url", None) or os.environ.get("WIKIJS_URL")
    if not wiki_url:
        return fail("api", "give --wiki-url (or set WIKIJS_URL)")
    api_key = os.environ.get("WIKIJS_API_KEY")
    if not api_key:
        return fail("api", f"set WIKIJS_API_KEY to an API key of {wiki_url} ({_KEY_HELP})")
    if args.cache_ttl is not None:
        os.environ["WIKIJS_CACHE_TTL"] = str(args.cache_ttl)
    if args.poll_interval is not None:
        os.environ["WIKIJS_POLL_INTERVAL"] = str(args.poll_interval)
    if args.audience:
        os.environ["WIKIJS_API_AUDIENCE"] = args.audience
    settings = ApiSettings.from_env()  # a bad WIKIJS_API_* value: ConfigurationError, exit 2
    try:
        port = check_can_listen(args.host, args.port)
    except OSError as error:
        return fail("api", cannot_listen(args.host, args.port, error))
    problem = wiki_problem(wiki_url, api_key) or audience_problem(
        wiki_url, api_key, settings.audience
    )
    if problem is not None:
        return fail("api", problem)
    print(
        f"content API over {wiki_url} on http://{args.host}:{port}/api/v2/pages/"
        f" ({_freshness(settings)})",
        flush=True,
    )
    return serve(
        wiki_url=wiki_url,
        host=args.host,
        port=port,
        workers=args.workers,
        redis_url=args.redis_url,
        public_url=args.public_url,
        audience=args.audience,
        access_log=args.access_log,
        log_level=args.log_level,
    )


def _freshness(settings: ApiSettings) -> str:
    if settings.poll_interval > 0:
        return (
            f"edits on the wiki are served within {settings.poll_interval:g} s;"
            f" answers are kept at most {settings.cache_ttl:g} s"
        )
    return f"the wiki's answers are cached {settings.cache_ttl:g} s"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `api` command to the console script's subcommands."""
    api = commands.add_parser(
        "api",
        help="serve the read-only Wagtail-style content API (key from $WIKIJS_API_KEY)",
        description="Serve /api/v2/pages/, /api/v2/images/ and /api/v2/documents/ over a Wiki.js,"
        " read with the API key in $WIKIJS_API_KEY. The key and the wiki are checked first.",
        epilog="Exit codes: 0 stopped (SIGTERM), 2 bad usage or configuration: no key, a key the"
        " wiki rejects, a wiki that cannot be reached or is not a Wiki.js, a port in use;"
        " 130 interrupted (Ctrl-C).",
    )
    api.add_argument("--wiki-url", help="the Wiki.js to read (default: --url or $WIKIJS_URL)")
    add_listen_options(api, port=8000)
    api.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes (default: %(default)s)"
    )
    api.add_argument(
        "--cache-ttl",
        type=seconds_option(),
        metavar="SECONDS",
        help="how long the wiki's answers are cached; Cache-Control's max-age never exceeds it"
        " (default: $WIKIJS_CACHE_TTL, else 300)",
    )
    api.add_argument(
        "--poll-interval",
        type=seconds_option(zero_allowed=True),
        metavar="SECONDS",
        help="how often the wiki is asked what changed, so that edits made on the wiki are"
        " served within that time; 0 turns it off (default: $WIKIJS_POLL_INTERVAL, else 10)",
    )
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
