"""The executable schema: the pinned Wiki.js SDL, our resolvers, and the two directives.

`@auth` and `@rateLimit` are declared in the SDL but their usages are not (introspection
does not carry them), so both are applied here from `permissions.REQUIRES` and
`ratelimit.LIMITS`, wrapping resolvers the way Wiki.js's directive visitors do: the rate
limit outermost (every call counts, even refused ones), then the permission check.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from ariadne import ScalarType, make_executable_schema
from graphql import (
    GraphQLEnumType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    get_named_type,
)

from wikijs_typed.testing._graphql.errors import JSError, NotEmulated
from wikijs_typed.testing._graphql.execution import read_view_field
from wikijs_typed.testing._graphql.ratelimit import LIMITS
from wikijs_typed.testing._graphql.resolvers import bindables
from wikijs_typed.testing._wiki.permissions import requirement
from wikijs_typed.testing._wiki.wiki import Context

Resolver = Callable[..., Any]

date_scalar = ScalarType("Date")


@date_scalar.serializer
def _serialize_date(value: Any) -> Any:
    # Stored as JavaScript ISO strings already; publish dates are free text kept verbatim.
    return value


def pinned_sdl() -> str:
    return files("wikijs_graphql").joinpath("schema.graphql").read_text(encoding="utf-8")


def _guarded(resolve: Resolver, requires: tuple[str, ...]) -> Resolver:
    @functools.wraps(resolve)
    def check(obj: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        context: Context = info.context
        if context.user is None:
            raise JSError("Unauthorized")
        if not any(permission in context.user.permissions for permission in requires):
            raise JSError("Forbidden")
        return resolve(obj, info, **kwargs)

    return check


def _limited(resolve: Resolver, key: str) -> Resolver:
    @functools.wraps(resolve)
    def count(obj: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        context: Context = info.context
        context.wiki.limiter.consume(context.client_ip, key)
        return resolve(obj, info, **kwargs)

    return count


def _namespace(*_: Any, **__: Any) -> dict[str, Any]:
    # Every root field is a namespace object; Wiki.js resolves each to `{}`.
    return {}


# "NamespaceType.operation" of every operation `refuse_unmodelled` answers with an error
# (none for the pinned schema; a newer one may add some).
UNMODELLED: set[str] = set()


def _not_emulated(field: str) -> Resolver:
    def refuse(*_: Any, **__: Any) -> Any:
        raise NotEmulated(field)

    return refuse


def refuse_unmodelled(schema: GraphQLSchema, unmodelled: set[str]) -> None:
    """Give every operation without a resolver one that answers an error naming it.

    Without it, such an operation would answer null as if Wiki.js had.

    Args:
        schema: The executable schema, changed in place.
        unmodelled: Collects "NamespaceType.operation" of each operation refused this way.
    """
    for root in (schema.query_type, schema.mutation_type):
        for field in root.fields.values() if root else ():
            namespace = get_named_type(field.type)
            if not isinstance(namespace, GraphQLObjectType):
                continue
            for name, operation in namespace.fields.items():
                if operation.resolve is None:
                    operation.resolve = _not_emulated(f"{namespace.name}.{name}")
                    unmodelled.add(f"{namespace.name}.{name}")


def _apply_directives(schema: GraphQLSchema) -> None:
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, field in graphql_type.fields.items():
            resolve = field.resolve or read_view_field
            requires = requirement(type_name, field_name)
            if requires is not None:
                resolve = _guarded(resolve, requires)
            key = f"{type_name}.{field_name}"
            if key in LIMITS:
                resolve = _limited(resolve, key)
            field.resolve = resolve


def _unpatch_enums(schema: GraphQLSchema) -> None:
    """Drop ariadne's per-instance enum `parse_value` wrapper.

    It takes one argument, but graphql-core >= 3.2.7 passes two when coercing variables, which
    broke every enum variable. Our enums map to their names, so the class's own method is right.
    """
    for graphql_type in schema.type_map.values():
        if isinstance(graphql_type, GraphQLEnumType) and "parse_value" in vars(graphql_type):
            del graphql_type.parse_value


@functools.cache
def executable_schema() -> GraphQLSchema:
    schema = make_executable_schema(pinned_sdl(), date_scalar, *bindables())
    _unpatch_enums(schema)
    for root in (schema.query_type, schema.mutation_type):
        for field in root.fields.values() if root else ():
            field.resolve = field.resolve or _namespace
    refuse_unmodelled(schema, UNMODELLED)
    _apply_directives(schema)
    return schema
