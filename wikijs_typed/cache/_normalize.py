"""What a read holds and what a mutation makes stale, from the codegen plugin's metadata.

A cached read is tagged with
- `resource:id` for every entity found in its data, and for every variable that names one
  (`GetPage(id: 5)` is `page:5` even before the answer is known);
- `resource` for every resource it can hold (`GetPage` holds pages and tags), so that
  `invalidate_resource("page")` and a `page:*` effect reach it;
- `list:resource` for every resource it lists (`ListPages` lists pages).

A successful mutation makes stale the entities it names (its id variables and the entities in
its result) and the listings of the resources it `affects`; `resource:*` in `affects` means
every read holding that resource and `*` means everything. A mutation that failed may still
have written part of its change (Wiki.js stores a page, then fails on its tags or its tree;
an update saves the content, then fails on the tags), and one whose answer was lost may have
written all of it: both invalidate the same as a success. Only a failure Wiki.js reports
before writing anything (a duplicate path, empty content, a forbidden path, a refused
document) keeps the cache.

A read that holds nothing taggable (`pages.searchTags` answers plain strings,
`authentication.apiState` a boolean) is tagged with its namespaces (`ns:pages`) instead, and
every successful mutation in that namespace makes it stale.

Reads of operations the plugin did not describe are not cached: nothing would say when they
go stale. Mutations it did not describe clear the whole cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import httpx

from wikijs_typed._pipeline.errors import BEFORE_WRITE_CODES, BEFORE_WRITE_GRAPHQL_CODES
from wikijs_typed._pipeline.operation import (
    GraphQLRequest,
    GraphQLResult,
    OperationInfo,
    objects_at,
)
from wikijs_typed._pipeline.retry import never_sent
from wikijs_typed.cache._base import EVERYTHING, CacheKey, listing_tag, resource_tag
from wikijs_typed.exceptions import AuthenticationError, ClientError


@lru_cache(maxsize=1024)
def _fingerprint(document: str) -> str:
    # The document is part of the key so that two versions of an operation never share entries.
    # Its layout is not: a generated method's indented literal and the same document in
    # `OPERATIONS` (which `read` keys by) are one read.
    return hashlib.sha256(" ".join(document.split()).encode()).hexdigest()[:12]


def cache_key(identity: str, request: GraphQLRequest) -> str | None:
    """The key of a cacheable read, or None when the request must not be cached."""
    info = request.info
    if info is None or info.kind != "query":
        return None
    if request.document is info.document:
        # Built by a generated method or builder: plain variables find the key `read_key`
        # made for them, without encoding JSON again (a RedisCache hit comes this way).
        key = read_key(identity, info, request.variables, _NEVER_SENT)
        if key is not None:
            return key
    return _key(identity, info.name, request.document, request.variables)


def _key(identity: str, name: str, document: str, variables: Mapping[str, object]) -> str:
    encoded = json.dumps(variables, sort_keys=True, separators=(",", ":"))
    return f"{identity}|{name}|{_fingerprint(document)}|{encoded}"


# Variable values a generated method sends exactly as given.
_PLAIN = frozenset({str, int, float, bool, type(None)})
# What no request's variables hold: `read_key` of variables already sent leaves none out.
_NEVER_SENT = object()


def read_key(
    identity: str, info: OperationInfo, variables: Mapping[str, object], unset: object
) -> str | None:
    """Find the `cache_key` of the read a generated method sends for these arguments.

    Arguments left at `unset` are not sent. The key is found without building the request or
    encoding JSON: None unless every value sent is a plain scalar.
    """
    if info.kind != "query":
        return None
    frozen = []
    for name, value in variables.items():
        if value is unset:
            continue
        kind = type(value)
        if kind not in _PLAIN:
            return None
        frozen.append((name, kind, value))  # the type too: True == 1 == 1.0 as dict keys
    return _frozen_key(identity, info.name, info.document, tuple(frozen))


@lru_cache(maxsize=4096)
def _frozen_key(
    identity: str, name: str, document: str, frozen: tuple[tuple[str, type, object], ...]
) -> str:
    return _key(identity, name, document, {variable: value for variable, _, value in frozen})


def _named_entities(info: OperationInfo, variables: Mapping[str, object]) -> set[str]:
    tags = set()
    for name, resource in info.id_variables.items():
        value = variables.get(name)
        if value is not None:
            tags.add(resource_tag(resource, value))
    return tags


def _found_entities(info: OperationInfo, data: Mapping[str, object] | None) -> set[str]:
    tags = set()
    for entity in info.entities:
        for obj in objects_at(data, entity.path):
            identifier = obj.get(entity.id_field)
            if identifier is not None:
                tags.add(resource_tag(entity.resource, identifier))
    return tags


def read_tags(request: GraphQLRequest, data: Mapping[str, object]) -> frozenset[str]:
    """Everything a cached read holds, as tags (see the module docstring)."""
    info = request.info
    if info is None:
        return frozenset()
    tags = _named_entities(info, request.variables) | _found_entities(info, data)
    tags.update(entity.resource for entity in info.entities)
    for resource in info.listings:
        tags.add(resource)
        tags.add(listing_tag(resource))
    if not tags:
        tags.update(_namespace_tag(namespace) for namespace in info.namespaces)
    return frozenset(tags)


def _namespace_tag(namespace: str) -> str:
    return f"ns:{namespace}"


def _response_results(node: object) -> Iterator[object]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "responseResult":
                yield value
            else:
                yield from _response_results(value)
    elif isinstance(node, list):
        for item in node:
            yield from _response_results(item)


def succeeded(result: GraphQLResult) -> bool:
    """No GraphQL error, and every `responseResult` in the data reports success."""
    if result.errors or result.data is None:
        return False
    return all(
        isinstance(status, dict) and status.get("succeeded") is True
        for status in _response_results(result.data)
    )


def stale_tags(request: GraphQLRequest, data: Mapping[str, object] | None) -> frozenset[str]:
    """The tags a mutation that went through makes stale; `{EVERYTHING}` means all of them."""
    info = request.info
    if info is None or EVERYTHING in info.affects:
        return frozenset({EVERYTHING})
    tags = _named_entities(info, request.variables) | _found_entities(info, data)
    tags.update(_namespace_tag(namespace) for namespace in info.namespaces)
    for effect in info.affects:
        resource, _, scope = effect.partition(":")
        tags.add(resource if scope == "*" else listing_tag(resource))
    return frozenset(tags)


def _refused_before_writing(error: Mapping[str, object]) -> bool:
    extensions = error.get("extensions")
    if not isinstance(extensions, dict):
        return error.get("message") in ("Forbidden", "Unauthorized")
    exception = extensions.get("exception")
    code = exception.get("code") if isinstance(exception, dict) else None
    return (
        extensions.get("code") in BEFORE_WRITE_GRAPHQL_CODES
        or code in BEFORE_WRITE_CODES
        or error.get("message") in ("Forbidden", "Unauthorized")
    )


def wrote_nothing(result: GraphQLResult) -> bool:
    """Whether a failed mutation's every failure is one Wiki.js reports before writing."""
    if result.data is None and not result.errors:
        return False
    statuses = [s for s in _response_results(result.data) if isinstance(s, dict)]
    return all(_refused_before_writing(e) for e in result.errors) and all(
        s.get("succeeded") is True or s.get("errorCode") in BEFORE_WRITE_CODES for s in statuses
    )


def invalidation_after(request: GraphQLRequest, result: GraphQLResult) -> frozenset[str]:
    """Tell what a mutation's answer makes stale.

    Nothing only when it was refused before any write; a success or any other failure makes
    stale all it could have touched.
    """
    if request.info is not None and not succeeded(result) and wrote_nothing(result):
        return frozenset()
    return stale_tags(request, result.data)


def _may_have_run(failure: BaseException) -> bool:
    """Tell whether a failed request may have run: False only when it provably never did.

    It did not when it never reached the server, or when the server refused it before
    executing anything (a 4xx answer, a refused key).
    """
    if isinstance(failure, ClientError | AuthenticationError):
        return False
    cause = failure.__cause__
    return not (isinstance(cause, httpx.TransportError) and never_sent(cause))


@dataclass(frozen=True, slots=True)
class Settlement:
    """What the cache must do once a set of requests has its outcomes."""

    stores: tuple[tuple[CacheKey, Mapping[str, object], frozenset[str]], ...]
    stale: frozenset[str]


def settle(
    requests: Sequence[GraphQLRequest],
    keys: Sequence[CacheKey | None],
    outcomes: Sequence[GraphQLResult | BaseException],
    *,
    fresh: bool,
) -> Settlement:
    """Reads to store and tags to invalidate, for both engines.

    `fresh` is False when a write finished while these reads were in flight: their answers
    may predate it, so they are not stored. A mutation whose outcome is unknown (the
    connection broke after sending) is treated as if it went through.
    """
    stores = []
    stale: set[str] = set()
    for request, key, outcome in zip(requests, keys, outcomes, strict=True):
        if request.is_mutation:
            if isinstance(outcome, GraphQLResult):
                stale |= invalidation_after(request, outcome)
            elif _may_have_run(outcome):
                stale |= stale_tags(request, None)
        elif (
            fresh
            and key is not None
            and request.options.cache != "no-cache"
            and isinstance(outcome, GraphQLResult)
            and not outcome.errors
            and outcome.data is not None
        ):
            stores.append((key, outcome.data, read_tags(request, outcome.data)))
    return Settlement(tuple(stores), frozenset(stale))
