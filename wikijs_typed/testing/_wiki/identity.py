"""Who is calling: Wiki.js's authentication middleware, token issuing and renewal.

Tokens are JWTs like the real ones (HS256 here, RS256 on a real server): a user token
carries the user's id, name, permissions and groups for 30 minutes; an API key is a JWT
`{api: <key id>, grp: <group id>}`. The rules for what a request runs as, renewal through
the `new-jwt` header and the HTTP 500 refusals of API keys are Wiki.js 2.5.314's.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

import jwt
from jwt.types import Options

from wikijs_typed.testing._clock import Clock, iso, parse_iso
from wikijs_typed.testing._wiki.state import Database, User

AUDIENCE = "urn:wiki.js"
ISSUER = "urn:wiki.js"
GUEST_ID = 2
ADMIN_ID = 1
GUESTS = 2
# Revocations are back-dated so that a token issued in the same instant still counts.
REVOCATION_GRACE = 5

_DURATION = re.compile(
    r"^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m"
    r"|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$",
    re.IGNORECASE,
)
_UNIT_MS = {
    "y": 31557600000.0,
    "w": 604800000.0,
    "d": 86400000.0,
    "h": 3600000.0,
    "m": 60000.0,
    "s": 1000.0,
}


def duration_ms(text: str) -> float | None:
    """What the `ms` npm package makes of a duration string ("30m", "1y", "60"), or None."""
    match = _DURATION.match(text.strip()) if len(text) <= 100 else None
    if match is None:
        return None
    amount = float(match.group(1))
    unit = (match.group(2) or "ms").lower()
    if unit.startswith(("ms", "msec", "milli")):
        return amount
    for prefix, factor in _UNIT_MS.items():
        if unit.startswith(prefix):
            return amount * factor
    return None  # pragma: no cover - the regex admits no other unit


@dataclass(frozen=True)
class Identity:
    """The `req.user` a resolver sees."""

    id: int
    email: str
    name: str
    permissions: tuple[str, ...]
    groups: tuple[int | None, ...]
    is_api: bool = False

    @property
    def is_guest(self) -> bool:
        return self.id == GUEST_ID


@dataclass
class AuthOutcome:
    """The result of the authentication middleware for one request."""

    identity: Identity | None
    refusal: str | None = None  # API-key refusals answer HTTP 500 before anything runs
    renewed_token: str | None = None


@dataclass
class TokenService:
    clock: Clock
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    started_at: float = 0.0
    # "u<id>" / "g<id>" -> instant (seconds) before which tokens must be renewed
    revocations: dict[str, float] = field(default_factory=dict)

    def sign(self, payload: dict[str, Any], lifetime: float | None) -> str:
        now = int(self.clock.now())
        claims = {**payload, "iat": now, "aud": AUDIENCE, "iss": ISSUER}
        if lifetime is not None:
            claims["exp"] = now + int(lifetime)
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def mint(self, payload: dict[str, Any], issued_at: float, expires_at: float) -> str:
        """A token with chosen times (tests use it for long-expired or pre-start tokens)."""
        claims = {**payload, "iat": int(issued_at), "exp": int(expires_at)}
        return jwt.encode(
            {**claims, "aud": AUDIENCE, "iss": ISSUER}, self.secret, algorithm="HS256"
        )

    def user_token(self, db: Database, user: User, lifetime: float) -> str:
        groups = [group.id for group in db.groups_of(user.id)]
        payload = {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "av": None,
            "tz": user.timezone,
            "lc": user.locale,
            "df": user.date_format,
            "ap": user.appearance,
            "permissions": permissions_of(db, user.id),
            "groups": groups,
            "nbf": int(self.clock.now()) - 10,
        }
        return self.sign(payload, lifetime)

    def api_key_token(self, key_id: int, group: int | None, lifetime: float) -> str:
        return self.sign({"api": key_id, "grp": group}, lifetime)

    def revoke(self, kind: str, target_id: int) -> None:
        self.revocations[f"{kind}{target_id}"] = round(self.clock.now() - REVOCATION_GRACE)

    def read(self, token: str) -> tuple[dict[str, Any] | None, float | None]:
        """What a token says, and when it expired if it did.

        (claims, None) for a valid token; (None, expired_at) for an expired one with a good
        signature; (None, None) for anything else. Time comes from our clock, not PyJWT's, so tests
        can move it.
        """
        options: Options = {
            "require": ["iat"],
            "verify_exp": False,
            "verify_iat": False,
            "verify_nbf": False,
        }
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self.secret,
                algorithms=["HS256"],
                audience=AUDIENCE,
                issuer=ISSUER,
                options=options,
            )
        except jwt.PyJWTError:
            return None, None
        now = self.clock.now()
        if isinstance(claims.get("nbf"), int | float) and now < claims["nbf"]:
            return None, None
        expires = claims.get("exp")
        if isinstance(expires, int | float) and now >= expires:
            return None, float(expires)
        return claims, None

    def must_renew(self, claims: dict[str, Any]) -> bool:
        issued = float(claims.get("iat", 0))
        user_mark = self.revocations.get(f"u{claims.get('id')}")
        if user_mark is not None and issued < user_mark:
            return True
        if issued <= self.started_at:
            return True
        for group_id in claims.get("groups") or ():
            group_mark = self.revocations.get(f"g{group_id}")
            if group_mark is not None and issued < group_mark:
                return True
        return False


def permissions_of(db: Database, user_id: int) -> list[str]:
    permissions: list[str] = []
    for group in db.groups_of(user_id):
        for permission in group.permissions:
            if permission not in permissions:
                permissions.append(permission)
    return permissions


def identity_of(db: Database, user: User) -> Identity:
    return Identity(
        id=user.id,
        email=user.email,
        name=user.name,
        permissions=tuple(permissions_of(db, user.id)),
        groups=tuple(group.id for group in db.groups_of(user.id)),
    )


def guest(db: Database) -> Identity:
    user = db.users.get(GUEST_ID)
    if user is None:  # pragma: no cover - the guest account cannot be deleted
        return Identity(GUEST_ID, "guest@example.com", "Guest", (), (GUESTS,))
    return identity_of(db, user)


def api_identity(db: Database, group_id: int | None) -> Identity:
    group = db.groups.get(group_id)
    return Identity(
        id=ADMIN_ID,
        email="api@localhost",
        name="API",
        permissions=tuple(group.permissions) if group else (),
        groups=(group_id,),
        is_api=True,
    )


def extract_token(headers: dict[str, str], path: str) -> str | None:
    authorization = headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if path.lower() == "/u":  # the upload route ignores the cookie on purpose
        return None
    cookie_header = headers.get("cookie")
    if cookie_header:
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # a malformed Cookie header simply carries no token
            return None
        morsel = cookies.get("jwt")
        if morsel is not None and morsel.value:
            return morsel.value
    return None


def valid_api_key(db: Database, key_id: Any, now: float) -> bool:
    key = db.api_keys.get(key_id) if isinstance(key_id, int) else None
    return key is not None and not key.is_revoked and parse_iso(key.expiration) > now


def refresh_token(db: Database, tokens: TokenService, user: User) -> str:
    """A new user JWT, recording the moment as the user's last login, like Wiki.js.

    That bypasses `updatedAt`, but is still a write to the row.
    """
    user.last_login_at = iso(tokens.clock.now())
    db.users.touch(user)
    lifetime = (duration_ms(db.site.jwt_expiration) or 1800000) / 1000
    return tokens.user_token(db, user, lifetime)


def authenticate(
    db: Database, tokens: TokenService, headers: dict[str, str], path: str
) -> AuthOutcome:
    """Wiki.js's `auth.authenticate` middleware."""
    token = extract_token(headers, path)
    if token is None:
        return AuthOutcome(guest(db))
    claims, expired_at = tokens.read(token)
    now = tokens.clock.now()
    renewal_window = (duration_ms(db.site.jwt_renewable_period) or 0) / 1000
    renew = expired_at is not None and now - renewal_window < expired_at
    if claims is not None and "api" not in claims and not renew:
        renew = tokens.must_renew(claims)
    if renew:
        unverified = jwt.decode(token, options={"verify_signature": False})
        user = db.users.get(unverified.get("id")) if isinstance(unverified.get("id"), int) else None
        if user is None or not user.is_active:
            return AuthOutcome(None)
        fresh = refresh_token(db, tokens, user)
        return AuthOutcome(identity_of(db, user), renewed_token=fresh)
    if claims is None:
        return AuthOutcome(guest(db))
    if "api" in claims:
        if not db.api_enabled:
            return AuthOutcome(
                None,
                refusal="API is disabled. You must enable it from the Administration Area first.",
            )
        if valid_api_key(db, claims["api"], now):
            return AuthOutcome(api_identity(db, claims.get("grp")))
        return AuthOutcome(None, refusal="API Key is invalid or was revoked.")
    return AuthOutcome(
        Identity(
            id=int(claims.get("id", GUEST_ID)),
            email=str(claims.get("email", "")),
            name=str(claims.get("name", "")),
            permissions=tuple(claims.get("permissions") or ()),
            groups=tuple(claims.get("groups") or ()),
        )
    )
