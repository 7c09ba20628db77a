"""The project tooling commands: `schema pull|diff`, `generate`, `emulator`, `demo`.

    wikijs-typed schema pull   --introspection FILE | --url URL [--api-key KEY]
    wikijs-typed schema diff   --introspection FILE | --url URL [--api-key KEY]
    wikijs-typed generate      [--check]
    wikijs-typed emulator      [--port N] [--api-key-file PATH] [--admin-email E --admin-password P]
    wikijs-typed demo

Schema and generation commands need the `codegen` extra, the emulator the `testing` extra.
A missing or unusable file (codegen.toml, the pinned schema, an introspection answer) is said
in one line naming it, with exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wikijs_typed.cli._common import EXIT_FAILED, EXIT_USAGE, fail
from wikijs_typed.cli._common import missing_extra as _missing_extra
from wikijs_typed.cli._listen import add_listen_options

DEFAULT_SCHEMA = Path("schema/wikijs.graphql")
DEFAULT_CONFIG = Path("codegen.toml")
_CONFIG_HELP = "the project's codegen configuration (default: %(default)s)"


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", help="base URL of a live Wiki.js (introspection over HTTP)")
    source.add_argument("--introspection", type=Path, help="a saved introspection answer (JSON)")
    parser.add_argument(
        "--api-key",
        help="API key for --url (default: $WIKIJS_API_KEY); introspection itself needs none",
    )


def _api_key(args: argparse.Namespace) -> str | None:
    # Read here rather than as the option's default, which --help would print.
    key: str | None = args.api_key or os.environ.get("WIKIJS_API_KEY")
    return key


def _missing_introspection(args: argparse.Namespace) -> str | None:
    if args.introspection is None or args.introspection.is_file():
        return None
    return (
        f"no introspection answer at {args.introspection}: name a saved answer (JSON),"
        " or ask the server itself with --url URL"
    )


def _schema_pull(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.codegen import _schema as schema_tools
    except ImportError as exc:
        return _missing_extra("codegen", exc)
    missing = _missing_introspection(args)
    if missing is not None:
        return fail("schema pull", missing)
    try:
        if args.introspection is not None:
            answer = schema_tools.load_introspection_file(args.introspection)
            version = args.wikijs_version or schema_tools.version_from_file_name(args.introspection)
        else:
            answer = schema_tools.fetch_introspection(args.url, _api_key(args))
            version = args.wikijs_version or schema_tools.fetch_version(args.url, _api_key(args))
        pinned = schema_tools.pin_from_introspection(answer, version or "unknown")
    except schema_tools.SchemaError as exc:
        return fail("schema pull", str(exc), EXIT_FAILED)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(pinned.render(), encoding="utf-8")
    print(f"wrote {args.output} (Wiki.js {pinned.wikijs_version})")
    return 0


def _schema_diff(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.codegen import _schema as schema_tools
        from wikijs_typed.codegen._generate import GenerationError, Project
    except ImportError as exc:
        return _missing_extra("codegen", exc)
    if not args.schema.is_file():
        return fail(
            "schema diff",
            f"no pinned schema at {args.schema}: pin one with `wikijs-typed schema pull`,"
            " or name it with --schema PATH",
        )
    missing = _missing_introspection(args)
    if missing is not None:
        return fail("schema diff", missing)
    try:
        old, old_version = schema_tools.read_pinned(args.schema)
        if args.introspection is not None:
            answer = schema_tools.load_introspection_file(args.introspection)
        else:
            answer = schema_tools.fetch_introspection(args.url, _api_key(args))
        new = schema_tools.schema_from_introspection(answer)
    except (OSError, schema_tools.SchemaError) as exc:
        return fail("schema diff", str(exc), EXIT_FAILED)
    result = schema_tools.diff_schemas(old, new)
    print(f"pinned schema: {args.schema} (Wiki.js {old_version})")
    for title, changes in (("breaking", result.breaking), ("dangerous", result.dangerous)):
        print(f"{len(changes)} {title} change(s)")
        for change in changes:
            print(f"  {change.type.name}: {change.description}")
    try:
        broken = Project.load(args.config).operation_problems(new)
    except GenerationError as exc:
        return fail("schema diff", str(exc), _generation_exit_code(exc))
    if broken:
        print(f"{len(broken)} problem(s) in the project's operations:")
        for problem in broken:
            print(f"  {problem}")
        return 1
    print("the project's operations are all valid against the new schema")
    return 0


def _generate(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.codegen._generate import GenerationError, Project, drift, generate
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
        return fail("generate", str(exc), _generation_exit_code(exc))
    print(f"generated {package}")
    return 0


def _generation_exit_code(exc: Exception) -> int:
    """2 when the project is not set up (nothing was tried), 1 when its operations are wrong."""
    from wikijs_typed.codegen._generate import ProjectConfigError

    return EXIT_USAGE if isinstance(exc, ProjectConfigError) else EXIT_FAILED


def _emulator(args: argparse.Namespace) -> int:
    try:
        from wikijs_typed.testing._emulator import serve
    except ImportError as exc:
        return _missing_extra("testing", exc)
    code: int = serve(
        host=args.host,
        port=args.port,
        admin_email=args.admin_email,
        admin_password=args.admin_password,
        latency=args.latency,
        api_key_file=args.api_key_file,
    )
    return code


def _demo(args: argparse.Namespace) -> int:
    from wikijs_typed._demo import run_demo

    code: int = run_demo()
    return code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the tooling commands to the console script's subcommands."""
    schema = commands.add_parser("schema", help="pin the Wiki.js schema and compare it")
    schema_commands = schema.add_subparsers(dest="schema_command", required=True)
    pull = schema_commands.add_parser("pull", help="write the pinned SDL")
    _add_source_options(pull)
    pull.add_argument(
        "--wikijs-version",
        help="record this Wiki.js version (default: asked of the server, or read from the"
        " introspection file's name)",
    )
    pull.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_SCHEMA,
        help="where to write the schema (default: %(default)s)",
    )
    pull.set_defaults(handler=_schema_pull)
    diff = schema_commands.add_parser("diff", help="compare the pinned schema with another")
    _add_source_options(diff)
    diff.add_argument(
        "--schema",
        type=Path,
        default=DEFAULT_SCHEMA,
        help="the pinned schema to compare with (default: %(default)s)",
    )
    diff.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=_CONFIG_HELP)
    diff.set_defaults(handler=_schema_diff)

    gen = commands.add_parser(
        "generate",
        help="generate the typed client with ariadne-codegen",
        epilog="Exit codes: 0 generated (or up to date), 1 the operations are wrong or generated/"
        " has drifted, 2 the project is not set up (codegen.toml, schema_path, queries_path).",
    )
    gen.add_argument(
        "--check",
        action="store_true",
        help="fail when generated/ has drifted (default: write the package)",
    )
    gen.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=_CONFIG_HELP)
    gen.set_defaults(handler=_generate)

    emulator = commands.add_parser(
        "emulator",
        help="serve the Wiki.js emulator over HTTP",
        description="Serve an in-memory Wiki.js 2.5 (set up, API enabled) until Ctrl-C. On start"
        " it prints its address, the administrator and a full-access API key (`API key: KEY`).",
        epilog="Exit codes: 0 stopped by SIGTERM, 2 cannot listen or cannot write"
        " --api-key-file, 130 stopped by Ctrl-C.",
    )
    add_listen_options(emulator, port=3000)
    emulator.add_argument(
        "--api-key-file",
        type=Path,
        metavar="PATH",
        help="also write the API key to PATH (mode 0600) once listening, and remove it on stop:"
        " a script can wait for the file, then read the key (default: not written)",
    )
    emulator.add_argument(
        "--admin-email",
        default="admin@example.com",
        help="the administrator's login (default: %(default)s)",
    )
    emulator.add_argument(
        "--admin-password",
        default="admin-password",
        help="the administrator's password (default: the emulator's fixed development password,"
        " %(default)s)",
    )
    emulator.add_argument(
        "--latency",
        action="store_true",
        help="answer as slowly as a real Wiki.js does (default: answer at once)",
    )
    emulator.set_defaults(handler=_emulator)

    demo = commands.add_parser("demo", help="tour the client (on the emulator unless WIKIJS_URL)")
    demo.set_defaults(handler=_demo)
