"""The two things the engines do differently because one runs tasks and the other threads.

The engine is written once, as async code (`_pipeline/_async/engine.py`), and its sync twin is
derived by renaming (`python -m tools.sync_twins`: `async_lock` → `lock`, ...). Waiting for a turn
and running chunks side by side need other machinery with threads than with tasks, so each
pair is written here by hand, under names that the renaming maps onto each other.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    # Imported where used at run time, so that a sync program never loads asyncio.
    import asyncio

T = TypeVar("T")


def lock() -> threading.Lock:
    """A lock for threads: one page write at a time (see `write_turns`)."""
    return threading.Lock()


def async_lock() -> asyncio.Lock:
    """A lock for the tasks of one event loop: as `lock`."""
    import asyncio

    return asyncio.Lock()


def run_all(work: Callable[[T], object], items: Sequence[T], *, at_once: int) -> None:
    """Call `work` on every item, on up to `at_once` threads, this one among them.

    The calling thread takes items too: a batch of two chunks starts one thread, not a pool
    of two, and its first chunk leaves without waiting for a thread to start.

    Args:
        work: what to do with one item.
        items: the items.
        at_once: how many calls may run at the same time.

    Raises:
        Exception: the first exception a call raised, once every item has been worked on
            (one this thread's call raises stops the others from taking more).
    """
    todo = list(reversed(items))  # taken from the end: in order
    taking = threading.Lock()
    failures: list[BaseException] = []

    def drain() -> None:
        while True:
            with taking:
                if not todo:
                    return
                item = todo.pop()
            try:
                work(item)
            except BaseException as exc:
                failures.append(exc)
                if threading.current_thread() is caller:  # Ctrl-C: no more items start
                    with taking:
                        todo.clear()
                    raise

    caller = threading.current_thread()
    helpers = [
        threading.Thread(target=drain, name=f"wikijs-batch-{n}")
        for n in range(min(at_once, len(items)) - 1)
    ]
    for helper in helpers:
        helper.start()
    try:
        drain()
    finally:
        for helper in helpers:
            helper.join()
    if failures:
        raise failures[0]


async def async_run_all(
    work: Callable[[T], Awaitable[object]], items: Sequence[T], *, at_once: int
) -> None:
    """Await `work` on every item, up to `at_once` at a time.

    Args:
        work: what to do with one item.
        items: the items.
        at_once: how many calls may wait at the same time.
    """
    if len(items) <= 1:
        # Nothing to wait beside: awaited in the caller's own task, as a gather would not.
        for item in items:
            await work(item)
        return
    import asyncio

    gate = asyncio.Semaphore(max(1, at_once))

    async def one(item: T) -> None:
        async with gate:
            await work(item)

    await asyncio.gather(*(one(item) for item in items))
