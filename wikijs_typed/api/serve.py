"""`wikijs-typed api --wiki-url URL --port 8000`: the content API under uvicorn.

The key is read from WIKIJS_API_KEY only, so that it appears in no command line, no process
listing and no log. With several workers each one is configured from the environment
(`create_app` as uvicorn's factory); a RedisCache (`--redis-url`) then gives them one cache.
The command line (cli/content_api.py) checks the key, the wiki and the port before this runs.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

__all__ = ["serve"]

EXIT_INTERRUPTED = 130


class _Terminated(Exception):
    """SIGTERM arrived: uvicorn has shut down gracefully and passes the signal on."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def serve(
    *,
    wiki_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    redis_url: str | None = None,
    public_url: str | None = None,
) -> int:
    """Serve until Ctrl-C (returns 130) or SIGTERM (0)."""
    import uvicorn

    os.environ["WIKIJS_URL"] = wiki_url
    if redis_url:
        os.environ["WIKIJS_REDIS_URL"] = redis_url
    if public_url:
        os.environ["WIKIJS_PUBLIC_URL"] = public_url
    # uvicorn shuts down on a signal, then raises it again under the handler it found: Ctrl-C
    # comes back as KeyboardInterrupt, SIGTERM to this handler.
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        uvicorn.run(
            "wikijs_typed.api:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            # uvicorn's own header names the server; the key is never in a header either way.
            server_header=False,
        )
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except _Terminated:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0
