# Made from ../_async/authentication.py by `python -m tools.sync_twins`: do not edit.
"""`client.authentication`: the login strategies, self-registration and password resets.

The configured strategies' settings can hold secrets (an OAuth client secret, an LDAP bind
password): Wiki.js answers them in clear, so the models keep every setting whose name says it
is a credential out of their repr (see `models.modules`).

`authentication.updateStrategies` replaces the whole list of configured strategies: one left
out is deleted. `update_strategy` and `add_strategy` therefore read the list first (fresh) and
send all of it, with the one change made.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._modules import (
    AuthenticationStrategy,
    check_changes,
    config_input,
    module_fields,
    module_named,
)

if TYPE_CHECKING:
    from wikijs_graphql.input_types import AuthenticationStrategyInput
    from wikijs_graphql.list_active_strategies import ListActiveStrategies

__all__ = ["AuthenticationResource"]

# Wiki.js's own minimum for local passwords.
MIN_PASSWORD_LENGTH = 6


class AuthenticationResource(Resource):
    """The login strategies, self-registration and password resets.

    Reached as `client.authentication`: `strategies()`, `update_strategy(key, ...)`,
    `add_strategy(strategy_key, ...)` (those need `manage:system`), `register(...)` and
    `request_password_reset(email)`.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def strategies(self, *, enabled_only: bool = False) -> builtins.list[AuthenticationStrategy]:
        """The configured login strategies, in their order.

        A strategy's settings can hold secrets (an OAuth client secret, an LDAP bind password);
        Wiki.js answers them in clear, and they are kept out of the models' repr.

        Args:
            enabled_only: Whether to leave out the strategies that are switched off.

        Returns:
            The strategies, sorted by their order on the login page.
        """
        result = self._gql.list_active_strategies(enabled_only=enabled_only)
        return strategies_of(result)

    def update_strategy(
        self,
        key: str,
        *,
        display_name: str | None = None,
        enabled: bool | None = None,
        order: int | None = None,
        config: Mapping[str, Any] | None = None,
        self_registration: bool | None = None,
        domain_whitelist: Sequence[str] | None = None,
        auto_enroll_groups: Sequence[int] | None = None,
    ) -> AuthenticationStrategy:
        """Change a configured strategy; what is not given keeps its value.

        Every strategy is read first (fresh) and sent back, this one with the changes merged
        (Wiki.js deletes a strategy left out of the list).

        Args:
            key: The configured strategy's key (`local`, or the id Wiki.js gave it).
            display_name: The name on the login page; None keeps it.
            enabled: Whether it can be used to log in; None keeps it.
            order: Its place on the login page (smallest first); None keeps it.
            config: Settings to change (`clientId`, `clientSecret`, ...), merged into the
                current ones.
            self_registration: Whether new accounts may register through it; None keeps it.
            domain_whitelist: The email domains allowed to register; None keeps them.
            auto_enroll_groups: The ids of the groups new accounts join; None keeps them.

        Returns:
            The strategy as stored.

        Raises:
            ValidationError: An argument has the wrong type or is empty (nothing is sent).
            NotFoundError: No configured strategy has this key.
            OperationFailedError: Wiki.js refused the change.
        """
        rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        changes = _checked(
            {
                "display_name": display_name,
                "is_enabled": enabled,
                "order": order,
                "self_registration": self_registration,
                "domain_whitelist": domain_whitelist,
                "auto_enroll_groups": auto_enroll_groups,
            }
        )
        current = self._fresh_strategies()
        module_named(current, key, "authentication strategy")
        sent = [
            _strategy_input(s, {**changes, "config": config} if s.key == key else {})
            for s in current
        ]
        self._gql.update_strategies(strategies=sent)
        return module_named(self.strategies(), key, "authentication strategy")

    def add_strategy(
        self,
        strategy_key: str,
        *,
        key: str | None = None,
        display_name: str | None = None,
        enabled: bool = True,
        order: int | None = None,
        config: Mapping[str, Any] | None = None,
        self_registration: bool = False,
        domain_whitelist: Sequence[str] = (),
        auto_enroll_groups: Sequence[int] = (),
    ) -> AuthenticationStrategy:
        """Configure a new login strategy.

        Args:
            strategy_key: The module it uses (`oauth2`, `ldap`, `github`, ...), one of those
                `client.graphql.list_authentication_strategies()` lists.
            key: Its key; a new random id by default, as Wiki.js's admin page makes.
            display_name: The name on the login page; the module's key by default.
            enabled: Whether it can be used to log in.
            order: Its place on the login page (smallest first); after the others by default.
            config: Its settings (`clientId`, `clientSecret`, ...).
            self_registration: Whether new accounts may register through it.
            domain_whitelist: The email domains allowed to register.
            auto_enroll_groups: The ids of the groups new accounts join.

        Returns:
            The strategy as stored.

        Raises:
            ValidationError: An argument has the wrong type or is empty, the wiki has no
                module `strategy_key`, or a strategy with this key is already configured
                (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
        module = rules.check_non_empty(strategy_key, "strategy_key")
        new_key = str(uuid.uuid4()) if key is None else rules.check_non_empty(key, "key")
        check_changes(enabled, config)
        fields = _checked(
            {
                "display_name": display_name,
                "is_enabled": enabled,
                "order": order,
                "self_registration": self_registration,
                "domain_whitelist": domain_whitelist,
                "auto_enroll_groups": auto_enroll_groups,
            }
        )
        modules = self._modules()
        if module not in modules:
            raise ValidationError(
                f"{module!r} is not an authentication module of this wiki"
                f" (it has {', '.join(sorted(modules))})",
                field="strategy_key",
            )
        current = self._fresh_strategies()
        if any(s.key == new_key for s in current):
            raise ValidationError(f"a strategy with the key {new_key!r} exists", field="key")
        sent = [_strategy_input(s, {}) for s in current]
        last = max((s.order for s in current), default=-1)
        sent.append(
            _new_strategy_input(new_key, module, {"order": last + 1, **fields}, config or {})
        )
        self._gql.update_strategies(strategies=sent)
        return module_named(self.strategies(), new_key, "authentication strategy")

    def _modules(self) -> set[str]:
        """The keys of the authentication modules the wiki has (`oauth2`, `ldap`, ...)."""
        result = self._gql.list_authentication_strategies()
        listed = present(present(result.authentication, "authentication").strategies, "modules")
        return {item.key for item in listed if item is not None}

    def _fresh_strategies(self) -> builtins.list[AuthenticationStrategy]:
        result = self._gql.list_active_strategies(enabled_only=False, cache="network-only")
        return strategies_of(result)

    def register(self, email: str, password: str, name: str) -> None:
        """Create an account with the local strategy, where its self-registration is on.

        The email's domain must be in the strategy's whitelist when it has one; the new
        account is active but unverified and joins the strategy's auto-enrolled groups.
        Wiki.js mails the verification link after creating the account: when that mail
        cannot go (MailNotConfigured, 3002, where mail is not set up) the call fails and the
        account stays.

        Args:
            email: The new account's email address (not empty).
            password: Its password, at least 6 characters.
            name: Its display name (not empty, at most 255 characters).

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
            OperationFailedError: Wiki.js refused: "Registration is disabled" (1010), the
                domain is not allowed (1011), an input is invalid (1012), the email is taken
                (1004), or the verification mail could not be sent.
        """
        address = rules.check_non_empty(email, "email").strip()
        rules.check_title(name, "name")
        if len(rules.check_text(password, "password")) < MIN_PASSWORD_LENGTH:
            raise ValidationError(
                f"password must be at least {MIN_PASSWORD_LENGTH} characters", field="password"
            )
        self._gql.register(email=address, password=password, name=name.strip())

    def request_password_reset(self, email: str) -> None:
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
        self._gql.forgot_password(email=address)


def strategies_of(result: ListActiveStrategies) -> builtins.list[AuthenticationStrategy]:
    """The configured strategies of a `ListActiveStrategies` answer, in their order.

    Args:
        result: The generated result.

    Returns:
        The strategies, sorted by their order on the login page.
    """
    namespace = present(result.authentication, "authentication")
    active = present(namespace.active_strategies, "a strategy list")
    strategies = [
        AuthenticationStrategy.model_validate(
            {**module_fields(item), "strategy_key": item.strategy.key, "title": item.strategy.title}
        )
        for item in active
        if item is not None
    ]
    return sorted(strategies, key=lambda strategy: strategy.order)


def _checked(given: Mapping[str, object]) -> dict[str, Any]:
    """A strategy's fields as given, checked; those left None are not changes."""
    return {name: _checked_field(name, value) for name, value in given.items() if value is not None}


def _checked_field(name: str, value: object) -> object:
    if name == "display_name":
        return rules.check_title(value, name)
    if name in ("is_enabled", "self_registration") and not isinstance(value, bool):
        raise ValidationError(f"{name} must be True or False", field=name)
    if name == "order" and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValidationError("order must be an integer", field=name)
    if name == "domain_whitelist":
        return [rules.check_non_empty(v, name).strip() for v in rules.check_items(value, name)]
    if name == "auto_enroll_groups":
        return [rules.check_id(v, name) for v in rules.check_items(value, name)]
    return value


def _strategy_input(
    strategy: AuthenticationStrategy, changes: Mapping[str, Any]
) -> AuthenticationStrategyInput:
    """A configured strategy as sent back, with `changes` (its `config` merged) applied."""
    from wikijs_graphql.input_types import AuthenticationStrategyInput

    fields: dict[str, Any] = {
        "key": strategy.key,
        "strategy_key": strategy.strategy_key,
        "display_name": strategy.display_name,
        "order": strategy.order,
        "is_enabled": strategy.is_enabled,
        "self_registration": strategy.self_registration,
        "domain_whitelist": strategy.domain_whitelist,
        "auto_enroll_groups": strategy.auto_enroll_groups,
        **{name: value for name, value in changes.items() if name != "config"},
    }
    fields["config"] = strategy.config_input(changes.get("config"))
    return AuthenticationStrategyInput(**fields)


def _new_strategy_input(
    key: str, module: str, fields: Mapping[str, Any], config: Mapping[str, Any]
) -> AuthenticationStrategyInput:
    from wikijs_graphql.input_types import AuthenticationStrategyInput

    return AuthenticationStrategyInput(
        key=key,
        strategy_key=module,
        **{"display_name": module, "domain_whitelist": [], "auto_enroll_groups": [], **fields},
        config=config_input(config),
    )
