"""The emulator reads scalar fields of its views without graphql-core's full field machinery
(`testing/execution.py`); the answers must be the ones that machinery gives, errors included."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed.testing import ManualClock, WikiJSEmulator
from wikijs_typed.testing._graphql import execution

PAGE_FIELDS = (
    "id path hash title description isPrivate isPublished privateNS publishStartDate"
    " publishEndDate tags { id tag title createdAt updatedAt __typename } content render"
    " contentType createdAt updatedAt editor locale scriptCss scriptJs authorId authorName"
    " authorEmail creatorId creatorName creatorEmail __typename again: title"
)
LIST_FIELDS = (
    "id path locale title description contentType isPublished isPrivate privateNS"
    " createdAt updatedAt tags"
)


def _queries(page: int) -> list[str]:
    return [
        f"{{ pages {{ single(id: {page}) {{ {PAGE_FIELDS} }} }} }}",
        # `toc` is stored as JSON, which graphql-js refuses to serialise as a String: an error.
        f"{{ pages {{ single(id: {page}) {{ id toc title }} }} }}",
        f"{{ pages {{ list(orderBy: ID) {{ {LIST_FIELDS} }} }} }}",
        "{ pages { single(id: 999) { id title } } }",
        f"{{ pages {{ history(id: {page}) {{ total trail {{ versionId authorName }} }} }} }}",
    ]


def _answers(emu: WikiJSEmulator, queries: list[str]) -> list[Any]:
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    with httpx.Client(base_url=emu.base_url, transport=emu.transport(), headers=headers) as http:
        return [http.post("/graphql", json={"query": query}).json() for query in queries]


def test_scalars_read_quickly_answer_as_graphql_core_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emu = WikiJSEmulator(clock=ManualClock(1_800_000_000))
    page = emu.seed_page("docs/a", "A", "# A\n\n## Part\n", tags=["one", "two"])
    emu.seed_page("docs/b", "B", "b", description="none", is_published=False)
    queries = _queries(page)

    quick = _answers(emu, queries)
    monkeypatch.setattr(execution, "_scalar_of_view", lambda *_: execution.Undefined)
    full = _answers(emu, queries)

    assert quick == full
    assert quick[0]["data"]["pages"]["single"]["tags"][0]["tag"] == "one"
    assert quick[1]["errors"][0]["path"] == ["pages", "single", "toc"]
    assert len(quick[2]["data"]["pages"]["list"]) == 2
