"""Measure the emulator against recordings of a real Wiki.js 2.5.314.

`replay(recordings_dir)` sends every recorded request, scenario by scenario in the order
of ORDER.txt, to one fresh emulator through its httpx transport, and compares each answer
with the recorded one after normalising what legitimately differs between two servers:

- ids: each kind of id (page, tag, user, ...) is mapped recorded -> emulator at its first
  appearance; requests are rewritten with the same map (an id never seen is shifted by the
  kind's offset when it lies in the range already seen, else kept, like 987654);
- timestamps, JWTs and API keys, `keyShort` suffixes, UUIDs and one-time continuation
  tokens compare by shape; `tags` string lists of page listings compare as sets (the real
  server returns them in no stable order);
- time: the emulator runs on a manual clock that follows the recording (each step starts
  no earlier than its own timestamps say, and takes its recorded duration), so expiry and
  rate-limit windows behave as they did.

The recorded server was not fresh: it had API keys, tags and ids from earlier runs. The
replay recreates the state the recordings show existed before the first scenario (see
`_prelude`); everything else starts empty. The remaining differences are listed, with
reasons, in docs/emulator-fidelity.md.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
from graphql import FieldNode, GraphQLSyntaxError, OperationDefinitionNode, VariableNode, parse

from wikijs_typed.testing._clock import ManualClock, parse_iso
from wikijs_typed.testing._emulator import WikiJSEmulator
from wikijs_typed.testing._wiki.state import Tag

ADMIN_PASSWORD = "replay-admin-password"
_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
_KEY_SHORT = re.compile(r"^\.\.\.[A-Za-z0-9_-]{20}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NANOID = re.compile(r"^[A-Za-z0-9_-]{21}$")
_TIME_KEYS = ("createdAt", "updatedAt", "versionDate", "lastLoginAt")
_REDACTED = ("<JWT>", "<API_KEY>")

# Labels of the API keys made during the recording, by the name they were created with.
KEY_LABELS = {
    "corpus-temp-full": "temp_key",
    "corpus-limited": "limited_key",
    "corpus-no-group": "no_group_key",
}
# The recorder revoked the temporary full-access key and kept sending it as `revoked_key`.
# The access recorder logged its restricted user (rec-acc-3f9a1c@example.com) in as `reader`.
ALIASES = {"revoked_key": "temp_key", "reader_jwt": "rec-acc-3f9a1c_jwt"}

# (namespace, field, argument) -> id kind; "*" matches any field.
ARGUMENT_KINDS: dict[tuple[str, str, str], str | None] = {
    ("pages", "*", "id"): "page",
    ("pages", "updateTag", "id"): "tag",
    ("pages", "deleteTag", "id"): "tag",
    ("pages", "*", "pageId"): "page",
    ("pages", "*", "versionId"): "version",
    ("pages", "*", "creatorId"): "user",
    ("pages", "*", "authorId"): "user",
    ("pages", "tree", "parent"): None,
    ("users", "*", "id"): "user",
    ("users", "*", "replaceId"): "user",
    ("users", "*", "groups"): "group",
    ("groups", "*", "id"): "group",
    ("groups", "*", "groupId"): "group",
    ("groups", "*", "userId"): "user",
    ("assets", "*", "folderId"): "folder",
    ("assets", "*", "parentFolderId"): "folder",
    ("assets", "*", "id"): "asset",
    ("comments", "*", "id"): "comment",
    ("comments", "*", "pageId"): "page",
    ("comments", "*", "replyTo"): "comment",
    ("authentication", "revokeApiKey", "id"): "apikey",
    ("authentication", "createApiKey", "group"): "group",
}
_NAMESPACE_KINDS = {
    "pages": "page",
    "users": "user",
    "groups": "group",
    "assets": "asset",
    "comments": "comment",
    "authentication": "apikey",
}
_CONTAINER_KINDS = {
    "tags": "tag",
    "users": "user",
    "user": "user",
    "profile": "user",
    "author": "user",
    "groups": "group",
    "group": "group",
    "apiKeys": "apikey",
    "folders": "folder",
    "folder": "folder",
}


def response_id_kind(path: tuple[str | int, ...]) -> str | None:
    """Which kind of id sits at `path` in a GraphQL answer (None: not an id)."""
    key = path[-1]
    names = [p for p in path[:-1] if isinstance(p, str) and p != "data"]
    if key == "versionId":
        return "version"
    if key == "pageId":
        return "page"
    if key in ("authorId", "creatorId", "userId"):
        return "user"
    if key != "id" or not names or "tree" in names or names[-1] == "items":
        return None
    return _CONTAINER_KINDS.get(names[-1]) or _NAMESPACE_KINDS.get(names[0])


@dataclass
class IdMap:
    """Recorded id -> emulator id, per kind."""

    forward: dict[str, dict[int, int]] = field(default_factory=dict)

    def bind(self, kind: str, recorded: int, actual: int) -> bool:
        known = self.forward.setdefault(kind, {})
        if recorded in known:
            return known[recorded] == actual
        if actual in known.values():
            return False
        known[recorded] = actual
        return True

    def to_emulator(self, kind: str, recorded: int) -> int:
        known = self.forward.get(kind, {})
        if recorded in known:
            return known[recorded]
        if not known or recorded <= 0:
            return recorded
        lowest, highest = min(known), max(known)
        if not lowest <= recorded <= highest + 50:
            return recorded  # a deliberately unknown id such as 987654
        nearest = max(r for r in known if r <= recorded)
        return recorded - nearest + known[nearest]


@dataclass
class StepResult:
    scenario: str
    index: int
    differences: list[str]

    @property
    def matched(self) -> bool:
        return not self.differences

    @property
    def name(self) -> str:
        return f"{self.scenario}[{self.index}]"


@dataclass
class FidelityReport:
    steps: list[StepResult]
    prelude: list[str]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def matched(self) -> int:
        return sum(1 for step in self.steps if step.matched)

    @property
    def ratio(self) -> float:
        return self.matched / self.total if self.total else 0.0

    @property
    def mismatches(self) -> list[StepResult]:
        return [step for step in self.steps if not step.matched]

    def summary(self) -> str:
        lines = [f"emulator fidelity: {self.matched}/{self.total} steps match ({self.ratio:.1%})"]
        for step in self.mismatches:
            lines.append(f"  {step.name}: {'; '.join(step.differences)[:300]}")
        return "\n".join(lines)


def scenarios(recordings: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for line in (recordings / "ORDER.txt").read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        path = recordings / f"{name}.json"
        if path.is_file():
            yield name, json.loads(path.read_text(encoding="utf-8"))


def _timestamps(value: Any) -> Iterator[float]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _TIME_KEYS and isinstance(item, str) and _ISO.match(item):
                yield parse_iso(item)
            else:
                yield from _timestamps(item)
    elif isinstance(value, list):
        for item in value:
            yield from _timestamps(item)


def _step_stamps(step: dict[str, Any]) -> list[float]:
    """The instants an answer shows: timestamps in its body, and the moment a cookie with
    both `Max-Age` and `Expires` was set (its expiry less its age)."""
    stamps = list(_timestamps(step["response"].get("body")))
    cookie = str((step["response"].get("headers") or {}).get("set-cookie", ""))
    attributes = dict(part.strip().split("=", 1) for part in cookie.split(";")[1:] if "=" in part)
    if "Max-Age" in attributes and "Expires" in attributes:
        expires = parsedate_to_datetime(attributes["Expires"]).timestamp()
        stamps.append(expires - float(attributes["Max-Age"]))
    return stamps


def _start_times(steps: list[dict[str, Any]], origin: float, openers: set[int]) -> list[float]:
    """When each step began on the recording's clock, as far as the answers tell.

    A step's newest timestamp, less its duration, is a lower bound for its start; the ones
    that push time forward are anchors. Steps of one scenario run back to back (that is how
    a recorder runs them); the idle time between two anchors that the recording does not
    account for is spread evenly over the scenario boundaries in between (`openers` are the
    first steps of scenarios), or over the steps when the anchors share a scenario. Before
    the first anchor the steps run back to back up to it.
    """
    durations = [step.get("elapsed_ms", 0) / 1000 for step in steps]
    earliest: list[float] = []
    anchors: list[int] = []
    running = origin
    for index, step in enumerate(steps):
        stamps = _step_stamps(step)
        own = max(stamps) - durations[index] if stamps else None
        if own is not None and own > running:
            running = own
            anchors.append(index)
        earliest.append(running)
        running += durations[index]
    starts = list(earliest)
    if anchors:
        first = anchors[0]
        for index in range(first - 1, -1, -1):
            starts[index] = starts[index + 1] - durations[index]
    for left, right in itertools.pairwise(anchors):
        busy = sum(durations[left:right])
        slack = max(0.0, starts[right] - starts[left] - busy)
        pauses = [i for i in range(left + 1, right + 1) if i in openers] or list(
            range(left + 1, right + 1)
        )
        moment = starts[left]
        for index in range(left + 1, right):
            moment += durations[index - 1]
            if index in pauses:
                moment += slack / len(pauses)
            starts[index] = moment
    return starts


class Replay:
    def __init__(self, recordings: Path) -> None:
        self.recordings = recordings
        self.plan = list(scenarios(recordings))
        steps = [step for _, data in self.plan for step in data["steps"]]
        openers, count = set(), 0
        for _, data in self.plan:
            openers.add(count)
            count += len(data["steps"])
        stamps = [t for step in steps for t in _step_stamps(step)]
        origin = min(stamps) if stamps else 0.0
        self.starts = _start_times(steps, origin, openers)
        self.clock = ManualClock(origin)
        self.admin_email = self._admin_email(steps)
        self.emulator = WikiJSEmulator(self.admin_email, ADMIN_PASSWORD, clock=self.clock)
        self.http = httpx.Client(
            base_url=self.emulator.base_url, transport=self.emulator.transport()
        )
        self.ids = IdMap()
        self.tokens: dict[str, str] = {
            "api_key": self.emulator.api_key,
            "bad_key": "not-a-real-token",
        }
        self.strings: dict[str, str] = {"<ADMIN_PASSWORD>": ADMIN_PASSWORD}
        self.prelude: list[str] = []

    @staticmethod
    def _admin_email(steps: list[dict[str, Any]]) -> str:
        for step in steps:
            variables = step["request"].get("body") or {}
            variables = variables.get("variables") if isinstance(variables, dict) else None
            if isinstance(variables, dict) and variables.get("password") == "<ADMIN_PASSWORD>":
                return str(variables["username"])
        return "admin@example.com"

    # -- the state the recorded server already had ------------------------------------------
    def _prelude(self) -> None:
        """Recreate what existed before the first recorded scenario: the site URL, the API
        keys listed but never created in the recordings, tags no page uses, and an
        administrator who has just logged in (the recorder's `admin_jwt`)."""
        db = self.emulator.wiki.db
        config = self._first_answer("site", "config")
        if isinstance(config, dict) and "host" in config:
            db.site.host = str(config["host"])
            self.prelude.append(f"site host {db.site.host}")
        keys = self._first_answer("authentication", "apiKeys")
        if isinstance(keys, list):
            self._existing_keys(keys)
        info = self._first_answer("system", "info")
        if isinstance(info, dict) and isinstance(info.get("tagsTotal"), int):
            self._orphan_tags(int(info["tagsTotal"]) - len(db.tags))

    def _first_answer(self, *keys: str) -> Any:
        for _, data in self.plan:
            for step in data["steps"]:
                found = _dig(step["response"].get("body"), "data", *keys)
                if found is not None:
                    return found
        return None

    def _created_key_names(self) -> set[str]:
        names = set()
        for _, data in self.plan:
            for step in data["steps"]:
                body = step["request"].get("body")
                variables = body.get("variables") if isinstance(body, dict) else None
                if isinstance(variables, dict) and "createApiKey" in str(body.get("query")):
                    names.add(str(variables.get("name")))
        return names

    def _existing_keys(self, keys: list[Any]) -> None:
        db = self.emulator.wiki.db
        first = db.api_keys.get(1)
        made_later = self._created_key_names()
        for key in sorted(keys, key=lambda k: int(k["id"])):
            if key["id"] == 1 and first is not None:
                first.name = str(key["name"])
                continue
            if str(key["name"]) in made_later:
                continue
            self.emulator.create_api_key(str(key["name"]))
            db.api_keys.scan()[-1].is_revoked = bool(key["isRevoked"])
        names = ", ".join(k.name for k in db.api_keys.by_id())
        self.prelude.append(f"api keys {names}")

    def _orphan_tags(self, count: int) -> None:
        db = self.emulator.wiki.db
        for number in range(max(count, 0)):
            now = self.emulator.wiki.now()
            db.tags.insert(
                Tag(db.tags.next_id(), f"earlier-{number}", f"earlier-{number}", now, now)
            )
        self.prelude.append(f"tags: {count} left over by earlier runs, used by no page")

    # -- running ----------------------------------------------------------------------------
    def run(self) -> FidelityReport:
        self._prelude()
        results: list[StepResult] = []
        position = 0
        for name, data in self.plan:
            for index, step in enumerate(data["steps"]):
                self.clock.set(self.starts[position])
                position += 1
                if position == 1:
                    self._login_admin()
                results.append(StepResult(name, index, self._step(step)))
                self.clock.advance(step.get("elapsed_ms", 0) / 1000)
        self.http.close()
        return FidelityReport(results, self.prelude)

    def _login_admin(self) -> None:
        login = """mutation($u: String!, $p: String!) { authentication {
            login(username: $u, password: $p, strategy: "local") { jwt } } }"""
        answer = self.http.post(
            "/graphql",
            json={"query": login, "variables": {"u": self.admin_email, "p": ADMIN_PASSWORD}},
        ).json()
        self.tokens["admin_jwt"] = answer["data"]["authentication"]["login"]["jwt"]
        self.prelude.append("administrator logged in just before the first step")

    def _step(self, step: dict[str, Any]) -> list[str]:
        request, recorded = step["request"], step["response"]
        headers = {k: v for k, v in (request.get("headers") or {}).items()}
        label = request.get("auth") or "none"
        token = self._token(label)
        if label == "admin_jwt_cookie":
            headers["cookie"] = f"jwt={self.tokens.get('admin_jwt', '')}"
        elif token is not None:
            headers["authorization"] = f"Bearer {token}"
        content = self._body(request.get("body"), headers)
        response = self.http.request(
            request["method"], request["path"], content=content, headers=headers
        )
        self.http.cookies.clear()  # the recorder sent cookies only when a step says so
        differences = self._compare_response(recorded, response)
        self._learn(label, request, response)
        return differences

    def _token(self, label: str) -> str | None:
        label = ALIASES.get(label, label)
        if label in self.tokens:
            return self.tokens[label]
        if label == "admin_jwt_old":  # no renewal happened yet: the old token is the current one
            return self.tokens.get("admin_jwt")
        tokens, now = self.emulator.wiki.tokens, self.clock.now()
        expired = {"expired_jwt_1h": 3600, "expired_jwt_20d": 20 * 86400}
        if label in expired:
            admin = self.emulator.wiki.db.users.get(1)
            assert admin is not None
            payload = {
                "id": 1,
                "email": admin.email,
                "name": admin.name,
                "permissions": ["manage:system"],
                "groups": [1],
            }
            ends = now - expired[label]
            return tokens.mint(payload, ends - 1800, ends)
        api_expired = {"expired_api_key_1h": 3600, "expired_api_key_20d": 20 * 86400}
        if label in api_expired:
            ends = now - api_expired[label]
            return tokens.mint({"api": 1, "grp": 1}, ends - 86400, ends)
        return None

    # -- requests ---------------------------------------------------------------------------
    def _body(self, body: Any, headers: dict[str, str]) -> bytes:
        if body is None:
            return b""
        if isinstance(body, str):
            return body.encode()
        if isinstance(body, dict) and "multipart" in body:
            return self._multipart(body["multipart"], headers)
        items = body if isinstance(body, list) else [body]
        for item in items:
            if isinstance(item, dict):
                self._rewrite_operation(item)
        return json.dumps(body, ensure_ascii=False).encode()

    def _rewrite_operation(self, item: dict[str, Any]) -> None:
        variables = item.get("variables")
        if isinstance(variables, dict):
            kinds = _variable_kinds(item.get("query"))
            for name, value in list(variables.items()):
                variables[name] = self._rewrite_value(value, kinds.get(name))

    def _rewrite_value(self, value: Any, kind: str | None) -> Any:
        if isinstance(value, list):
            return [self._rewrite_value(item, kind) for item in value]
        if isinstance(value, str):
            return self.strings.get(value, value)
        if kind is not None and isinstance(value, int) and not isinstance(value, bool):
            return self.ids.to_emulator(kind, value)
        return value

    def _multipart(self, parts: list[dict[str, Any]], headers: dict[str, str]) -> bytes:
        boundary = headers.get("content-type", "").split("boundary=", 1)[-1]
        chunks: list[bytes] = []
        for part in parts:
            disposition = f'form-data; name="{part["name"]}"'
            if "filename" in part:
                disposition += f'; filename="{part["filename"]}"'
                lines = [
                    f"Content-Disposition: {disposition}",
                    f"Content-Type: {part['content_type']}",
                ]
                data = base64.b64decode(part["data_base64"])
            else:
                lines = [f"Content-Disposition: {disposition}"]
                data = self._folder_metadata(str(part["value"])).encode()
            head = "\r\n".join([f"--{boundary}", *lines, "", ""]).encode()
            chunks.append(head + data + b"\r\n")
        chunks.append(f"--{boundary}--\r\n".encode())
        return b"".join(chunks)

    def _folder_metadata(self, text: str) -> str:
        try:
            metadata = json.loads(text)
        except ValueError:
            return text
        if isinstance(metadata, dict) and isinstance(metadata.get("folderId"), int):
            metadata["folderId"] = self.ids.to_emulator("folder", metadata["folderId"])
            return json.dumps(metadata)
        return text

    # -- learning from answers ----------------------------------------------------------------
    def _learn(self, label: str, request: dict[str, Any], response: httpx.Response) -> None:
        renewed = response.headers.get("new-jwt")
        if renewed:
            self.tokens["renewed_jwt"] = renewed
            if label == "admin_jwt":
                self.tokens["admin_jwt_old"] = self.tokens["admin_jwt"]
                self.tokens["admin_jwt"] = renewed
        body = request.get("body")
        if not isinstance(body, dict) or "application/json" not in response.headers.get(
            "content-type", ""
        ):
            return
        variables = body.get("variables") if isinstance(body.get("variables"), dict) else {}
        answer = response.json()
        login = _dig(answer, "data", "authentication", "login")
        if isinstance(login, dict) and login.get("jwt") and isinstance(variables, dict):
            user = str(variables.get("username", ""))
            local = user.split("@", maxsplit=1)[0].rsplit(".", maxsplit=1)[-1]
            holder = "admin" if user == self.admin_email else local
            self.tokens[f"{holder}_jwt"] = str(login["jwt"])
        created = _dig(answer, "data", "authentication", "createApiKey")
        if isinstance(created, dict) and created.get("key") and isinstance(variables, dict):
            name = str(variables.get("name", ""))
            if name in KEY_LABELS:
                self.tokens[KEY_LABELS[name]] = str(created["key"])

    # -- comparing ---------------------------------------------------------------------------
    def _compare_response(self, recorded: dict[str, Any], response: httpx.Response) -> list[str]:
        problems: list[str] = []
        if recorded["status"] != response.status_code:
            problems.append(f"status {response.status_code}, recorded {recorded['status']}")
        problems.extend(self._compare_headers(recorded.get("headers") or {}, response.headers))
        expected = recorded.get("body")
        kind = (recorded.get("headers") or {}).get("content-type", "")
        if "application/json" in kind:
            try:
                actual = response.json()
            except ValueError:
                return [*problems, f"body is not JSON: {response.text[:80]!r}"]
            problems.extend(self._compare(expected, actual, ()))
        elif isinstance(expected, dict) and "excerpt" in expected:
            problems.extend(_compare_html_summary(expected, response.text))
        elif isinstance(expected, dict) and "sha256" in expected:
            digest = hashlib.sha256(response.content).hexdigest()
            if (expected["size"], expected["sha256"]) != (len(response.content), digest):
                size = len(response.content)
                problems.append(
                    f"body of {size} bytes differs from the recorded {expected['size']}"
                )
        elif expected is not None and response.text != expected:
            problems.append(f"body {response.text[:80]!r}, recorded {str(expected)[:80]!r}")
        return problems

    @staticmethod
    def _compare_headers(recorded: dict[str, Any], actual: httpx.Headers) -> list[str]:
        problems = []
        for name, value in recorded.items():
            got = actual.get(name)
            if name == "set-cookie" and not str(value).startswith("<"):
                # A cookie other than the JWT: its name, value and age must agree.
                if not got or _cookie_core(got) != _cookie_core(str(value)):
                    problems.append(f"set-cookie {got!r}, recorded {value!r}")
            elif name in ("new-jwt", "set-cookie"):
                if not got or (name == "set-cookie" and not got.startswith("jwt=")):
                    problems.append(f"no {name} header")
            elif value is not None and got != value:
                problems.append(f"header {name}: {got!r}, recorded {value!r}")
        for name in ("new-jwt", "set-cookie"):
            if name in actual and name not in recorded:
                problems.append(f"unexpected {name} header")
        return problems

    def _compare(self, expected: Any, actual: Any, path: tuple[str | int, ...]) -> list[str]:
        where = ".".join(str(p) for p in path) or "body"
        if isinstance(expected, dict) and isinstance(actual, dict):
            problems = []
            if set(expected) != set(actual):
                problems.append(f"{where}: keys {sorted(actual)}, recorded {sorted(expected)}")
            for key in expected:
                if key in actual:
                    problems.extend(self._compare(expected[key], actual[key], (*path, key)))
            return problems
        if isinstance(expected, list) and isinstance(actual, list):
            if len(expected) != len(actual):
                return [f"{where}: {len(actual)} items, recorded {len(expected)}"]
            if path and path[-1] == "tags" and all(isinstance(x, str) for x in expected + actual):
                expected, actual = sorted(expected), sorted(actual)
            problems = []
            for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
                problems.extend(self._compare(left, right, (*path, index)))
            return problems
        return self._compare_scalar(expected, actual, path, where)

    def _compare_scalar(
        self, expected: Any, actual: Any, path: tuple[str | int, ...], where: str
    ) -> list[str]:
        kind = response_id_kind(path) if path and isinstance(path[-1], str) else None
        if kind is not None and _id_value(expected) is not None and _id_value(actual) is not None:
            if type(expected) is not type(actual):
                return [f"{where}: {actual!r}, recorded {expected!r}"]
            if self.ids.bind(kind, int(expected), int(actual)):
                return []
            return [f"{where}: {kind} id {actual!r} where {expected!r} maps elsewhere"]
        if isinstance(expected, str) and isinstance(actual, str) and _same_shape(expected, actual):
            if path and path[-1] == "continuationToken":
                self.strings[expected] = actual
            return []
        if type(expected) is type(actual) and expected == actual:
            return []
        return [f"{where}: {str(actual)[:60]!r}, recorded {str(expected)[:60]!r}"]


_EFFECTIVE_PERMISSIONS = re.compile(r'effective-permissions="([A-Za-z0-9+/=]*)"')


def _compare_html_summary(expected: dict[str, Any], text: str) -> list[str]:
    """A rendered Wiki.js view is recorded as a summary (its `<title>`, the page's rendered
    HTML and the decoded `effective-permissions` attribute): the templates around them are
    the real install's, so only what the summary keeps is compared."""
    problems = [
        f"no {key} {expected[key][:60]!r} in the body"
        for key in ("excerpt", "contents_excerpt")
        if key in expected and expected[key] not in text
    ]
    if "effective_permissions" in expected:
        found = _EFFECTIVE_PERMISSIONS.search(text)
        actual = json.loads(base64.b64decode(found.group(1))) if found else None
        if actual != expected["effective_permissions"]:
            problems.append(
                f"effective permissions {actual}, recorded {expected['effective_permissions']}"
            )
    return problems


def _cookie_core(cookie: str) -> tuple[str, ...]:
    """A Set-Cookie value without its Expires date (which says when it was sent)."""
    return tuple(
        part.strip() for part in cookie.split(";") if not part.strip().startswith("Expires=")
    )


def _id_value(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _same_shape(expected: str, actual: str) -> bool:
    if _ISO.match(expected) and _ISO.match(actual):
        return True
    if expected in _REDACTED:
        return bool(_JWT.match(actual))
    for pattern in (_KEY_SHORT, _UUID, _NANOID):
        if pattern.match(expected) and pattern.match(actual):
            return True
    return False


def _dig(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _variable_kinds(query: Any) -> dict[str, str | None]:
    """Which kind of id each variable of a document carries, from where it is used."""
    if not isinstance(query, str):
        return {}
    try:
        document = parse(query)
    except GraphQLSyntaxError:
        return {}
    kinds: dict[str, str | None] = {}
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        for namespace in definition.selection_set.selections:
            if not isinstance(namespace, FieldNode) or namespace.selection_set is None:
                continue
            for operation in namespace.selection_set.selections:
                if not isinstance(operation, FieldNode):
                    continue
                for argument in operation.arguments:
                    if isinstance(argument.value, VariableNode):
                        keys = (namespace.name.value, operation.name.value, argument.name.value)
                        wildcard = (keys[0], "*", keys[2])
                        kind = ARGUMENT_KINDS.get(keys, ARGUMENT_KINDS.get(wildcard))
                        kinds[argument.value.name.value] = kind
    return kinds


def replay(recordings: Path) -> FidelityReport:
    """Replay every recorded scenario against one fresh emulator and report how many steps
    answered like the real server."""
    return Replay(recordings).run()


def main() -> int:  # pragma: no cover - a convenience for writing the fidelity document
    import sys

    # The recordings of a real Wiki.js are reference data kept beside the clone, not in it.
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/wikijs/recordings")
    report = replay(target)
    print(report.summary())
    print("\n".join(f"prelude: {line}" for line in report.prelude))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
