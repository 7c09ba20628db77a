"""The page view, `GET /[<locale>/]<path>`, decided as Wiki.js 2.5.314's common controller does.

- read:pages on the page's path, locale and tags comes first, before the page is looked up:
  a missing page under a denied path is 403, under a readable one 404 (200 for `home`, the
  welcome page). A Guest who is refused gets a `loginRedirect` cookie, and on `home` a 302 to
  `/login` instead of the 403; a logged-in user is refused without either;
- a readable page that is unpublished, or outside its publishStartDate/publishEndDate
  window, is 403 (no cookie) unless the caller may write:pages there;
- `GET /login` is the login page.

The HTML stands in for Wiki.js's templates: the same `<title>`, the page's rendered HTML and
its `effective-permissions` attribute (base64 JSON), nothing else of the real markup.
"""

from __future__ import annotations

import base64
import html
import json
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote

from wikijs_typed.testing._http.wire import Response, text_response
from wikijs_typed.testing._wiki.pages import is_live, page_rule_target
from wikijs_typed.testing._wiki.permissions import check_access, effective_permissions
from wikijs_typed.testing._wiki.state import Page
from wikijs_typed.testing._wiki.wiki import Context

LOGIN_REDIRECT_SECONDS = 15 * 60


def view(context: Context, raw_path: str, path: str, locale: str) -> Response:
    if raw_path.rstrip("/") == "/login":
        return _html(context, 200, "Login", "<login></login>")
    db, user = context.db, context.user
    page = db.find_page(locale, path)
    target = page_rule_target(db, page) if page else {"path": path, "locale": locale, "tags": []}
    if user is None or not check_access(db, user, ["read:pages"], target):
        return _refused(context, raw_path, path)
    if page is None:
        return _missing(context, target)
    if not is_live(page, context.wiki.clock.now()) and not check_access(
        db, user, ["write:pages"], target
    ):
        return _unauthorized(context)
    permissions = effective_permissions(db, user, target)
    return _html(context, 200, page.title, _page_element(page, permissions))


def _missing(context: Context, target: dict[str, Any]) -> Response:
    locale, path = html.escape(target["locale"]), html.escape(target["path"])
    if target["path"] == "home":
        return _html(context, 200, "Welcome", f'<welcome locale="{locale}"></welcome>')
    if context.user is not None and check_access(context.db, context.user, ["write:pages"], target):
        return _html(context, 404, "Page Not Found", f'<new path="{path}" locale="{locale}"></new>')
    return _html(context, 404, "Page Not Found", "<not-found></not-found>")


def _refused(context: Context, raw_path: str, path: str) -> Response:
    if context.user is None or not context.user.is_guest:
        return _unauthorized(context)
    expires = datetime.fromtimestamp(context.wiki.clock.now() + LOGIN_REDIRECT_SECONDS, UTC)
    came_from = quote(raw_path, safe="!~*'()")  # like encodeURIComponent
    cookie = (
        f"loginRedirect={came_from}; Max-Age={LOGIN_REDIRECT_SECONDS}; Path=/;"
        f" Expires={format_datetime(expires, usegmt=True)}"
    )
    if path == "home":
        return text_response(
            302,
            "Found. Redirecting to /login",
            "text/plain; charset=utf-8",
            [("location", "/login"), ("set-cookie", cookie)],
        )
    response = _unauthorized(context)
    response.headers.append(("set-cookie", cookie))
    return response


def _unauthorized(context: Context) -> Response:
    return _html(context, 403, "Unauthorized", '<unauthorized action="view"></unauthorized>')


def _page_element(page: Page, permissions: dict[str, dict[str, bool]]) -> str:
    encoded = base64.b64encode(json.dumps(permissions, separators=(",", ":")).encode()).decode()
    attributes = {
        "locale": page.locale,
        "path": page.path,
        "title": page.title,
        "description": page.description,
        ":page-id": str(page.id),
        "effective-permissions": encoded,
    }
    written = " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes.items())
    return f'<page {written}><template slot="contents"><div>{page.render}</div></template></page>'


def _html(context: Context, status: int, title: str, body: str) -> Response:
    heading = html.escape(f"{title} | {context.db.site.title}", quote=False)
    document = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<title>{heading}</title></head><body><div id="root">{body}</div></body></html>'
    )
    return text_response(status, document)
