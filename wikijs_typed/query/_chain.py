"""The chaining half of every query, sync and async alike: each call returns a new query.

Nothing here sends anything; the I/O half (`fetch`, `count`, ...) lives in `_async/` and its
sync twin in `_sync/`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Self

from wikijs_typed.query._errors import QueryError
from wikijs_typed.query._fields import View, check_names, parse_fields
from wikijs_typed.query._params import Params, parse_params
from wikijs_typed.query._search import Operator, SearchTerms
from wikijs_typed.query._spec import QuerySpec

__all__ = ["QueryChain", "window_of"]


def window_of(index: slice) -> tuple[int, int | None]:
    """(offset, limit) of a slice; a slice without a stop takes the default page size."""
    if index.step not in (None, 1):
        raise QueryError("slicing a query takes no step", field="offset")
    start = 0 if index.start is None else index.start
    if isinstance(start, bool) or not isinstance(start, int) or start < 0:
        raise QueryError("offset must be a positive integer", field="offset")
    if index.stop is None:
        return start, None
    stop = index.stop
    if isinstance(stop, bool) or not isinstance(stop, int) or stop < 0:
        raise QueryError("limit must be a positive integer", field="limit")
    return start, max(0, stop - start)


class QueryChain:
    """An immutable query: a spec, and what the I/O half needs to run it."""

    _spec: QuerySpec

    def _with(self, spec: QuerySpec) -> Self:
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._spec = spec
        return clone

    @property
    def spec(self) -> QuerySpec:
        """Everything this query says, checked (read by the CLI and the content API)."""
        return self._spec

    def search(
        self, text: str, operator: Operator = "and", *, include_content: bool = False
    ) -> Self:
        """Items whose title, description or path hold the terms of `text` (every term with
        "and", any with "or"), ranked by how many they hold unless an order is given.
        `include_content=True` also looks in page content, which costs reading every
        candidate page."""
        if not isinstance(text, str):
            raise QueryError("search must be a string", field="search")
        if operator not in ("and", "or"):
            raise QueryError("search_operator must be 'and' or 'or'", field="search_operator")
        return self._with(
            replace(
                self._spec,
                search=SearchTerms.build(text, operator, include_content=include_content),
            )
        )

    def _order(self, keys: tuple[str, ...], seed: int | None) -> Self:
        return self._with(self._spec.with_order(keys, seed))

    def _fields(self, specs: tuple[str, ...]) -> Self:
        if not all(isinstance(s, str) for s in specs):
            raise QueryError("fields takes field names", field="fields")
        items = parse_fields(",".join(specs))
        check_names(items, self._spec.catalogue, self._spec.hidden)
        return self._with(replace(self._spec, fields=items))

    def hide(self, *names: str) -> Self:
        """Fields this query neither shows nor accepts, at any level: `hide("email")` keeps
        authors' addresses out; asking for a hidden field is an unknown field."""
        if not all(isinstance(name, str) for name in names):
            raise QueryError("hide takes field names", field="hide")
        return self._with(self._spec.with_hidden(names))

    def limit(self, count: int) -> Self:
        """At most `count` items per window (the default is 20, capped by `max_limit`)."""
        return self._with(self._spec.with_window(limit=count))

    def offset(self, count: int) -> Self:
        """Skip the first `count` matches."""
        return self._with(self._spec.with_window(offset=count))

    def max_limit(self, maximum: int | None) -> Self:
        """The largest page size this query accepts (default 1000; None: no cap)."""
        return self._with(self._spec.with_max_limit(maximum))

    def from_params(self, params: Params, *, view: View = "listing") -> Self:
        """This query narrowed by Wagtail API parameters, given as strings.

        Every parameter is parsed and checked here (QueryError with Wagtail's message). In a
        `view="detail"` query, unknown parameters and limit/offset are ignored, as Wagtail's
        detail views do.
        """
        return self._with(parse_params(self._spec, params, view=view))

    def _windowed(self, index: slice) -> QuerySpec:
        offset, limit = window_of(index)
        spec = replace(self._spec, limit=None, offset=0)
        return spec.with_window(offset=offset, limit=limit)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._spec.catalogue.endpoint}, {self._spec!r})"
