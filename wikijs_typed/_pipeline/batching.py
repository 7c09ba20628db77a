"""Automatic batching for the async engine, the way DataLoader and Apollo's batch link do it.

Reads issued together are sent as one JSON-array POST (Wiki.js answers with an array in the
same order). A batch leaves once two turns of the event loop in a row bring no new read
(a task that awaits something first joins one turn late), or when `window` has passed since
its first read, or at once when it reaches `max_size`. So reads started by one `gather`
share a request, and a lone read waits microseconds, not the whole window, for company that
is not coming.
A read identical to one already in flight (same identity, operation and variables) waits for
that one's answer instead of being sent again. Mutations never come here: they are sent on
their own, so a failure elsewhere can never cause one to be resent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult

if TYPE_CHECKING:
    # Imported where used at run time, so that a sync program never loads asyncio.
    import asyncio

# Loop turns without a new read after which a batch leaves.
QUIET_TURNS = 2

# A read waiting to be sent, its key (None: never shared), and where its answer goes.
_Waiting = tuple[GraphQLRequest, str | None, "asyncio.Future[GraphQLResult]"]

# Sends one batch and returns one result per request, in order.
SendBatch = Callable[[Sequence[GraphQLRequest]], Awaitable[Sequence[GraphQLResult]]]


@dataclass(frozen=True, slots=True)
class AutoBatching:
    """How the async client gathers reads made at the same moment into one POST.

    Attributes:
        window: The longest, in seconds, a batch waits for more reads (0: one turn of the
            event loop).
        max_size: Reads per POST at most.
    """

    window: float = 0.002
    max_size: int = 50

    def __post_init__(self) -> None:
        if self.window < 0:
            raise ValueError("window must not be negative")
        if self.max_size < 1:
            raise ValueError("max_size must be at least 1")


class Coalescer:
    """Gathers concurrent reads of one engine into batches."""

    def __init__(self, config: AutoBatching, send: SendBatch) -> None:
        self.config = config
        self._send = send
        self._pending: list[_Waiting] = []
        self._in_flight: dict[str, asyncio.Future[GraphQLResult]] = {}
        self._timer: asyncio.Handle | None = None
        self._deadline = 0.0
        self._seen = 0
        self._quiet = 0
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, request: GraphQLRequest, key: str | None) -> tuple[GraphQLResult, bool]:
        """The read's result, and whether this call shared another identical call's request."""
        import asyncio

        future, shared = self._enqueue(request, key, asyncio.get_running_loop())
        return await asyncio.shield(future), shared

    async def submit_many(
        self, requests: Sequence[GraphQLRequest], keys: Sequence[str | None]
    ) -> tuple[list[GraphQLResult | Exception], set[int]]:
        """Submit reads a caller made together, as many `submit` calls at once would.

        They join the batch being gathered in one go, with no task per read: a caller's batch
        that fills a POST leaves at once, a smaller one waits for company as a lone read does.

        Args:
            requests: the reads.
            keys: each read's key (None: it is never shared).

        Returns:
            Each read's result or the exception that stands for it, in order, and the indexes
            of the reads that shared another caller's request.
        """
        import asyncio

        loop = asyncio.get_running_loop()
        futures: list[asyncio.Future[GraphQLResult]] = []
        shared: set[int] = set()
        for index, (request, key) in enumerate(zip(requests, keys, strict=True)):
            future, was_shared = self._enqueue(request, key, loop)
            futures.append(future)
            if was_shared:
                shared.add(index)
        outcomes: list[GraphQLResult | Exception] = []
        for future in futures:
            try:
                # Shielded: a caller that goes away leaves the read to answer the others.
                outcomes.append(await asyncio.shield(future))
            except Exception as exc:
                outcomes.append(exc)
        return outcomes, shared

    def _enqueue(
        self, request: GraphQLRequest, key: str | None, loop: asyncio.AbstractEventLoop
    ) -> tuple[asyncio.Future[GraphQLResult], bool]:
        """Where the read's answer will be, and whether it is an identical read's in flight."""
        if key is not None:
            twin = self._in_flight.get(key)
            if twin is not None:
                return twin, True
        future: asyncio.Future[GraphQLResult] = loop.create_future()
        if key is not None:
            self._in_flight[key] = future
        self._pending.append((request, key, future))
        if len(self._pending) >= self.config.max_size:
            self._flush()
        elif self._timer is None:
            self._deadline = loop.time() + self.config.window
            self._seen, self._quiet = len(self._pending), 0
            self._timer = loop.call_soon(self._tick)
        return future, False

    def _tick(self) -> None:
        """Once per loop turn while a batch is open: send it when reads stopped coming."""
        import asyncio

        self._timer = None
        loop = asyncio.get_running_loop()
        self._quiet = self._quiet + 1 if len(self._pending) == self._seen else 0
        self._seen = len(self._pending)
        if self._quiet >= QUIET_TURNS or loop.time() >= self._deadline:
            self._flush()
        else:
            self._timer = loop.call_soon(self._tick)

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        if batch:
            import asyncio

            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(self, batch: list[_Waiting]) -> None:
        # Futures are answered and forgotten here, with no callback on each: a batch of 50
        # reads would otherwise cost 100 more turns of the event loop's callbacks.
        try:
            results = await self._send([request for request, _, _ in batch])
        except BaseException as exc:
            for _, key, future in batch:
                self._forget(key, future)
                if not future.done():
                    future.set_exception(exc)
                    # Seen now, so that asyncio does not log "exception was never retrieved"
                    # when every waiter has gone away (cancelled); waiters still get it.
                    future.exception()
            if not isinstance(exc, Exception):
                raise
            return
        for (_, key, future), result in zip(batch, results, strict=True):
            self._forget(key, future)
            if not future.done():
                future.set_result(result)

    def _forget(self, key: str | None, future: asyncio.Future[GraphQLResult]) -> None:
        # An identical read made from now on is sent again: this answer is on its way out.
        if key is not None and self._in_flight.get(key) is future:
            del self._in_flight[key]

    async def aclose(self) -> None:
        """Send what is still waiting and let every batch finish."""
        self._flush()
        if self._tasks:
            import asyncio

            await asyncio.gather(*self._tasks, return_exceptions=True)
