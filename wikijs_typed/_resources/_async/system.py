"""`client.system`: system information, flags, extensions, telemetry and content export.

`system.updateFlags` replaces the whole set of flags (one left out is gone): `set_flags`
sends the current flags, read fresh, with the changes applied.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._system import ExportStatus, SystemExtension, SystemInfo

__all__ = ["AsyncSystemResource"]

# What `system.export` writes files for; it skips any other name without a word.
EXPORTABLE = ("assets", "comments", "groups", "history", "navigation", "pages", "settings", "users")


class AsyncSystemResource(AsyncResource):
    """System administration: `info()`, `flags()`, `set_flags(...)`, `extensions()`,
    `set_telemetry(...)`, `export(...)` and `export_status()`."""

    async def info(self) -> SystemInfo:
        """The server, its database and its totals (a field the caller may not read is None)."""
        result = await self._gql.get_system_info()
        info = present(present(result.system, "system").info, "system info")
        return SystemInfo.model_validate(info.model_dump())

    async def flags(self) -> dict[str, bool]:
        """The debugging flags (`ldapdebug`, `sqllog`), by key."""
        return await self._flags(fresh=False)

    async def set_flags(self, changes: Mapping[str, bool]) -> dict[str, bool]:
        """Set the given flags, keep the others; returns every flag as stored."""
        from wikijs_graphql.input_types import SystemFlagInput

        if not isinstance(changes, Mapping) or not all(
            isinstance(k, str) and isinstance(v, bool) for k, v in changes.items()
        ):
            raise ValidationError("flags must map flag names to True or False", field="flags")
        current = await self._flags(fresh=True)
        merged = {**current, **changes}
        if merged == current:
            return current
        flags = [SystemFlagInput(key=key, value=value) for key, value in merged.items()]
        await self._gql.update_system_flags(flags=list(flags))
        return await self._flags(fresh=False)

    async def extensions(self) -> builtins.list[SystemExtension]:
        result = await self._gql.list_system_extensions()
        extensions = present(present(result.system, "system").extensions, "an extension list")
        return [SystemExtension.model_validate(e.model_dump()) for e in extensions if e]

    async def set_telemetry(self, enabled: bool) -> None:
        if not isinstance(enabled, bool):
            raise ValidationError("enabled must be True or False", field="enabled")
        await self._gql.set_telemetry(enabled=enabled)

    async def export(self, entities: Iterable[str], path: str) -> None:
        """Start exporting `entities` (see EXPORTABLE) to `path`, a directory on the server
        (relative to Wiki.js's folder) that must be empty. Wiki.js answers at once and runs
        the export in the background: `export_status()` follows it."""
        if isinstance(entities, str):
            raise ValidationError("entities must be a list of names", field="entities")
        chosen = list(entities)
        unknown = [entity for entity in chosen if entity not in EXPORTABLE]
        if not chosen or unknown:
            raise ValidationError(
                f"entities must be some of {', '.join(EXPORTABLE)}", field="entities"
            )
        rules.check_non_empty(path, "path")
        await self._gql.export_content(entities=list(chosen), path=path)

    async def export_status(self) -> ExportStatus:
        result = await self._gql.get_export_status(cache="network-only")
        status = present(present(result.system, "system").export_status, "an export status")
        return ExportStatus.model_validate(status.model_dump())

    async def _flags(self, *, fresh: bool) -> dict[str, bool]:
        result = await self._gql.list_system_flags(cache="network-only" if fresh else None)
        flags = present(present(result.system, "system").flags, "a flag list")
        return {flag.key: flag.value for flag in flags if flag is not None}
