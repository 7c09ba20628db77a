"""Deriving the synchronous generated client from the asynchronous one.

ariadne-codegen generates one client per run. Rather than run it twice (and get two copies of
every result model), the async client is generated and its sync twin is made from its tokens:
`async def` becomes `def`, `await x` becomes `x`, and the async names are swapped for the sync
ones. Working on tokens leaves strings, comments and layout alone. httpcore keeps its sync and
async code in step the same way.
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass


@dataclass(frozen=True)
class SyncNames:
    module: str
    client: str
    base_module: str = "base_client"
    base_client: str = "BaseClient"


def derive_sync_client(async_source: str, *, async_client: str, names: SyncNames) -> str:
    """The sync client module's source (to be formatted) for the async client's source."""
    renames = {
        "AsyncBaseClient": names.base_client,
        "async_base_client": names.base_module,
        async_client: names.client,
    }
    tokens = list(tokenize.generate_tokens(io.StringIO(async_source).readline))
    kept: list[tokenize.TokenInfo] = []
    for index, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string in ("async", "await"):
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            # `async def`, `async with`, `async for` and `await expr` lose the keyword.
            if following is not None and following.type == tokenize.NAME:
                continue
            if token.string == "await":
                continue
        renamed = renames.get(token.string) if token.type == tokenize.NAME else None
        kept.append(token._replace(string=renamed) if renamed else token)
    # untokenize in "compat" mode keeps the code valid; ruff restores the layout afterwards.
    return tokenize.untokenize((t.type, t.string) for t in kept)
