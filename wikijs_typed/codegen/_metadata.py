"""What an operation reads and writes, worked out once at generation time.

For each operation the codegen plugin records its root fields, the object types it selects,
where entities (objects with an id, grouped into resources such as "page" or "user") sit in
its result, which variables name an entity, which resources it lists, and — for mutations —
which resources a successful call makes stale and where its `responseResult`s sit. The cache
uses this to invalidate exactly the reads a mutation can have changed; the seam uses the
statuses to raise a typed error when a mutation reports failure.

The mapping from Wiki.js types and arguments to resources is configuration (`[tool.wikijs-typed]`
in wikijs_typed/codegen/defaults.toml), so users who add operations of their own get the same
treatment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeNode,
    VariableNode,
    get_named_type,
)

# The type of every mutation's `responseResult`, and its fields the seam reads.
STATUS_TYPE = "ResponseStatus"
STATUS_FIELDS = ("succeeded", "errorCode", "slug", "message")


@dataclass(frozen=True)
class ResourceConfig:
    # "TypeName" or "TypeName.idField" → resource, e.g. {"Page": ("page", "id")}.
    types: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # Ordered (pattern over "namespace.field.argument", resource); the first match wins.
    id_arguments: tuple[tuple[str, str], ...] = ()
    # Arguments that select one entity without being its id (e.g. singleByPath's path): a bare
    # argument name, or a "namespace.field.argument" pattern (`pages.tree(path:)` lists).
    lookup_arguments: frozenset[str] = frozenset()
    # Ordered (pattern over "namespace.field", resources); the first match wins.
    mutation_effects: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> ResourceConfig:
        types: dict[str, tuple[str, str]] = {}
        for resource, entries in section.get("resources", {}).items():
            for entry in entries:
                type_name, _, id_field = str(entry).partition(".")
                types[type_name] = (resource, id_field or "id")
        return cls(
            types=types,
            id_arguments=tuple(
                (str(k), str(v)) for k, v in section.get("id-arguments", {}).items()
            ),
            lookup_arguments=frozenset(section.get("lookup-arguments", [])),
            mutation_effects=tuple(
                (str(k), tuple(str(r) for r in v))
                for k, v in section.get("mutation-effects", {}).items()
            ),
        )

    def id_argument_resource(self, namespace: str, field_name: str, argument: str) -> str | None:
        key = f"{namespace}.{field_name}.{argument}"
        for pattern, resource in self.id_arguments:
            if fnmatchcase(key, pattern):
                return resource or None
        return None

    def is_lookup_argument(self, namespace: str, field_name: str, argument: str) -> bool:
        key = f"{namespace}.{field_name}.{argument}"
        return any(p == argument or fnmatchcase(key, p) for p in self.lookup_arguments)

    def effects_of(self, root_field: str) -> tuple[str, ...]:
        for pattern, resources in self.mutation_effects:
            if fnmatchcase(root_field, pattern):
                return resources
        return ()


@dataclass
class OperationFacts:
    name: str
    kind: str
    fields: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    # (response path, type name, resource, id response key)
    entities: list[tuple[tuple[str, ...], str, str, str]] = field(default_factory=list)
    id_variables: dict[str, str] = field(default_factory=dict)
    listings: list[str] = field(default_factory=list)
    affects: list[str] = field(default_factory=list)
    # Variables declared `Int` (or a list of them): GraphQL Ints are 32-bit.
    int_variables: list[str] = field(default_factory=list)
    # (response path, response keys of STATUS_FIELDS or None when not selected), mutations only.
    statuses: list[tuple[tuple[str, ...], tuple[str | None, ...]]] = field(default_factory=list)


def _named(type_node: TypeNode) -> str:
    """The named type under a variable's `!` and `[...]`."""
    while isinstance(type_node, NonNullTypeNode | ListTypeNode):
        type_node = type_node.type
    return type_node.name.value if isinstance(type_node, NamedTypeNode) else ""


def _unwrap_object(type_: GraphQLOutputType) -> GraphQLObjectType | None:
    named = get_named_type(type_)
    return named if isinstance(named, GraphQLObjectType) else None


class OperationAnalyzer:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        config: ResourceConfig,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.config = config

    def analyze(self, operation: OperationDefinitionNode) -> OperationFacts:
        kind = operation.operation.value
        name = operation.name.value if operation.name else ""
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            raise ValueError(f"the schema has no {kind} type")
        facts = OperationFacts(name=name, kind=kind)
        facts.int_variables = sorted(
            definition.variable.name.value
            for definition in operation.variable_definitions
            if _named(definition.type) == "Int"
        )
        for namespace_key, namespace_node, namespace_type in self._fields(
            operation.selection_set, root
        ):
            if namespace_type is None or namespace_node.selection_set is None:
                continue
            facts.types.add(namespace_type.name)
            for field_key, field_node, field_type in self._fields(
                namespace_node.selection_set, namespace_type
            ):
                self._analyze_root_field(
                    facts, namespace_node, field_node, (namespace_key, field_key), field_type
                )
        facts.listings = sorted(set(facts.listings))
        facts.affects = sorted(set(facts.affects))
        return facts

    def _analyze_root_field(
        self,
        facts: OperationFacts,
        namespace_node: FieldNode,
        field_node: FieldNode,
        path: tuple[str, str],
        field_type: GraphQLObjectType | None,
    ) -> None:
        namespace, field_name = namespace_node.name.value, field_node.name.value
        root_field = f"{namespace}.{field_name}"
        facts.fields.append(root_field)
        is_lookup = False
        for argument in field_node.arguments:
            argument_name = argument.name.value
            if self.config.is_lookup_argument(namespace, field_name, argument_name):
                is_lookup = True
            resource = self.config.id_argument_resource(namespace, field_name, argument_name)
            if resource is None:
                continue
            is_lookup = True
            if isinstance(argument.value, VariableNode):
                facts.id_variables[argument.value.name.value] = resource
        found: set[str] = set()
        if field_type is not None and field_node.selection_set is not None:
            self._collect(facts, field_node.selection_set, field_type, path, found)
        if facts.kind == "mutation":
            facts.affects.extend(self.config.effects_of(root_field))
        elif not is_lookup:
            facts.listings.extend(found)

    def _collect(
        self,
        facts: OperationFacts,
        selection_set: SelectionSetNode,
        parent: GraphQLObjectType,
        path: tuple[str, ...],
        found: set[str],
    ) -> None:
        facts.types.add(parent.name)
        children = list(self._fields(selection_set, parent))
        if parent.name == STATUS_TYPE and facts.kind == "mutation":
            keys = {node.name.value: key for key, node, _ in children}
            if "succeeded" in keys:
                facts.statuses.append((path, tuple(keys.get(name) for name in STATUS_FIELDS)))
        mapping = self.config.types.get(parent.name)
        if mapping is not None:
            resource, id_field = mapping
            id_key = next((key for key, node, _ in children if node.name.value == id_field), None)
            if id_key is not None:
                facts.entities.append((path, parent.name, resource, id_key))
                found.add(resource)
        for key, node, child_type in children:
            if child_type is not None and node.selection_set is not None:
                self._collect(facts, node.selection_set, child_type, (*path, key), found)

    def _fields(
        self, selection_set: SelectionSetNode, parent: GraphQLObjectType
    ) -> list[tuple[str, FieldNode, GraphQLObjectType | None]]:
        """(response key, node, object type or None) for a selection, fragments inlined."""
        result: list[tuple[str, FieldNode, GraphQLObjectType | None]] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name.startswith("__"):
                    continue
                definition = parent.fields[name]
                key = selection.alias.value if selection.alias else name
                result.append((key, selection, _unwrap_object(definition.type)))
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                result.extend(self._fields(fragment.selection_set, parent))
            elif isinstance(selection, InlineFragmentNode):
                result.extend(self._fields(selection.selection_set, parent))
        return result
