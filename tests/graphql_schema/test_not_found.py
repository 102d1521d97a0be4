"""One not-found, whatever the way in and whatever the cause.

Reads by id answer ``null`` (Relay's convention); mutations answer ``NotFoundError`` with code
``NOT_FOUND`` and one message, be the id missing, of another type, malformed or of an object
the caller may not see; HTTP routes answer 404 ``{"error": {"code", "message"}}`` with that
same message. A message per cause would tell a caller which ids exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from strawberry.relay import GlobalID

from backend.core.errors import NOT_FOUND_MESSAGE
from tests.graphql_schema import test_authorization as authz
from tests.graphql_schema.candidacies import test_candidacy_authorization as candidacy_authz
from tests.support.gql import gql
from tests.support.worlds import (
    ANONYMOUS,
    CandidacyScenario,
    build_candidacy_scenario,
    database_fingerprint,
    gid,
)

MISSING_UUID = "00000000-0000-0000-0000-000000000000"
NOT_FOUND_BODY = {"error": {"code": "NOT_FOUND", "message": NOT_FOUND_MESSAGE}}


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


def causes(world: CandidacyScenario, type_name: str, hidden: Any) -> dict[str, str]:
    """Ids of each kind of not-found for an object of ``type_name``; ``hidden`` is one that
    exists but that the asking actor may not see."""
    return {
        "missing": str(GlobalID(type_name, MISSING_UUID)),
        "of another type": gid("Programme" if type_name == "Funder" else "Funder", hidden),
        "malformed uuid": str(GlobalID(type_name, "not-a-uuid")),
        "not a global id": "not-a-global-id",
        "not yours to see": gid(type_name, hidden),
    }


CALL_CASES = ("updateCall", "publishCall", "transitionCall", "extendCallDeadline")


@pytest.mark.parametrize("operation", CALL_CASES)
async def test_call_mutations_answer_one_not_found_whatever_the_cause(
    client, session_factory, world, operation
):
    query, variables = authz.CALL_OPERATIONS[operation]
    draft_a = world.call("draft_a")  # manager_b may not see it
    headers = world.headers("manager_b")
    before = await database_fingerprint(session_factory)

    answers = {}
    for cause, call_id in causes(world, "Call", draft_a).items():
        body = await gql(client, query, {**variables(draft_a), "id": call_id}, headers=headers)
        (answers[cause],) = body["data"].values()

    assert await database_fingerprint(session_factory) == before
    expected = {"__typename": "NotFoundError", "code": "NOT_FOUND", "message": NOT_FOUND_MESSAGE}
    assert answers == dict.fromkeys(answers, expected)
    # Its manager reaches it (succeeding or not is test_authorization's business).
    reached = await gql(client, query, variables(draft_a), headers=world.headers("manager_a"))
    assert reached["data"][operation]["__typename"] != "NotFoundError", reached


SUBMIT = """
mutation($id: ID!) { submitCandidacy(id: $id) { __typename ... on Error { code message } } }"""
REVOKE = """
mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on Error { code message } } }"""


async def test_candidacy_and_token_mutations_answer_one_not_found_whatever_the_cause(
    client, session_factory, world
):
    x_a = world.candidacy("x_a")  # applicant_y may not see it
    headers = world.headers("applicant_y")
    operations: dict[str, tuple[str, Callable[[], dict[str, str]]]] = {
        "submitCandidacy": (SUBMIT, lambda: causes(world, "Candidacy", x_a)),
        "revokeApiToken": (REVOKE, lambda: causes(world, "ApiToken", world.user("applicant_x"))),
    }
    before = await database_fingerprint(session_factory)

    answers = {}
    for name, (query, ids) in operations.items():
        for cause, some_id in ids().items():
            body = await gql(client, query, {"id": some_id}, headers=headers)
            answers[name, cause] = body["data"][name]

    assert await database_fingerprint(session_factory) == before
    expected = {"__typename": "NotFoundError", "code": "NOT_FOUND", "message": NOT_FOUND_MESSAGE}
    assert answers == dict.fromkeys(answers, expected)


SUBMISSION_CHECK = "query($id: ID!) { submissionCheck(candidacyId: $id) { field code message } }"


@pytest.mark.parametrize("actor", [ANONYMOUS, "applicant_y", "manager_b"])
async def test_submission_check_is_null_when_not_found_whatever_the_cause(client, world, actor):
    x_a = world.candidacy("x_a")  # none of these actors may read it
    headers = world.headers(actor)

    for cause, some_id in causes(world, "Candidacy", x_a).items():
        body = await gql(client, SUBMISSION_CHECK, {"id": some_id}, headers=headers)

        assert body == {"data": {"submissionCheck": None}}, (cause, body)
    readable = candidacy_authz.cid(world, "x_a")
    lead = world.headers("applicant_x")  # a draft's checks are its consortium's
    allowed = await gql(client, SUBMISSION_CHECK, {"id": readable}, headers=lead)
    assert allowed["data"]["submissionCheck"] == []


async def test_downloads_and_unknown_routes_answer_one_404_body(client, world):
    candidacy = world.candidacy("x_a")
    paths = [
        f"/files/attachments/{MISSING_UUID}",
        "/files/attachments/not-a-uuid",
        f"/files/attachments/{candidacy.id}",  # a candidacy's id, not an attachment's
        f"/files/receipts/{MISSING_UUID}",
        "/files/receipts/not-a-uuid",
        "/no/such/route",
        "/files",
    ]
    headers = world.headers("admin")

    answers = {path: await client.get(path, headers=headers) for path in paths}

    assert {path: r.status_code for path, r in answers.items()} == dict.fromkeys(paths, 404)
    assert {path: r.json() for path, r in answers.items()} == dict.fromkeys(paths, NOT_FOUND_BODY)
    assert all(r.headers["content-type"] == "application/json" for r in answers.values())


async def test_download_hidden_from_the_caller_answers_the_same_404(client, world):
    uploaded = await candidacy_authz.upload(
        client,
        world.headers("member_x"),
        candidacy_authz.cid(world, "x_a"),
        "letter",
        candidacy_authz.blank_pdf(),
    )
    url = uploaded["attachment"]["downloadUrl"]

    hidden = await client.get(url, headers=world.headers("applicant_y"))
    allowed = await client.get(url, headers=world.headers("member_x"))

    assert (hidden.status_code, hidden.json()) == (404, NOT_FOUND_BODY)
    assert allowed.status_code == 200


READS = {
    "call": ("query($id: ID!) { call(id: $id) { id } }", "Call", lambda w: w.call("draft_a")),
    "candidacy": (
        "query($id: ID!) { candidacy(id: $id) { id } }",
        "Candidacy",
        lambda w: w.candidacy("x_a"),
    ),
    "organisation": (
        "query($id: ID!) { organisation(id: $id) { id } }",
        "Organisation",
        lambda w: w.organisation("org_x"),
    ),
    "node": ("query($id: ID!) { node(id: $id) { id } }", "Call", lambda w: w.call("draft_a")),
}


@pytest.mark.parametrize("field", READS)
@pytest.mark.parametrize("actor", [ANONYMOUS, "applicant_y"])
async def test_reads_by_id_are_null_whatever_the_cause(client, world, field, actor):
    query, type_name, hidden = READS[field]

    for cause, some_id in causes(world, type_name, hidden(world)).items():
        body = await gql(client, query, {"id": some_id}, headers=world.headers(actor))

        assert body == {"data": {field: None}}, (cause, body)
    visible_id = gid(type_name, hidden(world))
    readable = await gql(client, query, {"id": visible_id}, headers=world.headers("admin"))
    assert readable["data"][field] == {"id": visible_id}


FILTERED = {
    "calls": "query($id: ID!) { calls(filter: {funderId: $id}) { totalCount edges { cursor } } }",
    "candidacies": """
query($id: ID!) { candidacies(filter: {callId: $id}) { totalCount edges { cursor } } }""",
}


@pytest.mark.parametrize("field", FILTERED)
async def test_lists_filtered_on_an_unknown_id_are_empty_whatever_the_cause(client, world, field):
    target = world.base.funder_a if field == "calls" else world.call("open_a")
    type_name = "Funder" if field == "calls" else "Call"
    ids = causes(world, type_name, target)
    ids.pop("not yours to see")  # funders are public, and open_a is readable

    for cause, some_id in ids.items():
        body = await gql(client, FILTERED[field], {"id": some_id}, headers=world.headers("admin"))

        assert body == {"data": {field: {"totalCount": 0, "edges": []}}}, (cause, body)
    known = {"id": gid(type_name, target)}
    listed = await gql(client, FILTERED[field], known, headers=world.headers("admin"))
    assert listed["data"][field]["totalCount"] > 0
