"""`wikijs-typed demo`: a short tour of the client.

Without settings it runs on the built-in emulator, in-process. With `WIKIJS_URL` and
`WIKIJS_API_KEY` it runs on that Wiki.js instead, under its own path prefix
(`wikijs-typed-demo/<timestamp>/`), and deletes what it created before it ends.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO

import httpx

from wikijs_typed.cache import MemoryCache
from wikijs_typed.client import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.exceptions import DuplicatePathError, WikiJSError
from wikijs_typed.models import Page, PageCreate, PageUpdate

__all__ = ["run_demo"]

WELCOME = """# Welcome

This page was written by the **wikijs-typed** demo.

## Reading it back

```bash
# not a heading: a comment inside a code block
pip install wikijs-typed
```

## Cleaning up

The demo deletes its pages when it ends.
"""


@dataclass
class Counter:
    """Counts the HTTP requests a client sends (an httpx event hook)."""

    sent: int = 0

    def __call__(self, request: httpx.Request) -> None:
        self.sent += 1

    async def async_hook(self, request: httpx.Request) -> None:
        self.sent += 1


@dataclass
class Target:
    """Where the demo runs: the emulator, or a real Wiki.js from the environment."""

    base_url: str
    api_key: str
    prefix: str
    description: str
    transport: Callable[[], httpx.BaseTransport | None] = lambda: None
    async_transport: Callable[[], httpx.AsyncBaseTransport | None] = lambda: None
    created: list[int] = field(default_factory=list)


def _target() -> Target:
    url, key = os.environ.get("WIKIJS_URL"), os.environ.get("WIKIJS_API_KEY")
    if url and key:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        return Target(url, key, f"wikijs-typed-demo/{stamp}", f"the Wiki.js at {url}")
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    return Target(
        emulator.base_url,
        emulator.api_key,
        "demo",
        "the built-in Wiki.js emulator (set WIKIJS_URL and WIKIJS_API_KEY for a real one)",
        transport=emulator.transport,
        async_transport=emulator.async_transport,
    )


class Tour:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.step = 0

    def say(self, text: str) -> None:
        print(f"   {text}", file=self.out)

    @contextmanager
    def section(self, title: str) -> Iterator[None]:
        self.step += 1
        print(f"\n{self.step}. {title}", file=self.out)
        started = time.perf_counter()
        yield
        self.say(f"({(time.perf_counter() - started) * 1000:.1f} ms)")


def _describe(page: Page) -> str:
    tags = ", ".join(sorted(page.tags)) or "no tags"
    return f"#{page.id} {page.path} {page.title!r} [{tags}]"


def _sync_tour(tour: Tour, target: Target, cache: MemoryCache, requests: Counter) -> None:
    http = httpx.Client(transport=target.transport(), event_hooks={"request": [requests]})
    with WikiJSClient(target.base_url, target.api_key, cache=cache, http_client=http) as client:
        with tour.section("Connect"):
            client.test_connection()
            profile = client.users.profile()
            tour.say(f"connected as {profile.name} <{profile.email}>")

        with tour.section("Create a page (returns the complete stored page)"):
            page = client.pages.create(
                PageCreate(
                    title="Getting Started",
                    path=f"{target.prefix}/getting-started",
                    content=WELCOME,
                    description="Written by the demo",
                    tags=["Demo", "Guide"],
                )
            )
            target.created.append(page.id)
            tour.say(f"created {_describe(page)}")
            tour.say(f"headings: {page.extract_headings()} (the code block's `#` line is not one)")
            tour.say(f"{page.word_count} words, about {page.reading_time} min to read")

        with tour.section("Update only the title (everything else is kept)"):
            updated = client.pages.update(page.id, PageUpdate(title="Getting Started, Again"))
            same = updated.content == page.content and updated.tags == page.tags
            tour.say(f"now {updated.title!r}; content, tags and publication unchanged: {same}")

        with tour.section("Batch: create three pages, then read them in one request"):
            batch = client.pages.create_many(
                [
                    PageCreate(
                        title=f"Demo page {n}",
                        path=f"{target.prefix}/batch-{n}",
                        content=f"Page {n} of the batch.",
                        tags=["demo", f"batch-{n}"],
                    )
                    for n in range(1, 4)
                ]
            )
            target.created.extend(p.id for p in batch)
            cache.clear()  # create_many read the pages back: start cold to show the batching
            before = requests.sent
            pages = client.pages.get_many([p.id for p in batch])
            tour.say(f"created {', '.join(f'#{p.id}' for p in batch)}")
            sent = requests.sent - before
            tour.say(f"get_many read {len(pages)} complete pages in {sent} HTTP request(s)")

        with tour.section("List and search"):
            listed = client.pages.list(tags=["demo"], order_by="title", limit=3)
            for item in listed:
                tour.say(f"listed {_describe(item)}")
            found = client.pages.search("Getting Started")
            tour.say(f"search found ids {[p.id for p in found]} (integers, as they should be)")

        with tour.section("Content query: Wagtail's listings over Wiki.js"):
            query = (
                client.pages.query()
                .descendant_of(target.prefix)
                .filter(tags=["demo"])
                .order_by("-title")
                .fields("_", "title", "slug")
            )
            before = requests.sent
            listing = query[0:2]
            titles = [f"{item.title} ({item.slug})" for item in listing.items]
            tour.say(
                f"{listing.total_count} pages below {target.prefix}/ match; first two: {titles}"
            )
            plan = query.explain()
            tour.say(
                f"{requests.sent - before} HTTP request(s); on the server: {'; '.join(plan.server)}"
            )

        with tour.section("Cache: reads are kept until a write makes them stale"):
            cache.clear()
            before = requests.sent
            for _ in range(3):
                client.pages.get(page.id)
            stats = cache.get_stats()
            tour.say(f"3 reads of page #{page.id} sent {requests.sent - before} request(s)")
            tour.say(f"hits {stats['hits']}, misses {stats['misses']}, rate {stats['hit_rate']}")

        with tour.section("A failure, typed"):
            try:
                client.pages.create(
                    PageCreate(title="Twin", path=page.path, content="Same path again")
                )
            except DuplicatePathError as exc:
                tour.say(f"DuplicatePathError: errorCode {exc.error_code}, slug {exc.slug}")


async def _async_tour(tour: Tour, target: Target, requests: Counter) -> None:
    http = httpx.AsyncClient(
        transport=target.async_transport(), event_hooks={"request": [requests.async_hook]}
    )
    async with AsyncWikiJSClient(target.base_url, target.api_key, http_client=http) as client:
        with tour.section("The same with AsyncWikiJSClient: concurrent reads share requests"):
            before = requests.sent
            pages = await asyncio.gather(*(client.pages.get(i) for i in target.created))
            tour.say(f"{len(pages)} concurrent gets sent {requests.sent - before} HTTP request(s)")
        await http.aclose()


def _clean_up(tour: Tour, target: Target) -> None:
    http = httpx.Client(transport=target.transport())
    with (
        WikiJSClient(target.base_url, target.api_key, http_client=http) as client,
        tour.section("Clean up"),
    ):
        summary = client.pages.delete_many(target.created)
        tour.say(f"deleted {summary['successful']} page(s), {summary['failed']} failed")
    http.close()


def run_demo(out: TextIO | None = None) -> int:
    """Run the tour; 0 when it went through, 1 when Wiki.js could not be used."""
    stream = out or sys.stdout
    tour = Tour(stream)
    target = _target()
    print(f"wikijs-typed demo, on {target.description}", file=stream)
    requests = Counter()
    try:
        _sync_tour(tour, target, MemoryCache(), requests)
        asyncio.run(_async_tour(tour, target, requests))
    except WikiJSError as exc:
        print(f"\nThe demo stopped: {type(exc).__name__}: {exc}", file=stream)
        return 1
    finally:
        if target.created:
            _clean_up(tour, target)
    print(f"\nDone: {requests.sent} HTTP requests in all.", file=stream)
    return 0
