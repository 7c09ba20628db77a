"""User accounts: their passwords (issuing their tokens is `identity.refresh_token`)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from wikijs_typed.testing._wiki.state import User

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
