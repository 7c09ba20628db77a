"""The README's content-query example runs and prints exactly the output shown under it."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from _query_site import seed_site

README = Path(__file__).resolve().parent.parent / "README.md"


def example_and_output() -> tuple[str, str]:
    text = README.read_text()
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    [example] = [b for b in blocks if b.startswith("query = client.pages.query()")]
    after = text.split(example, 1)[1]
    output = after.split("```text\n", 1)[1].split("```", 1)[0]
    return example, output


def test_the_readme_query_example_prints_what_it_shows(wikijs_emulator: Any) -> None:
    from wikijs_typed import WikiJSClient

    seed_site(wikijs_emulator)
    example, output = example_and_output()
    client = WikiJSClient(
        wikijs_emulator.base_url, wikijs_emulator.api_key, transport=wikijs_emulator.transport()
    )
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(example, {"client": client})  # running the README is the point
    assert printed.getvalue() == output
