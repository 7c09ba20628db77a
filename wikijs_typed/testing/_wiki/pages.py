"""What Wiki.js 2.5 does when pages are written, bugs included.

The page model's create/update/move/delete, tags, versions, rendering, link reconnection and
the page tree. The order of checks and writes matters and follows the real code: for example
an update saves the content, records a version and only then trips over missing tags or an
occupied path, so the client sees a failure although part of the change was stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from wikijs_typed.testing._graphql.errors import (
    JSError,
    foreign_key_error,
    job_failure,
    unique_violation,
    wiki_error,
)
from wikijs_typed.testing._wiki import render
from wikijs_typed.testing._wiki.collation import collation_key
from wikijs_typed.testing._wiki.htmlstep import render_html
from wikijs_typed.testing._wiki.identity import Identity
from wikijs_typed.testing._wiki.permissions import check_access
from wikijs_typed.testing._wiki.state import Database, Page, PageVersion, Tag, TreeNode
from wikijs_typed.testing._wiki.wiki import Wiki, page_hash

EDITORS: dict[str, str] = {
    "api": "html",
    "ckeditor": "html",
    "code": "html",
    "markdown": "markdown",
    "redirect": "redirect",
    "wysiwyg": "html",
}

_PAGE_INSERT = (
    'insert into "pages" ("authorId", "content", "contentType", "createdAt", "creatorId",'
    ' "description", "editorKey", "extra", "hash", "isPrivate", "isPublished", "localeCode",'
    ' "path", "publishEndDate", "publishStartDate", "title", "toc", "updatedAt") values ($1,'
    " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
    ' returning "id"'
)
_PAGE_MOVE = (
    'update "pages" set "path" = $1, "localeCode" = $2, "title" = $3, "hash" = $4,'
    ' "updatedAt" = $5 where "pages"."id" = $6'
)
# The columns knex writes for a pageTree row, in the (sorted) order it lists them.
_TREE_COLUMNS = (
    '"ancestors", "depth", "id", "isFolder", "isPrivate", "localeCode", "pageId", "parent",'
    ' "path", "privateNS", "title"'
)
# The rebuild job inserts the tree 100 rows per statement (server/jobs/rebuild-tree.js), so a
# tree of more rows can lose its parents to the other rebuild between two statements. The
# failure's message was seen to carry a statement for the whole tree (~100 kB on a big wiki).
TREE_CHUNK = 100
_UNDEFINED_WHERE = (
    "undefined passed as a property in argument #0 for 'where' operation. Call"
    " skipUndefined() method to ignore the undefined values."
)


def illegal_path(path: str) -> bool:
    return any(mark in path for mark in (".", " ", "\\", "//"))


def trim_slashes(path: str) -> str:
    if path.endswith("/"):
        path = path[:-1]
    if path.startswith("/"):
        path = path[1:]
    return path


def page_rule_target(db: Database, page: Page) -> dict[str, Any]:
    return {"path": page.path, "locale": page.locale, "tags": [t.tag for t in db.tags_of(page.id)]}


def is_live(page: Page, now: float) -> bool:
    """The page view's publishing check: published, and inside its window.

    The dates are free strings ('' when unset); one moment.js cannot read closes the window,
    since an invalid moment compares false both ways.
    """
    if not page.is_published:
        return False
    if page.publish_start:
        start = _instant(page.publish_start)
        if start is None or start > now:
            return False
    if page.publish_end:
        end = _instant(page.publish_end)
        if end is None or end < now:
            return False
    return True


def _instant(text: str) -> float | None:
    """Seconds since the epoch of an ISO 8601 date (UTC unless it says otherwise), else None."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


# -- tags -----------------------------------------------------------------------------------


def _values(rows: int, columns: int) -> str:
    """The `($1, $2), ($3, $4)` placeholders knex writes for a multi-row insert."""
    groups = []
    for row in range(rows):
        first = row * columns + 1
        groups.append("(" + ", ".join(f"${n}" for n in range(first, first + columns)) + ")")
    return ", ".join(groups)


def tag_insert(count: int) -> str:
    return f'insert into "tags" ("tag", "title") values {_values(count, 2)} returning "id"'


def associate_tags(wiki: Wiki, page: Page, tags: list[str | None] | None) -> None:
    """Wiki.js's tags.associateTags: read every tag, insert the missing ones, relate and unrelate.

    The missing ones are inserted in one statement. A tag another write in flight is inserting
    was not there when this one read the list, so this insert collides with it and nothing is
    related.
    """
    if tags is None:  # Wiki.js calls tags.map() on undefined, after the page was saved
        raise JSError("Cannot read properties of undefined (reading 'map')", "TypeError")
    db = wiki.db
    wanted: list[str] = []
    for raw in tags:
        name = (raw or "").strip().lower()
        if name not in wanted:
            wanted.append(name)
    racing = wiki.traffic.tags_being_created(wiki.activity)
    existing = {tag.tag: tag for tag in db.tags}
    missing = [name for name in wanted if name not in existing or name in racing]
    if any(name in racing for name in missing):
        raise unique_violation(tag_insert(len(missing)), "tags_tag_unique")
    for name in missing:
        now = wiki.now()
        existing[name] = db.tags.insert(Tag(db.tags.next_id(), name, name, now, now))
        if wiki.activity is not None:
            wiki.activity.created_tags.add(name)
    target = [existing[name].id for name in wanted]
    current = [tag.id for tag in db.tags_of(page.id)]
    db.page_tags.extend((page.id, tag_id) for tag_id in target if tag_id not in current)
    stale = {tag_id for tag_id in current if tag_id not in target}
    db.page_tags[:] = [
        pair for pair in db.page_tags if not (pair[0] == page.id and pair[1] in stale)
    ]


# -- rendering and links --------------------------------------------------------------------


def render_page(wiki: Wiki, page: Page) -> None:
    db = wiki.db
    where = render.LinkContext(page.locale, page.path, db.site.host)

    def exists(locale: str, path: str) -> bool:
        return db.find_page(locale, path) is not None

    if page.content_type == "markdown":
        rendered = render.render_markdown(page.content, where, exists)
    else:
        rendered = render_html(page.content, where, exists)
    page.render, page.toc, page.links = rendered.html, rendered.toc, rendered.links
    page.updated_at = wiki.now()
    db.pages.touch(page)


def reconnect_links(wiki: Wiki, locale: str, path: str, *, valid: bool, old_path: str = "") -> None:
    """Re-flag links to a page that appeared, moved or went away, in every page linking to it."""
    db = wiki.db
    href = f"/{locale}/{path}"
    for page in db.pages.scan():
        if (locale, path) not in page.links and (locale, old_path) not in page.links:
            continue
        updated = render.retarget_links(page.render, href, valid=valid)
        if old_path:
            updated = updated.replace(f'<a href="/{locale}/{old_path}" ', f'<a href="{href}" ')
        if updated != page.render:
            page.render = updated
            page.updated_at = wiki.now()
            db.pages.touch(page)


# -- tree -----------------------------------------------------------------------------------


def rebuild_tree_job(wiki: Wiki) -> None:
    """The rebuild-tree worker job as a page write runs it, and waits for.

    While another request in flight is rebuilding too, the two workers empty and refill
    `pageTree` at the same time: this one fails on the primary key (or, once the tree needs
    more than one insert statement, on the parent foreign key) and leaves the tree as it was.
    """
    wiki.work.append("tree")
    colliding = wiki.traffic.tree_rebuilding(wiki.activity)
    if wiki.activity is not None:
        wiki.activity.rebuilt_tree = True
    if not colliding:
        rebuild_tree(wiki.db)
        return
    rows = tree_rows(wiki.db)
    statement = f'insert into "pageTree" ({_TREE_COLUMNS}) values {_values(rows, 11)}'
    if rows > TREE_CHUNK:
        error = foreign_key_error(statement, "pagetree_parent_foreign", "pageTree")
    else:
        error = unique_violation(statement, "pageTree_pkey")
    raise job_failure("rebuild-tree", error)


def tree_rows(db: Database) -> int:
    """How many rows a rebuild of the tree inserts: every page and every folder."""
    nodes: set[tuple[str, str]] = set()
    for page in db.pages.scan():
        parts = page.path.split("/")
        nodes.update((page.locale, "/".join(parts[:depth])) for depth in range(1, len(parts) + 1))
    return len(nodes)


def rebuild_tree(db: Database) -> None:
    """Wiki.js's rebuild-tree job: node ids are handed out again on every rebuild."""
    nodes: list[TreeNode] = []
    index: dict[tuple[str, str], TreeNode] = {}
    pages = sorted(db.pages.scan(), key=lambda p: (p.locale, collation_key(p.path)))
    for page in pages:
        parts = page.path.split("/")
        current, parent = "", None
        ancestors: list[int] = []
        for depth, part in enumerate(parts, 1):
            is_folder = depth < len(parts)
            current = f"{current}/{part}" if current else part
            found = index.get((page.locale, current))
            if found is None:
                node = TreeNode(
                    id=len(nodes) + 1,
                    locale=page.locale,
                    path=current,
                    depth=depth,
                    title=part if is_folder else page.title,
                    is_private=not is_folder and page.is_private,
                    is_folder=is_folder,
                    private_ns=None if is_folder else page.private_ns,
                    parent=parent,
                    page_id=None if is_folder else page.id,
                    ancestors=list(ancestors),
                )
                nodes.append(node)
                index[(page.locale, current)] = node
                parent = node.id
            else:
                if is_folder and not found.is_folder:
                    found.is_folder = True
                parent = found.id
            ancestors.append(parent)
    db.tree = nodes


# -- versions -------------------------------------------------------------------------------


def add_version(wiki: Wiki, page: Page, action: str) -> PageVersion:
    db = wiki.db
    return db.versions.insert(
        PageVersion(
            id=db.versions.next_id(),
            page_id=page.id,
            action=action,
            author_id=page.author_id,
            content=page.content,
            content_type=page.content_type,
            description=page.description,
            editor=page.editor,
            is_private=page.is_private,
            is_published=page.is_published,
            locale=page.locale,
            path=page.path,
            publish_start=page.publish_start,
            publish_end=page.publish_end,
            title=page.title,
            script_css=page.script_css,
            script_js=page.script_js,
            version_date=page.updated_at,
            created_at=wiki.now(),
        )
    )


# -- the page model's write operations -------------------------------------------------------


def create_page(wiki: Wiki, user: Identity, args: Mapping[str, Any]) -> Page:
    db = wiki.db
    path, locale = str(args["path"]), str(args["locale"])
    if illegal_path(path):
        raise wiki_error("PageIllegalPath")
    path = trim_slashes(path)
    if not check_access(db, user, ["write:pages"], {"locale": locale, "path": path}):
        raise wiki_error("PageDeleteForbidden")  # sic: Wiki.js reports the wrong error here
    if db.find_page(locale, path) is not None:
        raise wiki_error("PageDuplicateCreate")
    content = args.get("content") or ""
    if not content.strip():
        raise wiki_error("PageEmptyContent")
    page_id = db.pages.next_id()  # consumed even when the insert fails
    editor = str(args["editor"])
    if editor not in EDITORS:
        raise foreign_key_error(_PAGE_INSERT, "pages_editorkey_foreign", "pages")
    if locale not in db.locales:
        raise foreign_key_error(_PAGE_INSERT, "pages_localecode_foreign", "pages")
    now = wiki.now()
    is_private = bool(args.get("isPrivate"))
    styles = check_access(db, user, ["write:styles"], {"locale": locale, "path": path})
    scripts = check_access(db, user, ["write:scripts"], {"locale": locale, "path": path})
    page = db.pages.insert(
        Page(
            id=page_id,
            path=path,
            locale=locale,
            title=str(args["title"]),
            description=str(args["description"]),
            content=content,
            editor=editor,
            content_type=EDITORS[editor],
            is_private=is_private,
            is_published=bool(args.get("isPublished")),
            publish_start=str(args.get("publishStartDate") or ""),
            publish_end=str(args.get("publishEndDate") or ""),
            script_css=str(args.get("scriptCss") or "") if styles else "",
            script_js=str(args.get("scriptJs") or "") if scripts else "",
            hash=page_hash(locale, path, "TODO" if is_private else ""),
            author_id=user.id,
            creator_id=user.id,
            created_at=now,
            updated_at=now,
        )
    )
    if args.get("tags"):
        associate_tags(wiki, page, list(args["tags"]))
    wiki.work.append("create")
    render_page(wiki, page)
    rebuild_tree_job(wiki)
    reconnect_links(wiki, locale, path, valid=True)
    return page


def update_page(
    wiki: Wiki, user: Identity, args: Mapping[str, Any], action: str = "updated"
) -> Page:
    db = wiki.db
    page = db.pages.get(args["id"])
    if page is None:
        raise JSError("Invalid Page Id")
    if not check_access(db, user, ["write:pages"], {"locale": page.locale, "path": page.path}):
        raise wiki_error("PageUpdateForbidden")
    content = args.get("content") or ""
    if not content.strip():
        raise wiki_error("PageEmptyContent")
    add_version(wiki, page, action)
    wiki.work.append("update")  # rendering dominates, and failures after this point pay it too
    target = {"locale": page.locale, "path": page.path}
    if check_access(db, user, ["write:styles"], target) and args.get("scriptCss") is not None:
        page.script_css = str(args["scriptCss"])
    if check_access(db, user, ["write:scripts"], target) and args.get("scriptJs") is not None:
        page.script_js = str(args["scriptJs"])
    page.author_id = user.id
    page.content = content
    if args.get("description") is not None:
        page.description = str(args["description"])
    if args.get("title") is not None:
        page.title = str(args["title"])
    page.is_published = args.get("isPublished") is True
    page.publish_start = str(args.get("publishStartDate") or "")
    page.publish_end = str(args.get("publishEndDate") or "")
    page.updated_at = wiki.now()
    db.pages.touch(page)
    associate_tags(wiki, page, args.get("tags"))
    render_page(wiki, page)
    new_locale, new_path = args.get("locale"), args.get("path")
    if (new_locale and new_locale != page.locale) or (new_path and new_path != page.path):
        move_page(wiki, user, page.id, str(new_path or page.path), new_locale)
    else:
        for node in db.tree:
            if node.page_id == page.id:
                node.title = page.title
    return page


def move_page(
    wiki: Wiki, user: Identity, page_id: int, destination: str, locale: str | None
) -> None:
    db = wiki.db
    page = db.pages.get(page_id)
    if page is None:
        raise wiki_error("PageNotFound")
    if illegal_path(destination):
        raise wiki_error("PageIllegalPath")
    destination = trim_slashes(destination)
    if not check_access(db, user, ["manage:pages"], {"locale": page.locale, "path": page.path}):
        raise wiki_error("PageMoveForbidden")
    if not check_access(db, user, ["write:pages"], {"locale": locale, "path": destination}):
        raise wiki_error("PageMoveForbidden")
    if locale is None:
        raise JSError(_UNDEFINED_WHERE)
    if db.find_page(locale, destination) is not None:
        raise wiki_error("PagePathCollision")
    add_version(wiki, page, "moved")
    wiki.work.append("write")
    if locale not in db.locales:
        raise foreign_key_error(_PAGE_MOVE, "pages_localecode_foreign", "pages")
    old_locale, old_path = page.locale, page.path
    if page.title == old_path.split("/")[-1]:
        page.title = destination.split("/")[-1]
    page.path, page.locale = destination, locale
    page.hash = page_hash(locale, destination)
    page.updated_at = wiki.now()
    db.pages.touch(page)
    rebuild_tree_job(wiki)
    same_locale = old_locale == locale
    reconnect_links(wiki, locale, destination, valid=True, old_path=old_path if same_locale else "")


def delete_page(wiki: Wiki, user: Identity, page_id: int) -> None:
    db = wiki.db
    page = db.pages.get(page_id)
    if page is None:
        raise wiki_error("PageNotFound")
    if not check_access(db, user, ["delete:pages"], {"locale": page.locale, "path": page.path}):
        raise wiki_error("PageDeleteForbidden")
    add_version(wiki, page, "deleted")
    wiki.work.append("delete")
    db.pages.delete(page.id)
    db.page_tags[:] = [pair for pair in db.page_tags if pair[0] != page.id]
    for comment in [c for c in db.comments.scan() if c.page_id == page.id]:
        db.comments.delete(comment.id)
    rebuild_tree_job(wiki)
    reconnect_links(wiki, page.locale, page.path, valid=False)


def convert_page(wiki: Wiki, user: Identity, page_id: int, editor: str) -> None:
    db = wiki.db
    page = db.pages.get(page_id)
    if page is None:
        raise JSError("Invalid Page Id")
    if page.editor == editor:
        raise JSError("Page is already using this editor. Nothing to convert.")
    if not check_access(db, user, ["write:pages"], {"locale": page.locale, "path": page.path}):
        raise wiki_error("PageUpdateForbidden")
    source, target = page.content_type, EDITORS.get(editor, "text")
    converted: str | None = None
    if source != target:
        if source == "markdown" and target == "html":
            if not page.render:
                raise JSError("Aborted conversion because rendered page content is empty!")
            converted = render.strip_toc_anchors(page.render)
        elif source == "html" and target == "markdown":
            converted = render.html_to_markdown(page.content)
        else:
            raise JSError("Unsupported source / destination content types combination.")
        add_version(wiki, page, "updated")
    page.content_type, page.editor = target, editor
    if converted is not None:
        page.content = converted
    page.updated_at = wiki.now()
    db.pages.touch(page)
