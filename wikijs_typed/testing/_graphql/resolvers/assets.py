"""`assets { ... }`: folders and the asset list, rename and delete (uploads are REST)."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import failure, respond, success, wiki_error
from wikijs_typed.testing._http.rest import extension, sanitize_filename
from wikijs_typed.testing._wiki.permissions import check_access
from wikijs_typed.testing._wiki.state import AssetFolder
from wikijs_typed.testing._wiki.wiki import Context, context_of

query = ObjectType("AssetQuery")
mutation = ObjectType("AssetMutation")
bindables = [query, mutation]

Info = GraphQLResolveInfo


def _can(ctx: Context, permission: str, path: str) -> bool:
    return ctx.user is not None and check_access(ctx.db, ctx.user, [permission], {"path": path})


@query.field("list")
def resolve_list(_obj: Any, info: Info, folderId: int, kind: str) -> list[dict[str, Any]]:
    ctx = context_of(info)
    db = ctx.db
    folder = folderId or None
    results = []
    for asset in db.assets.scan():
        if asset.folder_id != folder or (kind != "ALL" and asset.kind != kind.lower()):
            continue
        if not _can(ctx, "read:assets", db.asset_path(asset)):
            continue
        results.append(
            {
                "id": asset.id,
                "filename": asset.filename,
                "ext": asset.ext,
                "kind": asset.kind.upper(),
                "mime": asset.mime,
                "fileSize": asset.file_size,
                "metadata": None,
                "createdAt": asset.created_at,
                "updatedAt": asset.updated_at,
                "folder": None,  # Wiki.js has no resolver for these two
                "author": None,
            }
        )
    return results


@query.field("folders")
def resolve_folders(_obj: Any, info: Info, parentFolderId: int) -> list[dict[str, Any]]:
    ctx = context_of(info)
    parent = parentFolderId or None
    return [
        {"id": folder.id, "slug": folder.slug, "name": folder.name}
        for folder in ctx.db.folders.scan()
        if folder.parent_id == parent and _can(ctx, "read:assets", ctx.db.folder_path(folder.id))
    ]


@mutation.field("createFolder")
def resolve_create_folder(
    _obj: Any,
    info: Info,
    parentFolderId: int,
    slug: str,
    name: str | None = None,
) -> dict[str, Any]:
    ctx = context_of(info)
    db = ctx.db
    folder_slug = sanitize_filename(slug).lower()
    parent = parentFolderId or None
    if any(f.parent_id == parent and f.slug == folder_slug for f in db.folders.scan()):
        return {"responseResult": failure(wiki_error("AssetFolderExists"))}
    db.folders.insert(AssetFolder(db.folders.next_id(), folder_slug, folder_slug, parent))
    return {"responseResult": success("Asset Folder has been created successfully.")}


def rename_asset(ctx: Context, asset_id: int, filename: str) -> None:
    db = ctx.db
    new_name = sanitize_filename(filename).lower()
    asset = db.assets.get(asset_id)
    if asset is None:
        raise wiki_error("AssetInvalid")
    if asset.ext and new_name.find(".") <= 0:
        raise wiki_error("AssetRenameInvalid")
    if asset.ext != extension(new_name):
        raise wiki_error("AssetRenameInvalidExt")
    if any(a.filename == new_name and a.folder_id == asset.folder_id for a in db.assets.scan()):
        raise wiki_error("AssetRenameCollision")
    folder = db.folder_path(asset.folder_id)
    source = db.asset_path(asset)
    if not _can(ctx, "manage:assets", source):
        raise wiki_error("AssetRenameForbidden")
    target = f"{folder}/{new_name}" if folder else new_name
    if not _can(ctx, "write:assets", target):
        raise wiki_error("AssetRenameTargetForbidden")
    db.asset_cache.discard(source)
    asset.filename, asset.updated_at = new_name, ctx.wiki.now()
    db.assets.touch(asset)


def delete_asset(ctx: Context, asset_id: int) -> None:
    db = ctx.db
    asset = db.assets.get(asset_id)
    if asset is None:
        raise wiki_error("AssetInvalid")
    path = db.asset_path(asset)
    if not _can(ctx, "manage:assets", path):
        raise wiki_error("AssetDeleteForbidden")
    db.assets.delete(asset.id)
    db.asset_cache.discard(path)


@mutation.field("renameAsset")
def resolve_rename(_obj: Any, info: Info, id: int, filename: str) -> dict[str, Any]:  # noqa: A002
    return respond(
        lambda: rename_asset(context_of(info), id, filename), "Asset has been renamed successfully."
    )


@mutation.field("deleteAsset")
def resolve_delete(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    return respond(
        lambda: delete_asset(context_of(info), id), "Asset has been deleted successfully."
    )


@mutation.field("flushTempUploads")
def resolve_flush(_obj: Any, _info: Info) -> dict[str, Any]:
    return {"responseResult": success("Temporary Uploads have been flushed successfully.")}
