"""The docstrings of the generated client methods, request builders and answer parsers.

A generated method is all a user of the typed client sees of an operation, so its docstring
says what the operation runs (its GraphQL fields), what the `.graphql` file says about it (the
`#` comment right above it), what each variable feeds, and what can go wrong. It is worked out
once per operation, from the operation's syntax tree and the schema, and then worded for each
of the three places it appears in.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    print_ast,
)

from wikijs_typed._pipeline.operation import CallKeywords

# What each call option does, for the `**kwargs` entry. Every option of CallKeywords needs one:
# a new option without a note fails the generation instead of going undocumented.
_OPTION_NOTES = {
    "cache": '"cache-first", "network-only" or "no-cache"',
    "timeout": "seconds to wait for the answer",
    "headers": "extra HTTP headers",
    "raise_on_failure": "False returns the result even when its `responseResult` reports failure",
}
# The options that matter to one kind of operation only: the cache serves reads, and only a
# write reports failure in a `responseResult`.
_OPTIONS_OF_ONE_KIND = {"cache": OperationType.QUERY, "raise_on_failure": OperationType.MUTATION}
_WIDTH = 88
# Stands for a space that must not become a line break while a paragraph is wrapped.
_HELD = "\0"


@dataclass(frozen=True)
class ArgumentUse:
    """A variable passed straight to a field's argument: `pages.single(id: $id)`."""

    parent: GraphQLObjectType
    path: tuple[str, ...]
    argument: str
    variable: str

    @property
    def description(self) -> str | None:
        """The schema's description of the argument, when it has one."""
        description = self.parent.fields[self.path[-1]].args[self.argument].description
        return str(description) if description else None


def argument_uses(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
) -> Iterator[ArgumentUse]:
    """Every argument of the operation's fields that is given a variable, fragments included.

    Args:
        schema: The schema the operation is written against.
        operation: The operation.
        fragments: The fragments it may spread, by name.

    Yields:
        Each argument given a variable, in the order the operation's text has them.
    """

    def walk(
        selection_set: SelectionSetNode, parent: GraphQLObjectType, path: tuple[str, ...]
    ) -> Iterator[ArgumentUse]:
        for selection in selection_set.selections:
            if isinstance(selection, FragmentSpreadNode):
                yield from walk(fragments[selection.name.value].selection_set, parent, path)
            elif isinstance(selection, InlineFragmentNode):
                yield from walk(selection.selection_set, parent, path)
            elif isinstance(selection, FieldNode) and selection.name.value in parent.fields:
                here = (*path, selection.name.value)
                for argument in selection.arguments:
                    if isinstance(argument.value, VariableNode):
                        variable = argument.value.name.value
                        yield ArgumentUse(parent, here, argument.name.value, variable)
                child = get_named_type(parent.fields[selection.name.value].type)
                if isinstance(child, GraphQLObjectType) and selection.selection_set:
                    yield from walk(selection.selection_set, child, here)

    root = schema.get_root_type(operation.operation)
    if root is not None:
        yield from walk(operation.selection_set, root, ())


def leading_comment(operation: OperationDefinitionNode) -> str:
    """The `#` lines right above the operation in its file, without their `#`.

    graphql-core drops comments, so they are read from the source text before the operation.
    A blank line ends the comment: one set apart heads a section of the file, not the
    operation.

    Args:
        operation: The operation, parsed with its location.

    Returns:
        The comment's lines, joined by newlines; empty when there is none.
    """
    if operation.loc is None:
        return ""
    above = operation.loc.source.body[: operation.loc.start].split("\n")[:-1]
    lines: list[str] = []
    for line in reversed(above):
        text = line.strip()
        if not text.startswith("#"):
            break
        lines.insert(0, text[1:].strip())
    return "\n".join(lines)


@dataclass(frozen=True)
class VariableDoc:
    """One variable of an operation, as its Python parameter."""

    parameter: str
    name: str
    type: str
    fields: tuple[str, ...]
    descriptions: tuple[str, ...]

    def describe(self) -> str:
        """The variable's entry in `Args:`, without the parameter's name."""
        what = " and the ".join(self.fields) or f"`${self.name}` variable"
        declared = f"`${self.name}: {self.type}`"
        if not self.type.endswith("!"):
            declared += ", not sent when left out"
        return " ".join([f"The {what} ({declared}).", *self.descriptions])


@dataclass(frozen=True)
class OperationDoc:
    """What the docstrings of one operation's method, builder and parser say."""

    operation: str
    method: str
    kind: OperationType
    fields: tuple[str, ...]
    comment: str
    variables: tuple[VariableDoc, ...]
    model: str
    reports_status: bool

    def for_method(self, indent: str) -> str:
        """The client method's docstring.

        Args:
            indent: The indentation of the method's body.

        Returns:
            The docstring's text, indented to sit in the method.
        """
        if self.kind == OperationType.SUBSCRIPTION:
            returns = _section("Yields", _prose(f"Each `{self.model}` result model."))
        else:
            returns = _section("Returns", _prose(f"The `{self.model}` result model."))
        sections = [self._args(), returns, self._raises(sent=True)]
        return _docstring(self._summary("Run"), self.comment, sections, indent)

    def for_builder(self) -> str:
        """The request builder's docstring (a module-level function).

        Returns:
            The docstring's text.
        """
        returns = (
            "The request: `engine.execute_many` sends a list of them, "
            f"`parse_{self.method}` reads the answer."
        )
        raises = [
            *self._invalid_variables(),
            _entry("TypeError", "When a keyword argument is not a call option."),
        ]
        sections = [
            self._args(),
            _section("Returns", _prose(returns)),
            _section("Raises", *raises),
        ]
        summary = self._summary("Build, without sending it, the request of")
        return _docstring(summary, self.comment, sections, "    ")

    def for_parser(self) -> str:
        """The answer parser's docstring (a module-level function).

        Returns:
            The docstring's text.
        """
        arguments = [
            _entry("outcome", "The answer, or the error that stood in for it (a batch item)."),
            _entry(
                "raise_on_failure",
                "False returns the result even when a `responseResult` reports failure.",
            ),
        ]
        sections = [
            _section("Args", *arguments),
            _section("Returns", _prose(f"The `{self.model}` result model.")),
            self._raises(sent=False),
        ]
        return _docstring(self._summary("Read the answer to"), "", sections, "    ")

    def _summary(self, verb: str) -> str:
        fields = " and ".join(f"`{f}`" for f in self.fields) or "its fields"
        return f"{verb} the `{self.operation}` {self.kind.value}: {fields}."

    def _args(self) -> str:
        entries = [_entry(v.parameter, v.describe()) for v in self.variables]
        options = ", ".join(
            f"`{option}` ({_OPTION_NOTES[option]})"
            for option in CallKeywords.__annotations__
            if _OPTIONS_OF_ONE_KIND.get(option, self.kind) == self.kind
        )
        entries.append(_entry("**kwargs", f"Options of this call only: {options}."))
        return _section("Args", *entries)

    def _invalid_variables(self) -> list[str]:
        if not self.variables:
            return []
        why = "When a variable cannot be sent: an `Int` beyond 32 bits, a lone surrogate."
        return [_entry("ValidationError", why)]

    def _raises(self, *, sent: bool) -> str:
        entries = [
            _entry(
                "GraphQLError",
                "When Wiki.js answers with errors; NotFoundError, ForbiddenError and "
                "RateLimitError say which kind.",
            )
        ]
        if self.reports_status:
            entries.append(
                _entry(
                    "OperationFailedError",
                    "When a `responseResult` reports failure (DuplicatePathError for a taken "
                    "path; a missing thing is a NotFoundError), unless `raise_on_failure` "
                    "is False.",
                )
            )
        if sent:
            entries += self._invalid_variables()
        failing = (
            "When the request cannot be completed (WikiJSConnectionError, "
            "WikiJSTimeoutError, AuthenticationError, HTTPStatusError)"
            if sent
            else "When the outcome is another failure of the request"
        )
        why = f"{failing}, or the answer does not have the model's shape (InvalidResponseError)."
        entries.append(_entry("WikiJSError", why))
        return _section("Raises", *entries)


def describe_operation(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    *,
    method: str,
    fields: tuple[str, ...],
    parameters: Mapping[str, str],
    model: str,
    reports_status: bool,
) -> OperationDoc:
    """Everything the docstrings of one operation say, gathered from its syntax and the schema.

    Args:
        schema: The schema the operation is written against.
        operation: The operation, parsed with its location.
        fragments: The fragments it may spread, by name.
        method: The name of its client method (and of its request builder).
        fields: The fields it runs (`pages.single`).
        parameters: The Python parameter of each variable, by the variable's name.
        model: The name of its result model.
        reports_status: Whether a `responseResult` of its answer can report failure.

    Returns:
        The operation's description.
    """
    uses = list(argument_uses(schema, operation, fragments))
    variables = []
    for definition in operation.variable_definitions:
        name = definition.variable.name.value
        mine = [use for use in uses if use.variable == name]
        variables.append(
            VariableDoc(
                parameter=parameters.get(name, name),
                name=name,
                type=print_ast(definition.type),
                fields=tuple(f"`{u.argument}` argument of `{'.'.join(u.path)}`" for u in mine),
                descriptions=tuple(d for u in mine if (d := u.description)),
            )
        )
    return OperationDoc(
        operation=operation.name.value if operation.name else "",
        method=method,
        kind=operation.operation,
        fields=fields,
        comment=leading_comment(operation),
        variables=tuple(variables),
        model=model,
        reports_status=reports_status,
    )


def _entry(name: str, text: str) -> str:
    """One `name: text` entry of a section, wrapped under its name."""
    return _fill(f"{name}: {text}", "    ", "        ")


def _prose(text: str, indent: str = "    ") -> str:
    return _fill(text, indent, indent)


def _fill(text: str, first: str, rest: str) -> str:
    """`text` wrapped, never inside a `code` span (`$publishEndDate: Date` stays whole)."""
    spans = text.split("`")
    kept = "`".join(s.replace(" ", _HELD) if i % 2 else s for i, s in enumerate(spans))
    wrapped = textwrap.fill(
        kept,
        width=_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapped.replace(_HELD, " ")


def _section(title: str, *entries: str) -> str:
    return "\n".join([f"{title}:", *entries])


def _docstring(summary: str, comment: str, sections: list[str], indent: str) -> str:
    """The summary, the comment's paragraphs and the sections, indented for their place."""
    paragraphs = [p for p in comment.split("\n\n") if p.strip()]
    parts = [summary, *(_prose(p, indent="") for p in paragraphs), *sections]
    body = "\n\n".join(parts)
    return textwrap.indent(body, indent).removeprefix(indent) + "\n" + indent


def variable_parameters(method: ast.AsyncFunctionDef | ast.FunctionDef) -> dict[str, str]:
    """The Python parameter of each variable, read from the `variables` dict the method builds.

    ariadne-codegen names a parameter after its variable in snake case, with exceptions (a
    Python keyword gets a suffix); the dict it builds says which is which.

    Args:
        method: A client method as ariadne-codegen made it.

    Returns:
        The parameter's name by the variable's name.
    """
    found: dict[str, str] = {}
    for node in ast.walk(method):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                names = [n.id for n in ast.walk(value) if isinstance(n, ast.Name)]
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and names:
                    found[key.value] = names[-1]
    return found


def model_name(returns: ast.expr | None) -> str:
    """The result model a method's return annotation names (`"GetPage"`, `AsyncIterator["X"]`).

    Args:
        returns: The method's return annotation.

    Returns:
        The model's name; empty when there is no annotation.
    """
    if returns is None:
        return ""
    names = [
        n.id if isinstance(n, ast.Name) else n.value
        for n in ast.walk(returns)
        if isinstance(n, ast.Name) or (isinstance(n, ast.Constant) and isinstance(n.value, str))
    ]
    return str(names[-1]) if names else ""
