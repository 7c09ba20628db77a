"""What a view of the listing keeps for the queries over it is bounded.

A crawler that asks for every page's detail view, or clients that make up Host headers,
must not make a view keep without end: the JSON of details and of each rendering's items,
the ways of rendering and the queries' matches each have a ceiling, past which the view
starts again from empty (the next request renders what it needs).
"""

from __future__ import annotations

from datetime import UTC, datetime

from wikijs_typed.models._page import Page
from wikijs_typed.query import _page_index
from wikijs_typed.query._page_index import PageView
from wikijs_typed.query._page_plan import PageAdapter


def _view() -> PageView:
    moment = datetime(2024, 5, 1, tzinfo=UTC)
    page = Page.model_construct(
        id=1, path="home", locale="en", title="Home", created_at=moment, updated_at=moment
    )
    return PageView([page], PageAdapter("http://wiki.example"), None)


def test_a_view_keeps_a_bounded_number_of_details_per_rendering() -> None:
    view = _view()
    details = view.rendered_details("detail")
    for page_id in range(_page_index._KEPT_DETAILS):
        details[page_id] = ("1", b"{}")
    again = view.rendered_details("detail")
    assert again is details
    assert again == {}


def test_a_view_keeps_a_bounded_number_of_items_per_rendering() -> None:
    view = _view()
    items = view.rendered_items("listing")
    items.update((page_id, b"{}") for page_id in range(_page_index._KEPT_ITEMS - 1))
    assert len(view.rendered_items("listing")) == _page_index._KEPT_ITEMS - 1
    items[-1] = b"{}"
    assert view.rendered_items("listing") == {}


def test_a_view_keeps_a_bounded_number_of_renderings_and_matches() -> None:
    view = _view()
    for n in range(_page_index._KEPT_RENDERINGS):
        view.rendered_items(n)[1] = b"{}"
    assert all(view.rendered_items(n) for n in range(_page_index._KEPT_RENDERINGS))
    assert view.rendered_items("one more") == {}
    assert view.rendered_items(0) == {}  # every earlier rendering is gone
    plans = [object() for _ in range(_page_index._KEPT_MATCHES + 1)]
    for plan in plans:
        view.keep_matches(plan, [])
    assert view.kept_matches(plans[-1]) is not None
    assert view.kept_matches(plans[0]) is None
