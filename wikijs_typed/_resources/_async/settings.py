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

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources._async.groups import AsyncGroupsResource
from wikijs_typed._resources._async.localization import AsyncLocalizationResource
from wikijs_typed._resources._async.mail import AsyncMailResource
from wikijs_typed._resources._async.navigation import AsyncNavigationResource
from wikijs_typed._resources._async.rendering import AsyncRenderingResource
from wikijs_typed._resources._async.search import AsyncSearchResource
from wikijs_typed._resources._async.site import AsyncSiteResource
from wikijs_typed._resources._async.storage import AsyncStorageResource
from wikijs_typed._resources._async.theming import AsyncThemingResource
from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.models._group import GroupCreate, GroupUpdate
from wikijs_typed.settings._document import SettingsDocument
from wikijs_typed.settings._plan import SettingsPlan, Step, WikiState, export_document, make_plan
from wikijs_typed.settings._result import ApplyResult

__all__ = ["AsyncSettingsResource"]


class AsyncSettingsResource(AsyncResource):
    """Settings as code: `export()`, `plan(document)`, `apply(plan)`.

    Reached as `client.settings`. It reads and changes site, navigation, theming,
    localization, groups, renderers, search, storage and mail, and needs the permissions of
    each.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    async def export(self) -> SettingsDocument:
        """The wiki's settings as a document, every area read fresh.

        Returns:
            The document; each secret is a `${WIKIJS_...}` reference, never its value.
        """
        return export_document(await self._state())

    async def plan(
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
        state = await self._state()
        return make_plan(
            state, document, environ=os.environ if environ is None else environ, prune=prune
        )

    async def apply(self, plan: SettingsPlan) -> ApplyResult:
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
                await self._run(step)
            except WikiJSError as exc:
                return ApplyResult(applied, plan.steps[index:], failed=step, error=exc)
            applied.append(step)
        return ApplyResult(applied, [])

    async def _run(self, step: Step) -> None:
        gql, engine, payload = self._gql, self._engine, step.payload
        groups, navigation = AsyncGroupsResource(gql, engine), AsyncNavigationResource(gql, engine)
        if step.kind == "site":
            await AsyncSiteResource(gql, engine).update(payload["settings"])
        elif step.kind == "localization":
            await AsyncLocalizationResource(gql, engine).update(payload["settings"])
        elif step.kind == "theming":
            await AsyncThemingResource(gql, engine).update(payload["settings"])
        elif step.kind == "mail":
            await AsyncMailResource(gql, engine).update(payload["settings"])
        elif step.kind == "rendering":
            await AsyncRenderingResource(gql, engine).update(**payload)
        elif step.kind == "search":
            await AsyncSearchResource(gql, engine).use(payload["key"], payload["config"])
        elif step.kind == "storage":
            await AsyncStorageResource(gql, engine).update(**payload)
        elif step.kind == "group.create":
            await groups.create(GroupCreate(**payload["data"]))
        elif step.kind == "group.update":
            await groups.update(payload["id"], GroupUpdate(**payload["data"]))
        elif step.kind == "group.delete":
            await groups.delete(payload["id"])
        elif step.kind == "navigation.mode":
            await navigation.set_mode(payload["mode"])
        elif step.kind == "navigation.menu":
            await navigation.set_items(payload["locale"], payload["items"])
        else:  # pragma: no cover - make_plan makes no other kind
            raise ValueError(f"unknown step kind {step.kind!r}")

    async def _state(self) -> WikiState:
        """Every area, read fresh (a plan compared with cached reads could miss a change)."""
        gql, engine = self._gql, self._engine
        groups = AsyncGroupsResource(gql, engine)
        navigation = AsyncNavigationResource(gql, engine)
        return WikiState(
            site=await AsyncSiteResource(gql, engine)._read(fresh=True),
            menus=await navigation._tree(fresh=True),
            navigation_mode=await navigation.mode(),
            theming=await AsyncThemingResource(gql, engine)._read(fresh=True),
            localization=await AsyncLocalizationResource(gql, engine)._read(fresh=True),
            groups=[await groups._read(group.id, fresh=True) for group in await groups.list()],
            renderers=await AsyncRenderingResource(gql, engine)._renderers(fresh=True),
            engines=await AsyncSearchResource(gql, engine)._engines(fresh=True),
            targets=await AsyncStorageResource(gql, engine)._targets(fresh=True),
            mail=await AsyncMailResource(gql, engine)._read(fresh=True),
        )
