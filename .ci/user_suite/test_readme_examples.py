"""The README's testing examples, written as a user of the installed package writes them.

Run by `run.py` from a folder outside the clone, under pytest's defaults: pytest-asyncio in its
default strict mode, so the async test carries its own mark.
"""

import pytest


def test_publishing(wikijs_client, wikijs_emulator):
    page_id = wikijs_emulator.seed_page("docs/intro", "Intro", "# Hello", tags=["docs"])
    assert wikijs_client.pages.get(page_id).title == "Intro"
    assert len(wikijs_emulator.requests) == 1  # every HTTP request is recorded


@pytest.mark.asyncio
async def test_publishing_async(async_wikijs_client, wikijs_emulator):
    page_id = wikijs_emulator.seed_page("docs/intro", "Intro", "# Hello", tags=["docs"])
    page = await async_wikijs_client.pages.get(page_id)
    assert page.title == "Intro"
    assert len(wikijs_emulator.requests) == 1
