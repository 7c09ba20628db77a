"""A small wiki for the content query's tests: a docs tree, a blog, a French page, a draft."""

from __future__ import annotations

from typing import Any

# (path, title, description, tags, locale, published, content)
PAGES: list[tuple[str, str, str, list[str], str, bool, str]] = [
    ("home", "Home", "Welcome", [], "en", True, "Start here"),
    ("docs", "Docs", "All the documentation", ["guide"], "en", True, "Read the docs"),
    (
        "docs/install",
        "Install guide",
        "How to install",
        ["guide", "setup"],
        "en",
        True,
        "Run the installer",
    ),
    ("docs/configure", "Configure", "Settings", ["guide"], "en", True, "Edit config.yml"),
    (
        "docs/advanced/tuning",
        "Tuning",
        "Make it fast",
        ["setup"],
        "en",
        True,
        "Cache everything, says the elephant",
    ),
    ("blog/cafe", "Café culture", "James Joyce at the café", ["blog"], "en", True, "Coffee"),
    ("blog/joyce", "James Joyce", "An Irish writer", ["blog", "people"], "en", True, "Ulysses"),
    ("about", "About", "Who we are", [], "en", True, "A team"),
    ("docs", "Documentation", "Toute la documentation", ["guide"], "fr", True, "Lisez"),
    ("drafts/secret", "Secret plans", "Not yet", ["guide"], "en", False, "Hidden"),
]


def seed_site(emulator: Any) -> dict[str, int]:
    """Seed the pages; returns their ids by `locale/path`."""
    ids: dict[str, int] = {}
    # The French locale is installed, as an administrator would.
    emulator.wiki.db.locales = ("en", "fr")
    for path, title, description, tags, locale, published, content in PAGES:
        # A second apart: every page has its own creation time.
        emulator.advance(1)
        ids[f"{locale}/{path}"] = emulator.seed_page(
            path,
            title,
            content,
            tags=tags,
            description=description,
            locale=locale,
            is_published=published,
        )
    return ids
