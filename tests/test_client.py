"""The facades: construction, lifetime, connection checks, and what they share."""

from __future__ import annotations

import ast
import importlib
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from _both_clients import make_client, wrap

import wikijs_typed
from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.auth import APIKeyAuth
from wikijs_typed.cache import MemoryCache
from wikijs_typed.exceptions import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    ForbiddenError,
    InvalidResponseError,
    ServerError,
    WikiJSConnectionError,
    WikiJSTimeoutError,
)

SECRET = "key-that-must-not-leak-0123456789"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("", "key"), {}),
        (("wiki.example.com", "key"), {}),
        (("https://wiki.example.com", None), {}),
        (("https://wiki.example.com", 42), {}),
        (("https://wiki.example.com", "key"), {"timeout": 0}),
        (("https://wiki.example.com", "key"), {"timeout": "30"}),
    ],
)
def test_bad_configuration_is_refused(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError):
        WikiJSClient(*args, **kwargs)
    with pytest.raises(ConfigurationError):
        AsyncWikiJSClient(*args, **kwargs)


def test_the_reference_parameters_are_accepted_and_secrets_stay_out_of_reprs() -> None:
    client = WikiJSClient(
        base_url="https://wiki.example.com/",
        auth=SECRET,
        timeout=30,
        verify_ssl=True,
        user_agent="Custom-Agent/1.0",
        cache=MemoryCache(ttl=300, max_size=1000),
    )

    assert client.base_url == "https://wiki.example.com"
    assert isinstance(client.auth, APIKeyAuth)
    assert client.engine.http.headers["User-Agent"] == "Custom-Agent/1.0"
    assert client.engine.http.timeout.read == 30
    assert SECRET not in repr(client)
    assert SECRET not in repr(client.auth)
    client.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_context_managers_close_the_connections(kind: str, wikijs_emulator: Any) -> None:
    client = make_client(kind, wikijs_emulator)
    if kind == "sync":
        with client as entered:
            assert entered is client
            entered.pages.list()
    else:
        async with client as entered:
            assert entered is client
            await entered.pages.list()

    assert client.engine.http.is_closed


async def test_a_given_http_client_is_used_and_left_open(wikijs_emulator: Any) -> None:
    http = httpx.AsyncClient(transport=wikijs_emulator.async_transport(), timeout=5)

    async with AsyncWikiJSClient(
        wikijs_emulator.base_url, wikijs_emulator.api_key, http_client=http
    ) as client:
        assert await client.test_connection() is True
        assert client.engine.http is http

    assert not http.is_closed
    await http.aclose()


@pytest.mark.asyncio
async def test_a_given_http_client_is_not_reconfigured(wikijs_emulator: Any) -> None:
    # An application's client, set up for some other service: it must stay as it was.
    elsewhere = "http://elsewhere.invalid/api/"
    sync_http = httpx.Client(base_url=elsewhere, transport=wikijs_emulator.transport())
    async_http = httpx.AsyncClient(base_url=elsewhere, transport=wikijs_emulator.async_transport())

    # The key goes with each request: without it, Wiki.js would answer as Guest.
    key = wikijs_emulator.api_key
    with WikiJSClient(wikijs_emulator.base_url, key, http_client=sync_http) as client:
        assert client.test_connection() is True
    async with AsyncWikiJSClient(
        wikijs_emulator.base_url, wikijs_emulator.api_key, http_client=async_http
    ) as async_client:
        assert await async_client.test_connection() is True

    for http in (sync_http, async_http):
        assert http.base_url == elsewhere
        assert http.auth is None
        assert key not in str(http.headers)
    sync_http.close()
    await async_http.aclose()


async def test_test_connection_accepts_a_good_key(wiki: Any) -> None:
    assert await wiki.test_connection() is True


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_test_connection_detects_a_key_the_server_treats_as_guest(
    kind: str, wikijs_emulator: Any
) -> None:
    client = wrap(make_client(kind, wikijs_emulator, auth="garbage-" + SECRET))

    with pytest.raises(AuthenticationError) as caught:
        await client.test_connection()

    assert SECRET not in str(caught.value)
    await client.close()


def failing_transport(error: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.ConnectError("connection refused"), WikiJSConnectionError),
        (httpx.ReadTimeout("too slow"), WikiJSTimeoutError),
    ],
)
def test_test_connection_reports_network_failures(
    error: Exception, expected: type[Exception]
) -> None:
    from wikijs_typed._pipeline.retry import RetryPolicy

    client = WikiJSClient(
        "https://wiki.example.com",
        "key",
        transport=failing_transport(error),
        retry=RetryPolicy(max_attempts=1),
    )

    with pytest.raises(expected):
        client.test_connection()
    # The reference's names for them are the same classes.
    assert issubclass(expected, ConnectionError | TimeoutError)


async def test_the_generated_client_and_bound_clients_share_the_pipeline(
    wikijs_emulator: Any,
) -> None:
    from wikijs_graphql import GraphQLClient

    cache = MemoryCache()
    client = make_client("sync", wikijs_emulator, cache=cache)
    page_id = wikijs_emulator.seed_page(path="shared", title="Shared", content="x")

    typed = client.graphql.get_page(id=page_id)
    bound = client.bind(GraphQLClient)
    again = bound.get_page(id=page_id)

    assert typed == again
    assert cache.get_stats()["hits"] == 1
    assert client.pages.get(page_id).title == "Shared"
    client.close()


def test_import_is_lazy_and_cheap() -> None:
    code = (
        "import sys, wikijs_typed; "
        "print(sorted(m for m in ('httpx', 'pydantic', 'wikijs_graphql') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "[]"


def test_star_import_does_not_shadow_builtins() -> None:
    namespace: dict[str, object] = {}
    exec("from wikijs_typed import *", namespace)

    for name in ("ConnectionError", "TimeoutError", "PermissionError"):
        assert name not in namespace
        assert name not in wikijs_typed.__all__
    assert issubclass(wikijs_typed.ConnectionError, ConnectionError)  # reachable by name
    for name in wikijs_typed.__all__:
        assert getattr(wikijs_typed, name) is not None


def _type_checking_imports() -> dict[str, str]:
    """{name offered: its module}, as the root package's `if TYPE_CHECKING:` block imports it."""
    tree = ast.parse(Path(wikijs_typed.__file__).read_text())
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    return {
        alias.asname or alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
        for alias in node.names
    }


def test_the_root_offers_each_name_from_the_module_type_checkers_are_shown() -> None:
    imported = _type_checking_imports()
    versions = {"__version__", "__version_info__"}

    # What type checkers see is what `__all__` offers (the built-in shadows aside)...
    assert set(imported) - {"ConnectionError", "TimeoutError", "PermissionError"} == (
        set(wikijs_typed.__all__) - versions
    )
    # ...and what a program gets at run time is that same object.
    for name, module in imported.items():
        assert getattr(wikijs_typed, name) is getattr(importlib.import_module(module), name)


@pytest.mark.asyncio
async def test_retry_and_batching_options_come_from_the_root_package() -> None:
    from wikijs_typed import AutoBatching, RetryPolicy

    async with AsyncWikiJSClient(
        "https://wiki.example.com",
        SECRET,
        retry=RetryPolicy(max_attempts=1),
        batching=AutoBatching(window=0),
    ) as client:
        assert client.engine.retry == RetryPolicy(max_attempts=1)
    with pytest.raises(AttributeError, match="NoSuchName"):
        _ = wikijs_typed.NoSuchName  # type: ignore[attr-defined]


async def test_graphql_errors_keep_message_path_and_partial_data(wikijs_emulator: Any) -> None:
    guest = wrap(make_client("async", wikijs_emulator, auth="not-a-key"))

    with pytest.raises(ForbiddenError) as caught:
        await guest.users.list()

    [error] = caught.value.errors
    assert (error.message, error.path) == ("Forbidden", ("users", "list"))
    assert caught.value.data == {"users": {"list": None}}
    await guest.close()


@pytest.mark.parametrize(
    ("fault", "expected", "status"),
    [
        ("502", ServerError, 502),
        ("503", ServerError, 503),
        ("html", InvalidResponseError, 200),
        ("malformed", InvalidResponseError, 200),
    ],
)
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_http_failures_are_typed(
    kind: str, fault: str, expected: type[APIError], status: int, wikijs_emulator: Any
) -> None:
    from wikijs_typed._pipeline.retry import RetryPolicy

    client = wrap(make_client(kind, wikijs_emulator, retry=RetryPolicy(max_attempts=1)))
    wikijs_emulator.faults.next(1, fault)

    with pytest.raises(expected) as caught:
        await client.pages.list()

    assert caught.value.status_code == status
    assert await client.pages.list() == []  # the next request is fine again
    await client.close()


def test_credentials_log_in_under_the_wikis_path_prefix() -> None:
    """A first call that is a download still logs in at <base_url>/graphql, not at the host root."""
    from wikijs_typed.auth import CredentialsAuth

    seen: list[str] = []

    def wiki(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        if request.url.path == "/docs-wiki/graphql":
            login = {
                "jwt": "header.eyJleHAiOjQxMDI0NDQ4MDB9.sig",
                "mustChangePwd": False,
                "mustProvideTFA": False,
                "mustSetupTFA": False,
                "continuationToken": None,
                "redirect": "/",
                "tfaQRImage": None,
                "responseResult": {
                    "succeeded": True,
                    "errorCode": 0,
                    "slug": "ok",
                    "message": "Login success",
                },
            }
            return httpx.Response(200, json={"data": {"authentication": {"login": login}}})
        return httpx.Response(200, content=b"png bytes", headers={"content-type": "image/png"})

    auth = CredentialsAuth("editor@example.com", "editor-password")
    with WikiJSClient(
        "https://intranet.example.com/docs-wiki", auth, transport=httpx.MockTransport(wiki)
    ) as client:
        assert client.assets.download("diagrams/flow.png") == b"png bytes"
    assert seen == ["POST /docs-wiki/graphql", "GET /docs-wiki/diagrams/flow.png"]


@pytest.mark.parametrize(("batching", "requests"), [("default", 1), (None, 4)])
async def test_async_client_auto_batching_can_be_turned_off(
    batching: object, requests: int, wikijs_emulator: Any
) -> None:
    import asyncio

    ids = [wikijs_emulator.seed_page(f"batch/{n}", f"B{n}", "x") for n in range(4)]
    options = {} if batching == "default" else {"batching": batching}
    async with AsyncWikiJSClient(
        wikijs_emulator.base_url,
        wikijs_emulator.api_key,
        transport=wikijs_emulator.async_transport(),
        **options,
    ) as client:
        wikijs_emulator.requests.clear()
        pages = await asyncio.gather(*(client.pages.get(i) for i in ids))
    assert [p.title for p in pages] == ["B0", "B1", "B2", "B3"]
    assert len(wikijs_emulator.requests) == requests


def _tls_of(client: WikiJSClient) -> ssl.SSLContext:
    # httpx keeps the context in its connection pool (httpx 0.28, httpcore 1.x).
    context: ssl.SSLContext = client._engine.http._transport._pool._ssl_context  # type: ignore[attr-defined]
    return context


def test_clients_share_one_verifying_tls_context_unless_told_not_to_verify() -> None:
    with (
        WikiJSClient("https://a.example", "key") as first,
        WikiJSClient("https://b.example", "key") as second,
        WikiJSClient("https://c.example", "key", verify_ssl=False) as unverified,
    ):
        assert _tls_of(first) is _tls_of(second)
        assert _tls_of(first).verify_mode == ssl.CERT_REQUIRED
        assert _tls_of(unverified).verify_mode == ssl.CERT_NONE


def test_the_default_user_agent_names_the_package_version() -> None:
    with WikiJSClient("https://wiki.example.com", SECRET) as client:
        agent = client.engine.http.headers["User-Agent"]

    assert agent == f"wikijs-typed/{wikijs_typed.__version__}"
