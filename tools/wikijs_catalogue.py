"""Write the emulator's module catalogue from a Wiki.js source tree (maintainers only).

    python3 tools/wikijs_catalogue.py GIT_DIR [TAG]   (needs PyYAML; TAG defaults to v2.5.314)

Wiki.js answers `rendering.renderers`, `logging.loggers`, `search.searchEngines`,
`analytics.providers`, `storage.targets`, `authentication.strategies` and
`comments.providers` from the `definition.yml` of every module under
server/modules/<kind>/, read in directory order and with their `props` normalised by
server/helpers/common.js `parseModuleProps`. This script reads those definitions from a
bare clone of requarks/wiki at TAG, applies the same normalisation and writes
wikijs_typed/testing/_wiki/catalogue.json, which the emulator serves.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

KINDS = ("rendering", "logging", "search", "analytics", "storage", "authentication", "comments")
OUT = (
    Path(__file__).resolve().parent.parent / "wikijs_typed" / "testing" / "_wiki" / "catalogue.json"
)
# lodash's `words` for ASCII identifiers: camelCase humps, acronyms and digit runs.
_WORD = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_TYPE_DEFAULTS = {"string": "", "number": 0, "boolean": False}


def start_case(key: str) -> str:
    return " ".join(word[0].upper() + word[1:] for word in _WORD.findall(key))


def parse_module_props(props: dict[str, Any] | None) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, value in (props or {}).items():
        spec = value if isinstance(value, dict) else {}
        kind = str(spec.get("type") or value)
        default = spec.get("default")
        parsed[key] = {
            "default": default if default is not None else _TYPE_DEFAULTS.get(kind.lower()),
            "type": kind.lower(),
            "title": spec.get("title") or start_case(key),
            "hint": spec.get("hint") or False,
            "enum": spec.get("enum") or False,
            "multiline": spec.get("multiline") or False,
            "sensitive": spec.get("sensitive") or False,
            "maxWidth": spec.get("maxWidth") or 0,
            "order": spec.get("order") or 100,
        }
    return parsed


def _git(git_dir: str, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True, text=True
    ).stdout


def definitions(git_dir: str, tag: str, kind: str) -> list[dict[str, Any]]:
    folder = f"server/modules/{kind}/"
    names = _git(git_dir, "ls-tree", "--name-only", f"{tag}:{folder}").split()
    found = []
    for name in sorted(names):  # libuv's scandir sorts entries by name
        text = _git(git_dir, "show", f"{tag}:{folder}{name}/definition.yml")
        definition = yaml.safe_load(text)
        definition["props"] = parse_module_props(definition.get("props"))
        found.append(definition)
    return found


def main(argv: list[str]) -> int:
    git_dir, tag = argv[0], (argv[1] if len(argv) > 1 else "v2.5.314")
    catalogue = {kind: definitions(git_dir, tag, kind) for kind in KINDS}
    catalogue = {"source": f"requarks/wiki {tag} server/modules/*/*/definition.yml", **catalogue}
    OUT.write_text(json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
