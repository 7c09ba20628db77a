"""User accounts: passwords, and the token refresh that also stamps `lastLoginAt`."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from wikijs_typed.testing.clock import iso
from wikijs_typed.testing.identity import TokenService, duration_ms
from wikijs_typed.testing.state import Database, User

_ITERATIONS = 1000  # enough to not store passwords in the clear; tests stay fast


def hash_password(password: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ITERATIONS)
    return f"{salt}${digest.hex()}"


def verify_password(user: User, password: str) -> bool:
    if not user.password or "$" not in user.password:
        return False
    salt, expected = user.password.split("$", 1)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ITERATIONS)
    return hmac.compare_digest(digest.hex(), expected)


def refresh_token(db: Database, tokens: TokenService, user: User) -> str:
    """A new user JWT; like Wiki.js it records the moment as the user's last login
    (bypassing `updatedAt`, but still a write to the row)."""
    user.last_login_at = iso(tokens.clock.now())
    db.users.touch(user)
    lifetime = (duration_ms(db.site.jwt_expiration) or 1800000) / 1000
    return tokens.user_token(db, user, lifetime)
