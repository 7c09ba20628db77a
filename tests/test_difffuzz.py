"""Agreement with a real Wiki.js 2.5.314 on random reads (issue 12).

`../shared/wikijs/difffuzz/difffuzz.py replay` seeds a server, sends it the 400 generated
read queries of the recorded corpus and compares the normalised answers. Here the script
itself runs, unchanged, against the emulator served over loopback HTTP. Its only wait is
the 32 s between the two seeded comments (the real server rate-limits comments); the
script is handed the emulator's own manual clock as its `time`, so that pause passes on
the emulator's time line, where the comment rate limit lives, and costs no real time.

The remaining differences are listed, with their reasons, in docs/emulator-fidelity.md;
a test keeps that list equal to the measured one.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from types import ModuleType, SimpleNamespace
from typing import Any

import httpx
import pytest

from tests.conftest import ROOT, WIKIJS_FACTS
from wikijs_typed.testing._clock import ManualClock
from wikijs_typed.testing._emulator import WikiJSEmulator

DIFFFUZZ = WIKIJS_FACTS / "difffuzz"
DOCUMENT = ROOT / "docs" / "emulator-fidelity.md"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "difffuzz-admin-password"
# Exact agreement the emulator has reached (the issue asks for at least 98 %); it may only rise.
FLOOR = 398 / 400
# Reads on these namespaces must agree on every query.
CORE_NAMESPACES = ("pages.", "users.", "groups.", "assets.", "comments.")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("difffuzz", DIFFFUZZ / "difffuzz.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.SDL = str(ROOT / "schema" / "wikijs.graphql")
    return module


def _on_clock(clock: ManualClock) -> SimpleNamespace:
    """The parts of `time` the script uses, with wall time and sleeping on `clock`."""
    return SimpleNamespace(
        time=clock.now,
        sleep=clock.sleep,
        perf_counter=time.perf_counter,
        strftime=time.strftime,
        gmtime=time.gmtime,
    )


def _graphql(http: httpx.Client, query: str, token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body: dict[str, Any] = http.post("/graphql", json={"query": query}, headers=headers).json()
    assert "errors" not in body, body
    return body["data"]


def _make_bars_key(url: str) -> None:
    """The recorded server's second key, made the way its recorder made it: as the
    administrator, enabling the API and creating a full-access key named `bars`."""
    with httpx.Client(base_url=url) as http:
        login = _graphql(
            http,
            f'mutation {{ authentication {{ login(username: "{ADMIN_EMAIL}",'
            f' password: "{ADMIN_PASSWORD}", strategy: "local") {{ jwt }} }} }}',
        )
        jwt = login["authentication"]["login"]["jwt"]
        _graphql(
            http,
            "mutation { authentication { setApiState(enabled: true)"
            " { responseResult { succeeded } } } }",
            jwt,
        )
        made = _graphql(
            http,
            'mutation { authentication { createApiKey(name: "bars", expiration: "1y",'
            " fullAccess: true) { responseResult { succeeded } } } }",
            jwt,
        )
        assert made["authentication"]["createApiKey"]["responseResult"]["succeeded"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not (DIFFFUZZ / "difffuzz.py").is_file():
        pytest.skip("../shared/wikijs/difffuzz (the differential-fuzzing corpus) is not present")
    script = _load_script()
    clock = ManualClock()
    script.time = _on_clock(clock)
    emulator = WikiJSEmulator(ADMIN_EMAIL, ADMIN_PASSWORD, clock=clock)
    out = tmp_path_factory.mktemp("difffuzz") / "report.json"
    with emulator.serve() as url:
        emulator.wiki.db.site.host = url
        _make_bars_key(url)
        corpus = str(DIFFFUZZ / "corpus-2531.json")
        script.main_replay(
            [corpus, url, emulator.api_key, "--report", str(out), "--min-agreement", "0"]
        )
    answer: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return answer


def _disagreeing(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in report["records"] if not r["ab"]["equal"]]


def test_the_seeding_went_through_cleanly(report: dict[str, Any]) -> None:
    assert report["seeding"]["problems"] == []
    assert report["learned"]["problems"] == []
    assert report["id_differences"] == {}  # same ids as the recorded server, entity by entity


def test_agreement_reaches_the_floor(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert summary["queries"] == 400
    print(f"difffuzz agreement: {summary['ab_exact_agree']}/400 ({summary['ab_exact_pct']} %)")
    groups = {g: e["query_ids"] for g, e in report["disagreement_groups"].items()}
    assert summary["ab_exact_agree"] / summary["queries"] >= FLOOR, groups


def test_pages_users_groups_assets_and_comments_agree_on_every_query(
    report: dict[str, Any],
) -> None:
    core = [
        (r["i"], r["root"]) for r in _disagreeing(report) if r["root"].startswith(CORE_NAMESPACES)
    ]
    assert core == []


def _documented_indices() -> dict[int, str]:
    """`#i` (the query's index in the corpus) -> root field, from the document's table."""
    text = DOCUMENT.read_text(encoding="utf-8")
    section = text.split("## Random reads: the queries that still differ", 1)[1].split("\n## ", 1)[
        0
    ]
    return {int(i): root for i, root in re.findall(r"^\| #(\d+) \| `([\w.]+)` \|", section, re.M)}


def test_the_document_lists_exactly_the_queries_that_differ(report: dict[str, Any]) -> None:
    measured = {r["i"]: r["root"] for r in _disagreeing(report)}
    assert _documented_indices() == measured


def test_the_document_states_the_measured_figure(report: dict[str, Any]) -> None:
    summary = report["summary"]
    figure = f"**{summary['ab_exact_agree']} of {summary['queries']} random read queries"
    assert figure in DOCUMENT.read_text(encoding="utf-8")
