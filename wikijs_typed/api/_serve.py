"""`wikijs-typed api --wiki-url URL --port 8000`: the content API under uvicorn.

The key is read from WIKIJS_API_KEY only, so that it appears in no command line, no process
listing and no log. With several workers each one is configured from the environment
(`create_app` as uvicorn's factory); a RedisCache (`--redis-url`) then gives them one cache.
The command line (cli/content_api.py) checks the key, the wiki, the audience and the port
before this runs.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

__all__ = ["serve"]

EXIT_INTERRUPTED = 130


class _Stopped(Exception):
    """Ctrl-C or SIGTERM arrived: uvicorn has shut down gracefully and passes the signal on."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_stop_signal(signum: int, frame: FrameType | None) -> None:
    raise _Stopped(signum)


def serve(
    *,
    wiki_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    redis_url: str | None = None,
    public_url: str | None = None,
    audience: str | None = None,
    access_log: bool = True,
    log_level: str = "info",
) -> int:
    """Serve until Ctrl-C (returns 130) or SIGTERM (0)."""
    import uvicorn

    if audience:
        os.environ["WIKIJS_API_AUDIENCE"] = audience
    os.environ["WIKIJS_URL"] = wiki_url
    if redis_url:
        os.environ["WIKIJS_REDIS_URL"] = redis_url
    if public_url:
        os.environ["WIKIJS_PUBLIC_URL"] = public_url
    # uvicorn shuts down on a signal, then raises it again under the handler it found. With
    # Python's own Ctrl-C handler, asyncio would take that second one and may swallow it.
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, _on_stop_signal) for sig in stop_signals}
    try:
        uvicorn.run(
            "wikijs_typed.api:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            # uvicorn's own header names the server; the key is never in a header either way.
            server_header=False,
            access_log=access_log,
            log_level=log_level,
        )
    except _Stopped as stopped:
        return EXIT_INTERRUPTED if stopped.signum == signal.SIGINT else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
