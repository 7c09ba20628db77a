"""Property-based tests of input checking, over every public method of every resource.

Each method of `client.pages`, `.users`, `.groups`, `.assets` and `.api_keys` (sync and async,
found by introspection, so a new method is fuzzed without being listed here) is called with
arguments drawn per parameter: either a value the server can take (from `GOOD`, by parameter
name) or junk (wrong types, numbers beyond a GraphQL Int, bytes, NUL, lone surrogates, paths
that climb, model dicts with one field spoiled). The properties:
- the only exceptions are the package's own (`WikiJSError` and subclasses), never a bare
  TypeError, KeyError or pydantic error;
- a `ValidationError` means nothing was sent (requests are counted at the transport);
- arguments drawn only from `GOOD` are never refused by the client.
The counts (inputs tried, refused, accepted) are printed at the end of the module's run:
`.venv/bin/python -m pytest tests/test_fuzz_inputs.py -q` shows them (`WIKIJS_FUZZ_DETAIL=1`
also shows each method's outcomes).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import string
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.exceptions import ValidationError, WikiJSError
from wikijs_typed.models import _rules as rules
from wikijs_typed.testing import WikiJSEmulator

RESOURCES = ("pages", "users", "groups", "assets", "api_keys")
# Bounded for the suite; `WIKIJS_FUZZ_EXAMPLES=500` explores further (and differently).
MAX_EXAMPLES = int(os.environ.get("WIKIJS_FUZZ_EXAMPLES", "30"))
COUNTS: Counter[str] = Counter()

# -- values the server can take, by parameter name ---------------------------------------------

_ids = st.one_of(st.integers(1, 30), st.integers(1, rules.MAX_INT))
_folder_ids = st.one_of(st.just(0), _ids)
_word = st.text(string.ascii_lowercase + string.digits + "-_é", min_size=1, max_size=12)
_path = st.lists(_word, min_size=1, max_size=3).map("/".join)
_title = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
    lambda text: bool(text.strip())
)
_slug = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=30).filter(
    lambda slug: (
        slug.lower() not in {"con", "prn", "aux", "nul"}
        and not slug.lower().startswith(("com", "lpt"))
    )
)
_filename = st.builds(lambda stem, ext: f"{stem}.{ext}", _slug, st.sampled_from(["png", "bin"]))
_tags = st.lists(_word, max_size=3)
_page_create = st.fixed_dictionaries(
    {"title": _title, "path": _path, "content": _title},
    optional={
        "tags": _tags,
        "description": _title,
        "is_published": st.booleans(),
        "editor": st.sampled_from(rules.EDITORS),
    },
)
_page_update = st.fixed_dictionaries(
    {},
    optional={
        "title": _title,
        "content": _title,
        "tags": _tags,
        "description": _title,
        "is_published": st.booleans(),
    },
)
_user_create = st.fixed_dictionaries(
    {
        "email": st.builds("{}@example.com".format, _slug),
        "name": _title,
        "password_raw": st.text(string.ascii_letters, min_size=6, max_size=12),
    },
    optional={"location": _title, "job_title": _title},
)
_user_update = st.fixed_dictionaries({}, optional={"name": _title, "location": _title})
_group_data = st.fixed_dictionaries({"name": _title})

GOOD: dict[str, st.SearchStrategy[Any]] = {
    **dict.fromkeys(
        ("page_id", "user_id", "group_id", "asset_id", "key_id", "replace_id", "group"), _ids
    ),
    "author_id": st.one_of(st.none(), _ids),
    "folder_id": _folder_ids,
    "parent_folder_id": _folder_ids,
    "limit": st.one_of(st.none(), st.integers(1, rules.MAX_INT)),
    "offset": st.integers(0, rules.MAX_INT),
    "batch_size": st.integers(1, 200),
    "page_ids": st.lists(_ids, max_size=4),
    "query": _title.filter(lambda text: "\x00" not in text),
    "search": st.one_of(st.none(), _title),
    "tags": _tags,
    "locale": st.sampled_from(["en", "fr", "pt-br"]),
    "match_all": st.booleans(),
    "with_content": st.booleans(),
    "full_access": st.booleans(),
    "enabled": st.booleans(),
    "order_direction": st.sampled_from(["ASC", "DESC", "asc"]),
    "path": _path,
    "slug": _slug,
    "name": _title,
    "new_filename": _filename,
    "filename": _filename,
    "file": st.binary(max_size=32),
    "content_type": st.one_of(st.none(), st.just("image/png")),
    "kind": st.sampled_from([None, "image", "binary", "all", "IMAGE"]),
    "expiration": st.sampled_from(["1y", "30d", "12h", "2 weeks"]),
    "asset": st.one_of(_ids, st.just("seed.bin"), st.builds("{}/{}".format, _slug, _filename)),
    # Relative: the fuzz tests run in a temporary directory.
    "destination": st.one_of(st.none(), st.just("downloaded.bin")),
    # Parameters whose good values depend on the method.
    "pages.create.page_data": _page_create,
    "pages.update.page_data": _page_update,
    "pages.create_many.pages_data": st.lists(_page_create, max_size=2),
    "pages.try_create_many.pages_data": st.lists(_page_create, max_size=2),
    "pages.update_many.updates": st.lists(
        st.builds(lambda i, u: {"id": i, **u}, _ids, _page_update), max_size=2
    ),
    "pages.get_by_tags.tags": st.lists(_word, min_size=1, max_size=3),
    "pages.order_by": st.sampled_from([None, "title", "path", "created_at", "updated_at", "id"]),
    "users.order_by": st.sampled_from(["name", "email", "id", "created_at", "last_login_at"]),
    "users.create.user_data": _user_create,
    "users.update.user_data": _user_update,
    "groups.create.group_data": _group_data,
    "groups.update.group_data": _group_data,
}
GOOD["pages.try_update_many.updates"] = GOOD["pages.update_many.updates"]
# Optional parameters whose default is not good with the other good values (bytes need a
# name; a key without full access needs a group).
NEEDED = {"assets.upload.filename", "api_keys.create.group"}

# -- junk ---------------------------------------------------------------------------------------

_ODD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "a\nb",
    "\t",
    "\ud800",
    "..",
    "../../x",
    "a?b",
    "#",
    "x" * 300,
    "\x01\x02",
    "con",
    "2147483648",
    "bogus",
]
_scalar_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**64), 2**64),
    st.sampled_from([0, -1, 2**31, 2**31 - 1, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=8),
    st.text(max_size=8),
    st.sampled_from(_ODD_TEXT),
    st.just(object()),
)
JUNK = st.one_of(
    _scalar_junk,
    st.lists(_scalar_junk, max_size=3),
    st.tuples(_scalar_junk),
    st.dictionaries(st.text(max_size=6), _scalar_junk, max_size=3),
    st.sets(st.integers(-3, 3), max_size=3),
)


# Junk that is text can name a real file: a download destination only gets junk that stays
# inside the test's temporary directory (or names none).
_JUNK_FOR = {
    "destination": st.one_of(
        st.none(),
        st.integers(),
        st.binary(max_size=4),
        st.sampled_from(["", " ", "\x00", "a\x00b", ".", "missing/x.bin", "\ud800"]),
        st.just(object()),
    )
}


def _spoiled(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A good dict (or list of dicts) with one field replaced by junk, or a misspelled key."""

    def spoil(value: Any, key: str, junk: object) -> Any:
        if isinstance(value, dict):
            return {**value, key: junk}
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return [{**value[0], key: junk}, *value[1:]]
        return junk

    keys = st.sampled_from(
        ["title", "path", "content", "tags", "editor", "locale", "name", "email", "id", "titel"]
    )
    return st.builds(spoil, good, keys, JUNK)


def _good_for(resource: str, method: str, parameter: str) -> st.SearchStrategy[Any] | None:
    for key in (f"{resource}.{method}.{parameter}", f"{resource}.{parameter}", parameter):
        if key in GOOD:
            return GOOD[key]
    return None


@st.composite
def arguments(draw: st.DrawFn, resource: str, method: str, signature: inspect.Signature) -> Any:
    """(keyword arguments, whether every one of them is good)."""
    kwargs: dict[str, object] = {}
    all_good = True
    # A third of the calls are made of good values only: the client must take every one.
    only_good = draw(st.integers(0, 2)) == 0
    choices = ["good", "left out"] if only_good else ["good", "junk", "spoiled", "left out"]
    for name, parameter in signature.parameters.items():
        if name == "self":
            continue
        good = _good_for(resource, method, name)
        optional = parameter.default is not inspect.Parameter.empty
        choice = draw(st.sampled_from(choices))
        if choice == "left out":
            if optional:
                all_good = all_good and f"{resource}.{method}.{name}" not in NEEDED
                continue
            choice = "good"  # a required argument cannot be left out
        if choice == "good" and good is not None:
            kwargs[name] = draw(good)
            continue
        all_good = False
        junk = _JUNK_FOR.get(name, JUNK)
        if choice == "spoiled" and good is not None and name not in _JUNK_FOR:
            kwargs[name] = draw(_spoiled(good))
        else:
            kwargs[name] = draw(junk)
    return kwargs, all_good


# -- the clients, counting what they send -------------------------------------------------------


class Counting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return self.inner.handle_request(request)


class AsyncCounting(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.sent = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return await self.inner.handle_async_request(request)


async def _drain(result: object) -> object:
    if inspect.isawaitable(result):
        return await result
    if inspect.isasyncgen(result):
        return [item async for item in result]
    if inspect.isgenerator(result):
        return list(result)
    return result


def _resource_types() -> dict[str, type]:
    """The async resource classes, as the facade builds them."""
    emulator = WikiJSEmulator()
    facade = AsyncWikiJSClient(emulator.base_url, emulator.api_key)
    return {resource: type(getattr(facade, resource)) for resource in RESOURCES}


RESOURCE_TYPES = _resource_types()


def _methods() -> Iterator[tuple[str, str]]:
    for resource, owner in RESOURCE_TYPES.items():
        for name, _ in inspect.getmembers(owner, inspect.isfunction):
            if not name.startswith("_"):
                yield resource, name


METHODS = sorted(_methods())


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    line = (
        f"input fuzz: {COUNTS['tried']} inputs tried, {COUNTS['refused']} refused "
        f"(ValidationError, nothing sent), {COUNTS['accepted']} accepted "
        f"({COUNTS['answered']} answered, {COUNTS['server_error']} typed errors from the "
        f"server or the wire); {COUNTS['good']} drawn only from good values"
    )
    if capture is None:  # pragma: no cover - run without pytest's capturing
        print(line)
        return
    with capture.global_and_fixture_disabled():
        print(f"\n{line}")
        if os.environ.get("WIKIJS_FUZZ_DETAIL"):
            for key, count in sorted(COUNTS.items()):
                if ":" in key:
                    print(f"  {key} {count}")


def _check(outcome: BaseException | None, sent: int, all_good: bool, where: str) -> None:
    COUNTS["tried"] += 1
    COUNTS["good"] += all_good
    COUNTS[f"{where}:{type(outcome).__name__}"] += 1
    if outcome is None:
        COUNTS["accepted"] += 1
        COUNTS["answered"] += 1
        return
    if not isinstance(outcome, WikiJSError):
        raise AssertionError(f"{where} raised an untyped {type(outcome).__name__}") from outcome
    if isinstance(outcome, ValidationError):
        COUNTS["refused"] += 1
        assert sent == 0, f"{where} refused its input after sending {sent} request(s)"
        assert not all_good, f"{where} refused good input: {outcome}"
        return
    COUNTS["accepted"] += 1
    COUNTS["server_error"] += 1


_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _signature(resource: str, method: str) -> inspect.Signature:
    return inspect.signature(getattr(RESOURCE_TYPES[resource], method))


def _call(target: object, method: str, kwargs: dict[str, object]) -> Callable[[], object]:
    return lambda: getattr(target, method)(**kwargs)


def _seeded() -> WikiJSEmulator:
    """An emulator with a few pages and one asset, for good ids and paths to find."""
    emulator = WikiJSEmulator()
    for number in range(3):
        emulator.seed_page(f"docs/seed-{number}", f"Seed {number}", "# Seed", tags=["seed"])
    with WikiJSClient(emulator.base_url, emulator.api_key, transport=emulator.transport()) as c:
        c.assets.upload(b"seed", filename="seed.bin")
    return emulator


@pytest.mark.parametrize(("resource", "method"), METHODS, ids=[f"{r}.{m}" for r, m in METHODS])
def test_sync_methods_refuse_bad_input_before_sending(
    resource: str, method: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Junk text can be a valid file name: downloads land here, not in the project.
    monkeypatch.chdir(tmp_path)
    emulator = _seeded()
    counting = Counting(emulator.transport())
    client = WikiJSClient(emulator.base_url, emulator.api_key, transport=counting)
    signature = _signature(resource, method)

    @_SETTINGS
    @given(arguments(resource, method, signature))
    def run(drawn: tuple[dict[str, object], bool]) -> None:
        kwargs, all_good = drawn
        emulator.wiki.db.api_enabled = True  # set_enabled(False) must not end the run
        counting.sent = 0
        outcome: BaseException | None = None
        try:
            asyncio.run(_drain(_call(getattr(client, resource), method, kwargs)()))
        except Exception as exc:
            outcome = exc
        _check(outcome, counting.sent, all_good, f"sync {resource}.{method}")

    try:
        run()
    finally:
        client.close()


@pytest.mark.parametrize(("resource", "method"), METHODS, ids=[f"{r}.{m}" for r, m in METHODS])
def test_async_methods_refuse_bad_input_before_sending(
    resource: str, method: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    emulator = _seeded()
    counting = AsyncCounting(emulator.async_transport())
    signature = _signature(resource, method)

    async def attempt(kwargs: dict[str, object]) -> BaseException | None:
        async with AsyncWikiJSClient(
            emulator.base_url, emulator.api_key, transport=counting
        ) as client:
            try:
                await _drain(_call(getattr(client, resource), method, kwargs)())
            except Exception as exc:
                return exc
        return None

    @_SETTINGS
    @given(arguments(resource, method, signature))
    def run(drawn: tuple[dict[str, object], bool]) -> None:
        kwargs, all_good = drawn
        emulator.wiki.db.api_enabled = True
        counting.sent = 0
        outcome = asyncio.run(attempt(kwargs))
        _check(outcome, counting.sent, all_good, f"async {resource}.{method}")

    run()


def test_every_resource_method_is_fuzzed() -> None:
    # Found by introspection: nothing to keep in sync by hand, but make sure it found them.
    assert len(METHODS) >= 50
    assert ("pages", "get_many") in METHODS
    assert ("assets", "create_folder") in METHODS
