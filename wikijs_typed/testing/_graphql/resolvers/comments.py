"""`comments { ... }` with Wiki.js's built-in ("default") comment provider."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._clock import parse_iso
from wikijs_typed.testing._graphql.errors import JSError, WikiError, failure, success, wiki_error
from wikijs_typed.testing._graphql.resolvers.modules import enabled_and_config, table, update_rows
from wikijs_typed.testing._graphql.validation import email, first_problem, length, present
from wikijs_typed.testing._wiki.catalogue import DEFAULT_COMMENT_PROVIDER, comment_providers
from wikijs_typed.testing._wiki.identity import GUEST_ID
from wikijs_typed.testing._wiki.pages import page_rule_target
from wikijs_typed.testing._wiki.permissions import check_access
from wikijs_typed.testing._wiki.render import render_comment
from wikijs_typed.testing._wiki.state import Comment, Database, Page
from wikijs_typed.testing._wiki.wiki import Context, context_of

query = ObjectType("CommentQuery")
mutation = ObjectType("CommentMutation")
bindables = [query, mutation]

Info = GraphQLResolveInfo


def comment_view(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "content": comment.content,
        "render": comment.render,
        "authorId": comment.author_id,
        "authorName": comment.name,
        "authorEmail": comment.email,
        "authorIP": comment.ip,
        "createdAt": comment.created_at,
        "updatedAt": comment.updated_at,
    }


def _allowed(ctx: Context, permission: str, page: Page) -> bool:
    return ctx.user is not None and check_access(
        ctx.db, ctx.user, [permission], page_rule_target(ctx.db, page)
    )


def _post_delay(db: Database) -> float:
    """The built-in provider's "Post delay" between two comments of one account, in seconds.

    30 on a fresh install; the admin can change it, and 0 or null turns the check off.
    """
    row = db.modules["comments"].get(DEFAULT_COMMENT_PROVIDER)
    value = row.config.get("minDelay") if row is not None else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


@query.field("providers")
def resolve_providers(_obj: Any, info: Info) -> list[dict[str, Any]]:
    return comment_providers(table(info, "comments"))


@query.field("list")
def resolve_list(_obj: Any, info: Info, locale: str, path: str) -> list[dict[str, Any]]:
    ctx = context_of(info)
    page = ctx.db.find_page(locale, path)
    if page is None:
        return []
    if not _allowed(ctx, "read:comments", page):
        raise wiki_error("CommentViewForbidden")
    comments = [c for c in ctx.db.comments.by_id() if c.page_id == page.id]
    comments.sort(key=lambda c: c.created_at)
    return [comment_view(c) for c in comments]


@query.field("single")
def resolve_single(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)
    comment = ctx.db.comments.get(id)
    page = ctx.db.pages.get(comment.page_id) if comment else None
    if comment is None or page is None:
        raise wiki_error("CommentNotFound")
    if not _allowed(ctx, "read:comments", page):
        raise wiki_error("CommentViewForbidden")
    return comment_view(comment)


def post_comment(ctx: Context, args: dict[str, Any]) -> int:
    db, user = ctx.db, ctx.user
    if user is None:
        raise JSError("Cannot read properties of undefined (reading 'id')", "TypeError")
    name, address = user.name, user.email
    if user.id == GUEST_ID:
        name, address = args.get("guestName") or "", (args.get("guestEmail") or "").lower()
        problem = first_problem(
            [
                ("Email", address, [email, length(maximum=255)]),
                ("Name", name, [present, length(2, 255)]),
            ]
        )
        if problem:
            raise wiki_error("InputInvalid", problem)
    content = str(args["content"]).strip()
    if len(content) < 2:
        raise wiki_error("CommentContentMissing")
    page = db.pages.get(args["pageId"])
    if page is None:
        raise wiki_error("PageNotFound")
    if not _allowed(ctx, "write:comments", page):
        raise wiki_error("CommentPostForbidden")
    mine = [c for c in db.comments.scan() if c.author_id == user.id]
    delay = _post_delay(db)
    if mine and delay > 0:
        latest = max(parse_iso(c.updated_at) for c in mine)
        if ctx.wiki.clock.now() - latest < delay:
            raise JSError(
                "Your administrator has set a time limit before you can post another comment."
                " Try again later."
            )
    now = ctx.wiki.now()
    comment = Comment(
        id=db.comments.next_id(),
        page_id=page.id,
        content=content,
        render=render_comment(content),
        author_id=user.id,
        name=name,
        email=address,
        ip=ctx.client_ip,
        created_at=now,
        updated_at=now,
        reply_to=args.get("replyTo") or 0,
    )
    return db.comments.insert(comment).id


@mutation.field("create")
def resolve_create(_obj: Any, info: Info, **args: Any) -> dict[str, Any]:
    try:
        comment_id = post_comment(context_of(info), args)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "id": None}
    return {"responseResult": success("New comment posted successfully"), "id": comment_id}


def _managed(ctx: Context, comment_id: int) -> Comment:
    comment = ctx.db.comments.get(comment_id)
    if comment is None:
        raise wiki_error("CommentNotFound")
    page = ctx.db.pages.get(comment.page_id)
    if page is None:
        raise wiki_error("PageNotFound")
    if not _allowed(ctx, "manage:comments", page):
        raise wiki_error("CommentManageForbidden")
    return comment


@mutation.field("update")
def resolve_update(_obj: Any, info: Info, id: int, content: str) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)
    try:
        comment = _managed(ctx, id)
        if len(content.strip()) < 2:
            raise wiki_error("CommentContentMissing")
        comment.content, comment.render = content, render_comment(content)
        comment.updated_at = ctx.wiki.now()
        ctx.db.comments.touch(comment)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error), "render": None}
    return {"responseResult": success("Comment updated successfully"), "render": comment.render}


@mutation.field("delete")
def resolve_delete(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    ctx = context_of(info)
    try:
        ctx.db.comments.delete(_managed(ctx, id).id)
    except (WikiError, JSError) as error:
        return {"responseResult": failure(error)}
    return {"responseResult": success("Comment deleted successfully")}


@mutation.field("updateProviders")
def resolve_update_providers(_obj: Any, info: Info, providers: Any = None) -> dict[str, Any]:
    return update_rows(
        info,
        "comments",
        providers,
        "providers",
        "Comment Providers updated successfully",
        enabled_and_config,
    )
