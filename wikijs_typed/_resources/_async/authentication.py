"""`client.authentication`: the login strategies, self-registration and password resets.

The configured strategies' settings can hold secrets (an OAuth client secret, an LDAP bind
password): Wiki.js answers them in clear, so the models keep every setting whose name says it
is a credential out of their repr (see `models.modules`).
"""

from __future__ import annotations

import builtins

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import AuthenticationStrategy, module_fields

__all__ = ["AsyncAuthenticationResource"]

# Wiki.js's own minimum for local passwords.
MIN_PASSWORD_LENGTH = 6


class AsyncAuthenticationResource(AsyncResource):
    """The login strategies, self-registration and password resets.

    Reached as `client.authentication`: `strategies()`, `register(...)` and
    `request_password_reset(email)`.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    async def strategies(
        self, *, enabled_only: bool = False
    ) -> builtins.list[AuthenticationStrategy]:
        """The configured login strategies, in their order.

        A strategy's settings can hold secrets (an OAuth client secret, an LDAP bind password);
        Wiki.js answers them in clear, and they are kept out of the models' repr.

        Args:
            enabled_only: Whether to leave out the strategies that are switched off.

        Returns:
            The strategies, sorted by their order on the login page.
        """
        result = await self._gql.list_active_strategies(enabled_only=enabled_only)
        namespace = present(result.authentication, "authentication")
        active = present(namespace.active_strategies, "a strategy list")
        strategies = [
            AuthenticationStrategy.model_validate(
                {
                    **module_fields(item),
                    "strategy_key": item.strategy.key,
                    "title": item.strategy.title,
                }
            )
            for item in active
            if item is not None
        ]
        return sorted(strategies, key=lambda strategy: strategy.order)

    async def register(self, email: str, password: str, name: str) -> None:
        """Create an account with the local strategy, where its self-registration is on.

        Args:
            email: The new account's email address (not empty).
            password: Its password, at least 6 characters.
            name: Its display name (not empty, at most 255 characters).

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
            OperationFailedError: Wiki.js refused: "Registration is disabled", the email is taken,
                or its domain is not allowed.
        """
        address = rules.check_non_empty(email, "email").strip()
        rules.check_title(name, "name")
        if len(rules.check_text(password, "password")) < MIN_PASSWORD_LENGTH:
            raise ValidationError(
                f"password must be at least {MIN_PASSWORD_LENGTH} characters", field="password"
            )
        await self._gql.register(email=address, password=password, name=name.strip())

    async def request_password_reset(self, email: str) -> None:
        """Mail a password reset link to an account's address.

        Wiki.js answers the same for an address it does not know, so success says nothing about
        whether the account exists.

        Args:
            email: The account's email address (not empty).

        Raises:
            ValidationError: `email` is empty (nothing is sent).
            OperationFailedError: Wiki.js could not send the mail.
        """
        address = rules.check_non_empty(email, "email").strip()
        await self._gql.forgot_password(email=address)
