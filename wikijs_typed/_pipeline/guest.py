"""Telling, from an exchange alone, whether Wiki.js may have run a request as the Guest user.

Wiki.js 2.5 does not refuse a bad, revoked or long-expired token: it runs the request as Guest,
whose rights are few, so the answer is a "Forbidden" GraphQL error (or a 403 for an upload)
rather than a 401. An answer like that is only a suspicion: a real user may lack the right
too. Whoever can do something about it (log in again) asks the server who the token is.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from wikijs_typed._pipeline import transport
from wikijs_typed._pipeline.errors import graphql_failure
from wikijs_typed.exceptions import ForbiddenError

GUEST_HINT = (
    "Wiki.js ran the request as the Guest user: the credentials are invalid, revoked or "
    "expired beyond renewal"
)


def _items(content: bytes) -> list[Any]:
    """A GraphQL body or answer as a list of items (one item unless it is a batch)."""
    try:
        body = json.loads(content)
    except ValueError:
        return []
    return body if isinstance(body, list) else [body]


def _is_read(item: object) -> bool:
    document = item.get("query") if isinstance(item, dict) else None
    return isinstance(document, str) and document.lstrip().startswith(("query", "{"))


def refused_as_guest_would_be(request: httpx.Request, response: httpx.Response) -> bool:
    """Whether an answer refuses something as Forbidden, and sending it again repeats no write.

    That is an upload refused with 403, or a GraphQL answer in which every operation that ran
    (answered without errors) was a read. A write that went through shows the caller was not
    Guest anyway.

    Args:
        request: the request as it was sent (its body already read).
        response: the server's answer, read.

    Returns:
        True when the answer may come from the Guest user and the request is safe to resend.
    """
    if request.url.path.endswith(transport.UPLOAD_PATH):
        return response.status_code == 403
    # Most answers carry no error at all: skip parsing those.
    if response.status_code != 200 or b'"errors"' not in response.content:
        return False
    try:
        sent = request.content
    except httpx.RequestNotRead:
        return False
    answers = _items(response.content)
    operations = _items(sent)
    refused = False
    for index, answer in enumerate(answers):
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if isinstance(errors, list) and errors:
            details = [error for error in errors if isinstance(error, dict)]
            refused = refused or isinstance(graphql_failure(details, None), ForbiddenError)
        elif index >= len(operations) or not _is_read(operations[index]):
            return False
    return refused


def names_a_user(profile_answer: httpx.Response) -> bool:
    """Whether an answer to GetProfile names a user: Guest gets an error and no profile.

    Args:
        profile_answer: the server's answer to the `GetProfile` query, read.

    Returns:
        True when the answer holds a profile.
    """
    try:
        body = profile_answer.json()
    except ValueError:
        return False
    data = body.get("data") if isinstance(body, dict) else None
    users = data.get("users") if isinstance(data, dict) else None
    return isinstance(users, dict) and isinstance(users.get("profile"), dict)
