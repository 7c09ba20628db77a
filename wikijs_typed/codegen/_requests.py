"""The generated `requests` module: every operation's request builder and answer parser.

ariadne-codegen writes each operation as a client method that builds its variables, sends
them and validates the answer in one go. The plugin takes that method apart:
- `get_page(id=7)`, in the generated `requests` module, builds the request the method would
  send, without sending it (for `engine.execute_many`, or to look at it);
- `parse_get_page(outcome)` reads an answer, or a batch item, as the result model, raising
  the typed error a failed answer stands for;
- the client method itself sends what the builder builds and returns what the parser reads.
  A query method checks the cache with its variables before anything is built, through the
  same `build_request` the builder calls; `_view_get_page(data)`, in the same module, is
  what it makes of an answer's data, and what a cache hit finds the kept copy by.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wikijs_typed.codegen._docstrings import OperationDoc

REQUESTS_MODULE = "requests"
# How the client module names the requests module: unlike `requests`, no GraphQL variable
# becomes this parameter name.
_CLIENT_ALIAS = "_requests"
_BUILD = "_build_request"
_PARSE = "_parse_result"
_DOCSTRING = """Every operation's request, built without sending it, and the parser of its answer.

`get_page(id=7)` is the request `client.graphql.get_page(id=7)` sends; a list of them is what
`engine.execute_many` takes. `parse_get_page(outcome)` reads one answer (or batch item) as the
operation's result model, raising the typed error a failed answer stands for.
"""


@dataclass(frozen=True)
class OperationCall:
    """One operation as its client method builds it, taken apart."""

    operation: str
    method: str
    model: str
    model_module: str
    arguments: ast.arguments
    variables: ast.stmt
    variables_name: str
    # A query: its client method reads through the cache's views.
    read: bool = False


def take_apart(
    method: ast.AsyncFunctionDef | ast.FunctionDef, operation: str, *, read: bool = False
) -> OperationCall | None:
    """The parts of an ariadne-codegen query or mutation method; None for another shape.

    The method ends `variables = {...}`, `response = self.execute(...)`, `data =
    self.get_data(response)`, `return Model.model_validate(data)`. ariadne-codegen names the
    result model's module after the method, and imports the model in the method later, only
    when the method still ends in a call on it.
    """
    body = method.body
    if len(body) < 4:
        return None
    variables, answer = body[-4], body[-1]
    if not (
        isinstance(variables, ast.AnnAssign | ast.Assign)
        and isinstance(answer, ast.Return)
        and isinstance(answer.value, ast.Call)
        and isinstance(answer.value.func, ast.Attribute)
        and answer.value.func.attr == "model_validate"
        and isinstance(answer.value.func.value, ast.Name)
    ):
        return None
    target = variables.target if isinstance(variables, ast.AnnAssign) else variables.targets[0]
    if not isinstance(target, ast.Name):
        return None
    arguments = copy.deepcopy(method.args)
    arguments.args = [a for a in arguments.args if a.arg != "self"]
    return OperationCall(
        operation=operation,
        method=method.name,
        model=answer.value.func.value.id,
        model_module=method.name,
        arguments=arguments,
        variables=copy.deepcopy(variables),
        variables_name=target.id,
        read=read,
    )


def _name(name: str) -> ast.Name:
    return ast.Name(id=name)


def _attribute(owner: str, name: str) -> ast.Attribute:
    return ast.Attribute(value=_name(owner), attr=name)


def _info(call: OperationCall) -> ast.expr:
    return ast.Subscript(value=_name("OPERATIONS"), slice=ast.Constant(call.operation))


def _import_model(call: OperationCall) -> ast.ImportFrom:
    return ast.ImportFrom(module=call.model_module, names=[ast.alias(call.model)], level=1)


def _forwarded(call: OperationCall) -> tuple[list[ast.expr], list[ast.keyword]]:
    """The method's own arguments passed on to the builder, by name."""
    given = [*call.arguments.posonlyargs, *call.arguments.args, *call.arguments.kwonlyargs]
    keywords = [ast.keyword(arg=a.arg, value=_name(a.arg)) for a in given]
    if call.arguments.kwarg is not None:
        keywords.append(ast.keyword(arg=None, value=_name(call.arguments.kwarg.arg)))
    return [], keywords


def _view_name(call: OperationCall) -> str:
    return f"_view_{call.method}"


def read_body(call: OperationCall, awaited: bool) -> list[ast.stmt]:
    """A query method: `return self.read(OPERATIONS[name], variables, _requests._view_name)`.

    The cache is asked with the variables as given: a hit builds no request. The view (the
    result model's `model_validate`, see `_viewer`) is one function of the `requests`
    module, so that a hit imports nothing, and the sync and async clients find the same
    kept view.
    """
    options = call.arguments.kwarg
    read: ast.expr = ast.Call(
        func=_attribute("self", "read"),
        args=[_info(call), _name(call.variables_name), _attribute(_CLIENT_ALIAS, _view_name(call))],
        keywords=[] if options is None else [ast.keyword(arg=None, value=_name(options.arg))],
    )
    returned = ast.Await(value=read) if awaited else read
    return [copy.deepcopy(call.variables), ast.Return(value=returned)]


def send_body(call: OperationCall, awaited: bool) -> list[ast.stmt]:
    """A mutation method: `return self.send(_requests.name(...), _requests.parse_name)`."""
    args, keywords = _forwarded(call)
    build = ast.Call(func=_attribute(_CLIENT_ALIAS, call.method), args=args, keywords=keywords)
    send: ast.expr = ast.Call(
        func=_attribute("self", "send"),
        args=[build, _attribute(_CLIENT_ALIAS, f"parse_{call.method}")],
        keywords=[],
    )
    return [ast.Return(value=ast.Await(value=send) if awaited else send)]


def client_import() -> ast.ImportFrom:
    """How the client module reaches the builders and parsers."""
    return ast.ImportFrom(module=None, names=[ast.alias(REQUESTS_MODULE, _CLIENT_ALIAS)], level=1)


def _builder(call: OperationCall, doc: OperationDoc) -> ast.FunctionDef:
    built = ast.Call(
        func=_name(_BUILD),
        args=[
            _info(call),
            _name(call.variables_name),
            _name("UNSET"),
            _name(call.arguments.kwarg.arg) if call.arguments.kwarg else ast.Dict([], []),
        ],
        keywords=[],
    )
    body = [
        ast.Expr(ast.Constant(doc.for_builder())),
        copy.deepcopy(call.variables),
        ast.Return(value=built),
    ]
    return _function(call.method, copy.deepcopy(call.arguments), body, _name("GraphQLRequest"))


def _parser(call: OperationCall, doc: OperationDoc) -> ast.FunctionDef:
    parsed = ast.Call(
        func=_name(_PARSE),
        args=[_info(call), _name("outcome"), _name(call.model), _name("raise_on_failure")],
        keywords=[],
    )
    arguments = ast.arguments(
        posonlyargs=[],
        args=[ast.arg(arg="outcome", annotation=_name("Outcome"))],
        vararg=None,
        kwonlyargs=[ast.arg(arg="raise_on_failure", annotation=_name("bool"))],
        kw_defaults=[ast.Constant(True)],
        kwarg=None,
        defaults=[],
    )
    body = [ast.Expr(ast.Constant(doc.for_parser())), _import_model(call), ast.Return(value=parsed)]
    return _function(f"parse_{call.method}", arguments, body, ast.Constant(call.model))


def _viewer(call: OperationCall) -> ast.FunctionDef:
    """`_view_name(data)`: the data of an answer as the operation's result model.

    The model is imported when a miss first needs it: the model modules load lazily.
    """
    validated = ast.Call(
        func=_attribute(call.model, "model_validate"), args=[_name("data")], keywords=[]
    )
    arguments = ast.arguments(
        posonlyargs=[],
        args=[ast.arg(arg="data", annotation=ast.parse("dict[str, Any]", mode="eval").body)],
        vararg=None,
        kwonlyargs=[],
        kw_defaults=[],
        kwarg=None,
        defaults=[],
    )
    doc = f"The data of a `{call.operation}` answer as its result model: a read's view."
    body = [ast.Expr(ast.Constant(doc)), _import_model(call), ast.Return(value=validated)]
    return _function(_view_name(call), arguments, body, ast.Constant(call.model))


def _function(
    name: str, arguments: ast.arguments, body: list[ast.stmt], returns: ast.expr
) -> ast.FunctionDef:
    # Parsed rather than constructed: the node's fields differ between Python versions.
    function = ast.parse(f"def {name}(): pass").body[0]
    assert isinstance(function, ast.FunctionDef)
    function.args, function.body, function.returns = arguments, body, returns
    return function


def requests_source(
    calls: Sequence[OperationCall],
    imports: Sequence[ast.stmt],
    base_module: str,
    docs: Mapping[str, OperationDoc],
) -> str:
    """The `requests` module (before formatting).

    Args:
        calls: every operation, taken apart.
        imports: the client module's imports (argument types, result models, serializers);
            what the builders do not use is removed when the module is formatted.
        base_module: the async base client's module, whose import is left out.
        docs: what the docstrings of each operation's builder and parser say, by operation.

    Returns:
        The module's source.
    """
    replaced = {base_module, "base_model", "operations"}
    kept = [
        copy.deepcopy(s)
        for s in imports
        if not (isinstance(s, ast.ImportFrom) and s.module in replaced and s.level == 1)
    ]
    own = ast.parse(
        # The argument types are imported for type checkers only.
        "from __future__ import annotations\n"
        "from typing import Any\n"
        "from .base_client import CallKeywords, GraphQLRequest, Outcome\n"
        f"from .base_client import build_request as {_BUILD}\n"
        f"from .base_client import parse_result as {_PARSE}\n"
        "from .base_model import UNSET\n"
        "from .operations import OPERATIONS\n"
    ).body
    functions: list[ast.FunctionDef] = []
    for call in calls:
        doc = docs[call.operation]
        functions += [_builder(call, doc), _parser(call, doc)]
        if call.read:
            functions.append(_viewer(call))
    # The builders and parsers are the module's public names, not what it imports.
    public = sorted(f.name for f in functions if not f.name.startswith("_"))
    exported = ast.parse(f"__all__ = {public!r}").body
    module = ast.Module(
        body=[
            ast.Expr(ast.Constant(_DOCSTRING)),
            *own[:2],
            *kept,
            *own[2:],
            *exported,
            *functions,
        ],
        type_ignores=[],
    )
    return ast.unparse(ast.fix_missing_locations(module)) + "\n"
