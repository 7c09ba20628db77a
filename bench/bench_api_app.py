"""What a hot content API request costs the app itself, in process, with and without the memo.

No HTTP and no server: the ASGI app is called directly, over the emulator (BENCH_API_PAGES
pages, 30 images and 30 documents, no latency) and a MemoryCache that holds everything, so
what is timed is the API's own work for a request it can answer from the cache: checking that
what it keeps is current, evaluating the query, shaping and rendering the JSON. Two apps on
one client, one with the rendered-response memo off and one with it, take turns in ROUNDS
rounds of BATCH requests per kind of request; printed: the median microseconds per request of
each and their ratio (how much the memo still saves; 1x: nothing).

Run: `python -m bench api_app`.
"""

from __future__ import annotations

import asyncio
import statistics
import struct
import time
import zlib

from starlette.types import ASGIApp, Message

from bench._env import env_number

PAGES = env_number("BENCH_API_PAGES", 200)
ROUNDS = 15
BATCH = 200


# The asset endpoints, over ASSETS images and as many documents.
ASSETS = 30
ASSET_REQUESTS = {
    "images": "/api/v2/images/",
    "images, every field": "/api/v2/images/?fields=*",
    "documents": "/api/v2/documents/",
}


def _png(width: int, height: int) -> bytes:
    """The smallest PNG a size reader reads: the signature and the header chunk."""
    header = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + header + struct.pack(">I", zlib.crc32(header))
    return b"\x89PNG\r\n\x1a\n" + chunk


def _requests(first_page: int) -> dict[str, str]:
    return {
        "listing, 1 field": "/api/v2/pages/?fields=_,title&limit=20",
        "listing, defaults": "/api/v2/pages/",
        "listing, every field": "/api/v2/pages/?fields=*&limit=20",
        "detail": f"/api/v2/pages/{first_page}/",
        "ordered": "/api/v2/pages/?type=wikijs.Page&order=-title",
        "search": "/api/v2/pages/?search=page",
        "descendant_of": "/api/v2/pages/?descendant_of=root&offset=40&limit=10",
    }


async def _get(app: ASGIApp, url: str) -> int:
    """Answer one GET and give its status (the body is made and dropped)."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"bench")],
        "server": ("bench", 80),
        "client": ("127.0.0.1", 1),
    }
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _per_request(app: ASGIApp, url: str) -> float:
    started = time.perf_counter()
    for _ in range(BATCH):
        await _get(app, url)
    return (time.perf_counter() - started) / BATCH


async def _run() -> None:
    from wikijs_typed import AsyncWikiJSClient
    from wikijs_typed.api import ApiSettings, create_app
    from wikijs_typed.cache import MemoryCache
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    ids = [
        emulator.seed_page(f"bench/section-{n % 10}/page-{n}", f"Page {n}", f"Body {n}")
        for n in range(PAGES)
    ]
    async with AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=MemoryCache(max_size=10_000),
        transport=emulator.async_transport(),
    ) as client:
        for n in range(ASSETS):
            await client.assets.upload(_png(10 + n, 10), filename=f"image-{n}.png")
            await client.assets.upload(b"%PDF-1.4 bench", filename=f"document-{n}.pdf")
        apps = {
            "memo off": create_app(client, settings=ApiSettings(memo_seconds=0)),
            "memo on": create_app(client, settings=ApiSettings()),
        }
        print(f"{PAGES} pages, guests; median us per request over {ROUNDS} rounds of {BATCH}")
        for name, url in {**_requests(ids[0]), **ASSET_REQUESTS}.items():
            for app in apps.values():
                for _ in range(3):  # cold, then the first request made from the cache
                    status = await _get(app, url)
                    if status != 200:
                        raise RuntimeError(f"GET {url} answered {status}")
            times: dict[str, list[float]] = {label: [] for label in apps}
            for _ in range(ROUNDS):
                for label, app in apps.items():
                    times[label].append(await _per_request(app, url))
            off, on = (statistics.median(times[label]) * 1e6 for label in apps)
            print(f"  {name:18}  memo off {off:7.1f} us   memo on {on:6.1f} us   {off / on:5.1f}x")


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
