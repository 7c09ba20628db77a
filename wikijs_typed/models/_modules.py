"""Wiki.js modules: storage targets, search engines, renderers, authentication strategies, ...

Each module answers its settings as `config: [{key, value}]`, where `value` is a JSON text:
the setting's description (title, type, hint, `sensitive`, ...) with its current `value`.
`ModuleSetting` is one of them, parsed. A setting is secret when Wiki.js marks it sensitive
or its name says it holds a credential (authentication strategies mark none): its value is
kept out of reprs, and `Module.secret_keys()` names them (for exports that must not hold them).

Sending settings back, Wiki.js wants each value wrapped as `{"v": value}` in JSON
(`config_input`). Storage targets answer a sensitive setting that is set as "********", and
keep the stored value when that mask is sent back: a read-merge-write update never has to
know a secret to keep it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import Field

from wikijs_typed.exceptions import NotFoundError, ValidationError
from wikijs_typed.models._base import WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.input_types import KeyValuePairInput

__all__ = [
    "LOG_LEVELS",
    "MASK",
    "AnalyticsProvider",
    "AuthenticationStrategy",
    "CommentProvider",
    "Logger",
    "Module",
    "ModuleSetting",
    "Renderer",
    "SearchEngine",
    "StorageAction",
    "StorageStatus",
    "StorageTarget",
    "check_changes",
    "config_input",
    "module_fields",
    "module_input",
    "module_named",
    "names_a_credential",
    "settings_from",
]

MASK = "********"
_CREDENTIAL_NAME = re.compile(r"secret|passw|pass$|token|private|credential|key$", re.IGNORECASE)


class KeyValue(Protocol):
    """The generated `KeyValuePair` selections."""

    @property
    def key(self) -> str: ...
    @property
    def value(self) -> str: ...


class ModuleSetting(WikiModel):
    """One setting of a module: its value and how Wiki.js describes it.

    Attributes:
        key: The setting's name within its module, e.g. "host" or "sshPrivateKeyMode".
        value: The current value, any JSON value; a set secret of a storage target reads
            "********".
        type: The kind of value Wiki.js expects: "string", "number", "boolean", ...
        hint: Wiki.js's help text for the setting.
        sensitive: Whether the value is a secret: Wiki.js marks it so, or its name says it
            holds a credential. A secret's value stays out of reprs.
    """

    key: str
    value: Any = None
    type: str | None = None
    title: str | None = None
    hint: str | None = None
    sensitive: bool = False

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, shown in super().__repr_args__():
            if name != "value" or not self.sensitive:
                yield name, shown

    @classmethod
    def from_pair(cls, pair: KeyValue) -> ModuleSetting:
        """Parse one entry of a module's `config` answer.

        Args:
            pair: The entry: its `value` is a JSON text describing the setting with its current
                value; a value that is not such a description is taken as the value itself.

        Returns:
            The setting.
        """
        try:
            described = json.loads(pair.value)
        except ValueError:
            described = pair.value
        if not isinstance(described, dict):
            described = {"value": described}
        # Wiki.js marks some secrets (authentication strategies' client secrets mark none),
        # so a credential-like name counts too, unless the value is picked from a fixed list
        # (git's `sshPrivateKeyMode`: "path" or "contents"), which no credential is.
        chosen = isinstance(described.get("enum"), list) and bool(described["enum"])
        sensitive = described.get("sensitive") is True or (
            not chosen and names_a_credential(pair.key)
        )
        return cls(
            key=pair.key,
            value=described.get("value"),
            type=_text(described.get("type")),
            title=_text(described.get("title")),
            hint=_text(described.get("hint")),
            sensitive=sensitive,
        )


def names_a_credential(key: str) -> bool:
    """Tell whether a setting's name says it holds a credential (`clientSecret`, `apiKey`).

    Args:
        key: The setting's name.

    Returns:
        Whether its value is to be treated as a secret.
    """
    return bool(_CREDENTIAL_NAME.search(key))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def settings_from(pairs: list[Any] | None) -> list[ModuleSetting]:
    """The settings of a generated `config { key value }` selection (nulls skipped)."""
    return [ModuleSetting.from_pair(pair) for pair in pairs or () if pair is not None]


class Module(WikiModel):
    """What every kind of module has: a key, a title, whether it is on, and its settings."""

    key: str
    title: str | None = None
    description: str | None = None
    is_enabled: bool = False
    settings: list[ModuleSetting] = Field(default_factory=list)

    repr_fields = ("key", "title", "is_enabled")

    def config(self) -> dict[str, Any]:
        """Collect the settings' values.

        Returns:
            The values by key, secrets included (masked where Wiki.js masks them).
        """
        return {setting.key: setting.value for setting in self.settings}

    def secret_keys(self) -> frozenset[str]:
        """Name the settings that hold secrets, which an export must leave out.

        Returns:
            Their keys.
        """
        return frozenset(setting.key for setting in self.settings if setting.sensitive)

    def config_input(
        self, changes: Mapping[str, Any] | None = None
    ) -> list[KeyValuePairInput | None]:
        """Build the settings to send back to Wiki.js.

        Args:
            changes: New values by key; None changes nothing.

        Returns:
            The current settings (masks included, which keep the stored secrets) with
            `changes` applied, each wrapped as Wiki.js reads it.
        """
        return config_input({**self.config(), **(changes or {})})


def config_input(values: Mapping[str, Any]) -> list[KeyValuePairInput | None]:
    """`KeyValuePairInput`s as Wiki.js reads them: each value in the `{"v": ...}` envelope."""
    from wikijs_graphql.input_types import KeyValuePairInput

    return [
        KeyValuePairInput(key=key, value=json.dumps({"v": value})) for key, value in values.items()
    ]


class Renderer(Module):
    """A renderer: turns content of one format (`input`) into another (`output`)."""

    icon: str | None = None
    depends_on: str | None = None
    input: str | None = None
    output: str | None = None


class SearchEngine(Module):
    """A search engine (the database's own, PostgreSQL, Elasticsearch, Algolia, ...)."""

    logo: str | None = None
    website: str | None = None
    is_available: bool | None = None


class Logger(Module):
    """A logger Wiki.js can write its log to (Sentry, syslog, ...), from `level` up.

    Wiki.js keeps a logger's settings as the text sent, so values are sent as text.
    """

    level: str | None = None
    logo: str | None = None
    website: str | None = None


# The levels of winston, the logging library of Wiki.js, most severe first.
LOG_LEVELS = ("error", "warn", "info", "verbose", "debug", "silly")


class AnalyticsProvider(Module):
    """An analytics service whose tracking code Wiki.js adds to every page."""

    logo: str | None = None
    website: str | None = None
    is_available: bool | None = None


class CommentProvider(Module):
    """A comment provider: the built-in one, or a service (Disqus, Commento, Artalk)."""

    logo: str | None = None
    website: str | None = None
    is_available: bool | None = None


class StorageAction(WikiModel):
    """Something a storage target can be asked to do now (`handler`), e.g. a Git sync."""

    handler: str
    label: str
    hint: str


class StorageTarget(Module):
    """A storage target (disk, Git, S3, ...) that Wiki.js copies content to or from.

    Attributes:
        supported_modes: The modes the target can run in.
        mode: "push" (wiki to target), "pull" (target to wiki) or "sync" (both ways).
        has_schedule: Whether the target runs on a schedule.
        sync_interval: How often it runs, an ISO 8601 duration ("P0D": no schedule).
        actions: What the target can be asked to do now.
    """

    is_available: bool | None = None
    logo: str | None = None
    website: str | None = None
    supported_modes: list[str] = Field(default_factory=list)
    mode: str | None = None
    has_schedule: bool = False
    sync_interval: str | None = None
    sync_interval_default: str | None = None
    actions: list[StorageAction] = Field(default_factory=list)


class StorageStatus(WikiModel):
    """How an enabled target's last run went: `status` "pending", "operational" or "error"."""

    key: str
    title: str | None = None
    status: str
    message: str
    last_attempt: str | None = None


class AuthenticationStrategy(Module):
    """A configured login method (`strategy_key` is the module it uses, e.g. "local")."""

    strategy_key: str
    display_name: str
    order: int
    self_registration: bool
    domain_whitelist: list[str] = Field(default_factory=list)
    auto_enroll_groups: list[int] = Field(default_factory=list)

    repr_fields = ("key", "display_name", "is_enabled")


ModuleT = TypeVar("ModuleT", bound=Module)


def module_named(modules: Iterable[ModuleT], key: str, what: str) -> ModuleT:
    """The module with this key, for reads that list them all.

    Args:
        modules: The modules of one kind.
        key: The key looked for.
        what: What a module of this kind is called, for the error ("storage target").

    Returns:
        The module.

    Raises:
        NotFoundError: No module has this key.
    """
    module = next((m for m in modules if m.key == key), None)
    if module is None:
        raise NotFoundError(f"{what} {key!r} does not exist")
    return module


def module_input(
    module: Module, enabled: bool | None, config: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The fields of a module's update input: its state and settings with the changes merged.

    Args:
        module: The module as read (fresh).
        enabled: Whether it is to be on; None keeps it.
        config: Settings to change, by name; None changes none.

    Returns:
        `is_enabled`, `key` and `config`, as the generated `...Input` models take them.
    """
    return {
        "is_enabled": module.is_enabled if enabled is None else enabled,
        "key": module.key,
        "config": module.config_input(config),
    }


def check_changes(enabled: object, config: object) -> None:
    """A module update's `enabled` and `config`, checked before anything is sent."""
    if enabled is not None and not isinstance(enabled, bool):
        raise ValidationError("enabled must be True or False", field="enabled")
    if config is not None and (
        not isinstance(config, Mapping) or not all(isinstance(key, str) for key in config)
    ):
        raise ValidationError("config must map setting names to values", field="config")


def module_fields(fields: Any) -> dict[str, Any]:
    """Turn a generated module selection into the fields of these models.

    `config` is parsed into `settings`; nulls are left to the models' defaults, and null list
    items dropped.
    """
    data: dict[str, Any] = {
        name: [item for item in value if item is not None] if isinstance(value, list) else value
        for name, value in fields.model_dump(exclude={"config"}).items()
        if value is not None
    }
    data["settings"] = settings_from(fields.config)
    return data
