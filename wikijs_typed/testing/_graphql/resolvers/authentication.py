"""`authentication { ... }`: local login, continuation tokens and API keys."""

from __future__ import annotations

import secrets
import string
from html import escape
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._clock import iso
from wikijs_typed.testing._graphql.errors import (
    JSError,
    WikiError,
    failure,
    success,
    wiki_error,
)
from wikijs_typed.testing._graphql.resolvers.modules import listed, settings
from wikijs_typed.testing._graphql.resolvers.site import mail_failure
from wikijs_typed.testing._graphql.resolvers.users import register_user
from wikijs_typed.testing._wiki.accounts import hash_password, verify_password
from wikijs_typed.testing._wiki.catalogue import (
    authentication_strategies,
    config_entries,
    definitions,
)
from wikijs_typed.testing._wiki.collation import collation_key
from wikijs_typed.testing._wiki.identity import duration_ms, refresh_token
from wikijs_typed.testing._wiki.state import ApiKey, Strategy, User, UserKey
from wikijs_typed.testing._wiki.wiki import Context, context_of

query = ObjectType("AuthenticationQuery")
mutation = ObjectType("AuthenticationMutation")
strategy_type = ObjectType("AuthenticationStrategy")
bindables = [query, mutation, strategy_type]

Info = GraphQLResolveInfo
_NANOID = string.ascii_letters + string.digits + "_-"
_TOKEN_LIFETIME = 3600.0
# The one authentication module of Wiki.js 2.5.314 without an `auth-icon-<key>.svg`.
_WITHOUT_ARTWORK = frozenset({"firebase"})
_EXPIRES_IN = (
    '"expiresIn" should be a number of seconds or string representing a timespan eg:'
    ' "1d", "20h", 60'
)


def continuation_token(ctx: Context, user: User, kind: str) -> str:
    token = "".join(secrets.choice(_NANOID) for _ in range(21))
    valid_until = ctx.wiki.clock.now() + _TOKEN_LIFETIME
    ctx.db.user_keys[token] = UserKey(token, kind, user.id, valid_until)
    return token


def _redeem(ctx: Context, token: str, kind: str) -> User:
    key = ctx.db.user_keys.get(token)
    if key is None or key.kind != kind or key.valid_until <= ctx.wiki.clock.now():
        raise wiki_error("AuthValidationTokenInvalid")
    del ctx.db.user_keys[token]
    user = ctx.db.users.get(key.user_id)
    if user is None:
        raise wiki_error("AuthValidationTokenInvalid")
    return user


def _after_login(ctx: Context, user: User) -> dict[str, Any]:
    redirect = "/"
    for group in ctx.db.groups_of(user.id):
        if group.redirect_on_login and group.redirect_on_login != "/":
            redirect = group.redirect_on_login
            break
    if user.tfa_is_active and user.tfa_secret:
        return {
            "mustProvideTFA": True,
            "continuationToken": continuation_token(ctx, user, "tfa"),
            "redirect": redirect,
        }
    if user.tfa_is_active:
        return {
            "mustSetupTFA": True,
            "continuationToken": continuation_token(ctx, user, "tfaSetup"),
            "tfaQRImage": "data:image/png;base64,",
            "redirect": redirect,
        }
    if user.must_change_pwd:
        return {
            "mustChangePwd": True,
            "continuationToken": continuation_token(ctx, user, "changePwd"),
            "redirect": redirect,
        }
    return {"jwt": refresh_token(ctx.db, ctx.wiki.tokens, user), "redirect": redirect}


@mutation.field("login")
def resolve_login(
    _obj: Any, info: Info, username: str, password: str, strategy: str
) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        if strategy != "local":
            raise wiki_error("AuthProviderInvalid")
        ctx.wiki.work.append("hash")
        user = ctx.db.find_user(username.strip().lower(), "local")
        if user is None or user.id == 2:
            raise wiki_error("AuthLoginFailed")
        if not user.is_active:
            raise wiki_error("AuthAccountBanned")
        if not user.is_verified:
            raise wiki_error("AuthAccountNotVerified")
        if not verify_password(user, password):
            raise wiki_error("AuthLoginFailed")
        result = _after_login(ctx, user)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}
    return {"responseResult": success("Login success"), **result}


@mutation.field("loginChangePassword")
def resolve_login_change_password(
    _obj: Any,
    info: Info,
    continuationToken: str,
    newPassword: str,
) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        if not newPassword or len(newPassword) < 6:
            raise wiki_error("InputInvalid", "Password must be at least 6 characters!")
        user = _redeem(ctx, continuationToken, "changePwd")
        ctx.wiki.work.append("hash")
        user.password, user.must_change_pwd = hash_password(newPassword), False
        user.updated_at = ctx.wiki.now()
        ctx.db.users.touch(user)
        token = refresh_token(ctx.db, ctx.wiki.tokens, user)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}
    return {"responseResult": success("Password changed successfully"), "jwt": token}


@mutation.field("loginTFA")
def resolve_login_tfa(_obj: Any, info: Info, continuationToken: str, **_: Any) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        key = ctx.db.user_keys.get(continuationToken)
        _redeem(ctx, continuationToken, key.kind if key and key.kind == "tfaSetup" else "tfa")
        # The emulator keeps no authenticator secrets, so no code can be right.
        raise wiki_error("AuthTFAFailed")
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}


@mutation.field("register")
def resolve_register(_obj: Any, info: Info, email: str, password: str, name: str) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        user = register_user(ctx, email, password, name)
        # The account stays when its verification mail cannot go: Wiki.js creates the token
        # and sends the mail after the insert, outside any transaction.
        continuation_token(ctx, user, "verify")
        raise mail_failure(ctx.db.admin.mail)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}


@mutation.field("forgotPassword")
def resolve_forgot_password(_obj: Any, _info: Info, email: str) -> dict[str, Any]:
    return {"responseResult": success("Password reset request processed.")}


# -- API keys -------------------------------------------------------------------------------


def _key_view(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "keyShort": "..." + key.key[-20:],
        "expiration": key.expiration,
        "createdAt": key.created_at,
        "updatedAt": key.updated_at,
        "isRevoked": key.is_revoked,
    }


@query.field("apiKeys")
def resolve_api_keys(_obj: Any, info: Info) -> list[dict[str, Any]]:
    keys = sorted(
        context_of(info).db.api_keys.scan(), key=lambda k: (k.is_revoked, collation_key(k.name))
    )
    return [_key_view(key) for key in keys]


@query.field("apiState")
def resolve_api_state(_obj: Any, info: Info) -> bool:
    return context_of(info).db.api_enabled


@query.field("strategies")
def resolve_strategies(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return authentication_strategies()


@strategy_type.field("icon")
def resolve_strategy_icon(module: dict[str, Any], _info: Info) -> str | None:
    # Wiki.js answers the text of its `assets/svg/auth-icon-<key>.svg`, or null when there is
    # no such file (firebase, or a configured strategy whose module is gone). The artwork is
    # Wiki.js's own and not shipped here: the emulator answers an SVG of its own in its place.
    key = module.get("key")
    if key is None or key in _WITHOUT_ARTWORK:
        return None
    title = escape(str(module.get("title", key)))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><title>{title}</title></svg>'
    )


def _strategy_view(strategy: Strategy) -> dict[str, Any]:
    # Joined with its module's definition (whose `props` object the declared list cannot
    # serve); `config` holds only the settings the definition describes, sorted by key.
    module = next(
        (d for d in definitions("authentication") if d["key"] == strategy.strategy_key), {}
    )
    return {
        "key": strategy.key,
        "strategy": module,
        "displayName": strategy.display_name,
        "order": strategy.order,
        "isEnabled": strategy.is_enabled,
        "config": config_entries({"props": module.get("props", {})}, strategy.config),
        "selfRegistration": strategy.self_registration,
        "domainWhitelist": strategy.domain_whitelist,
        "autoEnrollGroups": strategy.auto_enroll_groups,
    }


@query.field("activeStrategies")
def resolve_active_strategies(
    _obj: Any, info: Info, enabledOnly: bool | None = None
) -> list[dict[str, Any]]:
    strategies = sorted(context_of(info).db.strategies.values(), key=lambda s: s.order)
    return [_strategy_view(s) for s in strategies if s.is_enabled or not enabledOnly]


@mutation.field("createApiKey")
def resolve_create_api_key(
    _obj: Any,
    info: Info,
    name: str,
    expiration: str,
    fullAccess: bool,
    group: int | None = None,
) -> dict[str, Any]:
    ctx = context_of(info)
    db, now = ctx.db, ctx.wiki.clock.now()
    lifetime = duration_ms(expiration)
    stamp = ctx.wiki.now()
    # Wiki.js inserts a revoked placeholder first and signs the key afterwards, so a bad
    # expiration leaves the placeholder behind.
    key = db.api_keys.insert(
        ApiKey(
            db.api_keys.next_id(),
            name,
            "pending",
            iso(now + (lifetime or 0) / 1000),
            stamp,
            stamp,
            True,
        )
    )
    if lifetime is None:
        return {"key": None, "responseResult": failure(JSError(_EXPIRES_IN))}
    key.key = ctx.wiki.tokens.api_key_token(key.id, 1 if fullAccess else group, lifetime / 1000)
    key.is_revoked, key.updated_at = False, ctx.wiki.now()
    db.api_keys.touch(key)
    return {"key": key.key, "responseResult": success("API Key created successfully")}


@mutation.field("revokeApiKey")
def resolve_revoke_api_key(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)
    key = ctx.db.api_keys.get(id)
    if key is not None:
        key.is_revoked, key.updated_at = True, ctx.wiki.now()
        ctx.db.api_keys.touch(key)
    return {"responseResult": success("API Key revoked successfully")}


@mutation.field("setApiState")
def resolve_set_api_state(_obj: Any, info: Info, enabled: bool) -> dict[str, Any]:
    context_of(info).db.api_enabled = enabled
    return {"responseResult": success("API State changed successfully")}


@mutation.field("regenerateCertificates")
def resolve_regenerate_certificates(_obj: Any, info: Info) -> dict[str, Any]:
    ctx = context_of(info)
    ctx.wiki.tokens.secret = secrets.token_urlsafe(32)
    return {"responseResult": success("Certificates have been regenerated successfully.")}


@mutation.field("resetGuestUser")
def resolve_reset_guest_user(_obj: Any, _info: Info) -> dict[str, Any]:
    return {"responseResult": success("Guest user has been reset successfully.")}


@mutation.field("updateStrategies")
def resolve_update_strategies(_obj: Any, info: Info, strategies: Any) -> dict[str, Any]:
    ctx = context_of(info)
    # Each listed strategy is patched (its settings replaced) or inserted; then every strategy
    # not listed is deleted, unless an account still logs in with it.
    try:
        stored = ctx.db.strategies
        previous = list(stored.values())
        for item in listed(strategies, "strategies", first_read="displayName"):
            stored[item["key"]] = Strategy(
                key=item["key"],
                strategy_key=item["strategyKey"],
                display_name=item["displayName"],
                order=item["order"],
                is_enabled=item["isEnabled"],
                config=settings(item.get("config")),
                self_registration=item["selfRegistration"],
                domain_whitelist=list(item["domainWhitelist"]),
                auto_enroll_groups=list(item["autoEnrollGroups"]),
            )
        kept = {item["key"] for item in strategies}
        for strategy in previous:
            if strategy.key in kept:
                continue
            if any(user.provider_key == strategy.key for user in ctx.db.users.scan()):
                raise JSError(
                    f"Cannot delete {strategy.display_name} as 1 or more users are still using it."
                )
            del stored[strategy.key]
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}
    return {"responseResult": success("Strategies updated successfully")}
