"""The emulator's in-memory database.

Rows live in `Table`s that behave like the PostgreSQL tables behind a real Wiki.js where it
shows through the API: ids come from a sequence that also advances when an insert fails
(so a failed create leaves a gap, as it does on the real server), and a scan without ORDER
BY returns rows in "heap" order, where a row that was written last comes last (Wiki.js
lists users, groups and search results that way).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from wikijs_typed.testing._wiki.catalogue import ModuleTable, installed_modules
from wikijs_typed.testing._wiki.site_data import MAIL, THEMING


class HasId(Protocol):
    id: int


RowT = TypeVar("RowT", bound=HasId)


class Table(Generic[RowT]):
    def __init__(self, first_id: int = 1) -> None:
        self._rows: dict[int, RowT] = {}
        self._next = first_id

    def next_id(self) -> int:
        """Take the next value of the sequence (even if the insert then fails)."""
        value = self._next
        self._next += 1
        return value

    def insert(self, row: RowT) -> RowT:
        self._rows[row.id] = row
        return row

    def get(self, row_id: int | None) -> RowT | None:
        return None if row_id is None else self._rows.get(row_id)

    def touch(self, row: RowT) -> None:
        """Record a write: the row moves to the end of the heap."""
        self._rows.pop(row.id, None)
        self._rows[row.id] = row

    def delete(self, row_id: int) -> RowT | None:
        return self._rows.pop(row_id, None)

    def scan(self) -> list[RowT]:
        """Rows in heap order (last written last)."""
        return list(self._rows.values())

    def by_id(self) -> list[RowT]:
        return sorted(self._rows.values(), key=lambda row: row.id)

    def __iter__(self) -> Iterator[RowT]:
        return iter(self.by_id())

    def __len__(self) -> int:
        return len(self._rows)


@dataclass
class Tag:
    id: int
    tag: str
    title: str
    created_at: str
    updated_at: str


@dataclass
class Page:
    id: int
    path: str
    locale: str
    title: str
    description: str
    content: str
    editor: str
    content_type: str
    is_private: bool
    is_published: bool
    publish_start: str
    publish_end: str
    script_css: str
    script_js: str
    hash: str
    author_id: int
    creator_id: int
    created_at: str
    updated_at: str
    render: str = ""
    toc: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    private_ns: str | None = None


@dataclass
class PageVersion:
    id: int
    page_id: int
    action: str
    author_id: int
    content: str
    content_type: str
    description: str
    editor: str
    is_private: bool
    is_published: bool
    locale: str
    path: str
    publish_start: str
    publish_end: str
    title: str
    script_css: str
    script_js: str
    version_date: str
    created_at: str


@dataclass
class TreeNode:
    id: int
    locale: str
    path: str
    depth: int
    title: str
    is_private: bool
    is_folder: bool
    private_ns: str | None
    parent: int | None
    page_id: int | None
    ancestors: list[int]


@dataclass
class User:
    id: int
    email: str
    name: str
    provider_key: str
    password: str | None
    created_at: str
    updated_at: str
    is_system: bool = False
    is_active: bool = True
    is_verified: bool = True
    must_change_pwd: bool = False
    tfa_is_active: bool = False
    tfa_secret: str | None = None
    location: str = ""
    job_title: str = ""
    timezone: str = "America/New_York"
    date_format: str = ""
    appearance: str = ""
    locale: str = "en"
    last_login_at: str | None = None


@dataclass
class Group:
    id: int
    name: str
    permissions: list[str]
    page_rules: list[dict[str, Any]]
    created_at: str
    updated_at: str
    is_system: bool = False
    redirect_on_login: str = "/"


@dataclass
class ApiKey:
    id: int
    name: str
    key: str
    expiration: str
    created_at: str
    updated_at: str
    is_revoked: bool = False


@dataclass
class AssetFolder:
    id: int
    name: str
    slug: str
    parent_id: int | None


@dataclass
class Asset:
    id: int
    filename: str
    ext: str
    kind: str
    mime: str
    file_size: int
    folder_id: int | None
    author_id: int
    created_at: str
    updated_at: str
    data: bytes = b""


@dataclass
class Strategy:
    """A configured login strategy (a row of the `authentication` table)."""

    key: str
    strategy_key: str
    display_name: str
    order: int
    is_enabled: bool
    config: dict[str, Any]
    self_registration: bool = False
    domain_whitelist: list[str] = field(default_factory=list)
    auto_enroll_groups: list[int] = field(default_factory=list)


def installed_strategies() -> dict[str, Strategy]:
    """The one strategy Wiki.js's setup configures: the local accounts."""
    return {"local": Strategy("local", "local", "Local", 0, True, {})}


@dataclass
class Comment:
    id: int
    page_id: int
    content: str
    render: str
    author_id: int
    name: str
    email: str
    ip: str
    created_at: str
    updated_at: str
    reply_to: int = 0


@dataclass
class UserKey:
    """A one-time continuation token (password change, 2FA), like Wiki.js's userKeys."""

    token: str
    kind: str
    user_id: int
    valid_until: float


DEFAULT_LOCALE = "en"  # the language of a fresh install (WIKI.config.lang.code)


@dataclass
class SiteConfig:
    host: str = "http://wikijs.emulator"
    title: str = "Wiki.js"
    description: str | None = ""
    company: str = ""
    content_license: str | None = ""
    logo_url: str = "https://static.requarks.io/logo/wikijs-butterfly.svg"
    page_extensions: tuple[str, ...] = ("md", "html", "txt")
    jwt_expiration: str = "30m"
    jwt_renewable_period: str = "14d"
    upload_max_file_size: int = 5242880
    upload_max_files: int = 10
    upload_force_download: bool = True
    installed_at: str = ""
    telemetry_client_id: str = ""
    navigation: list[dict[str, Any]] = field(default_factory=list)
    navigation_mode: str = "MIXED"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Language:
    """WIKI.config.lang: the site's language and the namespaced locales."""

    locale: str = DEFAULT_LOCALE
    auto_update: bool = True
    namespacing: bool = False
    namespaces: list[str] = field(default_factory=list)  # a fresh install stores none


@dataclass
class ExportStatus:
    """WIKI.system.exportStatus: kept in memory, 'notrunning' until the first export."""

    status: str = "notrunning"
    progress: int = 0
    message: str = ""
    started_at: str | None = None


@dataclass
class AdminSettings:
    """The admin area's settings beyond site.config, as WIKI.config and WIKI.system hold them."""

    theming: dict[str, Any] = field(default_factory=lambda: dict(THEMING))
    mail: dict[str, Any] = field(default_factory=lambda: dict(MAIL))
    language: Language = field(default_factory=Language)
    flags: dict[str, bool] = field(default_factory=lambda: {"ldapdebug": False, "sqllog": False})
    telemetry: bool = False
    https_redirection: bool = False  # WIKI.config.server.sslRedir
    export_status: ExportStatus = field(default_factory=ExportStatus)
    # Directories an export wrote into: the server refuses to export into them again.
    export_directories: set[str] = field(default_factory=set)


@dataclass
class Database:
    """Everything a Wiki.js keeps in PostgreSQL (and the few things it keeps in memory)."""

    pages: Table[Page] = field(default_factory=Table)
    tags: Table[Tag] = field(default_factory=Table)
    versions: Table[PageVersion] = field(default_factory=Table)
    users: Table[User] = field(default_factory=Table)
    groups: Table[Group] = field(default_factory=Table)
    api_keys: Table[ApiKey] = field(default_factory=Table)
    folders: Table[AssetFolder] = field(default_factory=Table)
    assets: Table[Asset] = field(default_factory=Table)
    comments: Table[Comment] = field(default_factory=Table)
    tree: list[TreeNode] = field(default_factory=list)
    # Association tables, in insertion order: (page id, tag id) and (user id, group id).
    page_tags: list[tuple[int, int]] = field(default_factory=list)
    user_groups: list[tuple[int, int]] = field(default_factory=list)
    user_keys: dict[str, UserKey] = field(default_factory=dict)
    # Cache files of downloaded/uploaded assets, by asset path (served with cache headers).
    asset_cache: set[str] = field(default_factory=set)
    site: SiteConfig = field(default_factory=SiteConfig)
    admin: AdminSettings = field(default_factory=AdminSettings)
    # The module tables (renderers, loggers, search engines, ...), by catalogue kind.
    modules: dict[str, ModuleTable] = field(default_factory=installed_modules)
    strategies: dict[str, Strategy] = field(default_factory=installed_strategies)
    api_enabled: bool = True
    locales: tuple[str, ...] = ("en",)

    # -- associations -------------------------------------------------------------------
    def tags_of(self, page_id: int) -> list[Tag]:
        found = (self.tags.get(tag_id) for pid, tag_id in self.page_tags if pid == page_id)
        return [tag for tag in found if tag is not None]

    def groups_of(self, user_id: int) -> list[Group]:
        found = (self.groups.get(gid) for uid, gid in self.user_groups if uid == user_id)
        return [group for group in found if group is not None]

    def members_of(self, group_id: int) -> list[User]:
        found = (self.users.get(uid) for uid, gid in self.user_groups if gid == group_id)
        return [user for user in found if user is not None]

    def find_page(self, locale: str, path: str) -> Page | None:
        for page in self.pages:
            if page.locale == locale and page.path == path:
                return page
        return None

    def find_user(self, email: str, provider_key: str = "local") -> User | None:
        for user in self.users:
            if user.email == email and user.provider_key == provider_key:
                return user
        return None

    def folder_path(self, folder_id: int | None) -> str:
        """The slugs from the root to a folder, joined with '/' ('' for the root)."""
        slugs: list[str] = []
        seen: set[int] = set()
        folder = self.folders.get(folder_id)
        while folder is not None and folder.id not in seen:
            seen.add(folder.id)
            slugs.append(folder.slug)
            folder = self.folders.get(folder.parent_id)
        return "/".join(reversed(slugs))

    def asset_path(self, asset: Asset) -> str:
        folder = self.folder_path(asset.folder_id)
        return f"{folder}/{asset.filename}" if folder else asset.filename
