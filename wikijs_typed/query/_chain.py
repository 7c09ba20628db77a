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
    """The (offset, limit) a slice of a query asks for.

    Args:
        index: The slice, `q[a:b]`; a slice without a stop takes the default page size.

    Returns:
        The offset and the limit (None when the slice has no stop).

    Raises:
        QueryError: When the slice has a step, or a bound is negative or not an integer.
    """
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
    """An immutable query: a spec, and what the I/O half needs to run it.

    Every chaining method checks its arguments at once (a QueryError, a ValidationError,
    before anything is sent) and returns a new query; the query it was called on is unchanged.
    """

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
        """Only the items whose title, description or path hold the terms of `text`.

        The text is split into words, lowercased and unaccented; a term matches a word that
        starts with it. The results are ranked by how many terms they hold unless an order
        is given. Assets are searched in their file name and folder.

        Args:
            text: The words to look for; an empty text matches nothing.
            operator: `"and"` keeps the items holding every term, `"or"` those holding any.
            include_content: Also look in each page's content, which costs reading every
                candidate page (one request per 50).

        Returns:
            A new query with this search (it replaces an earlier one).

        Raises:
            QueryError: When `text` is not a string or `operator` is neither "and" nor "or".
        """
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
        """Fields this query neither shows nor accepts, at any level.

        `hide("email")` keeps authors' addresses out of every item; asking for a hidden field
        (in `fields`, `filter`, `order_by` or `from_params`) is then an unknown field, as if
        it did not exist. Hidden fields add up over calls.

        Args:
            *names: Field names of the endpoint or of its nested people (`email`).

        Returns:
            A new query that hides these fields too.

        Raises:
            QueryError: When a name is not a string or not a field of the endpoint.
        """
        if not all(isinstance(name, str) for name in names):
            raise QueryError("hide takes field names", field="hide")
        return self._with(self._spec.with_hidden(names))

    def limit(self, count: int) -> Self:
        """At most `count` items per window (`fetch`, `q[a:]`, iteration).

        Args:
            count: The page size; 0 or more, at most `max_limit` (1000 unless changed).
                Without a limit a window holds 20 items.

        Returns:
            A new query with this limit.

        Raises:
            QueryError: When `count` is negative, not an integer, or above `max_limit`.
        """
        return self._with(self._spec.with_window(limit=count))

    def offset(self, count: int) -> Self:
        """Skip the first `count` matches.

        Args:
            count: How many matches to skip; 0 or more.

        Returns:
            A new query with this offset.

        Raises:
            QueryError: When `count` is negative or not an integer, or the query is in
                random order without a seed (an offset would skip an order that changes).
        """
        return self._with(self._spec.with_window(offset=count))

    def max_limit(self, maximum: int | None) -> Self:
        """The largest page size this query accepts, in `limit` and `from_params`.

        Args:
            maximum: The cap (1000 by default), a positive integer; None for no cap.

        Returns:
            A new query with this cap.

        Raises:
            QueryError: When `maximum` is neither None nor a positive integer.
        """
        return self._with(self._spec.with_max_limit(maximum))

    def from_params(self, params: Params, *, view: View = "listing") -> Self:
        """This query narrowed by Wagtail API parameters, given as strings.

        Every parameter is parsed and checked here, in Wagtail's order, so a request with
        several problems gets the error Wagtail would give. A parameter given several times
        counts with its last value, as in Django.

        Args:
            params: The request's parameters, each a string or a sequence of strings:
                `limit`, `offset`, `fields`, `order`, `search`, `search_operator`, every
                filterable field, and `type`, `locale` and the tree filters for pages or
                `in_folder` for assets.
            view: `"listing"`, or `"detail"` to read them as Wagtail's detail views do:
                unknown parameters and limit/offset are ignored.

        Returns:
            A new query narrowed by the parameters.

        Raises:
            QueryError: When a parameter is unknown (in a listing) or its value is refused;
                the message is Wagtail's own, fit for a 400 answer.
        """
        return self._with(parse_params(self._spec, params, view=view))

    def _windowed(self, index: slice) -> QuerySpec:
        offset, limit = window_of(index)
        spec = replace(self._spec, limit=None, offset=0)
        return spec.with_window(offset=offset, limit=limit)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._spec.catalogue.endpoint}, {self._spec!r})"
