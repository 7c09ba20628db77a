"""What PostgreSQL answers when a listing is asked for a negative LIMIT or OFFSET.

Wiki.js hands `pages.list(limit)` and the page arithmetic of `pages.history(offsetPage,
offsetSize)` to knex unchecked; knex writes any non-zero number into the statement, and
PostgreSQL refuses a negative OFFSET first, then a negative LIMIT. knex's error message is the
statement followed by the database's message. The statements below are written the way knex
and objection render these two queries (for a filtered listing without its WHERE clauses); the
real server's text was not recorded, so they are a reading of its code, not a copy of an
answer. Clients can rely on the message's ending, the database's own words.
"""

from __future__ import annotations

from wikijs_typed.testing._graphql.errors import JSError

_PAGE_COLUMNS = (
    '"pages"."id" as "id", "pages"."path" as "path", "pages"."localeCode" as "locale",'
    ' "pages"."title" as "title", "pages"."description" as "description",'
    ' "pages"."isPublished" as "isPublished", "pages"."isPrivate" as "isPrivate",'
    ' "pages"."privateNS" as "privateNS", "pages"."contentType" as "contentType",'
    ' "pages"."createdAt" as "createdAt", "pages"."updatedAt" as "updatedAt",'
    ' "tags"."id" as "tags:id", "tags"."tag" as "tags:tag"'
)
_PAGE_JOIN = (
    'from "pages" left join "pageTags" as "tags_through" on "tags_through"."pageId" = "pages"."id"'
    ' left join "tags" as "tags" on "tags_through"."tagId" = "tags"."id"'
)
_ORDER_COLUMNS = {"CREATED": "createdAt", "PATH": "path", "TITLE": "title", "UPDATED": "updatedAt"}
_HISTORY = (
    'select "pageHistory"."id", "pageHistory"."path", "pageHistory"."authorId",'
    ' "pageHistory"."action", "pageHistory"."versionDate", "author"."name" as "authorName"'
    ' from "pageHistory" inner join "users" as "author" on "author"."id" = "pageHistory"."authorId"'
    ' where "pageHistory"."pageId" = $1 order by "pageHistory"."versionDate" desc limit $2'
)


def check_page_list_limit(limit: int, order_by: str | None, direction: str | None) -> None:
    if limit >= 0:
        return
    column = _ORDER_COLUMNS.get(order_by or "", "pages.id")
    order = ".".join(f'"{part}"' for part in column.split("."))
    statement = (
        f"select {_PAGE_COLUMNS} {_PAGE_JOIN} order by {order}"
        f" {'desc' if direction == 'DESC' else 'asc'} limit $1"
    )
    raise JSError(f"{statement} - LIMIT must not be negative")


def check_history_window(offset_page: int, offset_size: int) -> None:
    """Objection.js's page(p, size) is LIMIT size OFFSET p * size (the OFFSET left out when 0)."""
    offset = offset_page * offset_size
    statement = _HISTORY + (" offset $3" if offset else "")
    if offset < 0:
        raise JSError(f"{statement} - OFFSET must not be negative")
    if offset_size < 0:
        raise JSError(f"{statement} - LIMIT must not be negative")
