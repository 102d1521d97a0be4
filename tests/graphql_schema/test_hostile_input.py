"""Hostile input found by fuzzing: each gets a GraphQL error naming the problem or a typed
error in the result union, never "Unexpected error." nor a 500.

Scalars (literals in the query text and variables alike), call search, and the dates and
amounts the services bound; the HTTP body itself is in ``test_hostile_bodies.py``.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.graphql_schema.calls.test_call_flow import create_input
from tests.graphql_schema.test_bad_input import FRAGMENT, gid
from tests.graphql_schema.test_bad_input import world as world  # a fixture

MODERN = "application/graphql-response+json"
MAX_SAFE_INTEGER = 2**53 - 1  # JavaScript's Number.MAX_SAFE_INTEGER
UNEXPECTED = "Unexpected error."


async def post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"accept": MODERN, **(headers or {})},
    )
    assert response.status_code < 500, response.text
    assert UNEXPECTED not in response.text, response.text
    return response.status_code, response.json()


def messages(body: dict[str, Any]) -> str:
    return " | ".join(error["message"] for error in body.get("errors", []))


CALLS_FIRST = "{ calls(first: %s) { edges { cursor } } }"
UPDATE_ENVELOPE = (
    "mutation($id: ID!) { updateCall(id: $id, input: {budgetEnvelopeCents: %s}) { ...E } }"
)
TOKEN = 'mutation($at: DateTime) { createApiToken(name: "ci", expiresAt: $at) { ...E } }'


@pytest.mark.parametrize("literal", ["99999999999", "9" * 5000, "-" + "1" * 4400])
async def test_int_literal_out_of_range_is_a_request_error(client, literal):
    status, body = await post(client, CALLS_FIRST % literal)

    assert status == 400
    assert "Int cannot represent" in messages(body)


@pytest.mark.parametrize(
    ("literal", "reason"),
    [
        (str(2**53), "MAX_SAFE_INTEGER"),
        ("9" * 30, "MAX_SAFE_INTEGER"),
        ("9" * 5000, "too long"),
        ("1.5", "whole number"),
        ('"1_000"', "digits"),
    ],
)
async def test_big_int_literal_beyond_javascript_is_refused(client, world, literal, reason):
    status, body = await post(
        client,
        UPDATE_ENVELOPE % literal + FRAGMENT,
        {"id": gid("Call", world["draft"])},
        world["manager"].headers,
    )

    assert status == 400
    assert "BigInt cannot represent" in messages(body)
    assert reason in messages(body) or reason == "too long"


async def test_big_int_variable_beyond_javascript_is_refused(client, world):
    status, body = await post(
        client,
        UPDATE_ENVELOPE.replace("mutation($id: ID!)", "mutation($id: ID!, $c: BigInt)") % "$c"
        + FRAGMENT,
        {"id": gid("Call", world["draft"]), "c": MAX_SAFE_INTEGER + 1},
        world["manager"].headers,
    )

    assert status == 400
    assert "MAX_SAFE_INTEGER" in messages(body)


@pytest.mark.parametrize("value", ['"NaN"', '"Infinity"', '"1e999999999"', "1" + "0" * 5000])
async def test_decimal_literal_must_be_finite_and_bounded(client, world, value):
    criterion = (
        f'{{key: "a", label: {{fr: "A"}}, weight: {value}, scaleMin: 0, scaleMax: 5, step: 1}}'
    )
    query = (
        f"mutation($id: ID!) {{ updateCall(id: $id, input: {{grid: {{criteria: [{criterion}]}}}})"
    )

    status, body = await post(
        client,
        query + " { ...E } }" + FRAGMENT,
        {"id": gid("Call", world["draft"])},
        world["manager"].headers,
    )

    assert status == 400
    assert "Decimal cannot represent" in messages(body)


@pytest.mark.parametrize(
    "at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "9999-12-31T23:59:59Z"]
)
async def test_date_time_at_the_edge_of_python_is_refused_not_overflowed(client, world, at):
    status, body = await post(client, TOKEN + FRAGMENT, {"at": at}, world["manager"].headers)

    assert status == 400
    assert "DateTime cannot represent" in messages(body)


async def test_token_expiry_beyond_2200_is_a_typed_error(client, world):
    status, body = await post(
        client, TOKEN + FRAGMENT, {"at": "2500-01-01T00:00:00Z"}, world["manager"].headers
    )

    assert status == 200
    result = body["data"]["createApiToken"]
    assert result["__typename"] == "InvalidInputError"
    assert [(e["field"], e["code"]) for e in result["fieldErrors"]] == [
        ("expiresAt", "OUT_OF_RANGE")
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("deadlineAt", "1899-12-31T23:59:59-14:00"),
        ("opensAt", "1000-01-01T00:00:00Z"),
        ("decisionDate", "9998-12-31"),
    ],
)
async def test_call_dates_outside_1900_2200_are_typed_errors(client, world, field, value):
    data = create_input(gid("Programme", world["programme"]), gid("Funder", world["funder"]))
    data["timeline"][field] = value

    _, body = await post(
        client,
        "mutation($input: CreateCallInput!) { createCall(input: $input) { ...E } }" + FRAGMENT,
        {"input": data},
        world["manager"].headers,
    )

    result = body["data"]["createCall"]
    assert result["__typename"] == "InvalidInputError"
    assert {"field": f"timeline.{field}", "code": "OUT_OF_RANGE"}.items() <= next(
        e for e in result["fieldErrors"] if e["field"] == f"timeline.{field}"
    ).items()


async def test_extending_a_deadline_into_the_far_future_is_a_typed_error(client, world):
    _, body = await post(
        client,
        'mutation($id: ID!) { extendCallDeadline(id: $id, deadlineAt: "9998-12-31T23:00:00-14:00")'
        " { ...E } }" + FRAGMENT,
        {"id": gid("Call", world["open"])},
        world["manager"].headers,
    )

    result = body["data"]["extendCallDeadline"]
    assert result["__typename"] == "InvalidInputError"
    assert result["fieldErrors"][0]["code"] == "OUT_OF_RANGE"


SEARCH = "query($s: String) { calls(filter: {search: $s}) { edges { node { reference } } } }"


async def test_a_megabyte_search_is_refused_with_a_typed_error(client, world):
    status, body = await post(client, SEARCH, {"s": "a" * 1_000_000})

    assert status == 200
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["extensions"]["fieldErrors"][0]["code"] == "TOO_LONG"


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\"])
async def test_like_wildcards_in_a_search_are_plain_characters(client, world, wildcard):
    _, body = await post(client, SEARCH, {"s": wildcard})

    assert body["data"]["calls"]["edges"] == []


async def test_search_still_finds_part_of_a_reference(client, world):
    reference = world["open"].reference

    _, body = await post(client, SEARCH, {"s": reference[1:-1].lower()})

    assert [e["node"]["reference"] for e in body["data"]["calls"]["edges"]] == [reference]


ANSWERS = (
    'mutation { saveCandidacyAnswers(id: "Q2FuZGlkYWN5OjA=",'
    ' answers: [{questionKey: "a", value: %s}]) { ...E } }'
)


@pytest.mark.parametrize("value", ["[" * 40 + "]" * 40, "1" + "0" * 5000])
async def test_json_literal_too_deep_or_too_long_is_refused(client, world, value):
    status, body = await post(client, ANSWERS % value + FRAGMENT)

    assert status == 400
    assert "JSON cannot represent" in messages(body)


async def test_upload_given_as_a_string_is_refused(client, world):
    query = (
        'mutation($f: Upload!) { uploadAttachment(candidacyId: "Q2FuZGlkYWN5OjA=",'
        ' questionKey: "a", file: $f) { ...E } }'
    )

    status, body = await post(client, query + FRAGMENT, {"f": "a.pdf"}, world["manager"].headers)

    assert status == 400
    assert "Upload cannot represent" in messages(body)


NUL_CASES = [
    ('mutation { login(email: "a\\u0000@example.org", password: "x") { __typename } }', None),
    ("query($s: String) { calls(filter: {search: $s}) { edges { cursor } } }", {"s": "IA\x00"}),
    ("query($s: String) { calls(filter: {theme: $s}) { edges { cursor } } }", {"s": "ia\x00"}),
    ("query($a: String) { calls(after: $a) { edges { cursor } } }", {"a": "\x00"}),
    ('mutation { createApiToken(name: "ci\\u0000") { ...E } }', None),
    (
        'mutation { createOrganisation(input: {name: "Lab\\u0000", kind: ACADEMIC_LAB,'
        ' country: "DE", registryId: "HRB\\u0000 1"}) { ...E } }',
        None,
    ),
    (
        'mutation { addOrganisationMember(organisationId: "T3JnYW5pc2F0aW9uOjA=",'
        ' email: "b\\u0000@example.org") { ...E } }',
        None,
    ),
]


@pytest.mark.parametrize(("query", "variables"), NUL_CASES)
async def test_nul_characters_never_reach_the_database_as_an_error(client, world, query, variables):
    """PostgreSQL fails a statement with U+0000 in text (a server error): GraphQL's String and
    ID refuse it, in literals and variables alike."""
    document = query + FRAGMENT if "...E" in query else query

    status, body = await post(client, document, variables, world["manager"].headers)

    assert status == 400
    assert "U+0000" in messages(body)


DIRTY = "Appel\u202e \x07IA\x1b[31m\tsanté\r\n2026\u2066"
CLEAN = "Appel IA[31m santé  2026"


async def test_one_line_fields_are_stored_without_controls_or_bidi_overrides(client, world):
    data = create_input(gid("Programme", world["programme"]), gid("Funder", world["funder"]))
    data["title"] = {"fr": DIRTY}
    data["description"] = {"fr": "Ligne 1\r\n\tLigne 2\u202e\x0b"}
    data["questions"][0]["label"] = {"fr": DIRTY}
    query = """mutation($input: CreateCallInput!) { createCall(input: $input) {
      ... on CallPayload { call { titles { fr } descriptions { fr } questions { label { fr } } } }
      ...E } }"""

    _, body = await post(client, query + FRAGMENT, {"input": data}, world["manager"].headers)

    call = body["data"]["createCall"]["call"]
    assert call["titles"]["fr"] == CLEAN
    assert call["questions"][0]["label"]["fr"] == CLEAN
    assert call["descriptions"]["fr"] == "Ligne 1\n\tLigne 2"


@pytest.mark.parametrize(
    ("query", "who", "path"),
    [
        (
            'mutation($t: String!) { createFunder(code: "FUNDX", name: $t, country: "FR")'
            " { ... on FunderPayload { funder { name } } ...E } }",
            "admin",
            ["funder", "name"],
        ),
        (
            'mutation($t: String!) { createUser(email: "new@example.org", fullName: $t,'
            ' password: "a-long-password-1") { ... on UserPayload { user { fullName } } ...E } }',
            "admin",
            ["user", "fullName"],
        ),
        (
            "mutation($t: String!) { createApiToken(name: $t)"
            " { ... on ApiTokenPayload { apiToken { name } } ...E } }",
            "manager",
            ["apiToken", "name"],
        ),
        (
            "mutation($t: String!) { createOrganisation(input: {name: $t, kind: ACADEMIC_LAB,"
            ' country: "DE", registryId: "HRB 1"}) { ... on OrganisationPayload'
            " { organisation { name } } ...E } }",
            "manager",
            ["organisation", "name"],
        ),
    ],
    ids=["funder", "user", "api-token", "organisation"],
)
async def test_names_are_stored_without_controls_or_bidi_overrides(client, world, query, who, path):
    _, body = await post(client, query + FRAGMENT, {"t": DIRTY}, world[who].headers)

    result = next(iter(body["data"].values()))
    for key in path:
        result = result[key]
    assert result == CLEAN


@pytest.mark.parametrize(
    ("criterion", "field"),
    [
        ({"scaleMax": "1e40", "step": "1e-40"}, "scaleMax"),
        ({"weight": "12345678.5"}, "weight"),
        ({"step": "0.001"}, "step"),
    ],
    ids=["scale-beyond-decimal-precision", "weight-beyond-its-column", "three-decimals"],
)
async def test_grid_numbers_must_fit_their_columns(client, world, criterion, field):
    data = create_input(gid("Programme", world["programme"]), gid("Funder", world["funder"]))
    data["grid"]["criteria"][0] |= criterion

    _, body = await post(
        client,
        "mutation($input: CreateCallInput!) { createCall(input: $input) { ...E } }" + FRAGMENT,
        {"input": data},
        world["manager"].headers,
    )

    result = body["data"]["createCall"]
    assert result["__typename"] == "InvalidInputError"
    assert ("grid.criteria[0]." + field, "OUT_OF_RANGE") in {
        (e["field"], e["code"]) for e in result["fieldErrors"]
    }


async def test_candidacy_title_and_acronym_are_stored_cleaned(client, world):
    query = """mutation($c: ID!, $o: ID!, $t: String!) {
      createCandidacy(callId: $c, organisationId: $o, title: $t, acronym: $t) {
        ... on CandidacyPayload { candidacy { title acronym } } ...E } }"""
    variables = {
        "c": gid("Call", world["open"]),
        "o": gid("Organisation", world["org"]),
        "t": DIRTY,
    }

    _, body = await post(client, query + FRAGMENT, variables, world["manager"].headers)

    assert body["data"]["createCandidacy"]["candidacy"] == {"title": CLEAN, "acronym": CLEAN}
