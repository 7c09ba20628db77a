"""`wikijs-typed demo`: the tour runs on the emulator, and on a "real" Wiki.js (the emulator
over HTTP) under its own prefix, cleaning up after itself."""

from __future__ import annotations

import io
from typing import Any

import pytest

from wikijs_typed._demo import run_demo


def test_the_tour_runs_on_the_built_in_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIKIJS_URL", raising=False)
    out = io.StringIO()

    assert run_demo(out) == 0

    text = out.getvalue()
    assert "built-in Wiki.js emulator" in text
    assert "get_many read 3 complete pages in 1 HTTP request(s)" in text
    assert "DuplicatePathError: errorCode 6002, slug PageDuplicateCreate" in text
    assert "deleted 4 page(s), 0 failed" in text


def test_on_a_given_wiki_it_works_under_a_prefix_and_cleans_up(
    monkeypatch: pytest.MonkeyPatch, wikijs_emulator: Any
) -> None:
    kept = wikijs_emulator.seed_page(path="someone/else", title="Not the demo's", content="x")
    with wikijs_emulator.serve() as url:
        monkeypatch.setenv("WIKIJS_URL", url)
        monkeypatch.setenv("WIKIJS_API_KEY", wikijs_emulator.api_key)
        out = io.StringIO()

        assert run_demo(out) == 0

    assert f"on the Wiki.js at {url}" in out.getvalue()
    assert " wikijs-typed-demo/" in out.getvalue()
    created = [r for r in wikijs_emulator.requests if "CreatePage" in r.operation_names]
    assert created
    from wikijs_typed import WikiJSClient

    with WikiJSClient(
        wikijs_emulator.base_url, wikijs_emulator.api_key, transport=wikijs_emulator.transport()
    ) as client:
        assert [p.id for p in client.pages.list()] == [kept]


def test_a_wiki_that_cannot_be_used_ends_the_tour_with_1(
    monkeypatch: pytest.MonkeyPatch, wikijs_emulator: Any
) -> None:
    with wikijs_emulator.serve() as url:
        monkeypatch.setenv("WIKIJS_URL", url)
        monkeypatch.setenv("WIKIJS_API_KEY", "wrong-key")
        out = io.StringIO()

        assert run_demo(out) == 1

    assert "AuthenticationError" in out.getvalue()
    assert "wrong-key" not in out.getvalue()
