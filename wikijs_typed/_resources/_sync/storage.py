# Made from ../_async/storage.py by `python -m tools.sync_twins`: do not edit.
"""`client.storage`: storage targets (disk, Git, S3, ...), their state, and their actions.

`storage.updateTargets` replaces the listed targets' settings and ignores an unknown key, so
`update` reads the target first (fresh) and sends it with the changes merged. A sensitive
setting is read as "********", and Wiki.js keeps the stored value when that mask comes back.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import (
    StorageStatus,
    StorageTarget,
    check_changes,
    module_fields,
    module_named,
)

if TYPE_CHECKING:
    from wikijs_graphql.list_storage_targets import ListStorageTargets

__all__ = ["StorageResource"]

MODES = ("push", "pull", "sync")


class StorageResource(Resource):
    """Storage targets (disk, Git, S3, ...), their state, and their actions.

    Reached as `client.storage`: `targets()`, `get(key)`, `update(key, ...)`, `status()` and
    `execute_action(key, handler)`; they need the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def targets(self) -> builtins.list[StorageTarget]:
        """Every storage target Wiki.js ships, with its state and settings.

        Returns:
            The targets; a sensitive setting reads as "********".
        """
        return self._targets(fresh=False)

    def get(self, key: str) -> StorageTarget:
        """One storage target.

        Args:
            key: The target's key (`disk`, `git`, `s3`, ...).

        Returns:
            The target, with its state and settings.

        Raises:
            ValidationError: `key` is empty.
            NotFoundError: Wiki.js has no target with this key.
        """
        rules.check_non_empty(key, "key")
        return module_named(self.targets(), key, "storage target")

    def update(
        self,
        key: str,
        *,
        enabled: bool | None = None,
        mode: str | None = None,
        sync_interval: str | None = None,
        config: Mapping[str, Any] | None = None,
    ) -> StorageTarget:
        """Change a target; what is not given keeps its value.

        The target is read first (fresh) and sent with the changes merged; a masked setting
        ("********") sent back keeps the stored value. Wiki.js then initialises every enabled
        target: `status()` tells how it went.

        Args:
            key: The target's key (`disk`, `git`, `s3`, ...).
            enabled: Whether the target is on; None keeps it.
            mode: push, pull or sync; None keeps it.
            sync_interval: How often it runs, as an ISO 8601 duration (`PT5M`, `P1D`); None
                keeps it.
            config: Settings to change, by name, merged into the current ones.

        Returns:
            The target as stored.

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
            NotFoundError: Wiki.js has no target with this key.
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.input_types import StorageTargetInput

        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        _check_schedule(mode, sync_interval)
        current = module_named(self._targets(fresh=True), key, "storage target")
        target = StorageTargetInput(
            is_enabled=current.is_enabled if enabled is None else enabled,
            key=key,
            mode=mode or current.mode or "push",
            sync_interval=sync_interval or current.sync_interval,
            config=current.config_input(config),
        )
        self._gql.update_storage_targets(targets=[target])
        return module_named(self.targets(), key, "storage target")

    def status(self) -> builtins.list[StorageStatus]:
        """The state of each enabled target after its last run.

        Returns:
            One status per enabled target: its key, its state (pending, operational or error)
            and the message of its last run.
        """
        result = self._gql.get_storage_status()
        statuses = present(present(result.storage, "storage").status, "a status list")
        return [StorageStatus.model_validate(s.model_dump()) for s in statuses if s is not None]

    def execute_action(self, key: str, handler: str) -> None:
        """Run one of the target's `actions` now (e.g. "sync", "importAll", "dump").

        Args:
            key: The target's key (`disk`, `git`, `s3`, ...).
            handler: The action's handler, one of the target's `actions`.

        Raises:
            ValidationError: `key` or `handler` is empty (nothing is sent).
            OperationFailedError: The target is not enabled or has no such action.
        """
        rules.check_non_empty(key, "key")
        rules.check_non_empty(handler, "handler")
        self._gql.execute_storage_action(target_key=key, handler=handler)

    def _targets(self, *, fresh: bool) -> builtins.list[StorageTarget]:
        result = self._gql.list_storage_targets(cache="network-only" if fresh else None)
        return targets_of(result)


def targets_of(result: ListStorageTargets) -> builtins.list[StorageTarget]:
    """The targets of a `ListStorageTargets` answer.

    Args:
        result: The generated result.

    Returns:
        The targets; a sensitive setting reads as "********".
    """
    targets = present(present(result.storage, "storage").targets, "a target list")
    return [StorageTarget.model_validate(module_fields(t)) for t in targets if t is not None]


def _check_schedule(mode: object, sync_interval: object) -> None:
    if mode is not None and mode not in MODES:
        raise ValidationError(f"mode must be one of {', '.join(MODES)}", field="mode")
    if sync_interval is not None and not rules.check_text(
        sync_interval, "sync_interval"
    ).startswith("P"):
        raise ValidationError(
            "sync_interval must be an ISO 8601 duration such as 'PT5M' or 'P1D'",
            field="sync_interval",
        )
