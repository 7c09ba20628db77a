"""Whose view of the wiki the content API serves: `guests` (default), `group:NAME` or `key`.

The API reads the wiki with a key that sees more than the public (Wiki.js answers
`pages.single` only to a key that may manage pages), so it serves only what its audience may
read, as Wiki.js decides (wikijs_typed/query/_audience.py). The audience's group is read through
the client's cache on every request: a rule changed on the wiki is served once that cached
group expires (or is invalidated), without a restart.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wikijs_typed.exceptions import (
    ConfigurationError,
    ForbiddenError,
    NotFoundError,
    WikiJSError,
)
from wikijs_typed.query._async.pages import AsyncAudienceSource, fixed_audience
from wikijs_typed.query._audience import GUESTS_GROUP_ID, Audience

if TYPE_CHECKING:
    from wikijs_typed._pipeline._async.engine import AsyncStampedRead
    from wikijs_typed._resources._async.client import AsyncWikiJSClient

__all__ = [
    "AudienceChoice",
    "GroupAudience",
    "audience_problem",
    "audience_source",
    "check_audience",
]

log = logging.getLogger("wikijs_typed.api")

GUESTS = "guests"
KEY = "key"
_GROUP = "group:"


@dataclass(frozen=True)
class AudienceChoice:
    """An operator's `--audience`: the key itself, or a group by id or by name."""

    text: str
    group_id: int | None = None
    group_name: str | None = None

    @classmethod
    def parse(cls, text: str) -> AudienceChoice:
        value = text.strip()
        if value.lower() == GUESTS:
            return cls(GUESTS, group_id=GUESTS_GROUP_ID)
        if value.lower() == KEY:
            return cls(KEY)
        if value.lower().startswith(_GROUP) and value[len(_GROUP) :].strip():
            group = value[len(_GROUP) :].strip()
            if group.isdigit():
                return cls(value, group_id=int(group))
            return cls(value, group_name=group)
        raise ConfigurationError(
            f"audience must be 'guests', 'group:NAME' (a group's name or id) or 'key', not {text!r}"
        )

    @property
    def is_key(self) -> bool:
        return self.group_id is None and self.group_name is None


class GroupAudience:
    """The audience of one Wiki.js group, read through the client's cache when asked."""

    def __init__(self, client: AsyncWikiJSClient, choice: AudienceChoice) -> None:
        self._client = client
        self._choice = choice
        self._group_id = choice.group_id
        # The audience decided from the cached group, under the cache's stamp of that entry:
        # current exactly while the entry is (an invalidation or expiry changes the stamp).
        self._kept: tuple[str, Audience] | None = None
        # The group's stamp, once its id is known.
        self._stamped: AsyncStampedRead | None = None

    @property
    def name(self) -> str:
        return self._choice.text

    async def _resolved_id(self) -> int:
        if self._group_id is None:
            name = self._choice.group_name
            named = [group.id for group in await self._client.groups.list() if group.name == name]
            if not named:
                raise ConfigurationError(f"the wiki has no group named {name!r}")
            self._group_id = named[0]
        return self._group_id

    async def audience(self) -> Audience:
        if self._stamped is None:
            self._stamped = self._client.groups.stamped(await self._resolved_id())
        stamped = self._stamped
        stamp = await stamped.stamp()
        kept = self._kept
        if stamp is not None and kept is not None and kept[0] == stamp:
            return kept[1]
        group = await self._client.groups.get(await self._resolved_id())
        audience = Audience.of_group(group, self.name)
        # Kept only when read from the entry stamped before the read (a cold read, or a store
        # in between, is kept by the next request).
        if stamp is not None and await stamped.stamp() == stamp:
            self._kept = (stamp, audience)
        return audience


def audience_source(client: AsyncWikiJSClient, choice: AudienceChoice) -> AsyncAudienceSource:
    if choice.is_key:
        return fixed_audience(Audience.key())
    return GroupAudience(client, choice)


async def read_audience(source: AsyncAudienceSource) -> Audience:
    """The audience, or ConfigurationError (one line) when the key cannot read its group."""
    try:
        return await source.audience()
    except ForbiddenError:
        raise ConfigurationError(
            "the API key may not read the audience's group (groups.single needs write:groups, "
            "manage:groups or manage:system): give the key one of those, or serve everything "
            "it reads with --audience key"
        ) from None
    except NotFoundError:
        name = source.name if isinstance(source, GroupAudience) else KEY
        raise ConfigurationError(f"the wiki has no group for audience {name!r}") from None


async def check_audience(source: AsyncAudienceSource) -> None:
    """Check the audience at start-up: stop on one the key cannot read.

    It also says (in the log) when the audience is the key itself, or when it reads no page.
    """
    try:
        audience = await read_audience(source)
    except ConfigurationError:
        raise
    except WikiJSError as exc:
        # A wiki that is down now may be up by the first request, which reads the group again.
        log.warning("the audience's group could not be read at start-up: %s", type(exc).__name__)
        return
    if audience.is_key:
        log.warning(
            "audience 'key': serving everything the API key can read, not what the public sees"
        )
    elif not audience.reads_pages:
        log.warning(
            "audience %r cannot read pages (no read:pages): the API serves no page", audience.name
        )


def audience_problem(wiki_url: str, api_key: str, audience: str) -> str | None:
    """Tell, in one line, why the API cannot serve `audience` with this key.

    Checked once before the server starts. None when it can, or when the wiki does not answer
    yet (the workers' own start-up check then says so).
    """
    from wikijs_typed._resources._async.client import AsyncWikiJSClient

    async def check() -> None:
        client = AsyncWikiJSClient(wiki_url, api_key)
        try:
            await read_audience(audience_source(client, AudienceChoice.parse(audience)))
        finally:
            await client.close()

    try:
        asyncio.run(check())
    except ConfigurationError as refused:
        return str(refused)
    except WikiJSError:
        return None
    return None
