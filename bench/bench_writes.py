"""Bulk page creates on the emulator's latency profile: serialized against overlapping.

Both runs create the same pages with the same (existing) tags on a fresh emulator whose
profile makes page work take turns and grow with the wiki, as the real server's does (1.3 s a
create at concurrency 4 against 1.05-2 s one at a time, FACTS "Concurrent writes"). The
profile is scaled down so that the run takes seconds; the ratio is what counts. What is left
of a gap is the emulator's own CPU time, which the overlapping run hides behind its waits,
and the serialized run's read-backs; a smaller scale makes it bigger.

- serialized: `pages.try_create_many` (one create at a time, the client's way);
- overlapping: the same create mutations through `execute_many` at concurrency 4, allowed to
  overlap (what the client did before), counting the failures the server reports.

Run: `python -m bench writes`. BENCH_WRITES_PAGES changes the page count, BENCH_WRITES_SCALE
the profile's scale.
"""

from __future__ import annotations

import asyncio
import time

from wikijs_graphql import requests

from bench._env import env_number, env_positive
from wikijs_typed import AsyncWikiJSClient
from wikijs_typed._resources.sansio.pages import create_args
from wikijs_typed.models import PageCreate
from wikijs_typed.testing import LatencyProfile, WikiJSEmulator

PAGES = env_number("BENCH_WRITES_PAGES", 30)
SCALE = env_positive("BENCH_WRITES_SCALE", 0.1)


def _items(prefix: str) -> list[PageCreate]:
    return [
        PageCreate(
            title=f"Bench {n}", path=f"{prefix}/{n}", content=f"# {n}", tags=["bench", f"g{n % 3}"]
        )
        for n in range(PAGES)
    ]


def _emulator() -> WikiJSEmulator:
    emu = WikiJSEmulator(latency=LatencyProfile().scaled(SCALE))
    # The tags exist already, as in the 120-create measurement on the real server.
    emu.seed_page("bench/tags", tags=["bench", "g0", "g1", "g2"])
    return emu


async def _serialized() -> tuple[float, int]:
    emu = _emulator()
    async with AsyncWikiJSClient(
        emu.base_url, emu.api_key, transport=emu.async_transport()
    ) as client:
        started = time.perf_counter()
        result = await client.pages.try_create_many(_items("serial"))
        return time.perf_counter() - started, len(result.failed)


async def _overlapping() -> tuple[float, int]:
    emu = _emulator()
    async with AsyncWikiJSClient(
        emu.base_url, emu.api_key, transport=emu.async_transport()
    ) as client:
        creates = [requests.create_page(**create_args(item)) for item in _items("overlap")]
        started = time.perf_counter()
        outcomes = await client.engine.execute_many(
            creates, chunk_size=1, concurrency=4, may_overlap=True
        )
        elapsed = time.perf_counter() - started
    failed = 0
    for outcome in outcomes:
        try:
            # Raises for a failed responseResult as for a failed request.
            requests.parse_create_page(outcome)
        except Exception:  # a bench counts failures of any kind
            failed += 1
    return elapsed, failed


def main() -> None:
    serial_time, serial_failed = asyncio.run(_serialized())
    overlap_time, overlap_failed = asyncio.run(_overlapping())
    print(f"{PAGES} creates on the emulator's profile scaled by {SCALE}:")
    print(f"  serialized (try_create_many):     {serial_time:6.2f} s, {serial_failed} failed")
    print(f"  overlapping (concurrency 4):      {overlap_time:6.2f} s, {overlap_failed} failed")
    print(f"  overlapping / serialized time:    {overlap_time / serial_time:6.2f}")


if __name__ == "__main__":
    main()
