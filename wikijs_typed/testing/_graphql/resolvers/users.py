"""`users { ... }`: accounts, profiles and the administrator's user management."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import (
    JSError,
    WikiError,
    failure,
    foreign_key_error,
    respond,
    success,
    wiki_error,
)
from wikijs_typed.testing._graphql.validation import Check, email, first_problem, length, present
from wikijs_typed.testing._graphql.views import group_detail, minimal_view
from wikijs_typed.testing._wiki.accounts import hash_password, verify_password
from wikijs_typed.testing._wiki.identity import GUEST_ID, refresh_token
from wikijs_typed.testing._wiki.like import contains
from wikijs_typed.testing._wiki.state import Database, User
from wikijs_typed.testing._wiki.wiki import Context, context_of

query = ObjectType("UserQuery")
mutation = ObjectType("UserMutation")
profile_type = ObjectType("UserProfile")
bindables = [query, mutation, profile_type]

Info = GraphQLResolveInfo
PROVIDERS = {"local": "Local"}
DATE_FORMATS = ("", "DD/MM/YYYY", "DD.MM.YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "YYYY/MM/DD")
APPEARANCES = ("", "light", "dark")
_USER_INSERT = (
    'insert into "users" ("createdAt", "email", "isActive", "isSystem", "isVerified",'
    ' "mustChangePwd", "name", "providerKey", "tfaIsActive", "updatedAt") values ($1, $2, $3,'
    ' $4, $5, $6, $7, $8, $9, $10) returning "id"'
)


def group_view(db: Database, group_id: int) -> dict[str, Any] | None:
    group = db.groups.get(group_id)
    return group_detail(db, group) if group else None


def _patch(ctx: Context, user: User, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(user, name, value)
    user.updated_at = ctx.wiki.now()
    ctx.db.users.touch(user)


# -- queries --------------------------------------------------------------------------------


@query.field("list")
def resolve_list(_obj: Any, info: Info, **_ignored: Any) -> list[dict[str, Any]]:
    # Wiki.js accepts `filter` and `orderBy` and ignores both; rows come in heap order.
    return [minimal_view(user) for user in context_of(info).db.users.scan()]


@query.field("search")
def resolve_search(_obj: Any, info: Info, query: str) -> list[dict[str, Any]]:
    # `email LIKE '%query%' OR name LIKE '%query%'`: case-sensitive, with SQL wildcards
    users = context_of(info).db.users.scan()
    found = [u for u in users if contains(query, u.email) or contains(query, u.name)]
    # Only these columns are loaded, so the non-null isSystem/isActive cannot be selected.
    keys = ("id", "email", "name", "providerKey", "createdAt")
    return [{key: minimal_view(user)[key] for key in keys} for user in found[:10]]


@query.field("lastLogins")
def resolve_last_logins(_obj: Any, info: Info) -> list[dict[str, Any]]:
    users = [u for u in context_of(info).db.users.scan() if u.last_login_at]
    users.sort(key=lambda u: u.last_login_at or "", reverse=True)
    return [{"id": u.id, "name": u.name, "lastLoginAt": u.last_login_at} for u in users[:10]]


@query.field("single")
def resolve_single(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    db = context_of(info).db
    user = db.users.get(id)
    if user is None:
        raise JSError("Cannot set properties of undefined (setting 'password')", "TypeError")
    return {
        **minimal_view(user),
        "providerName": PROVIDERS.get(user.provider_key),
        "providerId": None,
        "providerIs2FACapable": user.provider_key == "local",
        "isVerified": user.is_verified,
        "location": user.location,
        "jobTitle": user.job_title,
        "timezone": user.timezone,
        "dateFormat": user.date_format,
        "appearance": user.appearance,
        "updatedAt": user.updated_at,
        "tfaIsActive": user.tfa_is_active,
        "groups": [group_view(db, group.id) for group in db.groups_of(user.id)],
    }


def _caller(ctx: Context) -> User:
    user = ctx.user
    if user is None or user.id < 1 or user.id == GUEST_ID:
        raise wiki_error("AuthRequired")
    account = ctx.db.users.get(user.id)
    if account is None:
        raise wiki_error("AuthRequired")
    return account


@query.field("profile")
def resolve_profile(_obj: Any, info: Info) -> dict[str, Any]:
    ctx = context_of(info)
    user = _caller(ctx)
    if not user.is_active:
        raise wiki_error("AuthAccountBanned")
    return {
        **minimal_view(user),
        "providerName": PROVIDERS.get(user.provider_key, "Unknown"),
        "isVerified": user.is_verified,
        "location": user.location,
        "jobTitle": user.job_title,
        "timezone": user.timezone,
        "dateFormat": user.date_format,
        "appearance": user.appearance,
        "updatedAt": user.updated_at,
        "lastLoginAt": user.last_login_at or user.updated_at,
    }


@profile_type.field("groups")
def resolve_profile_groups(obj: dict[str, Any], info: Info) -> list[str]:
    return [group.name for group in context_of(info).db.groups_of(obj["id"])]


@profile_type.field("pagesTotal")
def resolve_profile_pages(obj: dict[str, Any], info: Info) -> int:
    return sum(1 for page in context_of(info).db.pages.scan() if page.creator_id == obj["id"])


# -- administration -------------------------------------------------------------------------


def create_user(ctx: Context, args: dict[str, Any]) -> None:
    db = ctx.db
    address = str(args["email"]).lower()
    provider, name, password = args["providerKey"], args["name"], args.get("passwordRaw")
    rules: list[tuple[str, object, list[Check]]] = [
        ("Email", address, [email, length(maximum=255)])
    ]
    if provider == "local":
        rules.append(("Password raw", password, [present, length(minimum=6)]))
    rules.append(("Name", name, [present, length(2, 255)]))
    problem = first_problem(rules)
    if problem:
        raise wiki_error("InputInvalid", problem)
    if db.find_user(address, provider) is not None:
        raise wiki_error("AuthAccountAlreadyExists")
    user_id = db.users.next_id()
    if provider not in PROVIDERS:
        raise foreign_key_error(_USER_INSERT, "users_providerkey_foreign", "users")
    now = ctx.wiki.now()
    user = User(user_id, address, name, provider, None, now, now)
    if provider == "local":
        ctx.wiki.work.append("hash")
        user.password = hash_password(str(password))
        user.must_change_pwd = args.get("mustChangePassword") is True
    db.users.insert(user)
    _enroll(db, user, [g for g in args.get("groups") or [] if g is not None])


def _enroll(db: Database, user: User, groups: list[int]) -> None:
    """Relate a new account to groups, as one insert that a missing group fails whole."""
    if any(db.groups.get(group_id) is None for group_id in groups):
        values = ", ".join(f"(${2 * i + 1}, ${2 * i + 2})" for i in range(len(groups)))
        statement = (
            f'insert into "userGroups" ("groupId", "userId") values {values} returning "groupId"'
        )
        raise foreign_key_error(statement, "usergroups_groupid_foreign", "userGroups")
    db.user_groups.extend((user.id, group_id) for group_id in groups)


def register_user(ctx: Context, address: str, password: str, name: str) -> User:
    """Self-registration with the local strategy, as Wiki.js's `users.register` does it.

    The checks run in the server's order: registration switched on, the inputs, the email's
    domain against the whitelist (an exact match), then an existing account. The new account
    is active and unverified, and joins the local strategy's auto-enrolled groups. The
    verification mail that follows is the caller's to send.
    """
    db = ctx.db
    local = db.strategies.get("local")
    if local is None:
        raise JSError(
            "Cannot read properties of undefined (reading 'selfRegistration')", "TypeError"
        )
    if not local.self_registration:
        raise wiki_error("AuthRegistrationDisabled")
    address = address.lower()
    problem = first_problem(
        [
            ("Email", address, [email, length(maximum=255)]),
            ("Password", password, [present, length(minimum=6)]),
            ("Name", name, [present, length(2, 255)]),
        ]
    )
    if problem:
        raise wiki_error("InputInvalid", problem)
    if local.domain_whitelist and address.split("@")[-1] not in local.domain_whitelist:
        raise wiki_error("AuthRegistrationDomainUnauthorized")
    if db.find_user(address, "local") is not None:
        raise wiki_error("AuthAccountAlreadyExists")
    now = ctx.wiki.now()
    user = User(db.users.next_id(), address, name, "local", None, now, now, is_verified=False)
    ctx.wiki.work.append("hash")
    user.password = hash_password(password)
    db.users.insert(user)
    _enroll(db, user, local.auto_enroll_groups)
    return user


@mutation.field("create")
def resolve_create(_obj: Any, info: Info, **args: Any) -> dict[str, Any]:
    try:
        create_user(context_of(info), args)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "user": None}
    return {"responseResult": success("User created successfully"), "user": None}


def update_user(ctx: Context, args: dict[str, Any]) -> None:
    db = ctx.db
    user = db.users.get(args["id"])
    if user is None:
        raise wiki_error("UserNotFound")
    changes: dict[str, Any] = {}
    address = args.get("email")
    if address and address != user.email:
        if any(other.email == address for other in db.users.scan()):
            raise wiki_error("AuthAccountAlreadyExists")
        changes["email"] = address.lower()
    if args.get("name") and args["name"] != user.name:
        changes["name"] = args["name"].strip()
    if args.get("newPassword"):
        if len(args["newPassword"]) < 6:
            raise wiki_error("InputInvalid", "Password must be at least 6 characters!")
        ctx.wiki.work.append("hash")
        changes["password"] = hash_password(args["newPassword"])
    if isinstance(args.get("groups"), list):
        wanted = [g for g in args["groups"] if g is not None]
        current = [group.id for group in db.groups_of(user.id)]
        db.user_groups.extend((user.id, g) for g in wanted if g not in current)
        db.user_groups[:] = [
            (uid, gid) for uid, gid in db.user_groups if uid != user.id or gid in wanted
        ]
    for key, attribute in (("location", "location"), ("jobTitle", "job_title")):
        if args.get(key) and args[key] != getattr(user, attribute):
            changes[attribute] = args[key].strip()
    if args.get("timezone") and args["timezone"] != user.timezone:
        changes["timezone"] = args["timezone"]
    for key, attribute in (("dateFormat", "date_format"), ("appearance", "appearance")):
        if args.get(key) is not None and args[key] != getattr(user, attribute):
            changes[attribute] = args[key]
    _patch(ctx, user, **changes)


@mutation.field("update")
def resolve_update(_obj: Any, info: Info, **args: Any) -> dict[str, Any]:
    return respond(lambda: update_user(context_of(info), args), "User updated successfully")


def _toggle(info: Info, user_id: int, **changes: Any) -> None:
    ctx = context_of(info)
    user = ctx.db.users.get(user_id)
    if user is not None:  # unknown ids still "succeed", as on the real server
        _patch(ctx, user, **changes)


@mutation.field("activate")
def resolve_activate(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    _toggle(info, id, is_active=True)
    return {"responseResult": success("User activated successfully")}


@mutation.field("deactivate")
def resolve_deactivate(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    def deactivate() -> None:
        if id <= 2:
            raise JSError("Cannot deactivate system accounts.")
        _toggle(info, id, is_active=False)
        context_of(info).wiki.tokens.revoke("u", id)

    return respond(deactivate, "User deactivated successfully")


@mutation.field("verify")
def resolve_verify(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    _toggle(info, id, is_verified=True)
    return {"responseResult": success("User verified successfully")}


@mutation.field("enableTFA")
def resolve_enable_tfa(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    _toggle(info, id, tfa_is_active=True, tfa_secret=None)
    return {"responseResult": success("User 2FA enabled successfully")}


@mutation.field("disableTFA")
def resolve_disable_tfa(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    _toggle(info, id, tfa_is_active=False, tfa_secret=None)
    return {"responseResult": success("User 2FA disabled successfully")}


@mutation.field("resetPassword")
def resolve_reset_password(_obj: Any, _info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    return {}  # not implemented in Wiki.js 2.5: responseResult comes back null


def delete_user(ctx: Context, user_id: int, replace_id: int) -> None:
    db = ctx.db
    if user_id <= 2:
        raise wiki_error("UserDeleteProtected")
    user = db.users.get(user_id)
    if user is None:
        raise wiki_error("UserNotFound")
    owns = (
        any(a.author_id == user_id for a in db.assets.scan())
        or any(c.author_id == user_id for c in db.comments.scan())
        or any(v.author_id == user_id for v in db.versions.scan())
        or any(user_id in (p.author_id, p.creator_id) for p in db.pages.scan())
    )
    if owns and db.users.get(replace_id) is None:
        raise wiki_error("UserDeleteForeignConstraint")
    now = ctx.wiki.now()
    for asset in db.assets.scan():
        if asset.author_id == user_id:
            asset.author_id = replace_id
    for comment in db.comments.scan():
        if comment.author_id == user_id:
            comment.author_id = replace_id
    for version in db.versions.scan():
        if version.author_id == user_id:
            version.author_id = replace_id
    for page in db.pages.scan():
        if user_id in (page.author_id, page.creator_id):
            if page.author_id == user_id:
                page.author_id = replace_id
            if page.creator_id == user_id:
                page.creator_id = replace_id
            page.updated_at = now
            db.pages.touch(page)
    db.users.delete(user_id)
    db.user_groups[:] = [pair for pair in db.user_groups if pair[0] != user_id]
    ctx.wiki.tokens.revoke("u", user_id)


@mutation.field("delete")
def resolve_delete(_obj: Any, info: Info, id: int, replaceId: int) -> dict[str, Any]:  # noqa: A002
    return respond(
        lambda: delete_user(context_of(info), id, replaceId), "User deleted successfully"
    )


# -- self-service ---------------------------------------------------------------------------


@mutation.field("updateProfile")
def resolve_update_profile(_obj: Any, info: Info, **args: Any) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        user = _caller(ctx)
        if not user.is_active:
            raise wiki_error("AuthAccountBanned")
        if not user.is_verified:
            raise wiki_error("AuthAccountNotVerified")
        if args["dateFormat"] not in DATE_FORMATS or args["appearance"] not in APPEARANCES:
            raise wiki_error("InputInvalid")
        update_user(
            ctx,
            {
                "id": user.id,
                "name": args["name"].strip(),
                "jobTitle": args["jobTitle"].strip(),
                "location": args["location"].strip(),
                "timezone": args["timezone"],
                "dateFormat": args["dateFormat"],
                "appearance": args["appearance"],
            },
        )
        token = refresh_token(ctx.db, ctx.wiki.tokens, user)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "jwt": None}
    return {"responseResult": success("User profile updated successfully"), "jwt": token}


@mutation.field("changePassword")
def resolve_change_password(_obj: Any, info: Info, current: str, new: str) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        user = _caller(ctx)
        if not user.is_active:
            raise wiki_error("AuthAccountBanned")
        if user.provider_key != "local":
            raise wiki_error("AuthProviderInvalid")
        ctx.wiki.work.append("hash")
        if not verify_password(user, current):
            raise wiki_error("AuthPasswordInvalid")
        if len(new) < 6:
            raise wiki_error("InputInvalid", "Password must be at least 6 characters!")
        ctx.wiki.work.append("hash")
        _patch(ctx, user, password=hash_password(new))
        token = refresh_token(ctx.db, ctx.wiki.tokens, user)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "jwt": None}
    return {"responseResult": success("Password changed successfully"), "jwt": token}
