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
    """How the content API serves the wiki; checked when made.

    Attributes:
        base_url: The API's public root (`https://api.example.com`), which every `detail_url`
            starts with; by default the address each request was made to.
        max_limit: The largest `limit` accepted; None for no cap (Wagtail's default is 20).
        include_unpublished: Serve unpublished pages too, which the public should not see.
        include_private: Serve private pages too.
        show_emails: Show authors' email addresses.
        search_enabled: Whether `search=` is accepted.
        max_age: Seconds a response may be reused without asking again (0: always revalidate,
            which the ETag makes cheap); at most `cache_ttl`.
        max_query_length: The longest query string accepted; a longer one gets a 400.
        memo_seconds: How long a rendered response is reused while the client's cache is
            unchanged (0: render every request).
        site_url: The wiki's public address, which `html_url` and `download_url` start with;
            by default the address the API reaches the wiki by, which may be an internal one.
        cache_ttl: Seconds the wiki's answers are kept in the cache `create_app` makes for
            itself (a client or cache given to it keeps its own); a response is never
            declared fresh (`max_age`) for longer than that.
        poll_interval: Seconds between two polls of the wiki's change feed, which drops from
            the cache what was edited on the wiki (0: no polling, the cache keeps answers for
            `cache_ttl`); a response is never declared fresh for longer than that.
        audience: Whose view of the wiki is served: "guests" (what an anonymous visitor may
            read), "group:NAME" (a group's, by name or id) or "key" (everything the key
            reads).

    Raises:
        ConfigurationError: A value is out of range, `max_age` exceeds `cache_ttl`, or
            `audience` is none of the forms above.
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
        """The `max_age` a response may promise: no longer than the freshness the API keeps.

        That is the poll interval when it polls; `cache_ttl` already bounds `max_age`.
        """
        if self.poll_interval > 0:
            return min(self.max_age, int(self.poll_interval))
        return self.max_age

    @property
    def audience_choice(self) -> AudienceChoice:
        """The `audience` parsed: guests, a group by id or by name, or the key itself."""
        return AudienceChoice.parse(self.audience)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiSettings:
        """Read the settings from environment variables; unset ones keep their defaults.

        The variables are WIKIJS_API_BASE_URL, WIKIJS_PUBLIC_URL (`site_url`),
        WIKIJS_API_AUDIENCE, WIKIJS_API_MAX_LIMIT (a number or "none"),
        WIKIJS_API_INCLUDE_UNPUBLISHED, WIKIJS_API_INCLUDE_PRIVATE, WIKIJS_API_SHOW_EMAILS,
        WIKIJS_API_SEARCH (true or false), WIKIJS_API_MAX_AGE, WIKIJS_API_MAX_QUERY_LENGTH,
        WIKIJS_CACHE_TTL and WIKIJS_POLL_INTERVAL (seconds).

        Args:
            env: The variables; None reads `os.environ`.

        Returns:
            The settings.

        Raises:
            ConfigurationError: A variable does not hold what it must, or the values it gives
                are out of range.
        """
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
