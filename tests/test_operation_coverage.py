"""Every operation of the pinned schema has a typed operation in queries/ (issue 19).

An operation is a field of a Query or Mutation namespace (`pages.create`, `navigation.tree`);
it is covered when some operation in queries/ selects it. Adding an operation to the schema,
or removing one from queries/, fails here with the names of what is missing.
"""

from __future__ import annotations

from graphql import (
    FieldNode,
    GraphQLObjectType,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    get_named_type,
    parse,
)

from tests.conftest import ROOT


def _schema_operations() -> set[str]:
    schema = build_schema((ROOT / "schema" / "wikijs.graphql").read_text())
    found = set()
    for root in (schema.query_type, schema.mutation_type):
        assert root is not None
        for namespace, field in root.fields.items():
            namespace_type = get_named_type(field.type)
            assert isinstance(namespace_type, GraphQLObjectType)
            found.update(f"{root.name}.{namespace}.{name}" for name in namespace_type.fields)
    return found


def _fields(selection_set: SelectionSetNode | None) -> list[FieldNode]:
    if selection_set is None:
        return []
    return [node for node in selection_set.selections if isinstance(node, FieldNode)]


def _covered_operations() -> set[str]:
    covered = set()
    for path in sorted((ROOT / "queries").glob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            root = "Query" if definition.operation.value == "query" else "Mutation"
            for namespace in _fields(definition.selection_set):
                covered.update(
                    f"{root}.{namespace.name.value}.{field.name.value}"
                    for field in _fields(namespace.selection_set)
                )
    return covered


def test_every_schema_operation_has_an_operation_in_queries() -> None:
    missing = sorted(_schema_operations() - _covered_operations())
    assert missing == []


def test_the_count_matches_the_schema_the_issue_describes() -> None:
    # The pinned Wiki.js 2.5 schema: 119 operations under its namespaces. A different count
    # means the schema changed, and the coverage above is measured against something new.
    assert len(_schema_operations()) == 119


def test_queries_select_nothing_the_schema_lacks() -> None:
    # A typo in a root field would otherwise count as neither covered nor missing.
    assert _covered_operations() <= _schema_operations()
