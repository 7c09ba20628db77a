"""A scripted stand-in for Wiki.js behind `httpx.MockTransport`, for engine-level tests.

It answers operations by name from small handlers, accepts JSON-array batches, counts every
HTTP request and can be told to fail the next ones (status codes, transport errors).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from typing import Any

import httpx
from wikijs_graphql.operations import OPERATIONS

from wikijs_typed._pipeline.operation import CachePolicy, CallOptions, GraphQLRequest

Answer = Callable[[dict[str, Any]], dict[str, Any]]


def op(name: str, *, cache: CachePolicy | None = None, **variables: Any) -> GraphQLRequest:
    """A request for a generated operation, as the seam would build it."""
    info = OPERATIONS[name]
    return GraphQLRequest(info.document, name, variables, info, CallOptions(cache=cache))


def ok() -> dict[str, Any]:
    return {"succeeded": True, "errorCode": 0, "slug": "ok", "message": "Operation succeeded."}


def failed(code: int = 6003, slug: str = "PageNotFound") -> dict[str, Any]:
    return {
        "succeeded": False,
        "errorCode": code,
        "slug": slug,
        "message": "This page does not exist.",
    }


def page(page_id: int, title: str = "Page") -> dict[str, Any]:
    return {
        "id": page_id,
        "path": f"docs/p{page_id}",
        "title": f"{title} {page_id}",
        "tags": [{"id": 100 + page_id, "tag": "t", "title": "t"}],
    }


class FakeWiki:
    def __init__(self) -> None:
        self.titles: dict[int, str] = {1: "Page", 2: "Page", 3: "Page"}
        self.posts: list[list[str]] = []
        self.headers: list[httpx.Headers] = []
        # What the next HTTP requests get instead of an answer: a status, or an exception.
        self.failures: deque[int | Exception | tuple[int, dict[str, str]]] = deque()
        self.answers: dict[str, Answer] = {
            "GetPage": self._get_page,
            "GetPageByPath": lambda v: {"pages": {"singleByPath": page(int(v["path"][6:]))}},
            "ListPages": lambda v: {"pages": {"list": [page(i) for i in sorted(self.titles)]}},
            "SearchPages": lambda v: {
                "pages": {
                    "search": {
                        "results": [{"id": str(i)} for i in sorted(self.titles)],
                        "suggestions": [],
                        "totalHits": 3,
                    }
                }
            },
            "GetUser": lambda v: {"users": {"single": {"id": v["id"], "name": "U"}}},
            "DeletePage": self._delete_page,
            "UpdatePageTag": lambda v: {"pages": {"updateTag": {"responseResult": ok()}}},
        }

    def _get_page(self, variables: dict[str, Any]) -> dict[str, Any]:
        page_id = variables["id"]
        if page_id not in self.titles:
            return {
                "pages": {"single": None},
                "__errors__": [
                    {
                        "message": "This page does not exist.",
                        "path": ["pages", "single"],
                        "extensions": {"exception": {"code": 6003}},
                    }
                ],
            }
        return {"pages": {"single": page(page_id, self.titles[page_id])}}

    def _delete_page(self, variables: dict[str, Any]) -> dict[str, Any]:
        found = self.titles.pop(variables["id"], None)
        return {"pages": {"delete": {"responseResult": ok() if found else failed()}}}

    def _answer(self, operation: dict[str, Any]) -> dict[str, Any]:
        data = self.answers[operation["operationName"]](operation.get("variables") or {})
        errors = data.pop("__errors__", None)
        return {"data": data, "errors": errors} if errors else {"data": data}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        operations = body if isinstance(body, list) else [body]
        self.posts.append([o.get("operationName") for o in operations])
        self.headers.append(request.headers)
        if self.failures:
            failure = self.failures.popleft()
            if isinstance(failure, Exception):
                raise failure
            status, headers = failure if isinstance(failure, tuple) else (failure, {})
            return httpx.Response(status, text="<html>Bad gateway</html>", headers=headers)
        answers = [self._answer(o) for o in operations]
        return httpx.Response(200, json=answers if isinstance(body, list) else answers[0])

    @property
    def operations_sent(self) -> list[str]:
        return [name for post in self.posts for name in post]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)
