"""What `client.settings.apply` did: the steps applied, and those not, with the failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.settings._plan import Step

__all__ = ["ApplyResult"]


@dataclass
class ApplyResult:
    """What `client.settings.apply` did: the steps applied, and those not.

    A run stops at the first failed step; the steps before it stay applied.

    Attributes:
        applied: The steps sent that succeeded, in order.
        not_applied: The steps not applied: the failed one first, then those never sent.
        failed: The step that failed; None when every step was applied.
        error: The failure that stopped the run; None when every step was applied.
    """

    applied: list[Step]
    not_applied: list[Step]
    failed: Step | None = None
    error: WikiJSError | None = None

    @property
    def ok(self) -> bool:
        """Whether every step was applied."""
        return self.failed is None

    def as_json(self) -> dict[str, Any]:
        """Describe the run as JSON data, as `wikijs-typed settings apply --json` prints it.

        Returns:
            `ok`, the `applied` and `not_applied` steps (see `Step.as_json`) and the `error`'s
            message (None when there is none). Secrets appear as their references only.
        """
        return {
            "ok": self.ok,
            "applied": [step.as_json() for step in self.applied],
            "not_applied": [step.as_json() for step in self.not_applied],
            "error": None if self.error is None else str(self.error),
        }
