"""GraphQL execution with the error behaviour of Wiki.js's Apollo Server 2 / graphql-js 15.

Two differences from graphql-core's defaults matter for fidelity:

- Wiki.js resolvers are asynchronous, so when a non-null field fails its siblings still run
  (and may record their own errors) before the failure nulls the parent. Errors that had to
  travel up through non-null fields are reported after the ones recorded where they
  happened; otherwise errors keep the order in which they occurred.
- Errors are formatted the Apollo way: `extensions.code` plus an `exception` object whose
  content depends on what was thrown (see `errors.py`).
"""

from __future__ import annotations

import re
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    default_field_resolver,
    is_non_null_type,
)
from graphql.execution import ExecutionContext, ExecutionResult
from graphql.language import FieldNode, OperationDefinitionNode
from graphql.pyutils import Path, Undefined

from wikijs_typed.testing._graphql.errors import RaisedGraphQLError, WikiError

_QUOTED = re.compile(r"'([^']*)'")
_PYTHON_WORDS = {"None": "null", "True": "true", "False": "false"}
_PYTHON_WORD = re.compile(r"\b(None|True|False)\b")


def js_quotes(message: str) -> str:
    """A graphql-core message quoted and spelled as graphql-js writes it.

    graphql-core quotes names and values with ' and prints values the Python way; graphql-js
    uses " and JavaScript's null/true/false.
    """
    message = _PYTHON_WORD.sub(lambda match: _PYTHON_WORDS[match.group(1)], message)
    return _QUOTED.sub(r'"\1"', message)


def read_view_field(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
    """graphql-core's default resolver, with a quick path for the emulator's views (plain dicts).

    Its `isinstance(source, Mapping)` is an ABC check, made for every field.
    """
    if type(source) is dict:
        value = source.get(info.field_name)
        return value(info, **args) if callable(value) else value
    return default_field_resolver(source, info, **args)


def _never_awaitable(value: Any) -> bool:
    # Every resolver of the emulator answers at once (none is a coroutine), so graphql-core
    # need not ask of every value it resolves whether it is one: it asks that of each field
    # twice, which costs more than many fields' resolving.
    return False


_LEAF_TYPES = (GraphQLScalarType, GraphQLEnumType)


def _scalar_of_view(parent_type: GraphQLObjectType, view: dict[str, Any], node: FieldNode) -> Any:
    """A scalar field read straight off a view (a plain dict), or Undefined.

    Undefined when the field needs graphql-core's full path: a resolver of its own, arguments,
    an object or a list, or a value that is null or does not serialize (an error to report, or
    null to check).

    That full path (resolve info, arguments, completion) took most of the emulator's time
    on reads, for fields that are one dict lookup.
    """
    name = node.name.value
    field = parent_type.fields.get(name)
    if field is None or field.resolve is not read_view_field or field.args:
        return Undefined
    field_type = field.type
    if isinstance(field_type, GraphQLNonNull):
        field_type = field_type.of_type
    value = view.get(name)
    if value is None or callable(value) or isinstance(value, Exception):
        return Undefined
    if not isinstance(field_type, _LEAF_TYPES):
        return Undefined
    try:
        serialized = field_type.serialize(value)
    except Exception:
        return Undefined
    return Undefined if serialized is None else serialized


class WikiExecutionContext(ExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = _never_awaitable
        # id(error) -> how many levels the error travelled up through non-null fields
        self._travelled: dict[int, int] = {}

    def execute_operation(self, operation: OperationDefinitionNode, root_value: Any) -> Any:
        try:
            return super().execute_operation(operation, root_value)
        finally:
            self.collected_errors.errors.sort(key=lambda e: self._travelled.get(id(e), 0))

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> Any:
        results: dict[str, Any] = {}
        failure: GraphQLError | None = None
        quick = type(source_value) is dict
        for response_name, field_nodes in fields.items():
            if quick:
                result = _scalar_of_view(parent_type, source_value, field_nodes[0])
                if result is not Undefined:
                    results[response_name] = result
                    continue
            field_path = Path(path, response_name, parent_type.name)
            try:
                result = self.execute_field(parent_type, source_value, field_nodes, field_path)
            except GraphQLError as error:
                failure = failure or error
                continue
            if result is not Undefined:
                results[response_name] = result
        if failure is not None:
            raise failure
        return results

    def handle_field_error(
        self, error: GraphQLError, return_type: GraphQLOutputType, path: Path
    ) -> None:
        if is_non_null_type(return_type):
            raise error
        self._travelled[id(error)] = len(error.path or ()) - len(path.as_list())
        self.collected_errors.add(error, path)

    @staticmethod
    def build_response(data: dict[str, Any] | None, errors: list[GraphQLError]) -> ExecutionResult:
        return ExecutionResult(data, errors or None)


def exception_details(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, WikiError):
        return {"code": original.code, "message": original.message}
    if isinstance(original, RaisedGraphQLError):
        return {"message": original.message}
    return {}


def format_error(
    error: GraphQLError, code: str = "INTERNAL_SERVER_ERROR", *, js_message: bool = False
) -> dict[str, Any]:
    formatted: dict[str, Any] = {
        "message": js_quotes(error.message) if js_message else error.message
    }
    if error.locations:
        formatted["locations"] = [
            {"line": location.line, "column": location.column} for location in error.locations
        ]
    if error.path is not None:
        formatted["path"] = list(error.path)
    formatted["extensions"] = {"code": code, "exception": exception_details(error)}
    return formatted
