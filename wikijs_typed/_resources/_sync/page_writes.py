# Made from ../_async/page_writes.py by `python -m tools.sync_twins`: do not edit.
"""Page writes that report the truth: one create, update or delete, and what it really did.

Each write goes through the generated client (the engine makes page writes take turns, see
`_pipeline.write_turns`). When its answer is a success, that is the outcome, whatever happens to
the read that follows: the page the write answered with stands in for a read-back that fails.
When the answer is a failure that Wiki.js reports before writing anything, that is the
outcome too. Any other failure may have come after part of the write was stored, and a lost
answer says nothing at all, so the page is read back:
- a create whose page is there was stored: what the failure skipped is finished (the tags
  and the rendering by an update with the complete page, the tree by a rebuild) and it is
  a success;
- an update that is stored as sent is a success; one stored in part is sent again whole;
- a delete whose page is gone is a success;
- otherwise the failure stands, or, when the answer was lost, `WriteOutcomeUnknownError`.
"""

from __future__ import annotations

import logging

from wikijs_graphql import GraphQLClient

from wikijs_typed._resources.sansio.pages import UpdatePageArgs, create_args, update_args
from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed._resources.sansio.write_outcomes import (
    answer_lost,
    as_sent,
    created_as_sent,
    page_state,
    same_tags,
    sent_state,
    wrote_nothing,
)
from wikijs_typed.exceptions import (
    NotFoundError,
    PartialWriteError,
    WikiJSError,
    WriteOutcomeUnknownError,
)
from wikijs_typed.models._page import Page, PageCreate, PageUpdate

__all__ = ["PageWrites"]

log = logging.getLogger("wikijs_typed.pages")


class PageWrites:
    def __init__(self, gql: GraphQLClient) -> None:
        self._gql = gql

    # Create.

    def create(self, data: PageCreate) -> Page:
        where = f"{data.locale}/{data.path}"
        try:
            result = self._gql.create_page(**create_args(data))
            created = present(present(result.pages, "pages").create, "a create result")
            written = present(created.page, "the created page")
        except WikiJSError as error:
            if wrote_nothing(error):
                raise
            return self._settle_create(data, where, error)
        answered = Page.from_written(written, locale=data.locale, editor=data.editor)
        return self._read_back(answered)

    def _settle_create(self, data: PageCreate, where: str, error: WikiJSError) -> Page:
        try:
            stored = self._at_path(data.locale, data.path)
        except WikiJSError as unread:
            raise _unknown(f"creating the page at {where}", error, unread) from error
        if stored is None or not created_as_sent(stored, data):
            if answer_lost(error):
                raise WriteOutcomeUnknownError(
                    f"creating the page at {where}: {error}; no such page was there when read"
                    " back, but the server may still store it",
                    cause=error,
                ) from error
            raise error
        log.info("page #%d at %s was stored although Wiki.js answered: %s", stored.id, where, error)
        if not same_tags(stored.tags, data.tags) or not stored.render:
            # The tags collided (so the rendering never ran either): an update with the
            # complete page sets both.
            args = update_args(stored, PageUpdate(tags=list(data.tags)))
            try:
                self._send_update(args)
            except WikiJSError as failed:
                raise PartialWriteError(
                    f"page #{stored.id} was created at {where}, but without its tags ({error});"
                    f" adding them failed: {failed}",
                    page_id=stored.id,
                    cause=failed,
                ) from failed
            stored = as_sent(stored, args)
        # The tree rebuild came after the failure, or was what failed.
        self.rebuild_tree()
        return self._read_back(stored)

    # Update.

    def update(self, args: UpdatePageArgs, current: Page) -> Page:
        """Send the complete page state `args` for `current` (read just before)."""
        try:
            self._send_update(args)
        except WikiJSError as error:
            return self.settle_update(args, current, error)
        return self._read_back(as_sent(current, args))

    def settle_update(self, args: UpdatePageArgs, current: Page, error: WikiJSError) -> Page:
        """The outcome of an update that answered `error`.

        That is the error itself when Wiki.js refused before writing, else what reading the
        page back shows.
        """
        if wrote_nothing(error):
            raise error
        page_id = args["id"]
        try:
            stored = self._fresh(page_id)
        except WikiJSError as unread:
            raise _unknown(f"updating page #{page_id}", error, unread) from error
        moved = (args["locale"], args["path"]) != (current.locale, current.path)
        if page_state(stored) == sent_state(args):
            if moved:
                self.rebuild_tree()
            return stored
        untouched = page_state(stored) == page_state(current)
        if untouched and not answer_lost(error):
            raise error
        # Stored in part, or not at all as far as can be seen: the complete state can be
        # sent again, it is the same write.
        try:
            self._send_update(args)
        except WikiJSError as again:
            if untouched:
                raise _unknown(f"updating page #{page_id}", error, again) from error
            raise PartialWriteError(
                f"page #{page_id} was updated in part ({error}); sending the rest failed: {again}",
                page_id=page_id,
                cause=again,
            ) from again
        if moved:
            self.rebuild_tree()
        return self._read_back(as_sent(current, args))

    def _send_update(self, args: UpdatePageArgs) -> None:
        self._gql.update_page(**args)

    # Delete.

    def delete(self, page_id: int) -> None:
        try:
            self._gql.delete_page(id=page_id)
        except WikiJSError as error:
            if wrote_nothing(error):
                raise
            self._settle_delete(page_id, error)

    def _settle_delete(self, page_id: int, error: WikiJSError) -> None:
        try:
            self._fresh(page_id)
        except NotFoundError:
            log.info("page #%d is gone although Wiki.js answered: %s", page_id, error)
            self.rebuild_tree()
            return
        except WikiJSError as unread:
            raise _unknown(f"deleting page #{page_id}", error, unread) from error
        if answer_lost(error):
            raise WriteOutcomeUnknownError(
                f"deleting page #{page_id}: {error}; the page was still there when read back,"
                " but the server may still delete it",
                cause=error,
            ) from error
        raise error

    # Reading back, and the tree.

    def rebuild_tree(self) -> None:
        """Rebuild the page tree after a write whose own rebuild failed or did not run.

        Best effort: a key without `manage:system` may not, and then the next page create,
        move or delete rebuilds it.
        """
        try:
            self._gql.rebuild_page_tree()
        except WikiJSError as error:
            log.warning(
                "the page tree could not be rebuilt (%s); the next page create, move or delete"
                " rebuilds it",
                error,
            )

    def _fresh(self, page_id: int) -> Page:
        result = self._gql.get_page(id=page_id, cache="network-only")
        return Page.from_fields(found(present(result.pages, "pages").single, f"page {page_id}"))

    def _at_path(self, locale: str, path: str) -> Page | None:
        try:
            result = self._gql.get_page_by_path(path=path, locale=locale, cache="network-only")
        except NotFoundError:
            return None
        single = present(result.pages, "pages").single_by_path
        return None if single is None else Page.from_fields(single)

    def _read_back(self, written: Page) -> Page:
        """The complete page as stored; the written one when reading it fails.

        The write succeeded all the same: see `as_sent` for what such a page can lack.
        """
        try:
            return self._fresh(written.id)
        except WikiJSError as error:
            log.warning("page #%d was written, but reading it back failed: %s", written.id, error)
            return written


def _unknown(what: str, error: WikiJSError, unread: WikiJSError) -> WriteOutcomeUnknownError:
    return WriteOutcomeUnknownError(
        f"{what}: {error}; reading it back to find out what was stored failed too: {unread}",
        cause=error,
    )
