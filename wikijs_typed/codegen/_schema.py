"""Pinning the Wiki.js schema: pull it from a server or an introspection answer, and diff it.

The pinned file is plain SDL with a short header naming the Wiki.js version it came from.
It is printed without descriptions and in the server's own declaration order (the order of
the introspection answer), so the same answer always gives the same bytes. The order matters:
Wiki.js reports, for example, missing arguments in declaration order, and the emulator, which
executes this file, answers the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from graphql import (
    BreakingChange,
    DangerousChange,
    GraphQLError,
    GraphQLSchema,
    build_client_schema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
    get_introspection_query,
    print_schema,
    validate_schema,
)

VERSION_HEADER = "# wikijs-version: "
_VERSION_IN_NAME = re.compile(r"(\d+\.\d+\.\d+)")
_VERSION_QUERY = "query WikiVersion { system { info { currentVersion } } }"


class SchemaError(Exception):
    """The schema could not be pulled, read or compared."""


@dataclass(frozen=True)
class PinnedSchema:
    sdl: str
    wikijs_version: str

    def render(self) -> str:
        return (
            "# The Wiki.js GraphQL schema this project is generated against.\n"
            "# Made by `wikijs-typed schema pull`; do not edit by hand.\n"
            f"{VERSION_HEADER}{self.wikijs_version}\n\n{self.sdl}"
        )


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: (None if key == "description" else _without_descriptions(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_without_descriptions(item) for item in node]
    return node


def _introspection_payload(answer: Any) -> dict[str, Any]:
    """Accept both a full GraphQL answer (`{"data": {"__schema": ...}}`) and its `data`."""
    if isinstance(answer, dict) and isinstance(answer.get("data"), dict):
        answer = answer["data"]
    if not isinstance(answer, dict) or "__schema" not in answer:
        raise SchemaError("not an introspection answer: no __schema object found")
    return answer


def _checked(schema: GraphQLSchema, source: str) -> GraphQLSchema:
    """`schema`, once graphql-core has found it valid.

    graphql-core resolves types lazily, so a broken schema would otherwise fail later, deep
    inside a diff.
    """
    try:
        errors = validate_schema(schema)
    except (TypeError, ValueError, GraphQLError) as exc:
        raise SchemaError(f"{source} is not a valid GraphQL schema: {exc}") from exc
    if errors:
        shown = "; ".join(error.message for error in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise SchemaError(f"{source} is not a valid GraphQL schema: {shown}{more}")
    return schema


def schema_from_introspection(answer: Any) -> GraphQLSchema:
    payload = _without_descriptions(_introspection_payload(answer))
    try:
        schema = build_client_schema(payload)
    except (TypeError, ValueError, KeyError, GraphQLError) as exc:
        raise SchemaError(f"the introspection answer is not a valid schema: {exc}") from exc
    return _checked(schema, "the introspection answer")


def pin_from_introspection(answer: Any, wikijs_version: str) -> PinnedSchema:
    return PinnedSchema(print_schema(schema_from_introspection(answer)) + "\n", wikijs_version)


def version_from_file_name(path: Path) -> str | None:
    match = _VERSION_IN_NAME.search(path.name)
    return match.group(1) if match else None


def load_introspection_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SchemaError(f"{path}: cannot read introspection answer: {exc}") from exc


def _post(url: str, api_key: str | None, document: str, timeout: float) -> Any:
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    endpoint = url.rstrip("/") + "/graphql"
    try:
        response = httpx.post(endpoint, json={"query": document}, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise SchemaError(f"{endpoint}: {type(exc).__name__}: {exc}") from exc
    if response.status_code != 200:
        raise SchemaError(f"{endpoint}: HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError as exc:
        raise SchemaError(f"{endpoint}: the answer is not JSON") from exc


def fetch_introspection(url: str, api_key: str | None, timeout: float = 30.0) -> Any:
    return _post(url, api_key, get_introspection_query(descriptions=False), timeout)


def fetch_version(url: str, api_key: str | None, timeout: float = 30.0) -> str | None:
    """The server's version, which only an administrator may read; None when it is hidden."""
    answer = _post(url, api_key, _VERSION_QUERY, timeout)
    try:
        version = answer["data"]["system"]["info"]["currentVersion"]
    except (KeyError, TypeError):
        return None
    return version if isinstance(version, str) and version else None


def read_pinned(path: Path) -> tuple[GraphQLSchema, str]:
    """The pinned schema and the Wiki.js version written in its header."""
    text = path.read_text(encoding="utf-8")
    version = "unknown"
    for line in text.splitlines():
        if line.startswith(VERSION_HEADER):
            version = line.removeprefix(VERSION_HEADER).strip()
            break
    try:
        schema = build_schema(text)
    except (TypeError, ValueError, GraphQLError) as exc:
        raise SchemaError(f"{path} is not a valid GraphQL schema: {exc}") from exc
    return _checked(schema, str(path)), version


@dataclass(frozen=True)
class SchemaDiff:
    breaking: list[BreakingChange]
    dangerous: list[DangerousChange]


def diff_schemas(old: GraphQLSchema, new: GraphQLSchema) -> SchemaDiff:
    # Compare like with like: `new` goes through SDL as the pinned file did, so that the
    # built-in directives graphql-core adds to every SDL schema are on both sides.
    new = build_schema(print_schema(new))
    return SchemaDiff(find_breaking_changes(old, new), find_dangerous_changes(old, new))
