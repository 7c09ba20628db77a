"""The three endpoints and the content query each one starts from.

The API's whole notion of what the public may see lives here, as the query's own scope and
hidden fields: unpublished and private pages, and whatever the audience may not view (its
group's rules, the publish dates), are outside the queries' scope (so they are not listed,
not counted, have no detail view, are no tree target and nobody's parent) and authors'
e-mail addresses are hidden fields (asking for one is an unknown field), unless the
operator's settings open them up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Self

from wikijs_typed.api._settings import ApiSettings
from wikijs_typed.query._async.pages import AsyncAudienceSource
from wikijs_typed.query._catalogue import DOCUMENTS, IMAGES, PAGES, Catalogue
from wikijs_typed.query._fields import View
from wikijs_typed.query._params import Params
from wikijs_typed.query._wagtail import JSONObject

if TYPE_CHECKING:
    from wikijs_typed._resources._async.client import AsyncWikiJSClient

__all__ = ["ENDPOINTS", "Endpoint", "EndpointQuery", "Shaped"]


class Shaped(Protocol):
    def to_wagtail(self, base_url: str = "") -> JSONObject: ...


class EndpointQuery(Protocol):
    """What the views use of a content query (pages, images and documents alike)."""

    def from_params(self, params: Params, *, view: View = "listing") -> Self: ...
    async def fetch(self) -> Shaped: ...
    async def fetch_wagtail_json(self, base_url: str = "", /) -> bytes: ...
    async def detail_wagtail_json(self, item_id: int, base_url: str = "", /) -> bytes: ...


def _pages(
    client: AsyncWikiJSClient, settings: ApiSettings, audience: AsyncAudienceSource
) -> EndpointQuery:
    query = client.pages.query(settings.site_url).max_limit(settings.max_limit)
    query = query.visible_to(audience)
    if not settings.include_unpublished:
        query = query.scope(is_published=True)
    if not settings.include_private:
        query = query.scope(is_private=False)
    if not settings.show_emails:
        query = query.hide("email")
    return query


def _images(
    client: AsyncWikiJSClient, settings: ApiSettings, audience: AsyncAudienceSource
) -> EndpointQuery:
    query = client.assets.images.query(settings.site_url).max_limit(settings.max_limit)
    return query.visible_to(audience)


def _documents(
    client: AsyncWikiJSClient, settings: ApiSettings, audience: AsyncAudienceSource
) -> EndpointQuery:
    query = client.assets.documents.query(settings.site_url).max_limit(settings.max_limit)
    return query.visible_to(audience)


@dataclass(frozen=True)
class Endpoint:
    catalogue: Catalogue
    base_query: Callable[[AsyncWikiJSClient, ApiSettings, AsyncAudienceSource], EndpointQuery]
    # Only pages can be found by the path they are served at.
    by_html_path: bool = False

    @property
    def name(self) -> str:
        return self.catalogue.endpoint

    @property
    def not_found(self) -> str:
        return f"No {self.catalogue.object_name} matches the given query."


ENDPOINTS = (
    Endpoint(PAGES, _pages, by_html_path=True),
    Endpoint(IMAGES, _images),
    Endpoint(DOCUMENTS, _documents),
)
