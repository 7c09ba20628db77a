# Made from ../_async/comments.py by `python -m tools.sync_twins`: do not edit.
"""`client.comments`: comments on pages, and the comment providers.

The comments themselves are those of Wiki.js's built-in provider ("default"); with another
provider (Disqus, Commento, Artalk) they live on that service. Wiki.js checks the page rules
(`read:comments`, `write:comments`, `manage:comments`) on the page a comment belongs to.

`comments.updateProviders` replaces each listed provider's state and settings (and ignores an
unknown key): `update_provider` reads the provider first (fresh) and sends it with the changes
merged.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._comment import Comment
from wikijs_typed.models._modules import (
    CommentProvider,
    check_changes,
    module_fields,
    module_input,
    module_named,
)

if TYPE_CHECKING:
    from wikijs_graphql.list_comment_providers import ListCommentProviders

__all__ = ["CommentsResource"]

# Wiki.js refuses a comment shorter than this, once trimmed.
MIN_CONTENT_LENGTH = 2


class CommentsResource(Resource):
    """Comments on pages, and the comment providers.

    Reached as `client.comments`: `list(locale, path)`, `get(id)`, `create(page_id, content)`,
    `update(id, content)`, `delete(id)`; `providers()`, `provider(key)` and
    `update_provider(key, ...)` (those need the `manage:system` permission).

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def list(self, locale: str, path: str) -> builtins.list[Comment]:
        """The comments on a page, oldest first.

        Args:
            locale: The page's locale (`en`).
            path: The page's path, without the locale (`docs/setup`).

        Returns:
            The comments; none for a path where there is no page (Wiki.js answers so).

        Raises:
            ValidationError: `locale` is not a locale code or `path` not a page path.
            ForbiddenError: The page rules do not let you read its comments.
        """
        result = self._gql.list_comments(
            locale=rules.check_locale(locale), path=rules.check_page_path(path)
        )
        listed = present(result.comments, "comments").list_
        return [Comment.from_fields(comment) for comment in listed if comment is not None]

    def get(self, comment_id: int) -> Comment:
        """One comment.

        Args:
            comment_id: The comment's id.

        Returns:
            The comment.

        Raises:
            ValidationError: `comment_id` is not a positive integer.
            NotFoundError: There is no such comment.
            ForbiddenError: The page rules do not let you read its page's comments.
        """
        result = self._gql.get_comment(id=rules.check_id(comment_id, "comment_id"))
        single = present(result.comments, "comments").single
        return Comment.from_fields(found(single, f"comment {comment_id}"))

    def create(self, page_id: int, content: str, *, reply_to: int | None = None) -> Comment:
        """Post a comment on a page, as the account the client uses.

        Wiki.js lets one account post once per "Post delay" of the built-in provider (30
        seconds on a fresh install).

        Args:
            page_id: The page's id.
            content: The comment (Markdown), at least 2 characters once trimmed.
            reply_to: The comment this one answers, if any.

        Returns:
            The comment as stored.

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
            NotFoundError: The page does not exist.
            ForbiddenError: The page rules do not let you comment on it.
            OperationFailedError: Wiki.js refused it, e.g. within the post delay.
        """
        text = _check_content(content)
        result = self._gql.create_comment(
            page_id=rules.check_id(page_id, "page_id"),
            content=text,
            reply_to=None if reply_to is None else rules.check_id(reply_to, "reply_to"),
        )
        created = present(present(result.comments, "comments").create, "a created comment")
        return self.get(present(created.id, "the comment's id"))

    def update(self, comment_id: int, content: str) -> Comment:
        """Change a comment's text.

        Args:
            comment_id: The comment's id.
            content: The new text (Markdown), at least 2 characters once trimmed.

        Returns:
            The comment as stored.

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
            NotFoundError: There is no such comment.
            ForbiddenError: The page rules do not let you manage its page's comments.
        """
        checked_id = rules.check_id(comment_id, "comment_id")
        self._gql.update_comment(id=checked_id, content=_check_content(content))
        return self.get(checked_id)

    def delete(self, comment_id: int) -> None:
        """Delete a comment.

        Args:
            comment_id: The comment's id.

        Raises:
            ValidationError: `comment_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no such comment.
            ForbiddenError: The page rules do not let you manage its page's comments.
        """
        self._gql.delete_comment(id=rules.check_id(comment_id, "comment_id"))

    def providers(self) -> builtins.list[CommentProvider]:
        """Every comment provider Wiki.js ships, with its state and settings.

        Returns:
            The providers, by key; the one in use is `is_enabled`.
        """
        return self._providers(fresh=False)

    def provider(self, key: str) -> CommentProvider:
        """One comment provider.

        Args:
            key: The provider's key (`default`, `disqus`, `commento`, `artalk`).

        Returns:
            The provider, with its state and settings.

        Raises:
            ValidationError: `key` is empty.
            NotFoundError: Wiki.js has no provider with this key.
        """
        rules.check_non_empty(key, "key")
        return module_named(self.providers(), key, "comment provider")

    def update_provider(
        self, key: str, *, enabled: bool | None = None, config: Mapping[str, Any] | None = None
    ) -> CommentProvider:
        """Switch a comment provider on or off and change its settings.

        The provider is read first (fresh) and sent with the changes merged. Wiki.js uses the
        first enabled provider; switch the others off when you switch one on.

        Args:
            key: The provider's key (`default`, `disqus`, `commento`, `artalk`).
            enabled: Whether the provider is on; None keeps it.
            config: Settings to change, by name, merged into the current ones.

        Returns:
            The provider as stored.

        Raises:
            ValidationError: `key` is empty, `enabled` not a bool, or `config` not a mapping of
                names (nothing is sent).
            NotFoundError: Wiki.js has no provider with this key.
            OperationFailedError: Wiki.js refused the change.
        """
        from wikijs_graphql.input_types import CommentProviderInput

        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        current = module_named(self._providers(fresh=True), key, "comment provider")
        self._gql.update_comment_providers(
            providers=[CommentProviderInput(**module_input(current, enabled, config))]
        )
        return module_named(self.providers(), key, "comment provider")

    def _providers(self, *, fresh: bool) -> builtins.list[CommentProvider]:
        result = self._gql.list_comment_providers(cache="network-only" if fresh else None)
        return comment_providers_of(result)


def comment_providers_of(result: ListCommentProviders) -> builtins.list[CommentProvider]:
    """The providers of a `ListCommentProviders` answer.

    Args:
        result: The generated result.

    Returns:
        The providers.
    """
    listed = present(present(result.comments, "comments").providers, "a provider list")
    return [CommentProvider.model_validate(module_fields(p)) for p in listed if p is not None]


def _check_content(content: object) -> str:
    text = rules.check_text(content, "content")
    if len(text.strip()) < MIN_CONTENT_LENGTH:
        raise ValidationError(
            f"content must be at least {MIN_CONTENT_LENGTH} characters", field="content"
        )
    return text
