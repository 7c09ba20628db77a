"""Making synchronous code from asynchronous code, token by token.

The project keeps two pairs of twins this way, the way httpcore keeps its halves in step:
- ariadne-codegen generates one client per run; rather than run it twice (and get two copies of
  every result model), the async client is generated and the plugin derives the sync one
  (`derive_sync_client`);
- the hand-written resources and facade are written once, as async code, and
  `python -m tools.sync_twins` derives their sync twins.

`async def`, `async with` and `async for` lose `async`, `await x` becomes `x`, and names are
renamed (`AsyncEngine` → `SyncEngine`, ...). Only those tokens change, in place: comments,
strings and layout are left alone, except a string that is just a name (as in `__all__`), which
is renamed like the name. The result is then formatted by ruff, as every file in the tree is.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Callable
from dataclasses import dataclass

Edit = tuple[tuple[int, int], tuple[int, int], str]


def _edits(source: str, rename: Callable[[str], str]) -> list[Edit]:
    """(start, end, replacement) for every token that changes, in source order."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    edits: list[Edit] = []
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING and token.string[1:-1].isidentifier():
            quote, name = token.string[0], token.string[1:-1]
            if rename(name) != name:
                edits.append((token.start, token.end, f"{quote}{rename(name)}{quote}"))
            continue
        if token.type != tokenize.NAME:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.string in ("async", "await") and following is not None:
            # Drop the keyword and the space after it: `await x` → `x`.
            edits.append((token.start, following.start, ""))
            continue
        if rename(token.string) != token.string:
            edits.append((token.start, token.end, rename(token.string)))
    return edits


def unasync_source(source: str, rename: Callable[[str], str]) -> str:
    """The sync twin of an async module's source (before import sorting and formatting)."""
    lines = source.splitlines(keepends=True)
    # Apply from the end so earlier positions stay valid.
    for (start_row, start_col), (end_row, end_col), text in reversed(_edits(source, rename)):
        first, last = lines[start_row - 1], lines[end_row - 1]
        lines[start_row - 1 : end_row] = [first[:start_col] + text + last[end_col:]]
    return "".join(lines)


@dataclass(frozen=True)
class SyncNames:
    module: str
    client: str
    base_module: str = "base_client"
    base_client: str = "BaseClient"


def derive_sync_client(async_source: str, *, async_client: str, names: SyncNames) -> str:
    """The generated sync client module's source (to be formatted) from the async one's."""
    renames = {
        "AsyncBaseClient": names.base_client,
        "async_base_client": names.base_module,
        async_client: names.client,
    }
    return unasync_source(async_source, lambda name: renames.get(name, name))
