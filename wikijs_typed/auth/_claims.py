"""What a JWT says about itself, read without checking its signature.

The client never verifies a token (the server does); it only reads when the token expires.
"""

from __future__ import annotations

import base64
import json
from typing import Any


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, read without checking the signature.

    Args:
        token: the JWT, three base64url parts joined by dots.

    Returns:
        The claims, or {} when the token cannot be read as a JWT.
    """
    try:
        payload = token.split(".")[1]
        decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}
    return decoded if isinstance(decoded, dict) else {}


def expiry_of(token: str) -> float | None:
    """When a JWT expires (Unix time), from its `exp` claim; None when it names no expiry.

    Args:
        token: the JWT.

    Returns:
        The `exp` claim as a float, or None.
    """
    exp = jwt_claims(token).get("exp")
    return float(exp) if isinstance(exp, int | float) else None
