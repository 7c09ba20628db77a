"""What travels through the seam: an operation's static description, a request, a result.

`OperationInfo` records are emitted by the project's ariadne-codegen plugin into the generated
package's `operations` module, one per operation, so the cache and the batcher know what an
operation reads or writes without parsing documents at run time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final, Literal, TypedDict

# GraphQL's `Int` is a signed 32-bit integer: servers refuse anything outside this range.
GRAPHQL_INT_MIN = -(2**31)
GRAPHQL_INT_MAX = 2**31 - 1

OperationKind = Literal["query", "mutation", "subscription"]
# "cache-first" (the default for queries): answer from the cache when it can;
# "network-only": always fetch, then store; "no-cache": fetch and store nothing.
CachePolicy = Literal["cache-first", "network-only", "no-cache"]
JSONObject = dict[str, Any]


class Later(Enum):
    """What an engine's `read_now` answers when the read must wait (see `LATER`)."""

    LATER = "later"


# The read must wait, for a cache that does I/O or for the server: `read_later` finishes it.
LATER: Final = Later.LATER


@dataclass(frozen=True, slots=True)
class EntityPath:
    """Where objects of one entity type sit in an operation's result.

    `resource` groups types that share an id space: `Page`, `PageListItem` and
    `PageSearchResult` are all "page".

    `path` is a tuple of response keys from the root (aliases included); a list on the way is
    walked item by item. `id_field` is the response key that holds the object's id.
    """

    path: tuple[str, ...]
    type_name: str
    resource: str
    id_field: str = "id"


@dataclass(frozen=True, slots=True)
class StatusPath:
    """Where a mutation's `responseResult` sits in its result, and its status fields' keys.

    The keys are the response keys of the status fields it selects (None for a field it leaves
    out).
    """

    path: tuple[str, ...]
    succeeded: str = "succeeded"
    error_code: str | None = "errorCode"
    slug: str | None = "slug"
    message: str | None = "message"


@dataclass(frozen=True, slots=True)
class OperationInfo:
    name: str
    kind: OperationKind
    document: str
    # Root fields as "namespace.field", e.g. ("pages.single",).
    fields: tuple[str, ...]
    # Every object type the selection touches, e.g. ("Page", "PageQuery", "PageTag").
    types: tuple[str, ...]
    entities: tuple[EntityPath, ...] = ()
    # Variables that name an entity of a resource, e.g. {"id": "page"} for pages.single(id:).
    id_variables: Mapping[str, str] = field(default_factory=dict)
    # Resources this query lists (root fields not keyed by an id or a path), e.g. ("page",).
    listings: tuple[str, ...] = ()
    # Resources whose listings a successful mutation makes stale; "page:*" means every read
    # that holds a page.
    affects: tuple[str, ...] = ()
    # A mutation's `responseResult`s: the seam raises when one reports failure.
    statuses: tuple[StatusPath, ...] = ()
    # Variables declared `Int` (or lists of them): the seam refuses values beyond 32 bits.
    int_variables: tuple[str, ...] = ()

    @property
    def namespaces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.split(".", 1)[0] for f in self.fields))

    @property
    def is_query(self) -> bool:
        return self.kind == "query"


def is_utf8(value: str) -> bool:
    """Whether `value` can be sent at all.

    A lone surrogate (the trace of a bad decode) cannot be encoded as UTF-8.
    """
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def objects_at(node: object, path: tuple[str, ...]) -> Iterator[Mapping[str, object]]:
    """The objects at a response path of a result's data.

    Lists on the way are walked item by item.
    """
    if isinstance(node, list):
        for item in node:
            yield from objects_at(item, path)
    elif isinstance(node, dict):
        if not path:
            yield node
        else:
            yield from objects_at(node.get(path[0]), path[1:])


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Per-call settings that generated methods accept as keyword arguments."""

    cache: CachePolicy | None = None
    timeout: float | None = None
    # Extra HTTP headers for this call only.
    headers: Mapping[str, str] | None = None
    # Whether a failed `responseResult` raises; None leaves it to the client that sends it.
    raise_on_failure: bool | None = None


class CallKeywords(TypedDict, total=False):
    """`CallOptions` as the keyword arguments of a generated method.

    Generated methods take `**kwargs: Unpack[CallKeywords]`, so a misspelled argument is a
    type error rather than something swallowed by `**kwargs: Any`.
    """

    cache: CachePolicy | None
    timeout: float | None
    headers: Mapping[str, str] | None
    # False: a mutation whose `responseResult` reports failure returns its result instead
    # of raising the typed error (DuplicatePathError, NotFoundError, ...).
    raise_on_failure: bool


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    document: str
    operation_name: str | None
    variables: JSONObject
    info: OperationInfo | None = None
    options: CallOptions = CallOptions()

    @property
    def is_mutation(self) -> bool:
        if self.info is not None:
            return self.info.kind == "mutation"
        # An operation the plugin did not describe: treat it as a write unless it is plainly a read.
        return not self.document.lstrip().startswith(("query", "{"))

    def payload(self) -> JSONObject:
        body: JSONObject = {"query": self.document, "variables": self.variables}
        if self.operation_name:
            body["operationName"] = self.operation_name
        return body


@dataclass(frozen=True, slots=True)
class GraphQLResult:
    """One operation's answer: `data` may be partial when `errors` is not empty."""

    data: JSONObject | None
    errors: Sequence[JSONObject] = ()
    extensions: JSONObject | None = None

    @classmethod
    def from_json(cls, body: Any) -> GraphQLResult:
        if not isinstance(body, dict):
            raise ValueError("a GraphQL result must be a JSON object")
        data = body.get("data")
        errors = body.get("errors") or ()
        extensions = body.get("extensions")
        return cls(
            data if isinstance(data, dict) else None,
            tuple(e for e in errors if isinstance(e, dict)) if errors else (),
            extensions if isinstance(extensions, dict) else None,
        )
