"""Importing the package stays cheap, and its modules import each other without cycles.

Import time itself is measured in `bench/bench_import_time.py`; what is checked here is what
makes it cheap, without timing anything: a fresh interpreter that imports the client has not
loaded the generated operations, the resources, the models, the emulator, the codegen tooling,
redis or the CLI, and each of those loads when first used.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT

if TYPE_CHECKING:
    from wikijs_typed.testing._emulator import WikiJSEmulator

PACKAGE = ROOT / "wikijs_typed"

# Loaded by none of the imports below (module names, or prefixes ending in ".").
NEVER_AT_IMPORT = [
    "wikijs_graphql",  # the generated client, its operations and result models
    "wikijs_graphql.",
    "wikijs_typed._resources._sync.",
    "wikijs_typed._resources._async.",
    "wikijs_typed._resources.sansio.shared",
    "wikijs_typed.models",
    "wikijs_typed.models.",
    "wikijs_typed._pipeline.base_client",
    "wikijs_typed.testing",  # the emulator
    "wikijs_typed.testing.",
    "wikijs_typed.codegen",
    "wikijs_typed.codegen.",
    "wikijs_typed.cli",
    "wikijs_typed.cache._redis_cache",
    "redis",
    "redis.",
    "ariadne",
    "ariadne.",
    "ariadne_codegen",
    "ariadne_codegen.",
    "graphql",  # graphql-core
    "graphql.",
]
# The resource modules and facades themselves, which are loaded: they are no offence.
ALLOWED = {"wikijs_typed._resources._sync.client", "wikijs_typed._resources._async.client"}

# Runs in a fresh interpreter: argv[1] is what to import. Prints the modules loaded by that
# import, then by making a sync client and touching `client.pages`.
PROBE = """
import json, sys
exec(sys.argv[1])
after_import = sorted(sys.modules)
from wikijs_typed import WikiJSClient
client = WikiJSClient("http://wiki.invalid", "key")
after_client = sorted(sys.modules)
pages = client.pages
print(json.dumps({
    "import": after_import,
    "client": after_client,
    "pages": sorted(sys.modules),
    "pages_type": type(pages).__qualname__,
    "kept": pages is client.pages,
}))
"""


def _probe(statement: str) -> dict[str, object]:
    answer = subprocess.run(
        [sys.executable, "-c", PROBE, statement],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    loaded: dict[str, object] = json.loads(answer.stdout)
    return loaded


def _offending(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [
        name
        for name in modules
        if name not in ALLOWED
        and any(
            name.startswith(rule) if rule.endswith(".") else name == rule
            for rule in NEVER_AT_IMPORT
        )
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "import wikijs_typed",
        "from wikijs_typed import WikiJSClient",
        "from wikijs_typed import AsyncWikiJSClient",
    ],
)
def test_importing_the_client_loads_only_what_it_needs(statement: str) -> None:
    loaded = _probe(statement)
    assert _offending(loaded["import"]) == []
    # Nor does making a client: its resources and the generated client wait for first use.
    assert _offending(loaded["client"]) == []
    # Nor asyncio: a sync program never needs it, an async one has loaded it already.
    client_modules = loaded["client"]
    assert isinstance(client_modules, list)
    assert "asyncio" not in client_modules


def test_a_resource_loads_on_first_access_and_is_kept() -> None:
    loaded = _probe("pass")
    pages = loaded["pages"]
    assert isinstance(pages, list)
    assert loaded["pages_type"] == "PagesResource"
    assert loaded["kept"] is True
    assert "wikijs_typed._resources._sync.pages" in pages
    # Nor any operation's result models yet: each call loads its own (see below).
    operations = _operation_modules()
    assert [name for name in pages if name.removeprefix("wikijs_graphql.") in operations] == []
    # Only the resource asked for: the others still wait.
    assert "wikijs_typed._resources._sync.users" not in pages
    assert "wikijs_typed._resources._sync.assets" not in pages
    assert "wikijs_typed.models._page" in pages
    assert "wikijs_typed.models._user" not in pages


# Runs in a fresh interpreter: argv[1] is a served emulator's URL, argv[2] an API key, the
# rest calls to make in turn. Prints the modules each call loaded.
FIRST_CALLS = """
import json, sys
from wikijs_typed import WikiJSClient
client = WikiJSClient(sys.argv[1], sys.argv[2])
loaded = {}
for call in sys.argv[3:]:
    before = set(sys.modules)
    eval("client." + call)
    loaded[call] = sorted(set(sys.modules) - before)
print(json.dumps(loaded))
"""

# Each call, and the one generated operation module it reads its answer with.
OWN_OPERATION = {
    "pages.get(1)": "get_page",
    "pages.list()": "list_pages",
    "users.list()": "list_users",
    "groups.list()": "list_groups",
    "api_keys.list()": "list_api_keys",
    "assets.folders()": "list_asset_folders",
}


def _operation_modules() -> set[str]:
    """The generated package's per-operation modules (`get_page` for GetPage, ...)."""
    from wikijs_graphql.operations import OPERATIONS

    names = {re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower() for name in OPERATIONS}
    stems = {path.stem for path in (ROOT / "generated" / "wikijs_graphql").glob("*.py")}
    assert names <= stems, f"no module for {sorted(names - stems)}"
    return names


def test_a_first_call_loads_only_the_operation_it_reads(wikijs_emulator: WikiJSEmulator) -> None:
    # What a first call pays for loading: its resource, its models and its own operation's
    # result models, not those of the resource's other operations.
    operations = _operation_modules()
    # The first page the emulator makes gets id 1, which the calls above read.
    assert wikijs_emulator.seed_page("imports/first", "First") == 1
    key = wikijs_emulator.create_api_key("imports")
    with wikijs_emulator.serve() as url:
        answer = subprocess.run(
            [sys.executable, "-c", FIRST_CALLS, url, key, *OWN_OPERATION],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    loaded: dict[str, list[str]] = json.loads(answer.stdout)
    for call, own in OWN_OPERATION.items():
        read = {
            name.removeprefix("wikijs_graphql.")
            for name in loaded[call]
            if name.removeprefix("wikijs_graphql.") in operations
        }
        assert read == {own}, call


# -- import cycles ---------------------------------------------------------------------------


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node: ast.AST, module: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """The package's own modules that an import statement loads.

    `from a import b` counts as importing `a.b` when that is a module, else `a`. Imports
    inside functions count (they run, only later), and so do those under `if TYPE_CHECKING:`:
    a cycle there does not fail at run time, but it is still two modules that cannot be
    understood one without the other.
    """
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in known)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".")[: None if is_package else -1]
            base = base[: len(base) - node.level + 1]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            if submodule in known:
                yield submodule
            elif source in known:
                yield source


def import_graph(package: Path = PACKAGE, root: Path = ROOT) -> dict[str, set[str]]:
    """Which of the package's modules each of its modules imports (names relative to root)."""
    files = {_module_name(path, root): path for path in sorted(package.rglob("*.py"))}
    known = set(files)
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        graph[module] = {
            target
            for node in ast.walk(tree)
            for target in _imported(node, module, is_package, known)
            if target != module
        }
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that returns to its start, or None."""
    done: set[str] = set()  # modules whose imports, all the way down, hold no cycle
    for start in sorted(graph):
        if start in done:
            continue
        # Depth first, without recursion: `path` is the current chain of imports, `pending`
        # what is left to follow from each module on it.
        path = [start]
        pending = [iter(sorted(graph[start]))]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                pending.pop()
                done.add(path.pop())
            elif target in path:
                return [*path[path.index(target) :], target]
            elif target not in done:
                path.append(target)
                pending.append(iter(sorted(graph.get(target, ()))))
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_relative_and_function_level_imports_are_edges(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "one.py").write_text("from . import two\n")
    (package / "two.py").write_text("def later():\n    from pkg.sub import three\n")
    (package / "sub" / "__init__.py").write_text("from .three import x\n")
    (package / "sub" / "three.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.one\nx = 1\n"
    )
    graph = import_graph(package, root=tmp_path)
    assert graph["pkg.one"] == {"pkg.two"}
    assert graph["pkg.two"] == {"pkg.sub.three"}
    assert graph["pkg.sub"] == {"pkg.sub.three"}
    assert graph["pkg.sub.three"] == {"pkg.one"}
    assert find_cycle(graph) == ["pkg.one", "pkg.two", "pkg.sub.three", "pkg.one"]


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert "wikijs_typed.exceptions" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
