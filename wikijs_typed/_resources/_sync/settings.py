# Made from ../_async/settings.py by `python -m tools.twin`: do not edit.
"""`client.settings`: the wiki's configuration as a document, and applying one.

`export()` reads every area (site, navigation, theming, localization, groups, renderers, search,
storage, mail) into a `SettingsDocument`, each secret replaced by an environment reference;
`plan(document)` compares a document with the wiki and lists the changes; `apply(plan)` sends
them through the resources, step by step, and reports which were applied when one fails.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources._sync.groups import GroupsResource
from wikijs_typed._resources._sync.localization import LocalizationResource
from wikijs_typed._resources._sync.mail import MailResource
from wikijs_typed._resources._sync.navigation import NavigationResource
from wikijs_typed._resources._sync.rendering import RenderingResource
from wikijs_typed._resources._sync.search import SearchResource
from wikijs_typed._resources._sync.site import SiteResource
from wikijs_typed._resources._sync.storage import StorageResource
from wikijs_typed._resources._sync.theming import ThemingResource
from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.models._group import GroupCreate, GroupUpdate
from wikijs_typed.settings._document import SettingsDocument
from wikijs_typed.settings._plan import SettingsPlan, Step, WikiState, export_document, make_plan
from wikijs_typed.settings._result import ApplyResult

__all__ = ["SettingsResource"]


class SettingsResource(Resource):
    """Settings as code: `export()`, `plan(document)`, `apply(plan)`.

    Reached as `client.settings`. It reads and changes site, navigation, theming,
    localization, groups, renderers, search, storage and mail, and needs the permissions of
    each.

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
        """Every area, read fresh (a plan compared with cached reads could miss a change)."""
        gql, engine = self._gql, self._engine
        groups = GroupsResource(gql, engine)
        navigation = NavigationResource(gql, engine)
        return WikiState(
            site=SiteResource(gql, engine)._read(fresh=True),
            menus=navigation._tree(fresh=True),
            navigation_mode=navigation.mode(),
            theming=ThemingResource(gql, engine)._read(fresh=True),
            localization=LocalizationResource(gql, engine)._read(fresh=True),
            groups=[groups._read(group.id, fresh=True) for group in groups.list()],
            renderers=RenderingResource(gql, engine)._renderers(fresh=True),
            engines=SearchResource(gql, engine)._engines(fresh=True),
            targets=StorageResource(gql, engine)._targets(fresh=True),
            mail=MailResource(gql, engine)._read(fresh=True),
        )
