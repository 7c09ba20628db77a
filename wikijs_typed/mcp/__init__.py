"""An MCP (Model Context Protocol) server over Wiki.js: `wikijs-typed mcp`, see docs/mcp.md.

Needs the `mcp` extra. `build_server(client, settings)` makes the server; the tools' logic is
in `tools.py`, what the server allows in `settings.py`.
"""

from __future__ import annotations

from wikijs_typed.mcp.server import build_server
from wikijs_typed.mcp.settings import McpSettings, WritePrefix

__all__ = ["McpSettings", "WritePrefix", "build_server"]
