# Made from ../_async/settings.py by `python -m tools.sync_twins`: do not edit.
"""`client.settings`: the wiki's configuration as a document, and applying one.

`export()` reads every area (site, navigation, theming, localization, groups, renderers, search,
storage, comment and analytics providers, mail, login strategies) into a `SettingsDocument`,
each secret replaced by an environment reference;
`plan(document)` compares a document with the wiki and lists the changes; `apply(plan)` sends
them through the resources, step by step, and reports which were applied when one fails.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from wikijs_graphql import requests

from wikijs_typed._pipeline.base_client import Outcome
from wikijs_typed._resources._sync.analytics import AnalyticsResource, analytics_providers_of
from wikijs_typed._resources._sync.authentication import AuthenticationResource, strategies_of
from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources._sync.comments import CommentsResource, comment_providers_of
from wikijs_typed._resources._sync.groups import GroupsResource
from wikijs_typed._resources._sync.localization import LocalizationResource
from wikijs_typed._resources._sync.mail import MailResource
from wikijs_typed._resources._sync.navigation import NavigationResource
from wikijs_typed._resources._sync.rendering import RenderingResource, renderers_of
from wikijs_typed._resources._sync.search import SearchResource, engines_of
from wikijs_typed._resources._sync.site import SiteResource
from wikijs_typed._resources._sync.storage import StorageResource, targets_of
from wikijs_typed._resources._sync.theming import ThemingResource
from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.models._group import Group, GroupCreate, GroupUpdate
from wikijs_typed.models._localization import LocalizationConfig
from wikijs_typed.models._mail import MailConfig
from wikijs_typed.models._navigation import NavigationItem, NavigationMode
from wikijs_typed.models._site import SiteConfig
from wikijs_typed.models._theming import ThemingConfig
from wikijs_typed.settings._document import SettingsDocument
from wikijs_typed.settings._plan import SettingsPlan, Step, WikiState, export_document, make_plan
from wikijs_typed.settings._result import ApplyResult

__all__ = ["SettingsResource"]


class SettingsResource(Resource):
    """Settings as code: `export()`, `plan(document)`, `apply(plan)`.

    Reached as `client.settings`. It reads and changes site, navigation, theming,
    localization, groups, renderers, search, storage, comment and analytics providers, mail
    and login strategies, and needs the permissions of each.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def export(self) -> SettingsDocument:
        """The wiki's settings as a document, every area read fresh.

        Returns:
            The document; each secret is a `${WIKIJS_...}` reference, never its value.
        """
        return export_document(self._state())

    def plan(
        self,
        document: SettingsDocument | Mapping[str, Any],
        *,
        prune: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> SettingsPlan:
        """The changes that make the wiki match `document`; nothing is sent.

        The wiki is read fresh, not from the cache: a plan compared with cached reads could miss a
        change.

        Args:
            document: A SettingsDocument, or the mapping a settings file holds.
            prune: Whether to delete the groups and menu items the document does not name (by
                default they are kept).
            environ: Where the document's `${...}` references are read (default: the process
                environment).

        Returns:
            The plan: the steps, in the order `apply` runs them.

        Raises:
            SettingsError: The document is malformed, a reference is not set, or a module or
                setting is unknown; it names each problem.
        """
        if not isinstance(document, SettingsDocument):
            document = SettingsDocument.load(document)
        state = self._state()
        return make_plan(
            state, document, environ=os.environ if environ is None else environ, prune=prune
        )

    def apply(self, plan: SettingsPlan) -> ApplyResult:
        """Run the plan's steps in order, stopping at the first that fails.

        A failure does not raise: the result reports it with the steps applied before it and
        those not applied.

        Args:
            plan: A plan from `plan()`.

        Returns:
            The steps applied, the steps not applied, and the failed step with its error.
        """
        applied: list[Step] = []
        for index, step in enumerate(plan.steps):
            try:
                self._run(step)
            except WikiJSError as exc:
                return ApplyResult(applied, plan.steps[index:], failed=step, error=exc)
            applied.append(step)
        return ApplyResult(applied, [])

    def _run(self, step: Step) -> None:
        gql, engine, payload = self._gql, self._engine, step.payload
        groups, navigation = GroupsResource(gql, engine), NavigationResource(gql, engine)
        if step.kind == "site":
            SiteResource(gql, engine).update(payload["settings"])
        elif step.kind == "localization":
            LocalizationResource(gql, engine).update(payload["settings"])
        elif step.kind == "theming":
            ThemingResource(gql, engine).update(payload["settings"])
        elif step.kind == "mail":
            MailResource(gql, engine).update(payload["settings"])
        elif step.kind == "rendering":
            RenderingResource(gql, engine).update(**payload)
        elif step.kind == "search":
            SearchResource(gql, engine).use(payload["key"], payload["config"])
        elif step.kind == "storage":
            StorageResource(gql, engine).update(**payload)
        elif step.kind == "comments":
            CommentsResource(gql, engine).update_provider(**payload)
        elif step.kind == "analytics":
            AnalyticsResource(gql, engine).update(**payload)
        elif step.kind == "authentication":
            AuthenticationResource(gql, engine).update_strategy(**payload)
        elif step.kind == "authentication.add":
            AuthenticationResource(gql, engine).add_strategy(**payload)
        elif step.kind == "group.create":
            groups.create(GroupCreate(**payload["data"]))
        elif step.kind == "group.update":
            groups.update(payload["id"], GroupUpdate(**payload["data"]))
        elif step.kind == "group.delete":
            groups.delete(payload["id"])
        elif step.kind == "navigation.mode":
            navigation.set_mode(payload["mode"])
        elif step.kind == "navigation.menu":
            navigation.set_items(payload["locale"], payload["items"])
        else:  # pragma: no cover - make_plan makes no other kind
            raise ValueError(f"unknown step kind {step.kind!r}")

    def _state(self) -> WikiState:
        """Every area, read fresh, in two round trips: the areas, then each group.

        Fresh, because a plan compared with cached reads could miss a change.
        """
        areas = self._engine.execute_many(
            [build(cache="network-only") for build, _ in _AREAS.values()]
        )
        read = {
            name: parse(outcome)
            for (name, (_, parse)), outcome in zip(_AREAS.items(), areas, strict=True)
        }
        listed = present(present(read["groups"].groups, "groups").list_, "a group list")
        details = self._engine.execute_many(
            [requests.get_group(id=g.id, cache="network-only") for g in listed if g is not None]
        )
        return _wiki_state(read, details)


# Each area's read: its request builder and its parser.
_AREAS: dict[str, tuple[Any, Any]] = {
    "site": (requests.get_site_config, requests.parse_get_site_config),
    "tree": (requests.get_navigation_tree, requests.parse_get_navigation_tree),
    "mode": (requests.get_navigation_mode, requests.parse_get_navigation_mode),
    "theming": (requests.get_theming_config, requests.parse_get_theming_config),
    "localization": (requests.get_localization_config, requests.parse_get_localization_config),
    "groups": (requests.list_groups, requests.parse_list_groups),
    "renderers": (requests.list_renderers, requests.parse_list_renderers),
    "engines": (requests.list_search_engines, requests.parse_list_search_engines),
    "targets": (requests.list_storage_targets, requests.parse_list_storage_targets),
    "comments": (requests.list_comment_providers, requests.parse_list_comment_providers),
    "analytics": (requests.list_analytics_providers, requests.parse_list_analytics_providers),
    "mail": (requests.get_mail_config, requests.parse_get_mail_config),
    "strategies": (requests.list_active_strategies, requests.parse_list_active_strategies),
}


def _wiki_state(read: Mapping[str, Any], groups: Sequence[Outcome]) -> WikiState:
    """The state of the wiki from the answers of its areas and of each group."""
    navigation = present(read["tree"].navigation, "navigation")
    mode: NavigationMode = present(
        present(read["mode"].navigation, "navigation").config, "a navigation config"
    ).mode.value
    theming = present(present(read["theming"].theming, "theming").config, "a theming config")
    locales = present(present(read["localization"].localization, "localization").config, "a config")
    return WikiState(
        site=SiteConfig.from_fields(present(present(read["site"].site, "site").config, "a config")),
        menus={
            tree.locale: [NavigationItem.from_fields(item) for item in tree.items if item]
            for tree in navigation.tree
            if tree is not None
        },
        navigation_mode=mode,
        theming=ThemingConfig.model_validate(theming.model_dump()),
        localization=LocalizationConfig.model_validate(
            {**locales.model_dump(), "namespaces": [n for n in locales.namespaces if n is not None]}
        ),
        groups=[_group(outcome) for outcome in groups],
        renderers=renderers_of(read["renderers"]),
        engines=engines_of(read["engines"]),
        targets=targets_of(read["targets"]),
        comment_providers=comment_providers_of(read["comments"]),
        analytics=analytics_providers_of(read["analytics"]),
        mail=MailConfig.from_fields(present(present(read["mail"].mail, "mail").config, "a config")),
        strategies=strategies_of(read["strategies"]),
    )


def _group(outcome: Outcome) -> Group:
    single = present(requests.parse_get_group(outcome).groups, "groups").single
    return Group.from_fields(found(single, "a listed group"))
