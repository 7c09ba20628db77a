"""What an operator can change about the content API, and where it comes from in a worker.

Everything defaults to what is safe to put in front of the public: only published,
non-private pages, no e-mail addresses, Wagtail's page-size cap of 20. `from_env()` is how
`create_app()` without arguments (uvicorn's `--factory`, several workers) is configured.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from wikijs_typed.api._audience import AudienceChoice
from wikijs_typed.cache._base import DEFAULT_TTL
from wikijs_typed.exceptions import ConfigurationError

__all__ = ["ApiSettings"]

# Seconds between polls of the wiki's change feed (the watcher's default too).
DEFAULT_POLL_INTERVAL = 10.0
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false")


def _number(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in ("", "none"):
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number or 'none'") from None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number of seconds") from None


@dataclass(frozen=True)
class ApiSettings:
    """`base_url`: the API's public root (`https://api.example.com`), which every
    `detail_url` starts with; by default the address each request was made to.
    `max_limit`: the largest `limit` accepted (None: no cap; Wagtail's default is 20).
    `include_unpublished` / `include_private` / `show_emails`: open up what the public should
    not see. `max_age`: seconds a response may be reused without asking again (0: always
    revalidate, which the ETag makes cheap). `max_query_length`: longer query strings get a 400.
    `site_url`: the wiki's public address, which `html_url` and `download_url` start with
    (default: the address the API reaches the wiki by, which may be an internal one).
    `memo_seconds`: how long a rendered response is reused while the client's cache is unchanged
    (0: render every request; see memo.py). `cache_ttl`: seconds the wiki's answers are kept in
    the cache `create_app` makes for itself (a client or cache given to it keeps its own); a
    response is never declared fresh (`max_age`) for longer than that.
    `poll_interval`: seconds between two polls of the wiki's change feed (feed/watcher.py),
    which drops from the cache what was edited on the wiki (0: no polling, the cache
    keeps answers for `cache_ttl`); a response is never declared fresh for longer than that.
    `audience`: whose view of the wiki is served: "guests" (what an anonymous visitor may
    read), "group:NAME" (a group's, by name or id) or "key" (everything the key reads); see
    audience.py.
    """

    base_url: str | None = None
    max_limit: int | None = 20
    include_unpublished: bool = False
    include_private: bool = False
    show_emails: bool = False
    search_enabled: bool = True
    max_age: int = 0
    max_query_length: int = 4096
    memo_seconds: float = 1.0
    site_url: str | None = None
    cache_ttl: float = DEFAULT_TTL
    poll_interval: float = DEFAULT_POLL_INTERVAL
    audience: str = "guests"

    def __post_init__(self) -> None:
        AudienceChoice.parse(self.audience)
        if self.max_limit is not None and (isinstance(self.max_limit, bool) or self.max_limit < 1):
            raise ConfigurationError("max_limit must be a positive whole number or None")
        if self.max_age < 0:
            raise ConfigurationError("max_age must not be negative")
        if self.memo_seconds < 0:
            raise ConfigurationError("memo_seconds must not be negative")
        if self.max_query_length < 1:
            raise ConfigurationError("max_query_length must be positive")
        if not self.poll_interval >= 0:
            raise ConfigurationError(
                "poll_interval must be 0 (off) or a positive number of seconds"
            )
        if not self.cache_ttl > 0:
            raise ConfigurationError("cache_ttl must be more than 0 seconds")
        if self.max_age > self.cache_ttl:
            raise ConfigurationError(
                f"max_age ({self.max_age} s) must not exceed cache_ttl ({self.cache_ttl:g} s):"
                " readers would keep a response longer than the API keeps the wiki's answer"
            )

    @property
    def public(self) -> bool:
        """Whether every response only holds what anyone may see (so shared caches may keep it)."""
        opened = self.include_unpublished or self.include_private or self.show_emails
        return not (opened or self.audience_choice.is_key)

    @property
    def kept_max_age(self) -> int:
        """The `max_age` a response may promise: no longer than the freshness the API keeps,
        which is the poll interval when it polls (`cache_ttl` already bounds `max_age`)."""
        if self.poll_interval > 0:
            return min(self.max_age, int(self.poll_interval))
        return self.max_age

    @property
    def audience_choice(self) -> AudienceChoice:
        return AudienceChoice.parse(self.audience)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiSettings:
        """Settings from `WIKIJS_API_*` variables (unset ones keep their defaults)."""
        values = os.environ if env is None else env
        defaults = cls()
        return cls(
            base_url=values.get("WIKIJS_API_BASE_URL") or None,
            site_url=values.get("WIKIJS_PUBLIC_URL") or None,
            audience=values.get("WIKIJS_API_AUDIENCE") or defaults.audience,
            max_limit=_number(values, "WIKIJS_API_MAX_LIMIT", defaults.max_limit),
            include_unpublished=_flag(values, "WIKIJS_API_INCLUDE_UNPUBLISHED", False),
            include_private=_flag(values, "WIKIJS_API_INCLUDE_PRIVATE", False),
            show_emails=_flag(values, "WIKIJS_API_SHOW_EMAILS", False),
            search_enabled=_flag(values, "WIKIJS_API_SEARCH", True),
            max_age=_number(values, "WIKIJS_API_MAX_AGE", defaults.max_age) or 0,
            max_query_length=_number(
                values, "WIKIJS_API_MAX_QUERY_LENGTH", defaults.max_query_length
            )
            or defaults.max_query_length,
            cache_ttl=_seconds(values, "WIKIJS_CACHE_TTL", defaults.cache_ttl),
            poll_interval=_seconds(values, "WIKIJS_POLL_INTERVAL", defaults.poll_interval),
        )
