"""Authentication strategies, as httpx auth flows.

Wiki.js takes `Authorization: Bearer <token>`, where the token is an API key or a user JWT:
- `APIKeyAuth`: a static API key.
- `JWTAuth`: a user JWT the caller has, kept valid by the server's renewals. Wiki.js has no
  refresh-token endpoint: it renews a user JWT expired less than 14 days ago by sending a
  fresh one with its answer, and silently treats an older one as the Guest user.
- `CredentialsAuth`: an e-mail and password; it logs in by itself, and again when its token
  can no longer be renewed or the server turns out to run it as Guest.

Renewal and login are single flight: one request does the work while the others wait for it.
Secrets never appear in reprs, logs or exception messages: every handler exposes the current
`token` (read-only) and a non-secret `identity` that the cache puts in its keys (a digest of
the token: only holders of the very same token share cache entries).
"""

from __future__ import annotations

from wikijs_typed.auth._api_key import APIKeyAuth
from wikijs_typed.auth._base import AuthHandler
from wikijs_typed.auth._credentials import CredentialsAuth
from wikijs_typed.auth._jwt import JWTAuth

__all__ = ["APIKeyAuth", "AuthHandler", "CredentialsAuth", "JWTAuth"]
