"""Asking the server who the caller is: the client's check that its credentials work.

Wiki.js 2.5 runs a request with a bad, revoked or long-expired token as the Guest user
instead of refusing it, so a wrong credential shows only as answers that are Forbidden or
empty. Guest has no profile, and every real user and API key has one: asking for the profile
tells the two apart at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wikijs_typed._pipeline.guest import GUEST_HINT
from wikijs_typed.auth._credentials import LoginRefused
from wikijs_typed.exceptions import AuthenticationError, ForbiddenError

if TYPE_CHECKING:
    from wikijs_graphql.get_profile import GetProfile

    from wikijs_typed._pipeline.base_client import AsyncExecutor, SyncExecutor


@dataclass(frozen=True, slots=True)
class CallerIdentity:
    """Who the server says the caller is (an API key acts as the administrator, id 1)."""

    user_id: int
    name: str
    email: str


def _identity_from(profile: GetProfile) -> CallerIdentity:
    found = profile.users.profile if profile.users is not None else None
    if found is None:
        raise AuthenticationError(GUEST_HINT)
    return CallerIdentity(found.id, found.name, found.email)


@contextlib.contextmanager
def _guest_told_apart() -> Iterator[None]:
    """Turns a refusal into the AuthenticationError that says the caller ran as Guest."""
    try:
        yield
    except (AuthenticationError, ForbiddenError) as exc:
        if isinstance(exc, LoginRefused):
            raise  # it says why itself; the request never ran, as Guest or anyone
        raise AuthenticationError(f"{GUEST_HINT} ({exc})") from exc


def verify_identity(executor: SyncExecutor) -> CallerIdentity:
    """Ask the server who the credentials belong to.

    A client that wants to fail fast calls this once (the facade's `test_connection()` does).

    Args:
        executor: what runs the request (the client's engine).

    Returns:
        The user the server ran the request as.

    Raises:
        AuthenticationError: when the server ran it as Guest, or refused the login.
        WikiJSConnectionError: when the server cannot be reached.
        WikiJSTimeoutError: when it does not answer in time.
    """
    from wikijs_graphql import GraphQLClient

    with _guest_told_apart():
        return _identity_from(GraphQLClient(executor).get_profile(cache="no-cache"))


async def averify_identity(executor: AsyncExecutor) -> CallerIdentity:
    """As `verify_identity`, for the async client (the same errors).

    Args:
        executor: the async client's engine.

    Returns:
        The user the server ran the request as.
    """
    from wikijs_graphql import AsyncGraphQLClient

    with _guest_told_apart():
        return _identity_from(await AsyncGraphQLClient(executor).get_profile(cache="no-cache"))
