"""`pages { ... }`: queries and mutations on pages, tags, history and the tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import (
    JSError,
    RaisedGraphQLError,
    WikiError,
    failure,
    foreign_key_error,
    respond,
    success,
    wiki_error,
)
from wikijs_typed.testing._wiki import pages as model
from wikijs_typed.testing._wiki.collation import collation_key
from wikijs_typed.testing._wiki.identity import Identity
from wikijs_typed.testing._wiki.like import contains, like
from wikijs_typed.testing._wiki.permissions import check_access
from wikijs_typed.testing._wiki.render import js_inspect
from wikijs_typed.testing._wiki.sqlbounds import check_history_window, check_page_list_limit
from wikijs_typed.testing._wiki.state import DEFAULT_LOCALE, Database, Page, Tag
from wikijs_typed.testing._wiki.wiki import Context, context_of

query = ObjectType("PageQuery")
mutation = ObjectType("PageMutation")
page_type = ObjectType("Page")
bindables = [query, mutation, page_type]

Info = GraphQLResolveInfo


def _user(info: Info) -> Identity:
    user = context_of(info).user
    if user is None:  # pragma: no cover - @auth lets no anonymous caller this far
        raise JSError("Unauthorized")
    return user


def tag_view(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.id,
        "tag": tag.tag,
        "title": tag.title,
        "createdAt": tag.created_at,
        "updatedAt": tag.updated_at,
    }


def page_view(db: Database, page: Page, *, as_written: bool = False) -> dict[str, Any]:
    """A page as `single` returns it.

    `as_written` gives the half-filled object that create and update return (no editor or
    locale, the table of contents not yet built).
    """
    author, creator = db.users.get(page.author_id), db.users.get(page.creator_id)
    return {
        "id": page.id,
        "path": page.path,
        "hash": page.hash,
        "title": page.title,
        "description": page.description,
        "isPrivate": page.is_private,
        "isPublished": page.is_published,
        "privateNS": page.private_ns,
        "publishStartDate": page.publish_start,
        "publishEndDate": page.publish_end,
        "tags": [tag_view(tag) for tag in db.tags_of(page.id)],
        "content": page.content,
        "render": page.render,
        "toc": [] if as_written else page.toc,
        "contentType": page.content_type,
        "createdAt": page.created_at,
        "updatedAt": page.updated_at,
        "editor": None if as_written else page.editor,
        "locale": None if as_written else page.locale,
        "scriptCss": page.script_css,
        "scriptJs": page.script_js,
        "authorId": page.author_id,
        "authorName": author.name if author else "",
        "authorEmail": author.email if author else "",
        "creatorId": page.creator_id,
        "creatorName": creator.name if creator else "",
        "creatorEmail": creator.email if creator else "",
    }


@page_type.field("toc")
def resolve_toc(obj: dict[str, Any], _info: Info) -> Any:
    toc = obj.get("toc")
    if isinstance(toc, list):  # stored as JSON; graphql-js refuses to serialise it as String
        raise RaisedGraphQLError(f"String cannot represent value: {js_inspect(toc)}")
    return toc


# -- reads ----------------------------------------------------------------------------------


def _readable(
    ctx: Context,
    page: Page,
    permissions: Iterable[str] = ("read:pages",),
    *,
    with_tags: bool = False,
) -> bool:
    """Whether the caller may.

    Like the resolver it stands for, it passes the page's tags (which TAG rules need) only where
    that resolver loaded them: search does, tags, searchTags, history and the write paths do not.
    """
    user = ctx.user
    target = (
        model.page_rule_target(ctx.db, page)
        if with_tags
        else {"path": page.path, "locale": page.locale}
    )
    return user is not None and check_access(ctx.db, user, permissions, target)


@query.field("single")
def resolve_single(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    page = context_of(info).db.pages.get(id)
    return _viewable(info, page)


@query.field("singleByPath")
def resolve_single_by_path(_obj: Any, info: Info, path: str, locale: str) -> dict[str, Any]:
    return _viewable(info, context_of(info).db.find_page(locale, path))


def _viewable(info: Info, page: Page | None) -> dict[str, Any]:
    ctx = context_of(info)
    if page is None:
        raise wiki_error("PageNotFound")
    target = {"path": page.path, "locale": page.locale}
    if not check_access(ctx.db, _user(info), ["manage:pages", "delete:pages"], target):
        raise wiki_error("PageViewForbidden")
    return page_view(ctx.db, page)


_ORDER_KEYS: dict[str, Callable[[Page], Any]] = {
    "CREATED": lambda p: p.created_at,
    "PATH": lambda p: collation_key(p.path),
    "TITLE": lambda p: collation_key(p.title),
    "UPDATED": lambda p: p.updated_at,
}


@query.field("list")
def resolve_list(
    _obj: Any,
    info: Info,
    limit: int | None = None,
    orderBy: str | None = None,
    orderByDirection: str | None = None,
    tags: list[str] | None = None,
    locale: str | None = None,
    creatorId: int | None = None,
    authorId: int | None = None,
) -> list[dict[str, Any]]:
    ctx = context_of(info)
    db = ctx.db
    if limit:
        check_page_list_limit(limit, orderBy, orderByDirection)
    pages = db.pages.by_id()
    key = _ORDER_KEYS.get(orderBy or "")
    if key is not None:
        pages.sort(key=key)
    if orderByDirection == "DESC":
        pages.reverse()
    if locale:
        pages = [p for p in pages if p.locale == locale]
    if creatorId and authorId and creatorId > 0 and authorId > 0:
        pages = [p for p in pages if p.creator_id == creatorId or p.author_id == authorId]
    else:
        if creatorId and creatorId > 0:
            pages = [p for p in pages if p.creator_id == creatorId]
        if authorId and authorId > 0:
            pages = [p for p in pages if p.author_id == authorId]
    wanted = [t.strip().lower() for t in tags] if tags else None
    # The SQL joins pages with their tags and LIMIT counts the joined rows, not pages.
    rows: list[tuple[Page, str | None]] = []
    # One pass over the page-tag links for the whole listing: asking `tags_of` page by page
    # scans every link once per page, which made a 2,000-page listing take a third of a second.
    tags_by_page: dict[int, list[str | None]] = {}
    for page_id, tag_id in db.page_tags:
        link = db.tags.get(tag_id)
        if link is not None:
            tags_by_page.setdefault(page_id, []).append(link.tag)
    for page in pages:
        page_tags = tags_by_page.get(page.id) or [None]
        rows.extend((page, name) for name in page_tags if wanted is None or name in wanted)
    if limit:
        rows = rows[:limit]
    grouped: dict[int, tuple[Page, list[str]]] = {}
    for page, tag in rows:
        entry = grouped.setdefault(page.id, (page, []))
        if tag is not None:
            entry[1].append(tag)
    results = []
    for page, matched in grouped.values():
        # The listing checks path and locale only: it passes no tags, so TAG rules let
        # every page through here, as on Wiki.js 2.5.314.
        target = {"path": page.path, "locale": page.locale}
        if ctx.user is None or not check_access(db, ctx.user, ["read:pages"], target):
            continue
        if tags and not all(t in matched for t in tags):
            continue
        results.append(
            {
                "id": page.id,
                "path": page.path,
                "locale": page.locale,
                "title": page.title,
                "description": page.description,
                "isPublished": page.is_published,
                "isPrivate": page.is_private,
                "privateNS": page.private_ns,
                "contentType": page.content_type,
                "createdAt": page.created_at,
                "updatedAt": page.updated_at,
                "tags": matched,
            }
        )
    return results


_MAX_HITS = 100  # WIKI.config.search.maxHits of a fresh install


def _first_rows(db: Database, pages: list[Page], limit: int) -> list[Page]:
    """The pages a LIMIT on the join of pages with their tags lets through.

    Each page takes one row per tag (one if it has none), and a page straddling the limit is
    still returned.
    """
    kept, rows = [], 0
    for page in pages:
        if rows >= limit:
            break
        kept.append(page)
        rows += max(1, len(db.tags_of(page.id)))
    return kept


@query.field("search")
def resolve_search(
    _obj: Any, info: Info, query: str, path: str | None = None, locale: str | None = None
) -> dict[str, Any]:
    ctx = context_of(info)
    hits = []
    for page in ctx.db.pages.scan():  # no ORDER BY: heap order
        if not page.is_published:
            continue
        if locale and page.locale != locale:
            continue
        if path and not like(f"{path}%", page.path):
            continue
        if (
            contains(query, page.title, ignore_case=True)
            or contains(query, page.description, ignore_case=True)
            or contains(query.lower(), page.path, ignore_case=True)
        ):
            hits.append(page)
    hits = _first_rows(ctx.db, hits, _MAX_HITS)
    return {
        "results": [
            {
                "id": page.id,
                "title": page.title,
                "description": page.description,
                "path": page.path,
                "locale": page.locale,
            }
            for page in hits
            if _readable(ctx, page, with_tags=True)
        ],
        "suggestions": [],
        "totalHits": len(hits),
    }


@query.field("tags")
def resolve_tags(_obj: Any, info: Info) -> list[dict[str, Any]]:
    ctx = context_of(info)
    found: dict[int, Tag] = {}
    for page in ctx.db.pages.scan():
        if _readable(ctx, page):
            for tag in ctx.db.tags_of(page.id):
                found.setdefault(tag.id, tag)
    return [tag_view(tag) for tag in sorted(found.values(), key=lambda t: t.tag)]


@query.field("searchTags")
def resolve_search_tags(_obj: Any, info: Info, query: str) -> list[str]:
    ctx = context_of(info)
    db = ctx.db
    needle = query.strip()
    # The join's rows come back grouped into one object per page (first appearance first);
    # Wiki.js removes the duplicates across pages and only then keeps the first five.
    grouped: dict[int, list[str]] = {}
    for page_id, tag_id in db.page_tags:
        tag = db.tags.get(tag_id)
        if tag is not None and contains(needle, tag.tag, ignore_case=True):
            grouped.setdefault(page_id, []).append(tag.tag)
    names: list[str] = []
    for page_id, page_tags in grouped.items():
        page = db.pages.get(page_id)
        if page is not None and _readable(ctx, page):
            names.extend(name for name in page_tags if name not in names)
    return names[:5]


@query.field("tree")
def resolve_tree(
    _obj: Any,
    info: Info,
    mode: str,
    locale: str,
    path: str | None = None,
    parent: int | None = None,
    includeAncestors: bool | None = None,
) -> list[dict[str, Any]]:
    ctx = context_of(info)
    nodes = ctx.db.tree
    locale = locale or DEFAULT_LOCALE  # Wiki.js falls back to the site's language
    current = None
    if path and not parent:
        current = next((n for n in nodes if n.path == path and n.locale == locale), None)
        if current is None:
            return []
        parent = current.parent or 0
    if mode == "PAGES":
        raise JSError("builder.andWhereNotNull is not a function", "TypeError")
    selected = []
    for node in nodes:
        if node.locale != locale or (mode == "FOLDERS" and not node.is_folder):
            in_scope = False
        elif not parent or parent < 1:
            in_scope = node.parent is None
        else:
            in_scope = node.parent == parent
        ancestor = bool(
            includeAncestors and parent and parent >= 1 and current and node.id in current.ancestors
        )
        if in_scope or ancestor:
            selected.append(node)
    selected.sort(key=lambda n: (not n.is_folder, collation_key(n.title)))
    return [
        {
            "id": n.id,
            "path": n.path,
            "depth": n.depth,
            "title": n.title,
            "isPrivate": n.is_private,
            "isFolder": n.is_folder,
            "privateNS": n.private_ns,
            "parent": n.parent or 0,
            "pageId": n.page_id,
            "locale": n.locale,
        }
        for n in selected
        if ctx.user is not None
        and check_access(ctx.db, ctx.user, ["read:pages"], {"path": n.path, "locale": n.locale})
    ]


@query.field("links")
def resolve_links(_obj: Any, info: Info, locale: str) -> list[dict[str, Any]]:
    ctx = context_of(info)
    user = _user(info)

    def readable(path: str, link_locale: str | None) -> bool:
        target = {"path": path, "locale": link_locale}
        return check_access(ctx.db, user, ["read:pages"], target)

    results = []
    # The real server answers in page id order (its join plan), pages updated since included.
    for page in ctx.db.pages.by_id():
        if page.locale != locale or not readable(page.path, locale):
            continue
        # One joined row per link, each kept only when its target is readable too; a page
        # without links has one row whose target is null (which JavaScript spells "null").
        rows: list[tuple[str | None, str]] = list(page.links) or [(None, "null")]
        kept = [(loc, path) for loc, path in rows if readable(path, loc)]
        if not kept:
            continue
        results.append(
            {
                "id": page.id,
                "title": page.title,
                "path": f"{locale}/{page.path}",
                "links": [f"{loc}/{path}" for loc, path in kept if loc is not None],
            }
        )
    return results


@query.field("history")
def resolve_history(
    _obj: Any,
    info: Info,
    id: int,  # noqa: A002
    offsetPage: int | None = None,
    offsetSize: int | None = None,
) -> dict[str, Any]:
    ctx = context_of(info)
    page = ctx.db.pages.get(id)
    if page is None:  # Wiki.js reads page.path of undefined here
        raise JSError("Cannot read properties of undefined (reading 'path')", "TypeError")
    if not _readable(ctx, page, ["read:history"]):
        raise wiki_error("PageHistoryForbidden")
    offset_page, offset_size = offsetPage or 0, offsetSize or 100
    check_history_window(offset_page, offset_size)
    versions = [v for v in ctx.db.versions.by_id() if v.page_id == id]
    versions.sort(key=lambda v: (v.version_date, v.id), reverse=True)
    total = len(versions)
    upper = (offset_page + 1) * offset_size
    window = versions[offset_page * offset_size : upper]
    previous = versions[upper] if total >= upper and len(versions) > upper else None
    trail: list[dict[str, Any]] = []
    for version in reversed(window):
        action, before, after = "edit", None, None
        if previous is None and total < upper:
            action = "initial"
        elif (previous.path if previous else "") != version.path:
            action, before, after = "move", previous.path if previous else "", version.path
        author = ctx.db.users.get(version.author_id)
        trail.insert(
            0,
            {
                "versionId": version.id,
                "authorId": version.author_id,
                "authorName": author.name if author else "",
                "actionType": action,
                "valueBefore": before,
                "valueAfter": after,
                "versionDate": version.version_date,
            },
        )
        previous = version
    return {"trail": trail, "total": total}


@query.field("version")
def resolve_version(
    _obj: Any,
    info: Info,
    pageId: int,
    versionId: int,
) -> dict[str, Any] | None:
    ctx = context_of(info)
    page = ctx.db.pages.get(pageId)
    if page is None:  # like history, Wiki.js reads page.path of undefined
        raise JSError("Cannot read properties of undefined (reading 'path')", "TypeError")
    if not _readable(ctx, page, ["read:history"]):
        raise wiki_error("PageHistoryForbidden")
    version = ctx.db.versions.get(versionId)
    if version is None or version.page_id != pageId:
        return None
    author = ctx.db.users.get(version.author_id)
    return {
        "action": version.action,
        "authorId": version.author_id,
        "authorName": author.name if author else "",
        "content": version.content,
        "contentType": version.content_type,
        "createdAt": version.created_at,
        "versionDate": version.version_date,
        "description": version.description,
        "editor": version.editor,
        "isPrivate": version.is_private,
        "isPublished": version.is_published,
        "locale": version.locale,
        "pageId": version.page_id,
        "path": version.path,
        "publishEndDate": version.publish_end,
        "publishStartDate": version.publish_start,
        "tags": [],
        "title": version.title,
        "versionId": version.id,
    }


def _writable(info: Info, page_id: int) -> Page:
    ctx = context_of(info)
    page = ctx.db.pages.get(page_id)
    if page is None:
        raise wiki_error("PageNotFound")
    if not _readable(ctx, page, ["write:pages", "manage:pages"]):
        raise wiki_error("PageUpdateForbidden")
    return page


@query.field("checkConflicts")
def resolve_check_conflicts(
    _obj: Any,
    info: Info,
    id: int,  # noqa: A002
    checkoutDate: str,
) -> bool:
    return _writable(info, id).updated_at > str(checkoutDate)


@query.field("conflictLatest")
def resolve_conflict_latest(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    page = _writable(info, id)
    db = context_of(info).db
    author = db.users.get(page.author_id)
    return {
        "id": page.id,
        "authorId": str(page.author_id),
        "authorName": author.name if author else "",
        "content": page.content,
        "createdAt": page.created_at,
        "description": page.description,
        "isPublished": page.is_published,
        "locale": page.locale,
        "path": page.path,
        "tags": [tag.tag for tag in db.tags_of(page.id)],
        "title": page.title,
        "updatedAt": page.updated_at,
    }


# -- writes ---------------------------------------------------------------------------------


@mutation.field("create")
def resolve_create(_obj: Any, info: Info, **args: Any) -> dict[str, Any]:
    ctx = context_of(info)
    try:
        page = model.create_page(ctx.wiki, _user(info), args)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "page": None}
    return {
        "responseResult": success("Page created successfully."),
        "page": page_view(ctx.db, page, as_written=True),
    }


@mutation.field("update")
def resolve_update(_obj: Any, info: Info, **args: Any) -> dict[str, Any]:
    ctx = context_of(info)
    page = ctx.db.pages.get(args["id"])
    before = (page.path, page.hash, list(page.toc)) if page else None
    try:
        updated = model.update_page(ctx.wiki, _user(info), args)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "page": None}
    view = page_view(ctx.db, updated, as_written=True)
    if before is not None:  # the page object was read before the move and the new render
        view["path"], view["hash"], view["toc"] = before
    return {"responseResult": success("Page has been updated."), "page": view}


@mutation.field("delete")
def resolve_delete(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)
    return respond(lambda: model.delete_page(ctx.wiki, _user(info), id), "Page has been deleted.")


@mutation.field("move")
def resolve_move(
    _obj: Any,
    info: Info,
    id: int,  # noqa: A002
    destinationPath: str,
    destinationLocale: str,
) -> dict[str, Any]:
    ctx = context_of(info)
    return respond(
        lambda: model.move_page(ctx.wiki, _user(info), id, destinationPath, destinationLocale),
        "Page has been moved.",
    )


@mutation.field("convert")
def resolve_convert(_obj: Any, info: Info, id: int, editor: str) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)
    return respond(
        lambda: model.convert_page(ctx.wiki, _user(info), id, editor), "Page has been converted."
    )


@mutation.field("render")
def resolve_render(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)

    def rerender() -> None:
        page = ctx.db.pages.get(id)
        if page is None:
            raise wiki_error("PageNotFound")
        model.render_page(ctx.wiki, page)
        ctx.wiki.work.append("update")

    return respond(rerender, "Page rendered successfully.")


@mutation.field("restore")
def resolve_restore(_obj: Any, info: Info, pageId: int, versionId: int) -> dict[str, Any]:
    ctx = context_of(info)

    def restore() -> None:
        page = ctx.db.pages.get(pageId)
        if page is None:
            raise wiki_error("PageNotFound")
        if not _readable(ctx, page, ["write:pages"]):
            raise wiki_error("PageRestoreForbidden")
        version = ctx.db.versions.get(versionId)
        if version is None or version.page_id != pageId:
            raise wiki_error("PageNotFound")
        args = {
            "id": pageId,
            "content": version.content,
            "description": version.description,
            "editor": version.editor,
            "isPrivate": version.is_private,
            "isPublished": version.is_published,
            "locale": version.locale,
            "path": version.path,
            "publishEndDate": version.publish_end,
            "publishStartDate": version.publish_start,
            "tags": [],  # stored versions carry no tags, so restoring drops them all
            "title": version.title,
        }
        model.update_page(ctx.wiki, _user(info), args, action="restore")

    return respond(restore, "Page version restored successfully.")


@mutation.field("rebuildTree")
def resolve_rebuild_tree(_obj: Any, info: Info) -> dict[str, Any]:
    ctx = context_of(info)
    return respond(lambda: model.rebuild_tree_job(ctx.wiki), "Page tree rebuilt successfully.")


@mutation.field("flushCache")
def resolve_flush_cache(_obj: Any, _info: Info) -> dict[str, Any]:
    return {"responseResult": success("Pages Cache has been flushed successfully.")}


@mutation.field("purgeHistory")
def resolve_purge_history(_obj: Any, _info: Info, olderThan: str) -> dict[str, Any]:
    return {"responseResult": success("Page history purged successfully.")}


@mutation.field("migrateToLocale")
def resolve_migrate_to_locale(
    _obj: Any, info: Info, sourceLocale: str, targetLocale: str
) -> dict[str, Any]:
    """Move the pages of one locale to another, as Wiki.js does.

    Wiki.js moves every page of the source locale whose path is still free in the target
    locale, in one UPDATE that also stamps `updatedAt`; the tree and the page cache are left
    as they were. A target that is not an installed locale breaks the foreign key.
    """
    ctx = context_of(info)
    db = ctx.db
    taken = {page.path for page in db.pages.scan() if page.locale == targetLocale}
    moved = [p for p in db.pages.scan() if p.locale == sourceLocale and p.path not in taken]
    if moved and targetLocale not in db.locales:
        error = foreign_key_error(_MIGRATE_UPDATE, "pages_localecode_foreign", "pages")
        return {"responseResult": failure(error), "count": None}
    now = ctx.wiki.now()
    for page in moved:
        page.locale, page.updated_at = targetLocale, now
        db.pages.touch(page)
    return {
        "responseResult": success("Migrated content to target locale successfully."),
        "count": len(moved),
    }


# The statement objection and knex build for pages.migrateToLocale (read from the server's
# model; PostgreSQL quotes it in a failure).
_MIGRATE_UPDATE = (
    'update "pages" set "localeCode" = $1, "updatedAt" = $2 where "localeCode" = $3 and not'
    ' exists (select "id" from "pages" as "pagesm" where "pagesm"."localeCode" = $4 and'
    " pagesm.path = pages.path)"
)


@mutation.field("updateTag")
def resolve_update_tag(_obj: Any, info: Info, id: int, tag: str, title: str) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)

    def update() -> None:
        found = ctx.db.tags.get(id)
        if found is None:
            raise JSError("This tag does not exist.")
        found.tag, found.title = tag.strip().lower(), title.strip()
        found.updated_at = ctx.wiki.now()
        ctx.db.tags.touch(found)

    return respond(update, "Tag has been updated successfully.")


@mutation.field("deleteTag")
def resolve_delete_tag(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)

    def delete() -> None:
        if ctx.db.tags.delete(id) is None:
            raise JSError("This tag does not exist.")
        ctx.db.page_tags[:] = [pair for pair in ctx.db.page_tags if pair[1] != id]

    return respond(delete, "Tag has been deleted.")
