"""Checking the project's `.graphql` operations against a schema, one file at a time.

ariadne-codegen validates all operation files as one document, so its messages cannot say
which file is wrong. This check runs first and reports `file:line:column: message`.
"""

from __future__ import annotations

from pathlib import Path

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    NoUnusedFragmentsRule,
    Source,
    parse,
    specified_rules,
    validate,
)

# A fragment may live in one file and be used from another: "unused" is decided globally.
_RULES = [rule for rule in specified_rules if rule is not NoUnusedFragmentsRule]


def operation_files(queries_dir: Path) -> list[Path]:
    return sorted(queries_dir.glob("*.graphql"))


def _display_name(path: Path, root: Path | None) -> str:
    """The file as the user knows it: relative to the project root when inside it."""
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()


def _describe(error: GraphQLError, fallback: Path) -> str:
    where = error.source.name if error.source is not None else str(fallback)
    if error.locations:
        line, column = error.locations[0].line, error.locations[0].column
        return f"{where}:{line}:{column}: {error.message}"
    return f"{where}: {error.message}"


def operation_errors(
    schema: GraphQLSchema, queries_dir: Path, *, root: Path | None = None
) -> list[str]:
    """Every problem in `queries_dir`, each naming its file and position."""
    documents: dict[Path, DocumentNode] = {}
    problems: list[str] = []
    for path in operation_files(queries_dir):
        name = _display_name(path, root)
        try:
            documents[path] = parse(Source(path.read_text(encoding="utf-8"), name))
        except GraphQLError as syntax_error:
            problems.append(_describe(syntax_error, path))
    if problems:
        return problems

    fragments = {
        path: [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
        for path, document in documents.items()
    }
    for path, document in documents.items():
        borrowed = [f for other, found in fragments.items() if other != path for f in found]
        combined = DocumentNode(definitions=(*document.definitions, *borrowed))
        for error in validate(schema, combined, _RULES):
            # A problem inside a borrowed fragment is reported once, with its own file.
            if error.source is None or error.source.name == _display_name(path, root):
                problems.append(_describe(error, path))
    return problems
