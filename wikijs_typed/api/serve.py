"""`wikijs-typed api --wiki-url URL --port 8000`: the content API under uvicorn.

The key is read from WIKIJS_API_KEY only, so that it appears in no command line, no process
listing and no log. With several workers each one is configured from the environment
(`create_app` as uvicorn's factory); a RedisCache (`--redis-url`) then gives them one cache.
"""

from __future__ import annotations

import os
import sys

__all__ = ["serve"]


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
    import uvicorn

    from wikijs_typed.api.audience import audience_problem

    key = os.environ.get("WIKIJS_API_KEY")
    if not key:
        print("wikijs-typed api: set WIKIJS_API_KEY to the wiki's API key", file=sys.stderr)
        return 2
    if audience:
        os.environ["WIKIJS_API_AUDIENCE"] = audience
    problem = audience_problem(wiki_url, key, os.environ.get("WIKIJS_API_AUDIENCE") or "guests")
    if problem:
        print(f"wikijs-typed api: {problem}", file=sys.stderr)
        return 2
    os.environ["WIKIJS_URL"] = wiki_url
    if redis_url:
        os.environ["WIKIJS_REDIS_URL"] = redis_url
    if public_url:
        os.environ["WIKIJS_PUBLIC_URL"] = public_url
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
    return 0
