# Made from ../_async/api_keys.py by `python -m tools.sync_twins`: do not edit.
"""`client.api_keys`: API keys, and switching the API on or off.

Wiki.js 2.5's quirks, hidden here: `createApiKey` answers with the key but not its record, so the
record is looked up; an unparsable expiration fails but leaves a revoked placeholder behind, so
expirations are checked first; `revokeApiKey` reports success for unknown ids, so the key is
looked up first.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterator

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._api_key import ApiKey, CreatedApiKey

__all__ = ["ApiKeysResource"]

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


class ApiKeysResource(Resource):
    """API keys: list, create, revoke; and the API's on/off switch.

    Reached as `client.api_keys`; every call needs the `manage:api` permission. Any call can
    also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def list(self) -> builtins.list[ApiKey]:
        """Every key, revoked ones included.

        Returns:
            The keys, each shown only by the last 20 characters of its secret.
        """
        result = self._gql.list_api_keys()
        keys = present(present(result.authentication, "authentication").api_keys, "a key list")
        return [ApiKey.from_fields(key) for key in keys if key is not None]

    def iter_all(self) -> Iterator[ApiKey]:
        """Every key, lazily (Wiki.js lists them in one answer).

        Yields:
            Each key, as `list` returns it.
        """
        yield from self.list()

    def create(
        self, name: str, expiration: str = "1y", full_access: bool = True, group: int | None = None
    ) -> CreatedApiKey:
        """A new key. Its secret (`.key`) is shown this once: Wiki.js keeps only its tail.

        Args:
            name: The key's name (not empty, at most 255 characters; names need not be unique).
            expiration: How long the key lives, as Wiki.js reads a timespan: `30d`, `12h`, `1y`,
                `2 weeks`, ...
            full_access: Whether the key may do everything; False gives it `group`'s permissions.
            group: The id of the group whose permissions the key gets (required without
                `full_access`).

        Returns:
            The secret key with its record.

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent, so no revoked
                placeholder is left behind).
            OperationFailedError: Wiki.js refused the key.
        """
        clean = rules.check_title(name, "name")
        timespan = _expiration(expiration)
        if not isinstance(full_access, bool):
            raise ValidationError("full_access must be True or False", field="full_access")
        if not full_access and group is None:
            raise ValidationError("a key without full access needs a group", field="group")
        group_id = None if group is None else rules.check_id(group, "group")
        result = self._gql.create_api_key(
            name=clean, expiration=timespan, full_access=full_access, group=group_id
        )
        created = present(
            present(result.authentication, "authentication").create_api_key, "a result"
        )
        secret = present(created.key, "the new key")
        # Names need not be unique: the newest key of that name is the one just made.
        mine = [k for k in self.list() if k.name == clean and not k.is_revoked]
        newest = found(max(mine, key=lambda k: k.id, default=None), f"the new key {clean}")
        return CreatedApiKey(key=secret, api_key=newest)

    def revoke(self, key_id: int) -> bool:
        """Revoke a key for good; it stays listed, revoked.

        Args:
            key_id: The key's id (a positive integer).

        Returns:
            True once the key is revoked.

        Raises:
            ValidationError: `key_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no key with this id (Wiki.js itself reports success).
            OperationFailedError: Wiki.js refused the change.
        """
        rules.check_id(key_id, "key_id")
        found(next((k for k in self.list() if k.id == key_id), None), f"API key {key_id}")
        self._gql.revoke_api_key(id=key_id)
        return True

    def is_enabled(self) -> bool:
        """Whether the API accepts keys at all.

        Returns:
            True when the API is on (read fresh, never from the cache).
        """
        result = self._gql.get_api_state(cache="network-only")
        return present(result.authentication, "authentication").api_state

    def set_enabled(self, enabled: bool) -> bool:
        """Switch the API on or off.

        Off, every API key is refused: a client using one can no longer switch it back on (use a
        user login for that).

        Args:
            enabled: True to switch the API on, False to switch it off.

        Returns:
            True once the switch is set.

        Raises:
            ValidationError: `enabled` is not True or False.
            OperationFailedError: Wiki.js refused the change.
        """
        if not isinstance(enabled, bool):
            raise ValidationError("enabled must be True or False", field="enabled")
        self._gql.set_api_state(enabled=enabled)
        return True

    def enable(self) -> bool:
        """Switch the API on (see `set_enabled`).

        Returns:
            True once the API is on.
        """
        return self.set_enabled(True)

    def disable(self) -> bool:
        """Switch the API off; API keys are refused from then on (see `set_enabled`).

        Returns:
            True once the API is off.
        """
        return self.set_enabled(False)
