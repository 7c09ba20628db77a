"""The emulated Wiki.js instance: its database plus the services resolvers share."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from graphql import GraphQLResolveInfo

from wikijs_typed.testing._clock import Clock, iso
from wikijs_typed.testing._graphql.ratelimit import RateLimiter
from wikijs_typed.testing._wiki.identity import Identity, TokenService
from wikijs_typed.testing._wiki.state import Database
from wikijs_typed.testing._wiki.traffic import Activity, Traffic


@dataclass
class Wiki:
    clock: Clock
    db: Database = field(default_factory=Database)
    tokens: TokenService = field(init=False)
    limiter: RateLimiter = field(init=False)
    # Apollo's automatic persisted queries: sha256 -> document
    persisted_queries: dict[str, str] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # Costly server-side work done by the request being handled ("create", "update",
    # "delete", "hash"), for latency injection; the app resets it per request, under `lock`.
    work: list[str] = field(default_factory=list)
    # Requests between their handling and their answer, and the one being handled (None
    # for seeding): overlapping page writes collide through these (testing/traffic.py).
    traffic: Traffic = field(default_factory=Traffic)
    activity: Activity | None = None

    def __post_init__(self) -> None:
        # Tokens issued before the server started are renewed on first use. JWT times are
        # whole seconds, so "started" is a second back: a token issued in the emulator's first
        # second is not mistaken for one from an earlier run.
        self.tokens = TokenService(self.clock, started_at=self.clock.now() - 1)
        self.limiter = RateLimiter(self.clock)

    def now(self) -> str:
        return iso(self.clock.now())


@dataclass
class Context:
    """What every resolver gets as `info.context`."""

    wiki: Wiki
    user: Identity | None
    client_ip: str = "127.0.0.1"

    @property
    def db(self) -> Database:
        return self.wiki.db


def page_hash(locale: str, path: str, private_ns: str = "") -> str:
    """Wiki.js's pageHelper.generateHash."""
    return hashlib.sha1(f"{locale}|{path}|{private_ns}".encode()).hexdigest()


def context_of(info: GraphQLResolveInfo) -> Context:
    context: Context = info.context
    return context
