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


class _Gathering:
    """A batch being gathered: its reads, their keys, and where its answers will be."""

    __slots__ = ("answers", "keys", "requests")

    def __init__(self, answers: asyncio.Future[Sequence[GraphQLResult]]) -> None:
        self.answers = answers
        self.requests: list[GraphQLRequest] = []
        self.keys: list[str | None] = []


class Coalescer:
    """Gathers concurrent reads of one engine into batches.

    A read waits on its batch's answers and takes its own by its place in the batch: one
    future per POST, not one per read, so that a batch of 50 costs one wake-up, not 50.
    """

    def __init__(self, config: AutoBatching, send: SendBatch) -> None:
        self.config = config
        self._send = send
        self._open: _Gathering | None = None
        # key -> the answers of the batch the read went with, and its place in that batch
        self._in_flight: dict[str, tuple[asyncio.Future[Sequence[GraphQLResult]], int]] = {}
        self._timer: asyncio.Handle | None = None
        self._deadline = 0.0
        self._seen = 0
        self._quiet = 0
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, request: GraphQLRequest, key: str | None) -> tuple[GraphQLResult, bool]:
        """The read's result, and whether this call shared another identical call's request."""
        import asyncio

        answers, index, shared = self._enqueue(request, key, asyncio.get_running_loop())
        return (await asyncio.shield(answers))[index], shared

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
        places: list[tuple[asyncio.Future[Sequence[GraphQLResult]], int]] = []
        shared: set[int] = set()
        for index, (request, key) in enumerate(zip(requests, keys, strict=True)):
            answers, place, was_shared = self._enqueue(request, key, loop)
            places.append((answers, place))
            if was_shared:
                shared.add(index)
        batches: dict[
            asyncio.Future[Sequence[GraphQLResult]], Sequence[GraphQLResult] | Exception
        ] = {}
        for answers, _ in places:
            if answers not in batches:
                try:
                    # Shielded: a caller that goes away leaves the batch to answer the others.
                    batches[answers] = await asyncio.shield(answers)
                except Exception as exc:
                    batches[answers] = exc
        outcomes: list[GraphQLResult | Exception] = []
        for answers, place in places:
            batch = batches[answers]
            outcomes.append(batch if isinstance(batch, Exception) else batch[place])
        return outcomes, shared

    def _enqueue(
        self, request: GraphQLRequest, key: str | None, loop: asyncio.AbstractEventLoop
    ) -> tuple[asyncio.Future[Sequence[GraphQLResult]], int, bool]:
        """Where the read's answer will be, and whether an identical read's is in flight.

        The answer is at a place in a batch's answers: the batch this read joins, or the one
        its in-flight twin went with.
        """
        if key is not None:
            twin = self._in_flight.get(key)
            if twin is not None:
                return *twin, True
        gathering = self._open
        if gathering is None:
            gathering = self._open = _Gathering(loop.create_future())
        place = len(gathering.requests)
        gathering.requests.append(request)
        gathering.keys.append(key)
        if key is not None:
            self._in_flight[key] = (gathering.answers, place)
        if place + 1 >= self.config.max_size:
            self._flush()
        elif self._timer is None:
            self._deadline = loop.time() + self.config.window
            self._seen, self._quiet = place + 1, 0
            self._timer = loop.call_soon(self._tick)
        return gathering.answers, place, False

    def _gathered(self) -> int:
        return len(self._open.requests) if self._open is not None else 0

    def _tick(self) -> None:
        """Once per loop turn while a batch is open: send it when reads stopped coming."""
        import asyncio

        self._timer = None
        loop = asyncio.get_running_loop()
        gathered = self._gathered()
        self._quiet = self._quiet + 1 if gathered == self._seen else 0
        self._seen = gathered
        if self._quiet >= QUIET_TURNS or loop.time() >= self._deadline:
            self._flush()
        else:
            self._timer = loop.call_soon(self._tick)

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._open = self._open, None
        if batch is not None:
            import asyncio

            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(self, batch: _Gathering) -> None:
        try:
            results = await self._send(batch.requests)
        except BaseException as exc:
            self._forget(batch)
            if not batch.answers.done():
                batch.answers.set_exception(exc)
                # Seen now, so that asyncio does not log "exception was never retrieved"
                # when every waiter has gone away (cancelled); waiters still get it.
                batch.answers.exception()
            if not isinstance(exc, Exception):
                raise
            return
        self._forget(batch)
        if not batch.answers.done():
            batch.answers.set_result(results)

    def _forget(self, batch: _Gathering) -> None:
        # An identical read made from now on is sent again: these answers are on their way.
        for key in batch.keys:
            if key is not None and self._in_flight.get(key, (None,))[0] is batch.answers:
                del self._in_flight[key]

    async def aclose(self) -> None:
        """Send what is still waiting and let every batch finish."""
        self._flush()
        if self._tasks:
            import asyncio

            await asyncio.gather(*self._tasks, return_exceptions=True)
