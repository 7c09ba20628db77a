"""`WikiJSEmulator`: a fresh, set-up Wiki.js 2.5 in memory.

    emu = WikiJSEmulator()
    client = WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())

It starts the way a real Wiki.js is after its setup wizard: an administrator (user 1), the
Guest account (user 2), the Administrators and Guests groups, English installed, the API
enabled and one full-access API key (`emu.api_key`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from wikijs_typed.testing._clock import Clock, SystemClock, iso
from wikijs_typed.testing._faults import Faults
from wikijs_typed.testing._graphql.errors import JSError, WikiError
from wikijs_typed.testing._graphql.resolvers.site import default_navigation
from wikijs_typed.testing._http.app import RecordedRequest, WikiApp
from wikijs_typed.testing._http.transport import AsyncEmulatorTransport, EmulatorTransport
from wikijs_typed.testing._latency import LatencyProfile
from wikijs_typed.testing._wiki import pages
from wikijs_typed.testing._wiki.accounts import hash_password
from wikijs_typed.testing._wiki.identity import (
    ADMIN_ID,
    GUEST_ID,
    GUESTS,
    Identity,
    duration_ms,
    identity_of,
    refresh_token,
)
from wikijs_typed.testing._wiki.state import ApiKey, Group, User
from wikijs_typed.testing._wiki.wiki import Wiki

DEFAULT_BASE_URL = "http://wikijs.emulator"
GUEST_PERMISSIONS = ("read:pages", "read:assets", "read:comments")
GUEST_GROUP_ID = GUESTS  # the Guests group: what an anonymous visitor may do
RULE_MATCHES = ("START", "END", "REGEX", "TAG", "EXACT")
NEW_GROUP_PERMISSIONS = ("read:pages", "read:assets", "read:comments", "write:comments")


class SeedError(ValueError):
    """A seeding helper was asked for something Wiki.js refuses (a ValueError).

    E.g. a page at a path that is taken, a second account for one email, a group id that does
    not exist, a page rule without `match`, `path` or `roles`.
    """


class WikiJSEmulator:
    """A fresh Wiki.js 2.5 in memory, as it is after its setup wizard, for tests and demos.

    It starts with an administrator (user 1), the Guest account (user 2), the Administrators
    (group 1) and Guests (group 2) groups, English installed, the API enabled and one
    full-access API key. It answers the GraphQL API, uploads and downloads as the real server
    does, in-process through `transport()` / `async_transport()` or over real HTTP with
    `serve()`. Seeding helpers (`seed_page`, `seed_group`, `seed_user`, ...) set up state
    directly, without requests; they take the wiki's lock, so they may run while another
    thread's requests are being answered.

        emu = WikiJSEmulator()
        client = WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())

    Args:
        admin_email: The administrator's login (trimmed and lowercased, as Wiki.js stores it).
        admin_password: The administrator's password.
        latency: How long answers take; None (the default) answers at once.
        clock: The time the wiki reads (token expiry, rate-limit windows, timestamps, latency);
            None for a `SystemClock`. A `ManualClock` moves only when told to.
        base_url: The address clients use for it in-process (`serve()` gives the real one).

    Attributes:
        base_url: The address given, for the client's `base_url`.
        api_key: The full-access API key made at setup (it expires in a year).
        clock: The clock the wiki reads; `advance` moves it.
        faults: Injected faults: `emu.faults.next(2, "503")` fails the next two requests.
        wiki: The emulated wiki's state, for the emulator's own layers.
    """

    def __init__(
        self,
        admin_email: str = "admin@example.com",
        admin_password: str = "admin-password",
        *,
        latency: LatencyProfile | None = None,
        clock: Clock | None = None,
        base_url: str = DEFAULT_BASE_URL,
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self.base_url = base_url
        self.wiki = Wiki(self.clock)
        self.wiki.db.site.host = base_url
        self.faults = Faults()
        self._app = WikiApp(self.wiki, self.faults, latency)
        self._setup(admin_email.strip().lower(), admin_password)
        self.api_key = self.create_api_key("emulator", expiration="1y")

    # -- state after setup ------------------------------------------------------------------
    def _setup(self, admin_email: str, admin_password: str) -> None:
        db, now = self.wiki.db, self.wiki.now()
        db.site.installed_at = now
        db.site.telemetry_client_id = str(uuid.uuid4())
        db.site.navigation = default_navigation()
        admins = Group(db.groups.next_id(), "Administrators", ["manage:system"], [], now, now, True)
        guest_rule = {
            "id": "guest",
            "deny": False,
            "match": "START",
            "roles": list(GUEST_PERMISSIONS),
            "path": "",
            "locales": [],
        }
        guests = Group(
            db.groups.next_id(), "Guests", list(GUEST_PERMISSIONS), [guest_rule], now, now, True
        )
        db.groups.insert(admins)
        db.groups.insert(guests)
        admin = User(
            db.users.next_id(),
            admin_email,
            "Administrator",
            "local",
            hash_password(admin_password),
            now,
            now,
        )
        guest = User(
            db.users.next_id(),
            "guest@example.com",
            "Guest",
            "local",
            None,
            now,
            now,
            is_system=True,
        )
        db.users.insert(admin)
        db.users.insert(guest)
        db.user_groups.extend([(admin.id, admins.id), (guest.id, guests.id)])

    # -- HTTP ---------------------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every HTTP request received so far (clear it with `emu.requests.clear()`)."""
        return self._app.requests

    @property
    def latency(self) -> LatencyProfile | None:
        """How long answers take (None: at once); assign a profile to change it mid-test."""
        return self._app.latency

    @latency.setter
    def latency(self, profile: LatencyProfile | None) -> None:
        self._app.latency = profile

    @property
    def app(self) -> WikiApp:
        """The emulated server's HTTP application, which the transports and `serve` feed."""
        return self._app

    def transport(self) -> EmulatorTransport:
        """An httpx transport that hands each request to this emulator, in-process.

        Returns:
            A new transport for `WikiJSClient(..., transport=...)` or an `httpx.Client`.
        """
        return EmulatorTransport(self._app, self.clock)

    def async_transport(self) -> AsyncEmulatorTransport:
        """An async httpx transport that hands each request to this emulator, in-process.

        Returns:
            A new transport for `AsyncWikiJSClient(..., transport=...)` or an
            `httpx.AsyncClient`.
        """
        return AsyncEmulatorTransport(self._app, self.clock)

    @contextmanager
    def serve(self, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
        """Serve over real HTTP in a background thread, until the block ends.

            with emu.serve() as url:
                client = WikiJSClient(url, emu.api_key)

        Args:
            port: The port to listen on; 0 (the default) picks a free one.
            host: The address to listen on; loopback by default.

        Yields:
            The server's base URL, with the real port (`http://127.0.0.1:54321`).

        Raises:
            OSError: When the server cannot listen on `host` and `port`.
        """
        from wikijs_typed.testing._http.server import running

        with running(self._app, self.clock, host, port) as url:
            yield url

    def advance(self, seconds: float) -> None:
        """Move the emulator's clock forward (token expiry, rate-limit windows).

        Args:
            seconds: How far; a `ManualClock` refuses a negative value (ValueError).
        """
        self.clock.advance(seconds)

    # -- seeding ------------------------------------------------------------------------------
    def _admin(self) -> Identity:
        admin = self.wiki.db.users.get(ADMIN_ID)
        assert admin is not None
        return identity_of(self.wiki.db, admin)

    def seed_page(
        self,
        path: str,
        title: str | None = None,
        content: str | None = None,
        *,
        tags: Iterable[str] = (),
        description: str = "",
        locale: str = "en",
        editor: str = "markdown",
        is_published: bool = True,
        is_private: bool = False,
        publish_start_date: str | datetime = "",
        publish_end_date: str | datetime = "",
    ) -> int:
        """Create a page as the administrator, as `pages.create` would, without a request.

        Args:
            path: The page's path in its locale (`"docs/setup"`).
            title: Its title; None for the last segment of the path.
            content: Its source; None for a heading with the title.
            tags: Its tags (lowercased, as Wiki.js stores them).
            description: Its short description.
            locale: Its locale, e.g. `"en"`.
            editor: Its editor: `"markdown"`, `"ckeditor"` (HTML), `"code"`, ...
            is_published: Whether it is published.
            is_private: Whether it is private.
            publish_start_date: When its publish window opens: a string stored as given
                (Wiki.js keeps free strings, `""` when unset), or a datetime, written the way
                a client sends one, `2026-12-14T00:00:00.000Z` (a naive one is taken as UTC).
            publish_end_date: When its publish window closes, as `publish_start_date`.

        Returns:
            The new page's id.

        Raises:
            SeedError: When Wiki.js would refuse the page (the path is taken or invalid, ...).
        """
        title = title or path.rstrip("/").split("/")[-1]
        args: dict[str, Any] = {
            "path": path,
            "title": title,
            "content": content if content is not None else f"# {title}\n",
            "tags": list(tags),
            "description": description,
            "locale": locale,
            "editor": editor,
            "isPublished": is_published,
            "isPrivate": is_private,
            "publishStartDate": _stored_date(publish_start_date),
            "publishEndDate": _stored_date(publish_end_date),
        }
        with self.wiki.lock:
            try:
                return pages.create_page(self.wiki, self._admin(), args).id
            except (WikiError, JSError) as error:
                raise SeedError(f"cannot seed page {path!r}: {error}") from error

    def seed_group(
        self,
        name: str,
        *,
        permissions: Sequence[str] = NEW_GROUP_PERMISSIONS,
        page_rules: Sequence[dict[str, Any]] | None = None,
        redirect_on_login: str = "/",
    ) -> int:
        """Create a group, as the admin area would, without a request.

        Args:
            name: The group's name.
            permissions: Its global permissions (`"read:pages"`, `"write:pages"`, ...); by
                default those Wiki.js gives a new group: read pages, assets and comments,
                write comments.
            page_rules: Its page rules, written as `set_group_access` takes them; None for
                one rule that allows its permissions on every page, as the admin area makes.
            redirect_on_login: Where its members land after logging in.

        Returns:
            The new group's id.

        Raises:
            SeedError: When a page rule lacks `match`, `path` or `roles`, or its `match` is
                not one Wiki.js knows.
        """
        db = self.wiki.db
        rules = (
            [_page_rule(number, rule) for number, rule in enumerate(page_rules)]
            if page_rules is not None
            else [
                {
                    "id": "default",
                    "deny": False,
                    "match": "START",
                    "roles": list(permissions),
                    "path": "",
                    "locales": [],
                }
            ]
        )
        with self.wiki.lock:
            now = self.wiki.now()
            group = Group(db.groups.next_id(), name, list(permissions), rules, now, now)
            group.redirect_on_login = redirect_on_login or "/"
            return db.groups.insert(group).id

    def set_group_access(
        self,
        group_id: int,
        *,
        permissions: Sequence[str] | None = None,
        page_rules: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        """Replace a group's global permissions and/or page rules, as `groups.update` would.

        Its members' tokens are renewed on their next request. For the Guests group (id 2)
        this sets what an anonymous visitor may read, e.g. a closed wiki:
        `emu.set_group_access(2, permissions=[])`.

        Args:
            group_id: The group's id.
            permissions: Its new global permissions; None keeps them.
            page_rules: Its new page rules; None keeps them. A rule is `{"match": "START" |
                "END" | "REGEX" | "TAG" | "EXACT", "path": ..., "roles": [...], "deny": bool,
                "locales": [...]}`; `id`, `deny` and `locales` may be left out.

        Raises:
            SeedError: When no group has this id, or a page rule lacks `match`, `path` or
                `roles`, or its `match` is not one Wiki.js knows.
        """
        db = self.wiki.db
        with self.wiki.lock:
            group = db.groups.get(group_id)
            if group is None:
                raise SeedError(f"no group {group_id}")
            if permissions is not None:
                group.permissions = list(permissions)
            if page_rules is not None:
                group.page_rules = [
                    _page_rule(number, rule) for number, rule in enumerate(page_rules)
                ]
            group.updated_at = self.wiki.now()
            db.groups.touch(group)
            self.wiki.tokens.revoke("g", group_id)

    def seed_user(
        self,
        email: str,
        name: str | None = None,
        password: str = "password",
        *,
        groups: Iterable[int] = (),
        is_active: bool = True,
        must_change_password: bool = False,
    ) -> int:
        """Create a local account, as the admin area would, without a request.

        Args:
            email: Its login (trimmed and lowercased, as Wiki.js stores it).
            name: Its display name; None for the part of the email before the `@`.
            password: Its password, for `login`.
            groups: The ids of the groups it joins; none by default.
            is_active: False makes an account that cannot log in.
            must_change_password: Whether its next login must change the password first.

        Returns:
            The new user's id.

        Raises:
            SeedError: When an account with this email exists, or a group id does not.
        """
        db = self.wiki.db
        email = email.strip().lower()
        with self.wiki.lock:
            if db.find_user(email) is not None:
                raise SeedError(f"an account already exists for {email}")
            group_ids = list(groups)
            for group_id in group_ids:
                if db.groups.get(group_id) is None:
                    raise SeedError(f"no group {group_id}")
            now = self.wiki.now()
            user = User(
                db.users.next_id(),
                email,
                name or email.split("@")[0],
                "local",
                hash_password(password),
                now,
                now,
            )
            user.is_active, user.must_change_pwd = is_active, must_change_password
            db.users.insert(user)
            db.user_groups.extend((user.id, group_id) for group_id in group_ids)
            return user.id

    def create_api_key(self, name: str, *, group: int | None = 1, expiration: str = "1y") -> str:
        """Create an API key, as the admin area would, without a request.

        Args:
            name: The key's name, as the admin area lists it.
            group: The group whose rights the key has (1, the Administrators: full access).
            expiration: Its lifetime, as Wiki.js reads one (`"30d"`, `"1y"`, ...).

        Returns:
            The key (a JWT), for the client's `api_key`.
        """
        db, tokens = self.wiki.db, self.wiki.tokens
        lifetime = (duration_ms(expiration) or 0) / 1000
        with self.wiki.lock:
            now = self.wiki.now()
            key_id = db.api_keys.next_id()
            key = tokens.api_key_token(key_id, group, lifetime)
            expires = iso(self.clock.now() + lifetime)
            db.api_keys.insert(ApiKey(key_id, name, key, expires, now, now))
            return key

    def user_token(self, user_id: int) -> str:
        """A fresh JWT for a user, as a login would return (without counting as one).

        Args:
            user_id: The user's id; not the Guest's (2), which never logs in.

        Returns:
            The token.

        Raises:
            SeedError: When no user has this id, or it is the Guest's.
        """
        with self.wiki.lock:
            user = self.wiki.db.users.get(user_id)
            if user is None or user.id == GUEST_ID:
                raise SeedError(f"no user {user_id} to issue a token for")
            return refresh_token(self.wiki.db, self.wiki.tokens, user)

    def __repr__(self) -> str:
        return f"WikiJSEmulator(base_url={self.base_url!r})"


def _stored_date(value: str | datetime) -> str:
    if isinstance(value, str):
        return value
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return iso(moment.timestamp())


def _page_rule(number: int, rule: dict[str, Any]) -> dict[str, Any]:
    """A page rule as `groups.update` stores it, with the optional keys filled in."""
    missing = {key for key in ("match", "path", "roles") if key not in rule}
    if missing or rule["match"] not in RULE_MATCHES:
        raise SeedError(f"page rule {rule!r}: needs match (one of {RULE_MATCHES}), path, roles")
    return {"id": f"rule-{number}", "deny": False, "locales": [], **rule}


def serve(
    host: str = "127.0.0.1",
    port: int = 3000,
    admin_email: str = "admin@example.com",
    admin_password: str = "admin-password",
    latency: bool = False,
    api_key_file: Path | None = None,
) -> int:
    """What `wikijs-typed emulator` runs: a set-up wiki served until Ctrl-C or SIGTERM.

    The wiki has the given administrator and the API enabled. Once it listens it prints its
    address, the administrator and its full-access API key (`API key: <key>`, a line scripts may
    parse), and writes the key to `api_key_file` when given: a script can wait for that file to
    appear and then knows the server is up. Port 0 picks a free port; the printed address has
    the real one.

    Returns:
        The exit code: 130 after Ctrl-C, 0 after SIGTERM, 2 when it cannot start.
    """
    from wikijs_typed.cli._listen import cannot_listen
    from wikijs_typed.testing._http.server import running

    if api_key_file is not None:
        problem = _clear_key_file(api_key_file)
        if problem is not None:
            return _refuse(problem)
    emulator = WikiJSEmulator(
        admin_email, admin_password, latency=LatencyProfile() if latency else None
    )
    with _StopSignals() as stop, ExitStack() as stack:
        try:
            url = stack.enter_context(running(emulator.app, emulator.clock, host, port))
        except OSError as error:
            return _refuse(cannot_listen(host, port, error))
        emulator.wiki.db.site.host = url
        _announce(url, admin_email, emulator.api_key)
        if api_key_file is not None:
            stack.callback(api_key_file.unlink, missing_ok=True)  # the key dies with the wiki
            problem = _write_key_file(api_key_file, emulator.api_key)
            if problem is not None:
                return _refuse(problem)
            print(f"API key written to {api_key_file}", flush=True)
        stop.wait()
    print("Wiki.js emulator stopped", flush=True)
    return 130 if stop.signal == signal.SIGINT else 0


class _StopSignals:
    """Ctrl-C and SIGTERM, caught while the emulator serves.

    `wait()` returns on either, and `signal` says which (130 or 0 as the exit code).
    """

    def __init__(self) -> None:
        self.signal: int | None = None
        self._event = threading.Event()
        self._previous: dict[int, Any] = {}

    def _caught(self, signum: int, frame: FrameType | None) -> None:
        self.signal = self.signal or signum
        self._event.set()

    def wait(self) -> None:
        # The timeout keeps Ctrl-C prompt on every platform.
        while not self._event.wait(0.5):
            pass

    def __enter__(self) -> _StopSignals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._caught)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def _refuse(problem: str) -> int:
    print(f"wikijs-typed emulator: {problem}", file=sys.stderr, flush=True)
    return 2


def _announce(url: str, admin_email: str, api_key: str) -> None:
    lines = [
        f"Wiki.js emulator listening on {url}",
        f"GraphQL endpoint: {url}/graphql",
        f"administrator: {admin_email} (password as given by --admin-password)",
        f"API key: {api_key}",
        "Use it with the CLI and the content API:",
        f"  export WIKIJS_URL={url} WIKIJS_API_KEY={api_key}",
        "Everything lives in memory and is gone when it stops (Ctrl-C).",
    ]
    print("\n".join(lines), flush=True)


def _clear_key_file(path: Path) -> str | None:
    """Remove a key left by an earlier run (it must not pass for this one's).

    Returns a problem with the path, or None.
    """
    if not path.parent.is_dir():
        return f"cannot write the API key to {path}: no folder {path.parent} (create it first)"
    if path.is_dir():
        return f"cannot write the API key to {path}: it is a folder (name a file)"
    path.unlink(missing_ok=True)
    return None


def _write_key_file(path: Path, api_key: str) -> str | None:
    """Write the key and a newline, readable by the owner only, whole or not at all.

    Returns a problem writing it, or None.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(api_key + "\n")
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        return f"cannot write the API key to {path}: {(error.strerror or str(error)).lower()}"
    return None
