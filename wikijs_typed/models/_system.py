"""System information, extensions and the content export's progress."""

from __future__ import annotations

from datetime import datetime

from wikijs_typed.models._base import WikiModel

__all__ = ["ExportStatus", "SystemExtension", "SystemInfo"]


class SystemInfo(WikiModel):
    """The server, its database and its content totals.

    Each field has its own permission: one the caller may not read is None.
    """

    current_version: str | None = None
    latest_version: str | None = None
    latest_version_release_date: datetime | None = None
    upgrade_capable: bool | None = None
    operating_system: str | None = None
    hostname: str | None = None
    platform: str | None = None
    cpu_cores: int | None = None
    ram_total: str | None = None
    node_version: str | None = None
    working_directory: str | None = None
    config_file: str | None = None
    db_type: str | None = None
    db_version: str | None = None
    db_host: str | None = None
    http_port: int | None = None
    https_port: int | None = None
    http_redirection: bool | None = None
    ssl_domain: str | None = None
    ssl_expiration_date: datetime | None = None
    ssl_provider: str | None = None
    ssl_status: str | None = None
    ssl_subscriber_email: str | None = None
    telemetry: bool | None = None
    telemetry_client_id: str | None = None
    pages_total: int | None = None
    users_total: int | None = None
    groups_total: int | None = None
    tags_total: int | None = None

    repr_fields = ("current_version", "hostname", "db_type", "pages_total", "users_total")


class SystemExtension(WikiModel):
    """A tool Wiki.js can use when installed (Git, Pandoc, ...)."""

    key: str
    title: str
    description: str
    is_installed: bool
    is_compatible: bool


class ExportStatus(WikiModel):
    """The last export: `status` "notrunning", "running", "success" or "error"."""

    status: str | None = None
    progress: int | None = None
    message: str | None = None
    started_at: datetime | None = None
