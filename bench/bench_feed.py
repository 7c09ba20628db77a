"""Freshness at a bounded cost: requests to Wiki.js per minute with the content API under load,
polling the change feed, against a short TTL that gives the same freshness; and the time from
an edit made on the wiki to the API serving it.

Everything runs in one process (the emulator, the API over ASGI, the load), so the numbers
count requests rather than measure a network: for each mode, after one warm-up read of every
URL, CLIENTS concurrent readers fetch a mix of listings and page details (PAGES pages) for
SECONDS seconds, while an editor changes a page on the wiki every 3 s. Printed: the API's
request rate, Wiki.js requests per minute, and for the watcher the delay from an edit to its
first appearance in the API over EDITS edits (p50/p99), with the interval used.

Run: `python -m bench feed` (BENCH_FEED_SECONDS=60 for the full minute; BENCH_FEED_INTERVAL for
the freshness wanted, 10 s by default; the edit delays use BENCH_FEED_EDIT_INTERVAL, 1 s).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import httpx

from bench._env import env_number, env_positive

if TYPE_CHECKING:
    from wikijs_typed import AsyncWikiJSClient
    from wikijs_typed.testing import WikiJSEmulator

PAGES = env_number("BENCH_FEED_PAGES", 200)
SECONDS = env_positive("BENCH_FEED_SECONDS", 20.0)
INTERVAL = env_positive("BENCH_FEED_INTERVAL", 10.0)
EDIT_INTERVAL = env_positive("BENCH_FEED_EDIT_INTERVAL", 1.0)
EDITS = env_number("BENCH_FEED_EDITS", 50)
CLIENTS = 16
HOST = "http://api.bench"


def _emulator(pages: int) -> tuple[WikiJSEmulator, list[int]]:
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    ids = [
        emulator.seed_page(f"bench/section-{n % 10}/page-{n}", f"Page {n}", f"Body {n}")
        for n in range(pages)
    ]
    return emulator, ids


@asynccontextmanager
async def _api(
    emulator: WikiJSEmulator, *, poll: float, ttl: float
) -> AsyncIterator[httpx.AsyncClient]:
    from wikijs_typed import AsyncWikiJSClient
    from wikijs_typed.api import ApiSettings, create_app
    from wikijs_typed.cache import MemoryCache

    client = AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=MemoryCache(ttl=ttl, max_size=10_000),
        transport=emulator.async_transport(),
    )
    app = create_app(client, settings=ApiSettings(poll_interval=poll, cache_ttl=ttl))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=HOST) as http:
            yield http
    await client.close()


def _urls(ids: list[int]) -> list[str]:
    listings = [f"/api/v2/pages/?fields=title&limit=20&offset={n}" for n in range(0, 200, 20)]
    return listings + [f"/api/v2/pages/{page_id}/" for page_id in ids]


async def _load(http: httpx.AsyncClient, urls: list[str], until: float) -> int:
    served = 0

    async def reader(seed: int) -> None:
        nonlocal served
        chooser = random.Random(seed)
        while time.monotonic() < until:
            await http.get(chooser.choice(urls))
            served += 1
            # An answer from the cache never waits for I/O: without this the readers would
            # keep the event loop to themselves, and the watcher and the editor would not run.
            await asyncio.sleep(0)

    await asyncio.gather(*(reader(n) for n in range(CLIENTS)))
    return served


async def _editor(emulator: WikiJSEmulator, ids: list[int], until: float) -> None:
    from wikijs_typed import AsyncWikiJSClient

    async with AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.async_transport()
    ) as editor:
        n = 0
        while time.monotonic() < until:
            await asyncio.sleep(3)
            n += 1
            await _edit(editor, ids, n % len(ids), f"Edited {n}")


async def _edit(editor: AsyncWikiJSClient, ids: list[int], n: int, title: str) -> None:
    """One edit as the wiki's editor sends it: a single `pages.update` with the whole page
    (the seeded one's fields), so that the count of the API's requests can leave it out."""
    await editor.graphql.update_page(
        id=ids[n],
        title=title,
        content=f"Body {n}",
        description="",
        editor="markdown",
        is_published=True,
        is_private=False,
        locale="en",
        path=f"bench/section-{n % 10}/page-{n}",
        tags=[],
    )


async def _cost(name: str, *, poll: float, ttl: float) -> None:
    emulator, ids = _emulator(PAGES)
    async with _api(emulator, poll=poll, ttl=ttl) as http:
        urls = _urls(ids)
        for url in urls:  # warm: the steady state is what costs the wiki every minute
            await http.get(url)
        until = time.monotonic() + SECONDS
        emulator.requests.clear()
        started = time.monotonic()
        served, _ = await asyncio.gather(_load(http, urls, until), _editor(emulator, ids, until))
        elapsed = time.monotonic() - started
        # The API's requests: the editor's updates are not its cost.
        sent = [r for r in emulator.requests if "UpdatePage" not in r.operation_names]
    # The client sends reads made at the same moment as one request: count both.
    operations = sum(request.batch_size for request in sent)
    print(
        f"  {name}: API {served / elapsed:5.0f} requests/s; Wiki.js"
        f" {len(sent) / elapsed * 60:6.0f} HTTP requests, {operations / elapsed * 60:6.0f}"
        " operations per minute"
    )


async def _edit_delays() -> list[float]:
    """Seconds from each edit on the wiki to the API serving it."""
    from wikijs_typed import AsyncWikiJSClient

    emulator, ids = _emulator(20)
    delays: list[float] = []
    async with (
        _api(emulator, poll=EDIT_INTERVAL, ttl=300) as http,
        AsyncWikiJSClient(
            emulator.base_url,
            emulator.api_key,
            transport=emulator.async_transport(),
        ) as editor,
    ):
        for n in range(EDITS):
            page = ids[n % len(ids)]
            await http.get(f"/api/v2/pages/{page}/")  # cached before the edit
            await asyncio.sleep(random.uniform(0, EDIT_INTERVAL))  # edits land anywhere in a turn
            title = f"Edit {n}"
            await _edit(editor, ids, n % len(ids), title)
            edited = time.monotonic()
            while (await http.get(f"/api/v2/pages/{page}/")).json()["title"] != title:
                await asyncio.sleep(0.005)
            delays.append(time.monotonic() - edited)
    return delays


def main() -> None:
    print(
        f"{CLIENTS} readers for {SECONDS:g} s over {PAGES} pages (listings and details),"
        f" an edit on the wiki every 3 s; freshness wanted: {INTERVAL:g} s"
    )
    asyncio.run(_cost(f"watcher, poll every {INTERVAL:g} s, TTL 300 s", poll=INTERVAL, ttl=300))
    asyncio.run(_cost(f"no watcher, TTL {INTERVAL:g} s", poll=0, ttl=INTERVAL))
    delays = asyncio.run(_edit_delays())
    cuts = statistics.quantiles(delays, n=100)
    print(
        f"  edit to served, poll every {EDIT_INTERVAL:g} s, {len(delays)} edits:"
        f" p50 {cuts[49]:.2f} s, p99 {cuts[98]:.2f} s, max {max(delays):.2f} s"
    )


if __name__ == "__main__":
    main()
