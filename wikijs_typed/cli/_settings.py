"""`settings export FILE`, `settings apply FILE [--dry-run] [--prune]`, `settings schema FILE`.

The file is YAML (the `cli` extra). Everything wrong with it (bad YAML, an unknown key, a
wrong type, an environment reference that is not set, an unknown module or setting) is reported
before anything changes, one line each as `FILE: key.path: reason`, and exits 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wikijs_typed._bulk.report import plural, reason
from wikijs_typed.cli._common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_connection_options,
    command_name,
    connected,
    missing_extra,
)
from wikijs_typed.cli._output import Output
from wikijs_typed.settings import (
    SCHEMA_FILE,
    Problem,
    SettingsDocument,
    SettingsError,
    SettingsPlan,
    Step,
)

__all__ = ["register"]

HEADER = (
    "# The settings of a Wiki.js wiki, written by `wikijs-typed settings export`.\n"
    "# Apply with `wikijs-typed settings apply FILE`; secrets are ${VARIABLE} references,\n"
    "# read from the environment then. Editor checks: see docs/settings.md.\n"
)
MODELINE = "# yaml-language-server:"
# How a step is marked in the plan, like a diff: added, removed, changed.
MARKS = {"group.create": "+", "group.delete": "-"}


def _export(args: argparse.Namespace) -> int:
    try:
        import yaml
    except ImportError as exc:
        return missing_extra("cli", exc)
    output = Output(as_json=args.json, quiet=args.quiet)
    with connected(args) as client:
        document = client.settings.export()
    data = document.dump()
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    file = Path(args.file)
    file.write_text(_modeline(file) + HEADER + text, encoding="utf-8")
    sections = list(data)
    if output.as_json:
        output.data({"file": str(args.file), "sections": sections})
    else:
        output.line(f"wrote {args.file}: {', '.join(sections)}")
    return EXIT_OK


def _modeline(file: Path) -> str:
    """The editor's schema line of the file being replaced, kept.

    That line is `# yaml-language-server: $schema=...`: exporting again must not undo the
    editor's setup.
    """
    if not file.is_file():
        return ""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines[:5] if line.startswith(MODELINE))


def _apply(args: argparse.Namespace) -> int:
    try:
        import yaml
    except ImportError as exc:
        return missing_extra("cli", exc)
    output = Output(as_json=args.json, quiet=args.quiet)
    try:
        data = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return _refused(args, output, [Problem(path="", reason=_yaml_problem(exc))])
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError) as exc:
        # The file named on the command line is not one to read: bad usage, nothing done.
        return _refused(args, output, [Problem(path="", reason=reason(exc))])
    try:
        document = SettingsDocument.load(data)
    except SettingsError as exc:
        return _refused(args, output, exc.problems)
    with connected(args) as client:
        try:
            plan = client.settings.plan(document, prune=args.prune)
        except SettingsError as exc:
            return _refused(args, output, exc.problems)
        _show_plan(plan, output)
        if args.dry_run or not plan:
            if output.as_json:
                nothing_sent = {"ok": True, "applied": [], "not_applied": [], "error": None}
                output.data({"plan": plan.as_json(), **nothing_sent})
            return EXIT_OK
        result = client.settings.apply(plan)
    for step in result.applied:
        output.line(f"applied {step.target}")
    if output.as_json:
        output.data({"plan": plan.as_json(), **result.as_json()})
    if result.failed is not None:
        not_applied = ", ".join(step.target for step in result.not_applied)
        output.error(
            f"wikijs-typed {command_name(args)}: {result.failed.target} failed:"
            f" {reason(result.error) if result.error else 'unknown error'};"
            f" {plural(len(result.applied), 'step')} applied, not applied: {not_applied}"
        )
        return EXIT_FAILED
    output.line(f"done: {plural(len(result.applied), 'step')} applied")
    return EXIT_OK


def _yaml_problem(error: Exception) -> str:
    """PyYAML's error in one line: what, and where."""
    problem = getattr(error, "problem", None) or "cannot be read"
    mark = getattr(error, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return f"not valid YAML: {problem}{where}"


def _show_plan(plan: SettingsPlan, output: Output) -> None:
    if not plan:
        output.line("no changes: the wiki matches the file")
        return
    for step in plan.steps:
        output.line(_step_line(step))
        for change in step.changes:
            output.line(f"    {change}")
    changes = sum(len(step.changes) for step in plan.steps)
    output.line(f"plan: {plural(changes, 'change')} in {plural(len(plan.steps), 'step')}")


def _step_line(step: Step) -> str:
    return f"{MARKS.get(step.kind, '~')} {step.target}"


def _refused(args: argparse.Namespace, output: Output, problems: list[Problem]) -> int:
    """Nothing was changed: each problem on its line, with the file and the key path."""
    for problem in problems:
        output.error(f"wikijs-typed {command_name(args)}: {args.file}: {problem}")
    if output.as_json:
        shown: list[dict[str, Any]] = [problem.model_dump() for problem in problems]
        output.data({"error": "the file was refused; nothing changed", "problems": shown})
    return EXIT_USAGE


def _schema(args: argparse.Namespace) -> int:
    output = Output(as_json=args.json, quiet=args.quiet)
    Path(args.file).write_text(SCHEMA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    if output.as_json:
        output.data({"file": str(args.file)})
    else:
        output.line(f"wrote {args.file}")
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    settings = commands.add_parser(
        "settings", help="the wiki's settings as a file: export, plan and apply"
    )
    settings_commands = settings.add_subparsers(dest="settings_command", required=True)

    export = settings_commands.add_parser(
        "export",
        help="write the wiki's settings to a YAML file (secrets as ${VARIABLE} references)",
        epilog=EXIT_CODES,
    )
    export.add_argument("file", metavar="FILE", help="the YAML file to write")
    add_connection_options(export, top=False)
    export.set_defaults(handler=_export)

    apply = settings_commands.add_parser(
        "apply",
        help="show what a settings file changes, and apply it",
        description="Compare FILE with the wiki, print the changes (old → new, per setting)"
        " and apply them. The file is checked first: nothing changes when it is refused.",
        epilog=EXIT_CODES,
    )
    apply.add_argument("file", metavar="FILE", help="the YAML file to apply")
    apply.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    apply.add_argument(
        "--prune",
        action="store_true",
        help="delete the groups and menu items the file does not name (kept otherwise)",
    )
    add_connection_options(apply, top=False)
    apply.set_defaults(handler=_apply)

    schema = settings_commands.add_parser(
        "schema", help="write the JSON Schema of the settings file (for editors)"
    )
    schema.add_argument("file", metavar="FILE", help="the JSON file to write")
    add_connection_options(schema, top=False)
    schema.set_defaults(handler=_schema)
