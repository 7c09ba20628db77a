"""GraphQL over HTTP the way Wiki.js's Apollo Server 2.25 answers it.

Statuses and bodies are Wiki.js 2.5.314's: transport-level problems are plain-text answers
(`POST body missing...`, `Must provide query string.`), documents that fail to parse or
validate and requests whose variables do not coerce answer 400 with `errors` and no
`data`, everything that executes answers 200. A JSON array is a batch; automatic persisted
queries are supported.
"""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    get_operation_ast,
    parse,
    validate,
)

from wikijs_typed.testing._graphql.execution import WikiExecutionContext, format_error, js_quotes
from wikijs_typed.testing._http.wire import Response, json_response, text_response
from wikijs_typed.testing._wiki.render import js_inspect
from wikijs_typed.testing._wiki.wiki import Context

POST_BODY_MISSING = "POST body missing. Did you forget use body-parser middleware?"


class HttpQueryError(Exception):
    def __init__(self, status: int, message: str, headers: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or []

    def response(self) -> Response:
        return text_response(self.status, self.message, headers=self.headers)


@dataclass
class Trace:
    """What a request asked for, for `emu.requests` and latency injection."""

    operation_names: list[str | None] = field(default_factory=list)
    operation_types: list[str] = field(default_factory=list)
    batch: bool = False


# Apollo Server keeps parsed and validated documents (its "document store"), so a client
# that sends the same operation again pays neither step twice.
_DOCUMENT_STORE_SIZE = 1000


@dataclass
class GraphQLService:
    schema: GraphQLSchema
    persisted: dict[str, str]
    documents: dict[str, tuple[DocumentNode, list[GraphQLError]]] = field(default_factory=dict)

    def _document(self, query: str) -> tuple[DocumentNode, list[GraphQLError]]:
        """The parsed document and its validation errors (raises GraphQLSyntaxError)."""
        known = self.documents.get(query)
        if known is None:
            document = parse(query)
            known = (document, validate(self.schema, document))
            if len(self.documents) < _DOCUMENT_STORE_SIZE:
                self.documents[query] = known
        return known

    def handle(self, payload: Any, context: Context, *, get: bool, trace: Trace) -> Response:
        if not payload:
            if get:
                return text_response(400, "GET query missing.")
            return text_response(500, POST_BODY_MISSING)
        if isinstance(payload, list):
            trace.batch = True
            answers = [self._batch_item(item, context, trace) for item in payload]
            return json_response(200, answers)
        if not isinstance(payload, dict):
            return text_response(500, POST_BODY_MISSING)
        try:
            answer, headers = self.process(payload, context, get=get, trace=trace)
        except HttpQueryError as error:
            return error.response()
        status = 400 if "errors" in answer and "data" not in answer else 200
        if headers:
            status = 200
        return json_response(status, answer, headers)

    def _batch_item(self, item: Any, context: Context, trace: Trace) -> dict[str, Any]:
        try:
            if not isinstance(item, dict):
                raise HttpQueryError(400, "Must provide query string.")
            answer, _ = self.process(item, context, get=False, trace=trace)
        except HttpQueryError as error:
            return {"errors": [_message_error(error.message)]}
        return answer

    def process(
        self, params: dict[str, Any], context: Context, *, get: bool, trace: Trace
    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        query = params.get("query")
        if query and not isinstance(query, str):
            raise HttpQueryError(400, "GraphQL queries must be strings.")
        variables = _json_param(params.get("variables"), "Variables are invalid JSON.")
        extensions = _json_param(params.get("extensions"), "Extensions are invalid JSON.")
        operation_name = params.get("operationName")
        register: str | None = None
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if isinstance(persisted, dict):
            if persisted.get("version") != 1:
                raise HttpQueryError(400, "Unsupported persisted query version")
            digest = str(persisted.get("sha256Hash", ""))
            if "query" not in params:
                found = self.persisted.get(digest)
                if found is None:
                    trace.operation_names.append(None)
                    error = {
                        "message": "PersistedQueryNotFound",
                        "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND", "exception": {}},
                    }
                    no_cache = [("cache-control", "private, no-cache, must-revalidate")]
                    return {"errors": [error]}, no_cache
                query = found
            else:
                if hashlib.sha256(str(query).encode()).hexdigest() != digest:
                    raise HttpQueryError(400, "provided sha does not match query")
                register = digest
        elif not query:
            raise HttpQueryError(400, "Must provide query string.")
        return self._run(str(query), variables, operation_name, register, context, get, trace), []

    def _run(
        self,
        query: str,
        variables: Any,
        operation_name: Any,
        register: str | None,
        context: Context,
        get: bool,
        trace: Trace,
    ) -> dict[str, Any]:
        try:
            document, errors = self._document(query)
        except GraphQLSyntaxError as error:
            trace.operation_names.append(
                operation_name if isinstance(operation_name, str) else None
            )
            return {"errors": [format_error(error, "GRAPHQL_PARSE_FAILED", js_message=True)]}
        operation = get_operation_ast(
            document, operation_name if isinstance(operation_name, str) else None
        )
        trace.operation_names.append(_operation_name(operation, operation_name))
        if errors:
            return {
                "errors": [
                    format_error(e, "GRAPHQL_VALIDATION_FAILED", js_message=True) for e in errors
                ]
            }
        if register is not None:
            self.persisted[register] = query
        if get and operation is not None and operation.operation.value != "query":
            raise HttpQueryError(405, "GET supports only query operation", [("allow", "POST")])
        if operation is not None:
            trace.operation_types.append(operation.operation.value)
        return self._execute(document, variables, operation_name, context)

    def _execute(
        self, document: DocumentNode, variables: Any, operation_name: Any, context: Context
    ) -> dict[str, Any]:
        built = WikiExecutionContext.build(
            self.schema,
            document,
            context_value=context,
            raw_variable_values=variables if isinstance(variables, dict) else None,
            operation_name=operation_name if isinstance(operation_name, str) else None,
        )
        if isinstance(built, list):
            return {"errors": [_request_error(error) for error in built]}
        try:
            data = built.execute_operation(built.operation, None)
        except GraphQLError as error:
            built.collected_errors.add(error, None)
            data = None
        answer: dict[str, Any] = {}
        if built.collected_errors.errors:
            # graphql-core's own messages (no resolver raised them) are worded like graphql-js's
            # but quoted the Python way.
            answer["errors"] = [
                format_error(error, js_message=_from_graphql(error))
                for error in built.collected_errors.errors
            ]
        answer["data"] = data
        return answer


def _operation_name(operation: OperationDefinitionNode | None, requested: Any) -> str | None:
    if isinstance(requested, str) and requested:
        return requested
    if operation is not None and operation.name is not None:
        return operation.name.value
    return None


def _json_param(value: Any, problem: str) -> Any:
    if isinstance(value, str) and value != "":
        try:
            return json.loads(value)
        except ValueError as error:
            raise HttpQueryError(400, problem) from error
    return value


def _from_graphql(error: GraphQLError) -> bool:
    return error.original_error is None or isinstance(error.original_error, GraphQLError)


def _request_error(error: GraphQLError) -> dict[str, Any]:
    code = "BAD_USER_INPUT" if "got invalid value" in error.message else "INTERNAL_SERVER_ERROR"
    formatted = format_error(error, code)
    formatted["message"] = js_quotes(_js_invalid_object(error.message))
    formatted.pop("path", None)
    return formatted


_INVALID_OBJECT = "got invalid value {"


def _js_invalid_object(message: str) -> str:
    """An invalid input object in a message, printed as graphql-js prints it.

    graphql-core prints it the Python way (`{'key': 'v'}`), graphql-js with Node's inspect
    (`{ key: "v" }`); anything not read back as a literal stays as is.
    """
    start = message.find(_INVALID_OBJECT)
    if start < 0:
        return message
    start += len(_INVALID_OBJECT) - 1
    depth, end = 0, start
    for end in range(start, len(message)):
        depth += {"{": 1, "}": -1}.get(message[end], 0)
        if depth == 0:
            break
    try:
        value = ast.literal_eval(message[start : end + 1])
    except (ValueError, SyntaxError):
        return message
    return message[:start] + js_inspect(value) + message[end + 1 :]


def _message_error(message: str) -> dict[str, Any]:
    return {
        "message": js_quotes(message),
        "extensions": {"code": "INTERNAL_SERVER_ERROR", "exception": {}},
    }
