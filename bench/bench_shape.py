"""What a content query's items cost to make and to shape the Wagtail way, per item.

Over the emulator (200 pages) and a MemoryCache that holds everything, for a listing of 20
with `fields=_,title`, a listing of 20 with the default fields, and a detail view (every
field, authors and parent): making the items from the pages already read (`PageItems.make`,
what an evaluation does once it has its window) and shaping them (`to_wagtail`), each timed
apart in ROUNDS rounds, the kinds taking turns; printed: the best round's microseconds per
item (the machine's noise only ever adds).

Run: `python -m bench shape`.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable

ROUNDS = 15
ITEMS_PER_ROUND = 2000
API_ROOT = "http://bench/api/v2"


def _per_item(work: Callable[[], object], items: int) -> float:
    runs = max(1, ITEMS_PER_ROUND // items)
    started = time.perf_counter()
    for _ in range(runs):
        work()
    return (time.perf_counter() - started) / runs / items * 1e6


async def _run() -> None:
    from wikijs_typed import AsyncWikiJSClient
    from wikijs_typed.cache import MemoryCache
    from wikijs_typed.query._items import Listing
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    for n in range(200):
        emulator.seed_page(f"bench/section-{n % 10}/page-{n}", f"Page {n}", f"Body {n}")
    async with AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=MemoryCache(max_size=10_000),
        transport=emulator.async_transport(),
    ) as client:
        pages = client.pages.query(None).max_limit(100)
        kinds = {
            "listing, _,title": (pages.from_params({"fields": "_,title", "limit": "20"}), 20),
            "listing, defaults": (pages.from_params({}), 20),
            "detail": (pages.from_params({}, view="detail"), 1),
        }
        work: dict[str, tuple[Callable[[], object], Callable[[], object], int]] = {}
        for name, (query, count) in kinds.items():
            view = "detail" if count == 1 else "listing"
            page_items = query._page_items(view)
            listed = (await client.pages.list())[10 : 10 + count]
            # The complete pages, as a detail view reads them (content, authors).
            rows = list((await client.pages.try_get_many([p.id for p in listed])).succeeded)
            by_path = {(p.locale, p.path): p for p in await client.pages.list()}
            listing = Listing(page_items.make(rows, by_path), 200)
            make = functools.partial(page_items.make, rows, by_path)
            work[name] = (make, functools.partial(listing.to_wagtail, API_ROOT), count)
        best: dict[str, list[float]] = {name: [float("inf")] * 2 for name in work}
        for _ in range(ROUNDS):
            for name, (make, shape, count) in work.items():
                best[name][0] = min(best[name][0], _per_item(make, count))
                best[name][1] = min(best[name][1], _per_item(shape, count))
        print(f"best of {ROUNDS} rounds, us per item")
        for name, (made, shaped) in best.items():
            print(
                f"  {name:18}  make {made:6.2f}   shape {shaped:6.2f}   both {made + shaped:6.2f}"
            )


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
