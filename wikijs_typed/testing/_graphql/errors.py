"""The three kinds of failure a Wiki.js resolver produces, and how each reaches the client.

- `WikiError`: Wiki.js's own errors (`WIKI.Error.*`) with a numeric code and a slug. In a
  `responseResult` they keep their code; as a top-level GraphQL error the code is only in
  `extensions.exception.code`.
- `JSError`: a plain JavaScript exception (Error, TypeError, a database error...). In a
  `responseResult` it becomes `errorCode: 1` with the class name as slug; top-level its
  `exception` is empty.
- `RaisedGraphQLError`: errors Wiki.js throws as GraphQL errors (groups, rate limits,
  serialisation); top-level only, `exception` holds the message. `NotEmulated` is one the
  emulator adds for the few fields it does not model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class WikiError(Exception):
    def __init__(self, code: int, slug: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.slug = slug
        self.message = message


class JSError(Exception):
    def __init__(self, message: str, name: str = "Error") -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class RaisedGraphQLError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotEmulated(RaisedGraphQLError):
    """A field the emulator does not model: it says so instead of answering a made-up null."""

    def __init__(self, field: str, what: str = "") -> None:
        detail = f" ({what})" if what else ""
        super().__init__(f"{field} is not emulated by wikijs_typed.testing{detail}")
        self.field = field


def not_emulated(field: str, what: str = "") -> NotEmulated:
    return NotEmulated(field, what)


# code, default message — from Wiki.js 2.5's server/helpers/error.js
_CATALOGUE: dict[str, tuple[int, str]] = {
    "AssetFolderExists": (2002, "An asset folder with the same name already exists."),
    "AssetInvalid": (2004, "This asset does not exist or is invalid."),
    "AssetRenameCollision": (
        2005,
        "An asset with the same filename in the same folder already exists.",
    ),
    "AssetRenameForbidden": (2006, "You are not authorized to rename this asset."),
    "AssetRenameInvalid": (2007, "The new asset filename is invalid."),
    "AssetRenameInvalidExt": (2008, "The file extension cannot be changed on an existing asset."),
    "AssetRenameTargetForbidden": (
        2009,
        "You are not authorized to rename this asset to the requested name.",
    ),
    "AssetDeleteForbidden": (2003, "You are not authorized to delete this asset."),
    "AuthAccountAlreadyExists": (1004, "An account already exists using this email address."),
    "AuthAccountBanned": (1013, "Your account has been disabled."),
    "AuthAccountNotVerified": (1014, "You must verify your account before your can login."),
    "AuthLoginFailed": (1002, "Invalid email / username or password."),
    "AuthPasswordInvalid": (1020, "Password is incorrect."),
    "AuthProviderInvalid": (1003, "Invalid authentication provider."),
    "AuthRegistrationDisabled": (
        1010,
        "Registration is disabled. Contact your system administrator.",
    ),
    "AuthRegistrationDomainUnauthorized": (
        1011,
        "You are not authorized to register. Your domain is not whitelisted.",
    ),
    "AuthRequired": (1019, "You must be authenticated to access this resource."),
    "AuthTFAFailed": (1005, "Incorrect TFA Security Code."),
    "AuthTFAInvalid": (1006, "Invalid TFA Security Code or Login Key."),
    "AuthValidationTokenInvalid": (1015, "Invalid validation token."),
    "CommentContentMissing": (8003, "Comment content is missing or too short."),
    "CommentManageForbidden": (8004, "You are not authorized to manage comments on this page."),
    "CommentNotFound": (8005, "This comment does not exist."),
    "CommentPostForbidden": (8002, "You are not authorized to post a comment on this page."),
    "CommentViewForbidden": (8006, "You are not authorized to view comments for this page."),
    "InputInvalid": (1012, "Input data is invalid."),
    "MailInvalidRecipient": (3004, "The recipient email address is invalid."),
    "MailNotConfigured": (3002, "The mail configuration is incomplete or invalid."),
    "PageDeleteForbidden": (6010, "You are not authorized to delete this page."),
    "PageDuplicateCreate": (
        6002,
        "Cannot create this page because an entry already exists at the same path.",
    ),
    "PageEmptyContent": (6004, "Page content cannot be empty."),
    "PageHistoryForbidden": (6012, "You are not authorized to view the history of this page."),
    "PageIllegalPath": (6005, "Page path cannot contains illegal characters."),
    "PageMoveForbidden": (6007, "You are not authorized to move this page."),
    "PageNotFound": (6003, "This page does not exist."),
    "PagePathCollision": (6006, "Destination page path already exists."),
    "PageRestoreForbidden": (6011, "You are not authorized to restore this page version."),
    "PageUpdateForbidden": (6009, "You are not authorized to update this page."),
    "PageViewForbidden": (6013, "You are not authorized to view this page."),
    "UserDeleteForeignConstraint": (
        1017,
        "Cannot delete user because of content relational constraints.",
    ),
    "UserDeleteProtected": (1018, "Cannot delete a protected system account."),
    "UserNotFound": (1016, "This user does not exist."),
    "SystemSSLDisabled": (7002, "SSL is not enabled."),
}


def wiki_error(slug: str, message: str | None = None) -> WikiError:
    code, default = _CATALOGUE[slug]
    return WikiError(code, slug, message or default)


def success(message: str) -> dict[str, Any]:
    return {"succeeded": True, "errorCode": 0, "slug": "ok", "message": message}


def failure(error: Exception) -> dict[str, Any]:
    """The `responseResult` Wiki.js's graphHelper.generateError makes of an exception."""
    if isinstance(error, WikiError):
        return {
            "succeeded": False,
            "errorCode": error.code,
            "slug": error.slug,
            "message": error.message,
        }
    name = error.name if isinstance(error, JSError) else "Error"
    return {"succeeded": False, "errorCode": 1, "slug": name, "message": str(error)}


def foreign_key_error(statement: str, constraint: str, table: str) -> JSError:
    """The message PostgreSQL and knex produce for a foreign-key violation."""
    return JSError(
        f'{statement} - insert or update on table "{table}" violates foreign key'
        f' constraint "{constraint}"',
        "ForeignKeyViolationError",
    )


def unique_violation(statement: str, constraint: str) -> JSError:
    """The message PostgreSQL and knex produce when an insert hits a unique constraint."""
    return JSError(
        f'{statement} - duplicate key value violates unique constraint "{constraint}"',
        "UniqueViolationError",
    )


def job_failure(job: str, error: JSError) -> JSError:
    """A worker job's failure as the scheduler reports it.

    A plain Error with the job's stderr (the worker writes its error's message there) after a
    prefix.
    """
    return JSError(f"Error when running job {job}: {error.message}")


def respond(action: Callable[[], object], message: str) -> dict[str, Any]:
    """Run a mutation's work and wrap the outcome in a DefaultResponse."""
    try:
        action()
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}
    return {"responseResult": success(message)}
