"""Limits on what one GraphQL request may ask: depth, tokens, aliases, page size, cursors,
introspection. Each refusal is a GraphQL error that names the problem, never a stack trace.
"""

from __future__ import annotations

import base64
import json

import pytest

from tests.graphql_schema.test_http import (
    LEGACY,
    MODERN,
    assert_no_trace,
    client_for,
    post,
    prod_settings,
)
from tests.support import factories as f

DEEP_QUERY = "{ calls { edges { node { programme { funder { id } } } } } }"  # depth 5
SHALLOW_QUERY = "{ calls { edges { node { programme { id } } } } }"  # depth 4
INTROSPECTION_QUERY = "{ __schema { queryType { name } } }"


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"


def invalid_input(body: dict) -> dict:
    """The single INVALID_INPUT error of a body, checked for shape."""
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT", error
    return error


# --- Depth -------------------------------------------------------------------------------------


async def test_depth_limit_rejects_query_nested_past_max_depth(settings, clock, session_factory):
    async with client_for(settings.model_copy(update={"graphql_max_depth": 4}), clock) as c:
        response = await post(c, DEEP_QUERY, accept=MODERN)

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert "exceeds maximum operation depth of 4" in body["errors"][0]["message"]


async def test_depth_limit_allows_query_at_max_depth(settings, clock, session_factory):
    async with client_for(settings.model_copy(update={"graphql_max_depth": 4}), clock) as c:
        response = await post(c, SHALLOW_QUERY, accept=MODERN)

    assert response.status_code == 200
    assert "errors" not in response.json()


async def test_depth_limit_returns_200_with_null_data_when_json(settings, clock, session_factory):
    async with client_for(settings.model_copy(update={"graphql_max_depth": 4}), clock) as c:
        response = await post(c, DEEP_QUERY, accept=LEGACY)

    assert response.status_code == 200
    assert response.json()["data"] is None


async def test_depth_limit_follows_fragments(settings, clock, session_factory):
    query = (
        "{ calls { edges { node { ...C } } } } fragment C on Call { programme { funder { id } } }"
    )
    async with client_for(settings.model_copy(update={"graphql_max_depth": 4}), clock) as c:
        response = await post(c, query, accept=MODERN)

    assert response.status_code == 400


# --- Tokens ------------------------------------------------------------------------------------


async def test_token_limit_rejects_document_over_max_tokens(client, settings):
    query = "{ " + "__typename " * settings.graphql_max_tokens + "}"

    response = await post(client, query, accept=MODERN)

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    message = body["errors"][0]["message"]
    assert f"more than {settings.graphql_max_tokens} tokens" in message


async def test_token_limit_allows_document_under_max_tokens(client, settings):
    # a quarter of the budget: near it, graphql-core's own overlap-check budget aborts first
    query = "{ " + "__typename " * (settings.graphql_max_tokens // 4) + "}"

    response = await post(client, query, accept=MODERN)

    assert response.status_code == 200


# --- Aliases -----------------------------------------------------------------------------------


async def test_alias_limit_rejects_more_than_max_aliases(client, settings):
    response = await post(client, aliases(settings.graphql_max_aliases + 1), accept=MODERN)

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert f"Allowed: {settings.graphql_max_aliases}" in body["errors"][0]["message"]


async def test_alias_limit_counts_aliases_inside_fragments(client, settings):
    count = settings.graphql_max_aliases + 1
    fields = " ".join(f"a{i}: __typename" for i in range(count))
    query = f"{{ ...F }} fragment F on Query {{ {fields} }}"

    response = await post(client, query, accept=MODERN)

    assert response.status_code == 400


async def test_alias_limit_allows_max_aliases(client, settings):
    response = await post(client, aliases(settings.graphql_max_aliases), accept=MODERN)

    assert response.status_code == 200
    assert len(response.json()["data"]) == settings.graphql_max_aliases


# --- Page size ---------------------------------------------------------------------------------


@pytest.mark.parametrize("first", [1000, 101, -1])
async def test_page_size_out_of_range_returns_invalid_input(client, first):
    response = await post(client, f"{{ calls(first: {first}) {{ edges {{ cursor }} }} }}")

    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    error = invalid_input(body)
    assert error["path"] == ["calls"]
    assert error["extensions"]["fieldErrors"][0]["code"] == "PAGE_SIZE_OUT_OF_RANGE"
    assert error["extensions"]["fieldErrors"][0]["field"] == "first"


async def test_page_size_at_maximum_is_accepted(client, settings):
    first = settings.graphql_max_page_size

    response = await post(client, f"{{ calls(first: {first}) {{ edges {{ cursor }} }} }}")

    assert response.status_code == 200
    assert "errors" not in response.json()


async def test_page_size_maximum_comes_from_settings(settings, clock, session_factory):
    async with client_for(settings.model_copy(update={"graphql_max_page_size": 5}), clock) as c:
        response = await post(c, "{ funders(first: 6) { edges { cursor } } }")

    error = invalid_input(response.json())
    assert "between 0 and 5" in error["extensions"]["fieldErrors"][0]["message"]


# --- Cursors -----------------------------------------------------------------------------------


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    ["!!!", "Y2FsbDp4", _b64("not json"), _b64(json.dumps([1])), _b64(json.dumps({"a": 1}))],
    ids=["not-base64", "base64-garbage", "not-json", "wrong-arity", "not-a-list"],
)
async def test_malformed_after_cursor_returns_invalid_input_without_trace(client, cursor):
    response = await post(
        client,
        "query($after: String) { calls(after: $after) { edges { cursor } } }",
        {"after": cursor},
    )

    assert response.status_code == 200
    error = invalid_input(response.json())
    assert error["extensions"]["fieldErrors"][0]["code"] == "INVALID_CURSOR"
    assert_no_trace(response)


async def test_valid_after_cursor_returns_next_page(client, session_factory, clock):
    for code in ("DGOS", "DREES"):
        await f.make_funder(session_factory, clock.now(), code=code)
    page = (
        "query($after: String) { funders(first: 1, after: $after)"
        " { edges { cursor node { code } } } }"
    )

    first = (await post(client, page)).json()["data"]["funders"]["edges"]
    second = (await post(client, page, {"after": first[0]["cursor"]})).json()

    assert "errors" not in second
    assert [e["node"]["code"] for e in second["data"]["funders"]["edges"]] != [
        first[0]["node"]["code"]
    ]


# --- Introspection ----------------------------------------------------------------------------


async def test_introspection_rejected_when_prod(settings, clock, session_factory):
    async with client_for(prod_settings(settings), clock) as prod:
        response = await post(prod, INTROSPECTION_QUERY, accept=MODERN)

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert "introspection has been disabled" in body["errors"][0]["message"]


async def test_type_introspection_rejected_when_prod(settings, clock, session_factory):
    async with client_for(prod_settings(settings), clock) as prod:
        response = await post(prod, '{ __type(name: "Call") { name } }', accept=MODERN)

    assert response.status_code == 400


async def test_introspection_allowed_when_dev(client):
    response = await post(client, INTROSPECTION_QUERY, accept=MODERN)

    assert response.status_code == 200
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
