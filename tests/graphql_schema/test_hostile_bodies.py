"""Request bodies seen in a fuzzing run that answered 500: each is now a 400 naming what is
wrong, in the GraphQL error shape."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.graphql_schema.test_bad_input import world as world  # a fixture

MODERN = "application/graphql-response+json"
SEARCH = "query($s: String) { calls(filter: {search: $s}) { edges { cursor } } }"
UPLOAD = (
    'mutation($f: Upload!) { uploadAttachment(candidacyId: "Q2FuZGlkYWN5OjA=",'
    ' questionKey: "a", file: $f) { __typename } }'
)


def assert_refused(response: httpx.Response, reason: str) -> None:
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert reason in error["message"], error["message"]
    assert "data" not in response.json()


async def post_raw(client: httpx.AsyncClient, body: bytes) -> httpx.Response:
    return await client.post(
        "/graphql", content=body, headers={"content-type": "application/json", "accept": MODERN}
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"query": "{ __typename }\xff"}', "not valid UTF-8"),
        (b'{"query": "' + SEARCH.encode() + b'", "variables": {"s": "\xc3\x28"}}', "UTF-8"),
        (
            b'{"query": "' + SEARCH.encode() + b'", "variables": {"s": "a\\ud800b"}}',
            "lone surrogate (U+D800)",
        ),
        (b'{"query": "{ __typename }", "variables": {"\\udfff": 1}}', "lone surrogate"),
        (
            b'{"query": "{ __typename }", "variables": {"s": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
            "nested",
        ),
        (
            b'{"query": "{ __typename }", "variables": {"s": ' + b"[" * 99 + b"]" * 99 + b"}}",
            "nested",
        ),
        (b'{"query": "{ __typename }", "variables": {"n": ' + b"9" * 5000 + b"}}", "characters"),
        (b'{"query": "{ __typename }", "extensions": ' + b"9" * 5000 + b"}", "characters"),
        (b'{"query": "{ __typename }", "variables": {"n": 1e400}}', "too large"),
        (b'{"query": "{ __typename }", "variables": {"n": NaN}}', "NaN is not a JSON value"),
        (b'{"query": "{ __typename }", "variables": {"n": -Infinity}}', "not a JSON value"),
    ],
    ids=[
        "invalid-utf8",
        "invalid-utf8-in-variable",
        "lone-surrogate",
        "lone-surrogate-key",
        "nested-5000",
        "nested-99",
        "5000-digits",
        "5000-digits-extensions",
        "float-overflow",
        "nan",
        "infinity",
    ],
)
async def test_unreadable_json_body_is_a_400(client, body, reason):
    assert_refused(await post_raw(client, body), reason)


async def test_get_variables_are_read_the_same_way(client):
    response = await client.get(
        "/graphql",
        params={"query": "{ __typename }", "variables": '{"a": ' + "9" * 5000 + "}"},
        headers={"accept": MODERN},
    )

    assert_refused(response, "characters")


async def test_ordinary_body_with_accents_and_emoji_still_passes(client):
    body = json.dumps(
        {"query": SEARCH, "variables": {"s": "Étude \U0001f600"}}, ensure_ascii=True
    ).encode()

    response = await post_raw(client, body)

    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"calls": {"edges": []}}


PDF = ("a.pdf", b"%PDF-1.4\n", "application/pdf")


@pytest.mark.parametrize(
    ("operations", "files_map", "reason"),
    [
        ({"query": UPLOAD, "variables": {"f": None}}, "[1, 2]", "object of lists of paths"),
        ({"query": UPLOAD, "variables": {"f": None}}, '{"0": [5]}', "list of paths"),
        ({"query": UPLOAD, "variables": {"f": None}}, '{"0": "variables.f"}', "list of paths"),
        ({"query": UPLOAD, "variables": {"f": None}}, '{"0": ["variables.f.3"]}', "does not lead"),
        ({"query": UPLOAD, "variables": {"f": None}}, '{"0": ["variables.g"]}', "does not lead"),
        (
            {"query": UPLOAD, "variables": {"f": [None]}},
            '{"0": ["variables.f.7"]}',
            "does not lead",
        ),
        ({"query": UPLOAD, "variables": {"f": None}}, '{"1": ["variables.f"]}', "not sent"),
        (5, "{}", "must be a JSON object"),
        ([{"query": UPLOAD}], "{}", "must be a JSON object"),
    ],
)
async def test_malformed_multipart_map_is_a_400(client, world, operations, files_map, reason):
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": files_map},
        files={"0": PDF},
        headers={"accept": MODERN, **world["manager"].headers},
    )

    assert_refused(response, reason)


async def test_well_formed_multipart_reaches_the_resolver(client, world):
    response = await client.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"f": None}}),
            "map": '{"0": ["variables.f"]}',
        },
        files={"0": PDF},
        headers={"accept": MODERN, **world["manager"].headers},
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"]["uploadAttachment"]["__typename"] == "NotFoundError"
