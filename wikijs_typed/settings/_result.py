"""What `client.settings.apply` did: the steps applied, and those not, with the failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.settings._plan import Step

__all__ = ["ApplyResult"]


@dataclass
class ApplyResult:
    """`applied` were sent and succeeded; `not_applied` (the failed step first) were not.
    `error` is the failure that stopped the run (None when every step was applied)."""

    applied: list[Step]
    not_applied: list[Step]
    failed: Step | None = None
    error: WikiJSError | None = None

    @property
    def ok(self) -> bool:
        return self.failed is None

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "applied": [step.as_json() for step in self.applied],
            "not_applied": [step.as_json() for step in self.not_applied],
            "error": None if self.error is None else str(self.error),
        }
