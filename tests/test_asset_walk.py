"""The folder walk as one read with stamps (`assets.stamped_walk(kind)`).

The content query keeps what it derives from the walk while the stamps of what the walk read
are unchanged: the walk gives what `iter_all` gives, and its stamps change when an asset or
a folder is added through the client.
"""

from __future__ import annotations

from typing import Any

from _query_helpers import run
from test_api_wagtail_guide import png


async def test_a_walk_is_iter_all_and_its_stamps_follow_what_it_read(cached_wiki: Any) -> None:
    assets = getattr(cached_wiki, "unwrapped", cached_wiki).assets
    folder = await run(cached_wiki.assets.create_folder("docs"))
    await run(cached_wiki.assets.upload(png(2, 2), filename="top.png"))
    await run(cached_wiki.assets.upload(b"%PDF-1.4 x", folder_id=folder.id, filename="a.pdf"))
    walk = assets.stamped_walk()
    assert await run(walk.stamps()) is None  # nothing walked yet
    walked = await run(walk.walk())
    every = await run(_all(cached_wiki))
    assert [(a.id, a.folder_path) for a in walked] == [(a.id, a.folder_path) for a in every]
    stamps = await run(walk.stamps())
    assert stamps is not None
    assert None not in stamps
    assert await run(walk.stamps()) == stamps  # unchanged while nothing is
    await run(cached_wiki.assets.upload(b"%PDF-1.4 y", folder_id=folder.id, filename="b.pdf"))
    assert await run(walk.stamps()) != stamps
    assert {a.filename for a in await run(walk.walk())} == {"top.png", "a.pdf", "b.pdf"}


async def _all(wiki: Any) -> list[Any]:
    iterated = getattr(wiki, "unwrapped", wiki).assets.iter_all()
    if hasattr(iterated, "__aiter__"):
        return [asset async for asset in iterated]
    return list(iterated)
