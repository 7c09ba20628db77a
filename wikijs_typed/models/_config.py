"""The base of the settings updates (site, theming, localization, mail).

A settings update names the settings to change; the others keep their value. Some Wiki.js
mutations change only what they are sent (`site.updateConfig`), others replace the whole
config (`theming.setConfig`, `mail.updateConfig`, `localization.updateLocale`): for those the
resource reads the current config and sends it `merged` with the changes. Either way,
`changes_from` tells whether there is anything to send at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydantic
from pydantic import ConfigDict

from wikijs_typed.models._base import InputModel

__all__ = ["ConfigUpdate"]


class ConfigUpdate(InputModel):
    """Settings to change. A field left out, or None, keeps its current value."""

    model_config = ConfigDict(extra="forbid", strict=True)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The settings to change, not all those left as they are.
        for name, value in super().__repr_args__():
            if name in self.model_fields_set:
                yield name, value

    def requested(self) -> dict[str, Any]:
        """The settings to change, by their Python names."""
        return {
            name: getattr(self, name) for name in self.given() if getattr(self, name) is not None
        }

    def changes_from(self, current: pydantic.BaseModel) -> dict[str, Any]:
        """The requested settings whose value differs from `current`'s."""
        return {
            name: value
            for name, value in self.requested().items()
            if _plain(getattr(current, name, None)) != _plain(value)
        }

    def merged(self, current: pydantic.BaseModel) -> dict[str, Any]:
        """`current`'s settings (those this update can name) with the requested ones applied."""
        values = {name: _plain(getattr(current, name, None)) for name in type(self).model_fields}
        values.update({name: _plain(value) for name, value in self.requested().items()})
        return values


def _plain(value: Any) -> Any:
    """A secret's value, for comparing and sending (`SecretStr` compares by identity)."""
    if isinstance(value, pydantic.SecretStr):
        return value.get_secret_value()
    return value
