"""From a wiki's state to a settings document, and from a document to the steps.

`export_document` makes the document; `make_plan` the steps that make the wiki match it. No
I/O here: the settings resource reads the `WikiState` and runs the steps through the other
resources.

A plan holds each secret twice: as its reference, for everything shown (`Change`), and as its
value, for the step that sends it (`Step.payload`, kept out of reprs and JSON).

A secret Wiki.js masks on reading ("********": the mail password, sensitive storage settings)
cannot be compared: once set, it is kept, and a plan changes it only where the wiki has none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from wikijs_typed.models._group import Group
from wikijs_typed.models._localization import LocalizationConfig
from wikijs_typed.models._mail import MailConfig
from wikijs_typed.models._modules import (
    MASK,
    AnalyticsProvider,
    AuthenticationStrategy,
    CommentProvider,
    Module,
    Renderer,
    SearchEngine,
    StorageTarget,
    names_a_credential,
)
from wikijs_typed.models._navigation import NavigationItem, NavigationItemInput, NavigationMode
from wikijs_typed.models._site import SiteConfig
from wikijs_typed.models._theming import ThemingConfig
from wikijs_typed.settings._document import (
    GroupSettings,
    MailSettings,
    ModuleSettings,
    NavigationSettings,
    Problem,
    SearchSettings,
    SettingsDocument,
    SettingsError,
    StrategySettings,
    env_name,
    reference,
    referenced_name,
)

__all__ = ["Change", "SettingsPlan", "Step", "WikiState", "export_document", "make_plan"]

MAIL_SECRETS = ("password", "dkim_private_key")
NOT_SET = "(not set)"


@dataclass
class WikiState:
    """Everything a settings document describes, as read from one wiki."""

    site: SiteConfig
    menus: dict[str, list[NavigationItem]]
    navigation_mode: NavigationMode
    theming: ThemingConfig
    localization: LocalizationConfig
    groups: list[Group]
    renderers: list[Renderer]
    engines: list[SearchEngine]
    targets: list[StorageTarget]
    comment_providers: list[CommentProvider]
    analytics: list[AnalyticsProvider]
    mail: MailConfig
    strategies: list[AuthenticationStrategy]


@dataclass(frozen=True)
class Change:
    """One setting: its value on the wiki and in the file (a secret as its reference)."""

    setting: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.setting}: {_shown(self.old)} → {_shown(self.new)}"


@dataclass
class Step:
    """One change sent to the wiki.

    Attributes:
        kind: What it does, through which resource: "site", "mail", "group.create",
            "group.update", "search", ...
        target: What it changes: `site`, `groups.Editors`, `navigation.menus.en`, ...
        changes: Each setting changed, with its old and new value (secrets as references).
        payload: What is sent, secrets' values included; kept out of reprs and JSON.
    """

    kind: str
    target: str
    changes: list[Change]
    payload: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        """Describe the step as JSON data, without its payload.

        Returns:
            `kind`, `target`, and `changes` as `{setting, old, new}` objects.
        """
        return {
            "kind": self.kind,
            "target": self.target,
            "changes": [{"setting": c.setting, "old": c.old, "new": c.new} for c in self.changes],
        }


@dataclass
class SettingsPlan:
    """What applying a document changes, step by step; empty when the wiki already matches."""

    steps: list[Step]

    def __bool__(self) -> bool:
        return bool(self.steps)

    def as_json(self) -> list[dict[str, Any]]:
        """Describe the plan as JSON data, as `wikijs-typed settings apply --json` prints it.

        Returns:
            Each step, as `Step.as_json` describes it.
        """
        return [step.as_json() for step in self.steps]


# -- export --------------------------------------------------------------------------------------


def export_document(state: WikiState) -> SettingsDocument:
    """The wiki's settings as a document, each secret replaced by its reference."""
    site_fields = SiteConfig.model_fields.keys()
    return SettingsDocument.model_validate(
        {
            "site": {
                name: value
                for name, value in state.site.model_dump(exclude_none=True).items()
                if name in site_fields
            },
            "navigation": {
                "mode": state.navigation_mode,
                "menus": {
                    locale: [_item(item) for item in items] for locale, items in state.menus.items()
                },
            },
            "theming": state.theming.model_dump(exclude_none=True),
            "localization": state.localization.model_dump(),
            "groups": [_group(group) for group in state.groups],
            "rendering": {
                r.key: {"enabled": r.is_enabled, "config": _exported(r, "rendering")}
                for r in state.renderers
            },
            "search": _search(state.engines),
            "storage": {
                t.key: {
                    "enabled": t.is_enabled,
                    "mode": t.mode,
                    "sync_interval": t.sync_interval,
                    "config": _exported(t, "storage"),
                }
                for t in state.targets
            },
            "comments": _modules(state.comment_providers, "comments"),
            "analytics": _modules(state.analytics, "analytics"),
            "mail": _mail(state.mail),
            "authentication": {s.key: _strategy(s) for s in state.strategies},
        }
    )


def _modules(modules: list[CommentProvider] | list[AnalyticsProvider], area: str) -> dict[str, Any]:
    return {m.key: {"enabled": m.is_enabled, "config": _exported(m, area)} for m in modules}


def _strategy(strategy: AuthenticationStrategy) -> dict[str, Any]:
    return {
        "strategy": strategy.strategy_key,
        "display_name": strategy.display_name,
        "enabled": strategy.is_enabled,
        "order": strategy.order,
        "config": _exported(strategy, "authentication"),
        "self_registration": strategy.self_registration,
        "domain_whitelist": strategy.domain_whitelist,
        "auto_enroll_groups": strategy.auto_enroll_groups,
    }


def _item(item: NavigationItem | NavigationItemInput) -> dict[str, Any]:
    data = NavigationItemInput.from_item(item).model_dump(exclude_none=True)
    if data.get("visibility_mode") == "all" and not data.get("visibility_groups"):
        data.pop("visibility_groups", None)
    return data


def _group(group: Group) -> dict[str, Any]:
    return {
        "name": group.name,
        "redirect_on_login": group.redirect_on_login,
        "permissions": group.permissions,
        "page_rules": [rule.model_dump() for rule in group.page_rules or ()],
    }


def _exported(module: Module, area: str) -> dict[str, Any]:
    """A module's settings, the secrets that are set as references."""
    secrets = module.secret_keys()
    return {
        key: reference(env_name(area, module.key, key)) if key in secrets and value else value
        for key, value in module.config().items()
    }


def _search(engines: list[SearchEngine]) -> dict[str, Any] | None:
    active = next((engine for engine in engines if engine.is_enabled), None)
    if active is None:
        return None
    return {"engine": active.key, "config": _exported(active, "search")}


def _mail(mail: MailConfig) -> dict[str, Any]:
    # A setting never filled in ("") is left out: Wiki.js refuses an empty sender address.
    data = {k: v for k, v in mail.model_dump(exclude=set(MAIL_SECRETS)).items() if v != ""}
    for name in MAIL_SECRETS:
        if getattr(mail, name).get_secret_value():
            data[name] = reference(env_name("mail", name))
    return data


# -- plan ----------------------------------------------------------------------------------------


class _Planner:
    """Collects the steps, and every problem found on the way (all reported at once)."""

    def __init__(self, state: WikiState, environ: Mapping[str, str], prune: bool) -> None:
        self.state, self.environ, self.prune = state, environ, prune
        self.steps: list[Step] = []
        self.problems: list[Problem] = []

    def step(self, kind: str, target: str, changes: list[Change], **payload: Any) -> None:
        if changes:
            self.steps.append(Step(kind, target, changes, payload))

    def problem(self, path: str, reason: str) -> None:
        self.problems.append(Problem(path=path, reason=reason))

    def secret(self, path: str, value: object) -> str | None:
        """A reference's value from the environment (None, and a problem, when unset)."""
        name = referenced_name(value)
        if name is None:
            self.problem(path, "a secret must be an environment reference such as ${NAME}")
            return None
        if name not in self.environ:
            self.problem(path, f"environment variable {name} is not set")
            return None
        return self.environ[name]


def make_plan(
    state: WikiState,
    document: SettingsDocument,
    *,
    environ: Mapping[str, str],
    prune: bool = False,
) -> SettingsPlan:
    """Plan the steps that make the wiki in `state` match `document`.

    Raises SettingsError, before anything is sent, for a missing environment variable, an
    unknown module or setting.
    """
    planner = _Planner(state, environ, prune)
    if document.site is not None:
        _config(planner, "site", document.site, state.site)
    if document.localization is not None:
        _config(planner, "localization", document.localization, state.localization)
    if document.theming is not None:
        _config(planner, "theming", document.theming, state.theming)
    if document.mail is not None:
        _mail_plan(planner, document.mail)
    for key, wanted in (document.rendering or {}).items():
        _module(planner, "rendering", key, wanted, state.renderers)
    if document.search is not None:
        _search_plan(planner, document.search)
    for key, wanted in (document.storage or {}).items():
        _module(planner, "storage", key, wanted, state.targets)
    for key, wanted in (document.comments or {}).items():
        _module(planner, "comments", key, wanted, state.comment_providers)
    for key, wanted in (document.analytics or {}).items():
        _module(planner, "analytics", key, wanted, state.analytics)
    if document.groups is not None:
        _groups(planner, document.groups)
    for key, strategy in (document.authentication or {}).items():
        _strategy_plan(planner, key, strategy)
    if document.navigation is not None:
        _navigation(planner, document.navigation)
    if planner.problems:
        raise SettingsError(planner.problems)
    return SettingsPlan(planner.steps)


def _config(planner: _Planner, area: str, wanted: Any, current: pydantic.BaseModel) -> None:
    """A settings section (site, theming, ...): each requested setting that differs."""
    differing = {
        name: value
        for name, value in wanted.requested().items()
        if getattr(current, name, None) != value
    }
    changes = [
        Change(_key(type(wanted), name), getattr(current, name, None), value)
        for name, value in differing.items()
    ]
    planner.step(area, area, changes, settings=differing)


def _key(model: type[pydantic.BaseModel], name: str) -> str:
    """A field's key in the file."""
    return model.model_fields[name].alias or name


def _mail_plan(planner: _Planner, wanted: MailSettings) -> None:
    """The mail settings; the password and DKIM key from the environment."""
    current = planner.state.mail
    payload: dict[str, Any] = {
        name: value
        for name, value in wanted.requested().items()
        if name not in MAIL_SECRETS and getattr(current, name) != value
    }
    changes = [Change(_key(MailSettings, n), getattr(current, n), v) for n, v in payload.items()]
    for name in MAIL_SECRETS:
        ref = getattr(wanted, name)
        if ref is None:
            continue
        value = planner.secret(f"mail.{_key(MailSettings, name)}", ref)
        stored = getattr(current, name).get_secret_value()
        if value is not None and _secret_differs(stored, value):
            changes.append(Change(_key(MailSettings, name), _secret_shown(stored), ref))
            payload[name] = pydantic.SecretStr(value)
    planner.step("mail", "mail", changes, settings=payload)


def _secret_differs(stored: object, value: object) -> bool:
    # A masked secret is set, and cannot be compared: it is kept.
    return stored not in (MASK, value)


def _secret_shown(stored: object) -> str:
    return "(set)" if stored else NOT_SET


def _module_config(
    planner: _Planner, path: str, module: Module, wanted: Mapping[str, Any]
) -> tuple[list[Change], dict[str, Any]]:
    """The settings of `wanted` that differ from the module's, shown and to send."""
    current, secrets = module.config(), module.secret_keys()
    changes: list[Change] = []
    sent: dict[str, Any] = {}
    for key, value in wanted.items():
        if key not in current:
            planner.problem(f"{path}.{key}", f"{module.key} has no such setting")
        elif key in secrets and value != "":
            resolved = planner.secret(f"{path}.{key}", value)
            if resolved is not None and _secret_differs(current[key], resolved):
                changes.append(Change(f"config.{key}", _secret_shown(current[key]), value))
                sent[key] = resolved
        elif current[key] != value:
            changes.append(Change(f"config.{key}", current[key], value))
            sent[key] = value
    return changes, sent


def _module(
    planner: _Planner,
    area: str,
    key: str,
    wanted: ModuleSettings,
    modules: Sequence[Module],
) -> None:
    path = f"{area}.{key}"
    module = next((m for m in modules if m.key == key), None)
    if module is None:
        planner.problem(path, f"the wiki has no {area} module {key!r}")
        return
    changes, sent = _module_config(planner, f"{path}.config", module, wanted.config)
    payload: dict[str, Any] = {"key": key, "config": sent}
    if wanted.enabled is not None and wanted.enabled != module.is_enabled:
        changes.insert(0, Change("enabled", module.is_enabled, wanted.enabled))
        payload["enabled"] = wanted.enabled
    if isinstance(module, StorageTarget):
        for name in ("mode", "sync_interval"):
            value = getattr(wanted, name, None)
            if value is not None and value != getattr(module, name):
                changes.append(Change(_key(type(wanted), name), getattr(module, name), value))
                payload[name] = value
    planner.step(area, path, changes, **payload)


# The fields of a strategy other than its module and settings, as the resource names them.
_STRATEGY_FIELDS = (
    "display_name",
    "enabled",
    "order",
    "self_registration",
    "domain_whitelist",
    "auto_enroll_groups",
)


def _strategy_plan(planner: _Planner, key: str, wanted: StrategySettings) -> None:
    """A login strategy: its changed fields and settings, or the whole of it when it is new."""
    path = f"authentication.{key}"
    current = next((s for s in planner.state.strategies if s.key == key), None)
    if current is None:
        _new_strategy(planner, path, key, wanted)
        return
    if wanted.strategy != current.strategy_key:
        planner.problem(
            f"{path}.strategy", f"the wiki uses {current.strategy_key!r} for this strategy"
        )
        return
    old = _strategy(current)
    changes: list[Change] = []
    payload: dict[str, Any] = {"key": key}
    for name in _STRATEGY_FIELDS:
        value = getattr(wanted, name)
        if value is not None and value != old[name]:
            changes.append(Change(_key(StrategySettings, name), old[name], value))
            payload[name] = value
    config_changes, sent = _module_config(planner, f"{path}.config", current, wanted.config)
    payload["config"] = sent
    planner.step("authentication", path, changes + config_changes, **payload)


def _new_strategy(planner: _Planner, path: str, key: str, wanted: StrategySettings) -> None:
    """A strategy the wiki does not have: added, its credential-like settings from references."""
    config: dict[str, Any] = {}
    for name, value in wanted.config.items():
        if names_a_credential(name) and value != "":
            config[name] = planner.secret(f"{path}.config.{name}", value)
        else:
            config[name] = value
    fields = {name: getattr(wanted, name) for name in _STRATEGY_FIELDS}
    given = {name: value for name, value in fields.items() if value is not None}
    changes = [Change("strategy", None, wanted.strategy)]
    changes += [Change(_key(StrategySettings, n), None, v) for n, v in given.items()]
    changes += [Change(f"config.{name}", None, value) for name, value in wanted.config.items()]
    payload = {"key": key, "strategy_key": wanted.strategy, "config": config, **given}
    planner.step("authentication.add", path, changes, **payload)


def _search_plan(planner: _Planner, wanted: SearchSettings) -> None:
    engines = planner.state.engines
    engine = next((e for e in engines if e.key == wanted.engine), None)
    if engine is None:
        planner.problem("search.engine", f"the wiki has no search engine {wanted.engine!r}")
        return
    changes, sent = _module_config(planner, "search.config", engine, wanted.config)
    active = next((e.key for e in engines if e.is_enabled), None)
    if active != engine.key:
        changes.insert(0, Change("engine", active, engine.key))
    planner.step("search", "search", changes, key=engine.key, config=sent)


def _groups(planner: _Planner, wanted: list[GroupSettings]) -> None:
    by_name = {group.name: group for group in reversed(planner.state.groups)}
    for group in wanted:
        fields = group.model_dump(exclude={"name"}, exclude_none=True)
        current = by_name.get(group.name)
        target = f"groups.{group.name}"
        if current is None:
            changes = [Change("name", None, group.name)]
            changes += [Change(_key(GroupSettings, n), None, v) for n, v in fields.items()]
            planner.step("group.create", target, changes, data={"name": group.name, **fields})
            continue
        old = _group(current)
        differing = {name: value for name, value in fields.items() if old[name] != value}
        changes = [
            Change(_key(GroupSettings, name), old[name], value) for name, value in differing.items()
        ]
        planner.step("group.update", target, changes, id=current.id, data=differing)
    if planner.prune:
        named = {group.name for group in wanted}
        for existing in planner.state.groups:
            if existing.name not in named and not existing.is_system:
                planner.step(
                    "group.delete",
                    f"groups.{existing.name}",
                    [Change("group", existing.name, None)],
                    id=existing.id,
                )


def _navigation(planner: _Planner, wanted: NavigationSettings) -> None:
    state = planner.state
    if wanted.mode is not None and wanted.mode != state.navigation_mode:
        planner.step(
            "navigation.mode",
            "navigation.mode",
            [Change("mode", state.navigation_mode, wanted.mode)],
            mode=wanted.mode,
        )
    for locale, items in wanted.menus.items():
        current = [_item(item) for item in state.menus.get(locale, [])]
        desired = [_item(item) for item in items]
        if not planner.prune:
            desired += [item for item in current if not _named(item, desired)]
        if desired != current:
            planner.step(
                "navigation.menu",
                f"navigation.menus.{locale}",
                [_menu_change(current, desired)],
                locale=locale,
                items=desired,
            )


def _named(item: dict[str, Any], items: list[dict[str, Any]]) -> bool:
    """Tell whether `items` hold this menu entry: by its id, or as the same entry.

    The same entry may come under another id: a wiki's default Home link is made with an id
    of its own on every wiki.
    """
    content = {**item, "id": None}
    return any(other["id"] == item["id"] or {**other, "id": None} == content for other in items)


def _menu_change(current: list[dict[str, Any]], desired: list[dict[str, Any]]) -> Change:
    """Show a menu's change by its entries' labels; by id where only ids change.

    Only ids change when a wiki's own default Home link takes the file's id.
    """
    old, new = _labels(current), _labels(desired)
    if old == new:
        return Change(
            "item ids", [item["id"] for item in current], [item["id"] for item in desired]
        )
    return Change("items", old, new)


def _labels(items: list[dict[str, Any]]) -> list[str]:
    return [item.get("label") or item["kind"] for item in items]


def _shown(value: object) -> str:
    """A value in a plan line: references and placeholders as they are, the rest as repr."""
    if value is None:
        return NOT_SET
    if isinstance(value, str) and (referenced_name(value) or value in {"(set)", NOT_SET}):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(value) + "]"
    return repr(value)
