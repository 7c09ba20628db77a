# Made from ../_async/system.py by `python -m tools.sync_twins`: do not edit.
"""`client.system`: system information, flags, extensions, telemetry and content export.

`system.updateFlags` replaces the whole set of flags (one left out is gone): `set_flags`
sends the current flags, read fresh, with the changes applied.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._system import ExportStatus, SystemExtension, SystemInfo

__all__ = ["SystemResource"]

# What `system.export` writes files for; it skips any other name without a word.
EXPORTABLE = ("assets", "comments", "groups", "history", "navigation", "pages", "settings", "users")


class SystemResource(Resource):
    """System administration: information, flags, extensions, telemetry, export.

    Reached as `client.system`: `info()`, `flags()`, `set_flags(...)`, `extensions()`,
    `set_telemetry(...)`, `export(...)` and `export_status()`; most need `manage:system`.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def info(self) -> SystemInfo:
        """The server, its database and its totals.

        Returns:
            The system information; a field the caller may not read is None.
        """
        result = self._gql.get_system_info()
        info = present(present(result.system, "system").info, "system info")
        return SystemInfo.model_validate(info.model_dump())

    def flags(self) -> dict[str, bool]:
        """The debugging flags (`ldapdebug`, `sqllog`).

        Returns:
            Each flag's value, by key.
        """
        return self._flags(fresh=False)

    def set_flags(self, changes: Mapping[str, bool]) -> dict[str, bool]:
        """Set the given flags and keep the others.

        Wiki.js replaces the whole set of flags (one left out is gone), so the current flags are
        read fresh and sent back with the changes applied; nothing is sent when none differs.

        Args:
            changes: The flags to set, by key, each True or False.

        Returns:
            Every flag as stored, by key.

        Raises:
            ValidationError: `changes` does not map names to True or False (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.input_types import SystemFlagInput

        if not isinstance(changes, Mapping) or not all(
            isinstance(k, str) and isinstance(v, bool) for k, v in changes.items()
        ):
            raise ValidationError("flags must map flag names to True or False", field="flags")
        current = self._flags(fresh=True)
        merged = {**current, **changes}
        if merged == current:
            return current
        flags = [SystemFlagInput(key=key, value=value) for key, value in merged.items()]
        self._gql.update_system_flags(flags=list(flags))
        return self._flags(fresh=False)

    def extensions(self) -> builtins.list[SystemExtension]:
        """The tools Wiki.js can use when they are installed (Git, Pandoc, ...).

        Returns:
            The extensions, each saying whether it is installed and compatible.
        """
        result = self._gql.list_system_extensions()
        extensions = present(present(result.system, "system").extensions, "an extension list")
        return [SystemExtension.model_validate(e.model_dump()) for e in extensions if e]

    def set_telemetry(self, enabled: bool) -> None:
        """Switch Wiki.js's anonymous telemetry on or off.

        Args:
            enabled: True to send telemetry, False to stop.

        Raises:
            ValidationError: `enabled` is not True or False (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
        if not isinstance(enabled, bool):
            raise ValidationError("enabled must be True or False", field="enabled")
        self._gql.set_telemetry(enabled=enabled)

    def export(self, entities: Iterable[str], path: str) -> None:
        """Start exporting content to a directory on the server.

        Wiki.js answers at once and runs the export in the background: `export_status()` follows
        it.

        Args:
            entities: What to export, some of: assets, comments, groups, history, navigation,
                pages, settings, users.
            path: The directory on the server (relative to Wiki.js's folder); it must be empty.

        Raises:
            ValidationError: `entities` is empty, a string or names something else, or `path` is
                empty (nothing is sent).
            OperationFailedError: Wiki.js refused: the directory is not empty, or an export is
                already running.
        """
        if isinstance(entities, str):
            raise ValidationError("entities must be a list of names", field="entities")
        chosen = list(entities)
        unknown = [entity for entity in chosen if entity not in EXPORTABLE]
        if not chosen or unknown:
            raise ValidationError(
                f"entities must be some of {', '.join(EXPORTABLE)}", field="entities"
            )
        rules.check_non_empty(path, "path")
        self._gql.export_content(entities=list(chosen), path=path)

    def export_status(self) -> ExportStatus:
        """How the last export went (read fresh, never from the cache).

        Returns:
            Its status ("notrunning", "running", "success" or "error"), progress and message.
        """
        result = self._gql.get_export_status(cache="network-only")
        status = present(present(result.system, "system").export_status, "an export status")
        return ExportStatus.model_validate(status.model_dump())

    def _flags(self, *, fresh: bool) -> dict[str, bool]:
        result = self._gql.list_system_flags(cache="network-only" if fresh else None)
        flags = present(present(result.system, "system").flags, "a flag list")
        return {flag.key: flag.value for flag in flags if flag is not None}
