"""A read-only, Wagtail-API-v2-compatible content API over a Wiki.js (`wikijs-typed api`).

    from wikijs_typed.api import ApiSettings, create_app
    app = create_app(client, settings=ApiSettings(base_url="https://api.example.com"))

`/api/v2/pages/`, `/api/v2/images/` and `/api/v2/documents/` (listings, `<id>/` detail
views, `find/`) answer as Wagtail's do, built from the content query and the client's cache.
Needs the `api` extra. See docs/api.md.
"""

from __future__ import annotations

from wikijs_typed.api._app import create_app
from wikijs_typed.api._settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
