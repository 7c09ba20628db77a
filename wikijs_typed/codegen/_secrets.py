"""Keeping credentials out of the generated models' repr.

Some answers carry credentials: the JWT of `authentication.login`, the key `createApiKey`
shows once, a login's continuation token. A pydantic model prints every field in its repr,
so a logged or printed result, or a traceback that shows one, would leak them. The fields
listed in `[tool.wikijs-typed] secret-fields` ("Type.field") are generated with
`Field(repr=False)`: their values stay readable as attributes and in `model_dump()`.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from ariadne_codegen.utils import str_to_snake_case
from graphql import (
    ExecutableDefinitionNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)


class SelectionTypes:
    """The object type each selection set of an operation or fragment selects from."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self._types: dict[int, str] = {}

    def type_of(
        self, selection_set: SelectionSetNode, definition: ExecutableDefinitionNode
    ) -> str | None:
        if id(selection_set) not in self._types:
            self._index(definition)
        return self._types.get(id(selection_set))

    def _index(self, definition: ExecutableDefinitionNode) -> None:
        root: object = None
        if isinstance(definition, FragmentDefinitionNode):
            root = self.schema.get_type(definition.type_condition.name.value)
        elif isinstance(definition, OperationDefinitionNode):
            root = self.schema.get_root_type(definition.operation)
        if isinstance(root, GraphQLObjectType):
            self._walk(definition.selection_set, root)

    def _walk(self, selection_set: SelectionSetNode, parent: GraphQLObjectType) -> None:
        self._types[id(selection_set)] = parent.name
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                named = self.schema.get_type(condition.name.value) if condition else parent
                if isinstance(named, GraphQLObjectType):
                    self._walk(selection.selection_set, named)
            elif isinstance(selection, FieldNode) and selection.selection_set is not None:
                definition = parent.fields.get(selection.name.value)
                child = get_named_type(definition.type) if definition else None
                if isinstance(child, GraphQLObjectType):
                    self._walk(selection.selection_set, child)


def secret_keys(
    type_name: str, selection_set: SelectionSetNode, secrets: Collection[str]
) -> set[str]:
    """Response keys of the selection's fields that are secret on `type_name`."""
    return {
        (s.alias or s.name).value
        for s in selection_set.selections
        if isinstance(s, FieldNode) and f"{type_name}.{s.name.value}" in secrets
    }


def hide_from_repr(class_def: ast.ClassDef, keys: set[str]) -> None:
    """Give the class's fields for those response keys `Field(..., repr=False)`."""
    for statement in class_def.body:
        if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
            continue
        field = statement.value
        alias = next(
            (
                k.value.value
                for k in (field.keywords if isinstance(field, ast.Call) else [])
                if k.arg == "alias" and isinstance(k.value, ast.Constant)
            ),
            None,
        )
        name = statement.target.id
        if alias not in keys and not any(str_to_snake_case(k) == name for k in keys):
            continue
        hidden = ast.keyword(arg="repr", value=ast.Constant(False))
        if isinstance(field, ast.Call):
            field.keywords.append(hidden)
        else:
            keywords = [hidden]
            if field is not None:
                keywords.insert(0, ast.keyword(arg="default", value=field))
            statement.value = ast.Call(func=ast.Name(id="Field"), args=[], keywords=keywords)


def import_field(module: ast.Module) -> None:
    """Make sure a module that calls `Field(...)` imports it from pydantic."""
    calls = any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Field"
        for node in ast.walk(module)
    )
    imported = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "pydantic"
        and any(alias.name == "Field" for alias in node.names)
        for node in module.body
    )
    if calls and not imported:
        module.body.insert(
            0, ast.ImportFrom(module="pydantic", names=[ast.alias("Field")], level=0)
        )
