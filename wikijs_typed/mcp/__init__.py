"""An MCP (Model Context Protocol) server over Wiki.js: `wikijs-typed mcp`, see docs/mcp.md.

`build_server(client, settings)` makes the server (it needs the `mcp` extra, imported only
then); `McpSettings` says what the server allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports

if TYPE_CHECKING:
    from wikijs_typed.mcp._server import build_server
    from wikijs_typed.mcp._settings import McpSettings, WritePrefix

__all__ = ["McpSettings", "WritePrefix", "build_server"]

_HOMES = {
    "McpSettings": "wikijs_typed.mcp._settings",
    "WritePrefix": "wikijs_typed.mcp._settings",
    "build_server": "wikijs_typed.mcp._server",
}

if not TYPE_CHECKING:
    # Out of type checkers' sight, which see the imports above instead (see wikijs_typed._lazy).
    __getattr__ = lazy_exports(__name__, _HOMES)
