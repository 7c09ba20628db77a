"""Overlapping page writes collide in the emulator as on the real server (FACTS "Concurrent
writes"), and its latency makes them take turns."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from wikijs_typed.testing import LatencyProfile, WikiJSEmulator
from wikijs_typed.testing._http.wire import Request

CREATE = """mutation C($path: String!, $tags: [String]!) { pages { create(content: "# x",
  description: "", editor: "markdown", isPublished: true, isPrivate: false, locale: "en",
  path: $path, tags: $tags, title: "T") {
  responseResult { succeeded errorCode slug message } } } }"""
DELETE = """mutation D($id: Int!) { pages { delete(id: $id) {
  responseResult { succeeded errorCode slug message } } } }"""


async def overlapping(emu: WikiJSEmulator, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(
        base_url=emu.base_url, transport=emu.async_transport(), headers=headers
    ) as http:
        answers = await asyncio.gather(*(http.post("/graphql", json=b) for b in bodies))
    results = []
    for answer in answers:
        data = answer.json()["data"]["pages"]
        results.append(next(iter(data.values()))["responseResult"])
    return results


def create(path: str, tags: list[str]) -> dict[str, Any]:
    return {"query": CREATE, "variables": {"path": path, "tags": tags}}


async def test_overlapping_creates_of_one_new_tag_collide_on_its_unique_key(
    emu: WikiJSEmulator,
) -> None:
    results = await overlapping(emu, [create(f"t/{n}", ["fresh", "other"]) for n in range(2)])

    first, second = results
    assert first["succeeded"] is True
    assert (second["succeeded"], second["errorCode"], second["slug"]) == (
        False,
        1,
        "UniqueViolationError",
    )
    assert second["message"] == (
        'insert into "tags" ("tag", "title") values ($1, $2), ($3, $4) returning "id" -'
        ' duplicate key value violates unique constraint "tags_tag_unique"'
    )
    # Both pages are stored; the second without tags and never rendered.
    stored = emu.wiki.db.find_page("en", "t/1")
    assert stored is not None
    assert emu.wiki.db.tags_of(stored.id) == []
    assert stored.render == ""


async def test_overlapping_tree_rebuilds_fail_after_storing_the_page(emu: WikiJSEmulator) -> None:
    emu.seed_page("shared", tags=["known"])
    results = await overlapping(emu, [create(f"r/{n}", ["known"]) for n in range(3)])

    assert [r["succeeded"] for r in results] == [True, False, False]
    message = results[1]["message"]
    assert message.startswith('Error when running job rebuild-tree: insert into "pageTree" (')
    assert message.endswith('violates unique constraint "pageTree_pkey"')
    assert all(emu.wiki.db.find_page("en", f"r/{n}") is not None for n in range(3))
    # The failed rebuilds left the tree without the last pages until the next rebuild.
    assert {node.path for node in emu.wiki.db.tree} == {"shared", "r", "r/0"}


async def test_a_tree_of_more_than_one_statement_breaks_the_parent_key(
    emu: WikiJSEmulator,
) -> None:
    for n in range(101):
        emu.seed_page(f"big/{n}")
    [_, failed] = await overlapping(emu, [create("big/x", []), create("big/y", [])])
    assert failed["message"].endswith(
        'insert or update on table "pageTree" violates foreign key constraint'
        ' "pagetree_parent_foreign"'
    )
    # The statement names every row of the tree (104 here, the new page too), 11 columns each.
    assert "$1144)" in failed["message"]
    assert "$1145" not in failed["message"]


async def test_overlapping_deletes_report_failures_for_pages_they_deleted(
    emu: WikiJSEmulator,
) -> None:
    ids = [emu.seed_page(f"d/{n}") for n in range(4)]
    results = await overlapping(emu, [{"query": DELETE, "variables": {"id": i}} for i in ids])
    assert [r["succeeded"] for r in results] == [True, False, False, False]
    assert len(emu.wiki.db.pages) == 0


async def test_writes_one_after_the_other_do_not_collide(emu: WikiJSEmulator) -> None:
    for n in range(3):
        [result] = await overlapping(emu, [create(f"s/{n}", ["same-new"])])
        assert result["succeeded"] is True


def _create_request(emu: WikiJSEmulator, path: str) -> Request:
    import json

    return Request(
        method="POST",
        target="/graphql",
        headers={"content-type": "application/json", "authorization": f"Bearer {emu.api_key}"},
        body=json.dumps(create(path, [])).encode(),
    )


def test_page_writes_take_turns_and_cost_more_on_a_bigger_wiki(emu: WikiJSEmulator) -> None:
    profile = LatencyProfile()
    emu.latency = profile
    # Four creates arrive together (none answered yet): each waits for the ones before it.
    outcomes = [emu.app.handle(_create_request(emu, f"lane/{n}")) for n in range(4)]
    delays = [o.delay for o in outcomes]
    one = profile.create + profile.cost("tree", 1)
    assert delays[0] == pytest.approx(profile.read + one, abs=1e-6)
    assert delays[3] > 4 * one
    for outcome in outcomes:
        emu.app.finish(outcome)

    for n in range(200):
        emu.seed_page(f"many/{n}")
    emu.advance(60)
    later = emu.app.handle(_create_request(emu, "lane/late"))
    emu.app.finish(later)
    assert later.delay == pytest.approx(
        profile.read + profile.create + profile.cost("tree", 205), abs=1e-6
    )
    assert later.delay > delays[0] + 1.0
