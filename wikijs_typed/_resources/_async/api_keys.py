"""`client.api_keys`: API keys, and switching the API on or off.

Hidden quirks of Wiki.js 2.5: `createApiKey` answers with the key but not its record, so the
record is looked up; an unparsable expiration fails but leaves a revoked placeholder behind, so
expirations are checked first; `revokeApiKey` reports success for unknown ids, so the key is
looked up first.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import AsyncIterator

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources.sansio.shared import check, check_field, found, present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._api_key import ApiKey, CreatedApiKey

__all__ = ["AsyncApiKeysResource"]

# A timespan as Wiki.js reads it (the `ms` package): "30d", "12h", "1y", "2 weeks", ...
_TIMESPAN = re.compile(
    r"^\d+(\.\d+)?\s*(ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?"
    r"|d|days?|w|weeks?|y|yrs?|years?)?$",
    re.IGNORECASE,
)


def _expiration(value: object) -> str:
    text = rules.check_non_empty(value, "expiration").strip()
    if not _TIMESPAN.match(text):
        raise ValidationError(
            "expiration must be a timespan such as '30d', '12h' or '1y'", field="expiration"
        )
    return text


class AsyncApiKeysResource(AsyncResource):
    """API keys: list, create, revoke; and the API's on/off switch (needs `manage:api`)."""

    async def list(self) -> builtins.list[ApiKey]:
        """Every key, revoked ones included (each shown only by its last 20 characters)."""
        result = await self._gql.list_api_keys()
        keys = present(present(result.authentication, "authentication").api_keys, "a key list")
        return [ApiKey.from_fields(key) for key in keys if key is not None]

    async def iter_all(self) -> AsyncIterator[ApiKey]:
        for key in await self.list():
            yield key

    async def create(
        self,
        name: str,
        expiration: str = "1y",
        full_access: bool = True,
        group: int | None = None,
    ) -> CreatedApiKey:
        """A new key. Its secret (`.key`) is shown this once: Wiki.js keeps only its tail.

        Without `full_access` the key gets the permissions of `group`.
        """
        clean = rules.check_title(name, "name")
        timespan = _expiration(expiration)
        if not isinstance(full_access, bool):
            raise ValidationError("full_access must be True or False", field="full_access")
        if not full_access and group is None:
            raise ValidationError("a key without full access needs a group", field="group")
        group_id = None if group is None else rules.check_id(group, "group")
        result = await self._gql.create_api_key(
            name=clean, expiration=timespan, full_access=full_access, group=group_id
        )
        created = present(
            present(result.authentication, "authentication").create_api_key, "a result"
        )
        check(created.response_result, "authentication.createApiKey")
        secret = present(created.key, "the new key")
        # Names need not be unique: the newest key of that name is the one just made.
        mine = [k for k in await self.list() if k.name == clean and not k.is_revoked]
        newest = found(max(mine, key=lambda k: k.id, default=None), f"the new key {clean}")
        return CreatedApiKey(key=secret, api_key=newest)

    async def revoke(self, key_id: int) -> bool:
        """Revoke a key for good (it stays listed, revoked). NotFoundError for an unknown id."""
        rules.check_id(key_id, "key_id")
        found(next((k for k in await self.list() if k.id == key_id), None), f"API key {key_id}")
        result = await self._gql.revoke_api_key(id=key_id)
        check_field(
            result.authentication, lambda auth: auth.revoke_api_key, "authentication.revokeApiKey"
        )
        return True

    async def is_enabled(self) -> bool:
        """Whether the API accepts keys at all."""
        result = await self._gql.get_api_state(cache="network-only")
        return present(result.authentication, "authentication").api_state

    async def set_enabled(self, enabled: bool) -> bool:
        """Switch the API on or off. Off, every API key is refused (a client using one can no
        longer switch it back on: use a user login for that)."""
        if not isinstance(enabled, bool):
            raise ValidationError("enabled must be True or False", field="enabled")
        result = await self._gql.set_api_state(enabled=enabled)
        check_field(
            result.authentication, lambda auth: auth.set_api_state, "authentication.setApiState"
        )
        return True

    async def enable(self) -> bool:
        return await self.set_enabled(True)

    async def disable(self) -> bool:
        return await self.set_enabled(False)
