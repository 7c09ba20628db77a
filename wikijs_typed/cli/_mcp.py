"""`wikijs-typed mcp`: serve the wiki to assistants over the Model Context Protocol.

Over stdio (what desktop assistants and editors start) or streamable HTTP (`--http`). The
wiki and its credentials come from WIKIJS_URL and WIKIJS_API_KEY (or WIKIJS_EMAIL and
WIKIJS_PASSWORD), never from a secret on the command line, which process listings show.
The server checks the wiki and the key before it serves. Needs the `mcp` extra.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from wikijs_typed.cli._common import EXIT_OK, credentials, fail, missing_extra, wiki_url
from wikijs_typed.cli._listen import add_listen_options, cannot_listen, check_can_listen

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from wikijs_typed.client import AsyncWikiJSClient

    ServerFactory = Callable[[AsyncWikiJSClient], MCPServer]

__all__ = ["register"]

DEFAULT_CACHE_TTL = 60.0


async def _serve(args: argparse.Namespace, url: str, make_server: ServerFactory, port: int) -> int:
    from wikijs_typed.cache import MemoryCache
    from wikijs_typed.client import AsyncWikiJSClient

    async with AsyncWikiJSClient(
        url, credentials(args, url), cache=MemoryCache(ttl=args.cache_ttl)
    ) as client:
        # A wrong key or address is said now, in one line, not at the assistant's first call.
        await client.test_connection()
        server = make_server(client)
        if not args.http:
            await server.run_stdio_async()
            return EXIT_OK
        print(f"MCP server for {url} on http://{args.host}:{port}/mcp", flush=True)
        await server.run_streamable_http_async(host=args.host, port=port)
    return EXIT_OK


def _mcp(args: argparse.Namespace) -> int:
    try:
        import anyio

        from wikijs_typed.mcp import McpSettings, build_server  # the SDK, or ImportError
    except ImportError as exc:
        return missing_extra("mcp", exc)
    if getattr(args, "api_key", None) or getattr(args, "password", None):
        return fail(
            "mcp",
            "give the key in WIKIJS_API_KEY (or the password in WIKIJS_PASSWORD), not on the"
            " command line, which other users can see",
        )
    if not args.cache_ttl > 0:
        return fail("mcp", "--cache-ttl must be more than 0 seconds")
    settings = McpSettings.of(
        allow_writes=args.allow_writes,
        write_paths=args.write_path,
        max_content_chars=args.max_content_chars,
        max_results=args.max_results,
    )
    url = wiki_url(args)
    port = args.port
    if args.http:
        try:
            port = check_can_listen(args.host, args.port)
        except OSError as error:
            return fail("mcp", cannot_listen(args.host, args.port, error))
    # stdout may be the protocol's channel: whatever is logged goes to stderr, warnings only
    # (the SDK would otherwise log every request).
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
    code: int = anyio.run(_serve, args, url, partial(build_server, settings=settings), port)
    return code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `mcp` command to the console script's subcommands."""
    from wikijs_typed.mcp._settings import DEFAULT_MAX_CONTENT_CHARS, DEFAULT_MAX_RESULTS

    mcp = commands.add_parser(
        "mcp",
        help="serve the wiki to assistants over the Model Context Protocol (stdio or HTTP)",
        description="An MCP server over the Wiki.js in $WIKIJS_URL, acting as the user of"
        " $WIKIJS_API_KEY (or $WIKIJS_EMAIL/$WIKIJS_PASSWORD). Read-only unless --allow-writes,"
        " and then only under the --write-path prefixes.",
        epilog="Exit codes: 0 the client closed the session (or SIGTERM); 1 the wiki cannot be"
        " reached; 2 bad usage or configuration (no key, a key the wiki rejects, bad settings,"
        " a port in use); 130 interrupted (Ctrl-C).",
    )
    mcp.add_argument(
        "--allow-writes",
        action="store_true",
        help="offer create, update, move and delete (only under --write-path)",
    )
    mcp.add_argument(
        "--write-path",
        action="append",
        default=[],
        metavar="PREFIX",
        help="a path prefix writes may touch, e.g. docs/drafts or en/docs; `/` for the whole"
        " wiki (repeatable)",
    )
    mcp.add_argument(
        "--max-content-chars",
        type=int,
        default=DEFAULT_MAX_CONTENT_CHARS,
        metavar="N",
        help="cut a page's content at N characters, with a note (default: %(default)s)",
    )
    mcp.add_argument(
        "--max-results",
        type=int,
        default=DEFAULT_MAX_RESULTS,
        metavar="N",
        help="the largest limit a tool accepts (default: %(default)s)",
    )
    mcp.add_argument(
        "--cache-ttl",
        type=float,
        default=DEFAULT_CACHE_TTL,
        metavar="SECONDS",
        help="how long reads are cached; the server's own writes clear what they change"
        " (default: %(default)s)",
    )
    mcp.add_argument(
        "--http", action="store_true", help="serve streamable HTTP at /mcp instead of stdio"
    )
    add_listen_options(mcp, port=8765)
    mcp.set_defaults(handler=_mcp)
