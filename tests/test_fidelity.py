"""Fidelity of the emulator, measured by replaying the real server's recordings (issue 3)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tools.fidelity import FidelityReport, IdMap, replay, response_id_kind

DOCUMENT = ROOT / "docs" / "emulator-fidelity.md"


@pytest.fixture(scope="module")
def report() -> FidelityReport:
    recordings = ROOT.parent / "shared" / "wikijs" / "recordings"
    if not (recordings / "ORDER.txt").is_file():
        pytest.skip("../shared/wikijs/recordings (the real server's recordings) is not present")
    return replay(recordings)


def test_replay_matches_at_least_95_percent_of_recorded_steps(report: FidelityReport) -> None:
    print(report.summary())
    assert report.total >= 400  # the whole corpus was replayed, not a part of it
    assert report.ratio >= 0.95, report.summary()


def test_every_remaining_mismatch_is_explained_in_the_document(report: FidelityReport) -> None:
    document = DOCUMENT.read_text(encoding="utf-8")
    unexplained = [step.name for step in report.mismatches if f"`{step.name}`" not in document]
    assert unexplained == [], f"add these steps to {DOCUMENT.name}: {unexplained}"


def test_document_lists_no_step_that_now_matches(report: FidelityReport) -> None:
    document = DOCUMENT.read_text(encoding="utf-8")
    fixed = [step.name for step in report.steps if step.matched and f"`{step.name}`" in document]
    assert fixed == [], f"remove these steps from {DOCUMENT.name}: {fixed}"


def test_ids_map_by_first_appearance_and_shift_unseen_neighbours() -> None:
    ids = IdMap()
    assert ids.bind("asset", 11, 1)
    assert ids.bind("asset", 14, 4)
    assert not ids.bind("asset", 12, 4)  # 4 already stands for recorded 14
    assert ids.to_emulator("asset", 15) == 5  # uploaded but never listed: same offset
    assert ids.to_emulator("asset", 987654) == 987654  # a deliberately unknown id stays unknown
    assert ids.to_emulator("asset", 0) == 0  # the root folder


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (("data", "pages", "create", "page", "id"), "page"),
        (("data", "pages", "single", "tags", 0, "id"), "tag"),
        (("data", "pages", "tree", 0, "id"), None),
        (("data", "users", "single", "groups", 1, "id"), "group"),
        (("data", "groups", "single", "users", 0, "id"), "user"),
        (("data", "pages", "history", "trail", 0, "versionId"), "version"),
        (("data", "comments", "create", "id"), "comment"),
        ((2, "data", "authentication", "apiKeys", 0, "id"), "apikey"),
        (("data", "navigation", "tree", 0, "items", 0, "id"), None),
    ],
)
def test_id_kinds_follow_where_the_id_sits(path: tuple[str | int, ...], kind: str | None) -> None:
    assert response_id_kind(path) == kind
