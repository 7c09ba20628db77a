"""Settings as code: a wiki's configuration as a file, planned and applied.

A wiki's configuration becomes a document (`client.settings.export()`); `plan` lists the
changes that make a wiki match one, and `apply` makes them. See docs/settings.md.
"""

from __future__ import annotations

from importlib import resources

from wikijs_typed.settings._document import Problem, SettingsDocument, SettingsError
from wikijs_typed.settings._plan import Change, SettingsPlan, Step
from wikijs_typed.settings._result import ApplyResult

__all__ = [
    "SCHEMA_FILE",
    "ApplyResult",
    "Change",
    "Problem",
    "SettingsDocument",
    "SettingsError",
    "SettingsPlan",
    "Step",
]

# The JSON Schema of the settings file, shipped with the package (tests keep it current).
SCHEMA_FILE = resources.files(__name__) / "settings.schema.json"
