"""Keeping renewed tokens out of httpcore's DEBUG logs.

httpcore logs response headers at DEBUG, and Wiki.js sends a renewed user JWT in a response
header (`new-jwt`, or `Set-Cookie: jwt=...`). A filter on httpcore's loggers blanks them out.
"""

from __future__ import annotations

import logging
import re

_HTTP_LOGGERS = ("httpcore.http11", "httpcore.http2", "httpcore.proxy", "httpcore.socks")
# A pattern, not a compiled regex: `re` compiles it on first use (and keeps it), not at import.
_TOKEN_IN_LOG = r"(?i)(b?'new-jwt',\s*b?')[^']*(')|(jwt=)[^;'\"\s]*"


def _blank(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}<redacted>{match.group(2)}"
    return f"{match.group(3)}<redacted>"


class _RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "jwt" in record.msg.lower():
            record.msg = re.sub(_TOKEN_IN_LOG, _blank, record.msg)
        return True


def redact_tokens_in_http_logs() -> None:
    """Add the token filter to httpcore's loggers (once: a second call changes nothing)."""
    for name in _HTTP_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactTokens) for f in logger.filters):
            logger.addFilter(_RedactTokens())
