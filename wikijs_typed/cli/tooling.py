"""The project tooling commands: `schema pull|diff`, `generate`, `emulator`, `demo`.

    wikijs-typed schema pull   --introspection FILE | --url URL [--api-key KEY]
    wikijs-typed schema diff   --introspection FILE | --url URL [--api-key KEY]
    wikijs-typed generate      [--check]
    wikijs-typed emulator      --port N --admin-email E --admin-password P
    wikijs-typed demo

Schema and generation commands need the `codegen` extra, the emulator the `testing` extra.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wikijs_typed.cli.common import missing_extra as _missing_extra

DEFAULT_SCHEMA = Path("schema/wikijs.graphql")
DEFAULT_CONFIG = Path("codegen.toml")
_CONFIG_HELP = f"the project's codegen configuration (default: {DEFAULT_CONFIG})"


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", help="base URL of a live Wiki.js (introspection over HTTP)")
    source.add_argument("--introspection", type=Path, help="a saved introspection answer (JSON)")
    parser.add_argument(
        "--api-key",
        default=os.environ.get("WIKIJS_API_KEY"),
        help="API key for --url (default: $WIKIJS_API_KEY); introspection itself needs none",
    )


def _schema_pull(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.codegen import schema as schema_tools
    except ImportError as exc:
        return _missing_extra("codegen", exc)
    try:
        if args.introspection is not None:
            answer = schema_tools.load_introspection_file(args.introspection)
            version = args.wikijs_version or schema_tools.version_from_file_name(args.introspection)
        else:
            answer = schema_tools.fetch_introspection(args.url, args.api_key)
            version = args.wikijs_version or schema_tools.fetch_version(args.url, args.api_key)
        pinned = schema_tools.pin_from_introspection(answer, version or "unknown")
    except schema_tools.SchemaError as exc:
        print(f"schema pull: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(pinned.render(), encoding="utf-8")
    print(f"wrote {args.output} (Wiki.js {pinned.wikijs_version})")
    return 0


def _schema_diff(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.codegen import schema as schema_tools
        from wikijs_typed.codegen.generate import GenerationError, Project
    except ImportError as exc:
        return _missing_extra("codegen", exc)
    try:
        old, old_version = schema_tools.read_pinned(args.schema)
        if args.introspection is not None:
            answer = schema_tools.load_introspection_file(args.introspection)
        else:
            answer = schema_tools.fetch_introspection(args.url, args.api_key)
        new = schema_tools.schema_from_introspection(answer)
    except (OSError, schema_tools.SchemaError) as exc:
        print(f"schema diff: {exc}", file=sys.stderr)
        return 1
    result = schema_tools.diff_schemas(old, new)
    print(f"pinned schema: {args.schema} (Wiki.js {old_version})")
    for title, changes in (("breaking", result.breaking), ("dangerous", result.dangerous)):
        print(f"{len(changes)} {title} change(s)")
        for change in changes:
            print(f"  {change.type.name}: {change.description}")
    try:
        broken = Project.load(args.config).operation_problems(new)
    except GenerationError as exc:
        print(f"schema diff: {exc}", file=sys.stderr)
        return 1
    if broken:
        print(f"{len(broken)} problem(s) in the project's operations:")
        for problem in broken:
            print(f"  {problem}")
        return 1
    print("the project's operations are all valid against the new schema")
    return 0


def _generate(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.codegen.generate import GenerationError, Project, drift, generate
    except ImportError as exc:
        return _missing_extra("codegen", exc)
    try:
        project = Project.load(args.config)
        if args.check:
            differences = drift(project)
            if differences:
                sys.stdout.writelines(differences)
                print(
                    f"{len(differences)} generated file(s) differ from what the generator makes;"
                    " run `wikijs-typed generate`",
                    file=sys.stderr,
                )
                return 1
            print(f"{project.package_dir} is up to date")
            return 0
        package = generate(project)
    except GenerationError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    print(f"generated {package}")
    return 0


def _emulator(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.testing.emulator import serve
    except ImportError as exc:
        return _missing_extra("testing", exc)
    code: int = serve(
        host=args.host,
        port=args.port,
        admin_email=args.admin_email,
        admin_password=args.admin_password,
        latency=args.latency,
    )
    return code


def _demo(args: argparse.Namespace) -> int:
    from wikijs_typed.demo import run_demo

    code: int = run_demo()
    return code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the tooling commands to the console script's subcommands."""
    schema = commands.add_parser("schema", help="pin the Wiki.js schema and compare it")
    schema_commands = schema.add_subparsers(dest="schema_command", required=True)
    pull = schema_commands.add_parser("pull", help="write the pinned SDL")
    _add_source_options(pull)
    pull.add_argument(
        "--wikijs-version", help="record this Wiki.js version (default: asked of the server)"
    )
    pull.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_SCHEMA,
        help=f"where to write the schema (default: {DEFAULT_SCHEMA})",
    )
    pull.set_defaults(handler=_schema_pull)
    diff = schema_commands.add_parser("diff", help="compare the pinned schema with another")
    _add_source_options(diff)
    diff.add_argument(
        "--schema",
        type=Path,
        default=DEFAULT_SCHEMA,
        help=f"the pinned schema to compare with (default: {DEFAULT_SCHEMA})",
    )
    diff.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=_CONFIG_HELP)
    diff.set_defaults(handler=_schema_diff)

    gen = commands.add_parser("generate", help="generate the typed client with ariadne-codegen")
    gen.add_argument("--check", action="store_true", help="fail when generated/ has drifted")
    gen.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=_CONFIG_HELP)
    gen.set_defaults(handler=_generate)

    emulator = commands.add_parser("emulator", help="serve the Wiki.js emulator over HTTP")
    emulator.add_argument("--host", default="127.0.0.1", help="address to listen on")
    emulator.add_argument("--port", type=int, default=3000, help="port to listen on")
    emulator.add_argument(
        "--admin-email", default="admin@example.com", help="the administrator's login"
    )
    emulator.add_argument(
        "--admin-password", default="admin-password", help="the administrator's password"
    )
    emulator.add_argument(
        "--latency", action="store_true", help="answer as slowly as a real Wiki.js does"
    )
    emulator.set_defaults(handler=_emulator)

    demo = commands.add_parser("demo", help="tour the client (on the emulator unless WIKIJS_URL)")
    demo.set_defaults(handler=_demo)
