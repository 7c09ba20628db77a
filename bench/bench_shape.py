"""What a content query's items cost to make and to shape the Wagtail way, per item.

Over the emulator (200 pages) and a MemoryCache that holds everything, for a listing of 20
with `fields=_,title`, a listing of 20 with the default fields, and a detail view (every
field, authors and parent), from the pages already read (what an evaluation has once it has
its window): making the items (`PageItems.make`) and shaping them (`to_wagtail`), timed
apart, and the shapes made straight from the pages (`PageItems.shape`, what the content API's
`fetch_wagtail` and `detail_wagtail` do), in ROUNDS rounds, the kinds taking turns; printed:
the best round's microseconds per item (the machine's noise only ever adds).

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
        work: dict[str, tuple[Callable[[], object], ...]] = {}
        counts: dict[str, int] = {}
        for name, (query, count) in kinds.items():
            view = "detail" if count == 1 else "listing"
            page_items = query._page_items(view)
            listed = (await client.pages.list())[10 : 10 + count]
            # The complete pages, as a detail view reads them (content, authors).
            rows = list((await client.pages.try_get_many([p.id for p in listed])).succeeded)
            by_path = {(p.locale, p.path): p for p in await client.pages.list()}
            listing = Listing(page_items.make(rows, by_path), 200)
            work[name] = (
                functools.partial(page_items.make, rows, by_path),
                functools.partial(listing.to_wagtail, API_ROOT),
                functools.partial(page_items.shape, rows, by_path, API_ROOT),
            )
            counts[name] = count
        best: dict[str, list[float]] = {name: [float("inf")] * 3 for name in work}
        for _ in range(ROUNDS):
            for name, steps in work.items():
                for n, step in enumerate(steps):
                    best[name][n] = min(best[name][n], _per_item(step, counts[name]))
        print(f"best of {ROUNDS} rounds, us per item")
        for name, (made, shaped, straight) in best.items():
            print(
                f"  {name:18}  items: make {made:6.2f} + shape {shaped:6.2f}"
                f" = {made + shaped:6.2f}   straight from the pages {straight:6.2f}"
            )


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
