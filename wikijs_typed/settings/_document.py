"""The settings file: what `settings export` writes and `settings apply` reads.

Every section is optional, and so is every setting in it: a setting the file leaves out is left
as the wiki has it. Keys are Wiki.js's own names (camelCase, as in its GraphQL API); unknown
keys and wrong types are refused. A secret is never a value in the file but a reference to an
environment variable (`${WIKIJS_MAIL_PASSWORD}`), resolved when a plan is made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import pydantic
from pydantic import ConfigDict, Field, StrictBool, StrictStr, StringConstraints
from pydantic.alias_generators import to_camel

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models._group import GroupPageRule
from wikijs_typed.models._localization import LocalizationConfigUpdate
from wikijs_typed.models._mail import MailServerUpdate
from wikijs_typed.models._navigation import NavigationItemInput, NavigationMode
from wikijs_typed.models._site import SiteConfigUpdate
from wikijs_typed.models._theming import ThemingConfigUpdate

__all__ = [
    "EnvReference",
    "GroupSettings",
    "LocalizationSettings",
    "MailSettings",
    "MenuItem",
    "ModuleSettings",
    "NavigationSettings",
    "PageRule",
    "Problem",
    "SearchSettings",
    "SettingsDocument",
    "SettingsError",
    "SiteSettings",
    "StorageSettings",
    "StrategySettings",
    "ThemingSettings",
    "env_name",
    "reference",
    "referenced_name",
]

_REFERENCE = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")
EnvReference = Annotated[str, StringConstraints(pattern=_REFERENCE.pattern)]


def reference(name: str) -> str:
    return f"${{{name}}}"


def referenced_name(value: object) -> str | None:
    """The variable a value refers to, when it is a `${NAME}` reference."""
    match = _REFERENCE.match(value) if isinstance(value, str) else None
    return match.group(1) if match else None


def env_name(*parts: str) -> str:
    """Name the environment variable of a secret, the same on every export.

    `env_name("storage", "s3", "secretAccessKey")` is WIKIJS_STORAGE_S3_SECRET_ACCESS_KEY.
    """
    words = (re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", part) for part in ("wikijs", *parts))
    return re.sub(r"[^A-Z0-9]+", "_", "_".join(words).upper()).strip("_")


class Problem(pydantic.BaseModel):
    """Why a setting of the file cannot be applied: where (`groups.0.name`) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class SettingsError(ValidationError):
    """The file, or the plan made from it, was refused before anything changed.

    Its message joins every problem; `problems` keeps them apart.

    Args:
        problems: Each bad setting, with where it is in the file and why; the first one's
            path is the error's `field`.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            "; ".join(map(str, problems)), field=problems[0].path if problems else None
        )


class _Section(pydantic.BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, alias_generator=to_camel, populate_by_name=True
    )


class _Checked:
    """Give the sections that are update models pydantic's own `__init__` back.

    A bad key is then reported at its path in the file; the models' own `__init__` sums every
    problem up in one message.
    """

    __init__ = pydantic.BaseModel.__init__


class MenuItem(_Checked, NavigationItemInput):
    """A menu entry; its `id` is required in a file, so that applying it twice is a no-op."""

    model_config = ConfigDict(strict=True)

    id: StrictStr


class NavigationSettings(_Section):
    """The menu's mode, and the menus of the locales named (the others are left alone)."""

    mode: NavigationMode | None = None
    menus: dict[str, list[MenuItem]] = Field(default_factory=dict)


class PageRule(GroupPageRule):
    """A page rule of the group: which permissions it grants, or denies, on which pages."""

    model_config = ConfigDict(extra="forbid", strict=True)


class GroupSettings(_Section):
    """A group, found by its name on the wiki, as ids differ from wiki to wiki.

    Members are not settings: they are left as they are.
    """

    name: StrictStr
    redirect_on_login: StrictStr | None = None
    permissions: list[StrictStr] | None = None
    page_rules: list[PageRule] | None = None


class SiteSettings(_Checked, SiteConfigUpdate):
    pass


class ThemingSettings(_Checked, ThemingConfigUpdate):
    pass


class LocalizationSettings(_Checked, LocalizationConfigUpdate):
    pass


class MailSettings(_Checked, MailServerUpdate):
    """The mail settings; the password and the DKIM key only as environment references."""

    password: EnvReference | None = None
    dkim_private_key: EnvReference | None = None


class ModuleSettings(_Section):
    """A module's state and settings (only the settings named are changed).

    A renderer, a comment provider or an analytics provider.
    """

    enabled: StrictBool | None = None
    config: dict[str, Any] = Field(default_factory=dict)


class StorageSettings(ModuleSettings):
    mode: Literal["push", "pull", "sync"] | None = None
    sync_interval: StrictStr | None = None


class StrategySettings(_Section):
    """A login strategy, by its key (`local`, or the id Wiki.js gave it when it was added).

    `strategy` names the module it uses (`oauth2`, `ldap`, ...); a strategy the wiki does not
    have is added. `autoEnrollGroups` are group ids, which differ from wiki to wiki.
    """

    strategy: StrictStr
    display_name: StrictStr | None = None
    enabled: StrictBool | None = None
    order: int | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    self_registration: StrictBool | None = None
    domain_whitelist: list[StrictStr] | None = None
    auto_enroll_groups: list[int] | None = None


class SearchSettings(_Section):
    """The search engine in use, and its settings."""

    engine: StrictStr
    config: dict[str, Any] = Field(default_factory=dict)


class SettingsDocument(_Section):
    """A wiki's configuration, as kept in a settings file.

    Loggers and system flags are not part of it.
    """

    model_config = ConfigDict(title="wikijs-typed settings")

    site: SiteSettings | None = None
    navigation: NavigationSettings | None = None
    theming: ThemingSettings | None = None
    localization: LocalizationSettings | None = None
    groups: list[GroupSettings] | None = None
    rendering: dict[str, ModuleSettings] | None = None
    search: SearchSettings | None = None
    storage: dict[str, StorageSettings] | None = None
    comments: dict[str, ModuleSettings] | None = None
    analytics: dict[str, ModuleSettings] | None = None
    mail: MailSettings | None = None
    authentication: dict[str, StrategySettings] | None = None

    @classmethod
    def load(cls, data: object) -> SettingsDocument:
        """Check a settings file's data as a document.

        Args:
            data: The file's content, parsed from YAML or JSON.

        Returns:
            The document.

        Raises:
            SettingsError: The data is not a mapping of sections, or has bad keys or values;
                every one is named, at its path in the file.
        """
        if not isinstance(data, Mapping):
            raise SettingsError(
                [Problem(path="", reason="the file must hold a mapping of sections")]
            )
        try:
            return cls.model_validate(data)
        except pydantic.ValidationError as exc:
            raise SettingsError(
                [
                    Problem(
                        path=".".join(str(part) for part in error["loc"]),
                        reason=_reason(error["msg"]),
                    )
                    for error in exc.errors(include_input=False, include_url=False)
                ]
            ) from None

    def dump(self) -> dict[str, Any]:
        """Turn the document into plain data, ready to write as YAML or JSON.

        Returns:
            The sections set, in the file's (camelCase) key names.
        """
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """Describe the settings file as a JSON Schema, for editors that check YAML files.

        Returns:
            The schema, in the file's (camelCase) key names.
        """
        return cls.model_json_schema(by_alias=True)


def _reason(message: str) -> str:
    if message.startswith("String should match pattern '^\\$"):
        return "a secret must be an environment reference such as ${WIKIJS_MAIL_PASSWORD}"
    return message.removeprefix("Value error, ")
