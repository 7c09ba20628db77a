"""Shared test helpers: where the project and the reference data live."""

from __future__ import annotations

from pathlib import Path

import pytest

# An emulator and an admin's raw GraphQL client on it (tests/_admin_emulator.py).
from _admin_emulator import emu, http  # noqa: F401

# Fixtures that run one test with the sync and then the async client (tests/_both_clients.py).
from _both_clients import cached_wiki, wiki  # noqa: F401

# The console script against the emulator served over HTTP (tests/_cli.py).
from _cli import served  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
# The real server's recordings and introspection answer sit beside the clone in CI.
SHARED = ROOT.parent / "shared"
WIKIJS_FACTS = SHARED / "wikijs"


@pytest.fixture
def shared_wikijs() -> Path:
    if not WIKIJS_FACTS.is_dir():
        pytest.skip("../shared/wikijs (the real server's reference data) is not present")
    return WIKIJS_FACTS
