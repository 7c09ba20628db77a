"""The generated request builders and parsers (`wikijs_graphql.requests`).

A builder makes exactly the request the client method sends, without sending it; a parser
reads one answer, or one batch item, as the result model, and raises the typed error a failed
answer stands for: the one judgement the client methods use too.
"""

from __future__ import annotations

from typing import Any

import pytest
from wikijs_graphql import GraphQLClient, requests
from wikijs_graphql.delete_page import DeletePage

from wikijs_typed import WikiJSClient
from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult
from wikijs_typed.exceptions import (
    InvalidResponseError,
    NotFoundError,
    ValidationError,
    WikiJSConnectionError,
)
from wikijs_typed.testing import WikiJSEmulator

FAILED_DELETE = {
    "pages": {
        "delete": {
            "responseResult": {
                "succeeded": False,
                "errorCode": 6003,
                "slug": "PageNotFound",
                "message": "This page does not exist.",
            }
        }
    }
}


SUCCEEDED = {"succeeded": True, "errorCode": 0, "slug": "ok", "message": None}


class Recorder:
    """An executor that keeps what it is asked to send and answers `answer`."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.sent: list[GraphQLRequest] = []
        self.answer = answer

    def execute(self, request: GraphQLRequest) -> GraphQLResult:
        self.sent.append(request)
        return GraphQLResult(self.answer)


def test_a_builder_makes_the_request_the_client_method_sends() -> None:
    updated = {"responseResult": SUCCEEDED, "page": {"id": 7, "path": "p"}}
    recorder = Recorder({"pages": {"single": None, "update": updated}})
    client = GraphQLClient(recorder)

    client.get_page(id=7, cache="network-only")
    client.update_page(id=7, title="New", tags=["a"], publish_start_date="", timeout=3.0)

    assert recorder.sent == [
        requests.get_page(id=7, cache="network-only"),
        requests.update_page(id=7, title="New", tags=["a"], publish_start_date="", timeout=3.0),
    ]
    update = recorder.sent[1]
    assert update.operation_name == "UpdatePage"
    # Arguments left out are not sent at all; a publish date goes out as given.
    assert update.variables == {"id": 7, "title": "New", "tags": ["a"], "publishStartDate": ""}
    assert update.options.timeout == 3.0


def test_a_builder_checks_its_arguments_before_anything_is_sent() -> None:
    with pytest.raises(ValidationError, match="GraphQL Int"):
        requests.get_page(id=2**31)
    with pytest.raises(ValidationError, match="surrogates"):
        requests.get_page_by_path(path="bad\udc80", locale="en")
    with pytest.raises(TypeError, match="cach"):
        requests.get_page(id=1, cach="no-cache")  # type: ignore[call-arg]


def test_a_parser_raises_the_typed_error_of_a_failed_answer() -> None:
    with pytest.raises(NotFoundError) as caught:
        requests.parse_delete_page(GraphQLResult(FAILED_DELETE))
    assert caught.value.error_code == 6003

    kept = requests.parse_delete_page(GraphQLResult(FAILED_DELETE), raise_on_failure=False)
    assert isinstance(kept, DeletePage)
    assert kept.pages is not None
    assert kept.pages.delete.response_result.succeeded is False

    lost = WikiJSConnectionError("connection reset")
    with pytest.raises(WikiJSConnectionError):
        requests.parse_delete_page(lost)


def test_a_malformed_answer_is_reported_without_quoting_it() -> None:
    secret = "s3cret-value"
    answer = GraphQLResult({"users": {"profile": {"id": secret, "email": secret}}})
    with pytest.raises(InvalidResponseError) as caught:
        requests.parse_get_profile(answer)
    assert "GetProfile" in str(caught.value)
    assert secret not in str(caught.value)


def test_the_client_method_honours_raise_on_failure_per_call_and_per_client() -> None:
    recorder = Recorder(FAILED_DELETE)

    with pytest.raises(NotFoundError):
        GraphQLClient(recorder).delete_page(id=1)
    answer = GraphQLClient(recorder).delete_page(id=1, raise_on_failure=False)
    assert answer.pages is not None
    assert answer.pages.delete.response_result.error_code == 6003
    quiet = GraphQLClient(recorder, raise_on_failure=False)
    assert quiet.delete_page(id=1).pages is not None
    with pytest.raises(NotFoundError):
        quiet.delete_page(id=1, raise_on_failure=True)


def test_built_requests_go_out_in_one_batch_and_each_answer_is_parsed() -> None:
    emulator = WikiJSEmulator()
    first = emulator.seed_page("docs/one", "One", "# One")
    with WikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.transport()
    ) as client:
        emulator.requests.clear()
        outcomes = client.engine.execute_many(
            [requests.get_page(id=first), requests.delete_page(id=987654)]
        )
        assert [r.operation_names for r in emulator.requests] == [("GetPage", "DeletePage")]
        page = requests.parse_get_page(outcomes[0])
        assert page.pages is not None
        assert page.pages.single is not None
        assert page.pages.single.title == "One"
        with pytest.raises(NotFoundError):
            requests.parse_delete_page(outcomes[1])


def test_the_resources_share_the_one_generated_client() -> None:
    emulator = WikiJSEmulator()
    with WikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.transport()
    ) as client:
        assert client.pages._gql is client.graphql
        assert client.users._gql is client.graphql
        assert client.graphql.raise_on_failure is True
