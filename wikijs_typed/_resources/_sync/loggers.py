# Made from ../_async/loggers.py by `python -m tools.sync_twins`: do not edit.
"""`client.logging`: the loggers Wiki.js can write its log to (Sentry, syslog, ...).

`logging.updateLoggers` replaces each listed logger's state, level and settings (and ignores
an unknown key): `update` reads the logger first (fresh) and sends it with the changes merged.
Unlike every other kind of module, Wiki.js 2.5 keeps a logger's settings as the text sent
(no `{"v": ...}` envelope) and does not check the level; this resource sends text and checks
the level against winston's.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import (
    LOG_LEVELS,
    Logger,
    check_changes,
    module_fields,
    module_named,
)

if TYPE_CHECKING:
    from wikijs_graphql.input_types import KeyValuePairInput
    from wikijs_graphql.list_loggers import ListLoggers

__all__ = ["LoggingResource"]


class LoggingResource(Resource):
    """The loggers Wiki.js can write its log to, their level and their settings.

    Reached as `client.logging`: `loggers()`, `get(key)` and `update(key, ...)`; they need the
    `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def loggers(self) -> builtins.list[Logger]:
        """Every logger Wiki.js ships, with its state, level and settings.

        Returns:
            The loggers.
        """
        return self._loggers(fresh=False)

    def get(self, key: str) -> Logger:
        """One logger.

        Args:
            key: The logger's key (`sentry`, `syslog`, ...).

        Returns:
            The logger, with its state, level and settings.

        Raises:
            ValidationError: `key` is empty.
            NotFoundError: Wiki.js has no logger with this key.
        """
        rules.check_non_empty(key, "key")
        return module_named(self.loggers(), key, "logger")

    def update(
        self,
        key: str,
        *,
        enabled: bool | None = None,
        level: str | None = None,
        config: Mapping[str, Any] | None = None,
    ) -> Logger:
        """Switch a logger on or off, set its level, change its settings.

        The logger is read first (fresh) and sent with the changes merged.

        Args:
            key: The logger's key (`sentry`, `syslog`, ...).
            enabled: Whether the logger is on; None keeps it.
            level: The least severe level it writes (error, warn, info, verbose, debug or
                silly); None keeps it.
            config: Settings to change, by name, merged into the current ones; Wiki.js keeps
                them as text.

        Returns:
            The logger as stored.

        Raises:
            ValidationError: `key` is empty, `enabled` not a bool, `level` not a level, or
                `config` not a mapping of names (nothing is sent).
            NotFoundError: Wiki.js has no logger with this key.
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.input_types import LoggerInput

        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        if level is not None and level not in LOG_LEVELS:
            raise ValidationError(f"level must be one of {', '.join(LOG_LEVELS)}", field="level")
        current = module_named(self._loggers(fresh=True), key, "logger")
        logger = LoggerInput(
            is_enabled=current.is_enabled if enabled is None else enabled,
            key=key,
            level=level or current.level or "info",
            config=_as_text({**current.config(), **(config or {})}),
        )
        self._gql.update_loggers(loggers=[logger])
        return module_named(self.loggers(), key, "logger")

    def _loggers(self, *, fresh: bool) -> builtins.list[Logger]:
        result = self._gql.list_loggers(cache="network-only" if fresh else None)
        return loggers_of(result)


def loggers_of(result: ListLoggers) -> builtins.list[Logger]:
    """The loggers of a `ListLoggers` answer.

    Args:
        result: The generated `ListLoggers` result.

    Returns:
        The loggers.
    """
    loggers = present(present(result.logging, "logging").loggers, "a logger list")
    return [Logger.model_validate(module_fields(item)) for item in loggers if item is not None]


def _as_text(values: Mapping[str, Any]) -> builtins.list[KeyValuePairInput | None]:
    from wikijs_graphql.input_types import KeyValuePairInput

    return [
        KeyValuePairInput(key=key, value=value if isinstance(value, str) else json.dumps(value))
        for key, value in values.items()
    ]
