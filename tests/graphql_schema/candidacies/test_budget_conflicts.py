"""Two lead members editing one budget: ``Candidacy.budgetToken`` and
``setCandidacyBudget(expectedBudgetToken:)`` turn a silent lost update into an
``EditConflictError`` that changes nothing. A declined partner's lines stay, counted, until it
is removed from the consortium.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.graphql_schema.candidacies.test_candidacy_authorization import EDIT_REFUSALS
from tests.graphql_schema.candidacies.test_partner_invitations import (
    RESPOND,
    _invitation_to_x_in_y_a,
)
from tests.support.gql import gql
from tests.support.worlds import (
    LEAD_SHARE,
    PARTNER_SHARE,
    CandidacyScenario,
    build_candidacy_scenario,
    database_fingerprint,
    gid,
)

READ = """
query($id: ID!) { candidacy(id: $id) {
  budgetToken budgetTotal { cents }
  budget { category label amount { cents } organisation { name } }
} }"""
SAVE = """
mutation($id: ID!, $lines: [BudgetLineInput!]!, $token: String) {
  setCandidacyBudget(id: $id, lines: $lines, expectedBudgetToken: $token) {
    __typename
    ... on CandidacyPayload { candidacy { budgetToken budgetTotal { cents } } }
    ... on Error { code message }
  }
}"""
SAVE_WITHOUT_TOKEN = """
mutation($id: ID!, $lines: [BudgetLineInput!]!) {
  setCandidacyBudget(id: $id, lines: $lines) { __typename ... on Error { code } } }"""
SET_PARTNERS = """
mutation($id: ID!, $partners: [PartnerInput!]!) {
  setCandidacyPartners(id: $id, partners: $partners) { __typename ... on Error { code } } }"""


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


def cid(world: CandidacyScenario, name: str = "x_a") -> str:
    return gid("Candidacy", world.candidacy(name))


def line(world: CandidacyScenario, org: str, cents: int, label: str = "") -> dict[str, Any]:
    org_id = gid("Organisation", world.organisation(org))
    return {"organisationId": org_id, "category": "STAFF", "amountCents": cents, "label": label}


async def read(client, world, actor: str = "applicant_x", name: str = "x_a") -> dict[str, Any]:
    body = await gql(client, READ, {"id": cid(world, name)}, headers=world.headers(actor))
    return body["data"]["candidacy"]


async def save(
    client, world, actor: str, lines: list[dict], token: str | None, name: str = "x_a"
) -> dict[str, Any]:
    variables = {"id": cid(world, name), "lines": lines, "token": token}
    body = await gql(client, SAVE, variables, headers=world.headers(actor))
    return body["data"]["setCandidacyBudget"]


async def test_a_save_with_the_token_read_replaces_the_lines_and_gives_a_new_token(client, world):
    before = await read(client, world)
    lines = [line(world, "org_x", LEAD_SHARE, "Ingénieur"), line(world, "org_z", PARTNER_SHARE)]

    result = await save(client, world, "member_x", lines, before["budgetToken"])

    assert result["__typename"] == "CandidacyPayload", result
    after = await read(client, world)
    assert [entry["label"] for entry in after["budget"]] == ["Ingénieur", ""]
    assert after["budgetToken"] != before["budgetToken"]
    assert result["candidacy"]["budgetToken"] == after["budgetToken"]


async def test_a_save_over_lines_changed_since_they_were_read_is_a_conflict_and_changes_nothing(
    client, session_factory, world
):
    """applicant_x and member_x both open the budget; member_x saves first."""
    token = (await read(client, world))["budgetToken"]
    theirs = [line(world, "org_x", LEAD_SHARE, "Leur ligne"), line(world, "org_z", PARTNER_SHARE)]
    first = await save(client, world, "member_x", theirs, token)
    assert first["__typename"] == "CandidacyPayload", first
    fingerprint = await database_fingerprint(session_factory)

    mine = [line(world, "org_x", 1)]
    result = await save(client, world, "applicant_x", mine, token)

    assert result["__typename"] == "EditConflictError", result
    assert result["code"] == "EDIT_CONFLICT" and result["message"]
    assert await database_fingerprint(session_factory) == fingerprint
    assert [entry["label"] for entry in (await read(client, world))["budget"]] == ["Leur ligne", ""]


async def test_the_conflict_comes_before_the_checks_of_the_lines(client, session_factory, world):
    """Lines edited over a stale budget are not judged: their indexes name lines nobody sees."""
    fingerprint = await database_fingerprint(session_factory)

    result = await save(client, world, "applicant_x", [line(world, "org_x", -5)], "0" * 64)

    assert result["__typename"] == "EditConflictError", result
    assert await database_fingerprint(session_factory) == fingerprint


@pytest.mark.parametrize("query", [SAVE, SAVE_WITHOUT_TOKEN], ids=["null", "omitted"])
async def test_without_a_token_a_save_replaces_whatever_is_there(client, world, query):
    """API clients that send no token keep today's behaviour: the last save wins."""
    changed = [line(world, "org_x", LEAD_SHARE, "Changée"), line(world, "org_z", PARTNER_SHARE)]
    first = await save(client, world, "member_x", changed, None)
    assert first["__typename"] == "CandidacyPayload", first

    variables = {"id": cid(world), "lines": [line(world, "org_x", 7)], "token": None}
    body = await gql(client, query, variables, headers=world.headers("applicant_x"))

    assert body["data"]["setCandidacyBudget"]["__typename"] == "CandidacyPayload"
    assert (await read(client, world))["budgetTotal"]["cents"] == 7


async def test_saving_the_same_lines_again_keeps_the_token(client, world):
    before = await read(client, world)
    same = [line(world, "org_x", LEAD_SHARE), line(world, "org_z", PARTNER_SHARE)]

    result = await save(client, world, "applicant_x", same, before["budgetToken"])

    assert result["candidacy"]["budgetToken"] == before["budgetToken"]


async def test_removing_a_partner_with_its_lines_changes_the_token(client, world):
    token = (await read(client, world))["budgetToken"]
    lead_only = [
        {
            "organisationId": gid("Organisation", world.organisation("org_x")),
            "role": "LEAD",
            "requestedShareCents": LEAD_SHARE,
        }
    ]
    variables = {"id": cid(world), "partners": lead_only}
    body = await gql(client, SET_PARTNERS, variables, headers=world.headers("applicant_x"))
    assert body["data"]["setCandidacyPartners"]["__typename"] == "CandidacyPayload"

    after = await read(client, world)

    assert after["budgetTotal"]["cents"] == LEAD_SHARE
    assert after["budgetToken"] != token
    result = await save(client, world, "applicant_x", [line(world, "org_x", 1)], token)
    assert result["__typename"] == "EditConflictError"


@pytest.mark.parametrize("actor", sorted(EDIT_REFUSALS))
async def test_a_token_tells_nothing_to_whoever_may_not_edit(client, session_factory, world, actor):
    """Rights first: with a stale token or the right one, a refused actor gets its refusal,
    never EDIT_CONFLICT (which would tell that the candidacy exists and what it holds)."""
    token = (await read(client, world))["budgetToken"]
    fingerprint = await database_fingerprint(session_factory)

    for sent in (token, "0" * 64):
        variables = {"id": cid(world), "lines": [line(world, "org_x", 1)], "token": sent}
        body = await gql(client, SAVE, variables, headers=world.headers(actor))
        assert body["data"]["setCandidacyBudget"]["__typename"] == EDIT_REFUSALS[actor], sent

    assert await database_fingerprint(session_factory) == fingerprint


async def test_a_declined_partners_lines_are_kept_counted_and_may_be_sent_back(client, world):
    """Y leads y_a and invites X; lines are set for both; X declines. X's lines stay, count in
    budgetTotal, and a save sending them back unchanged is accepted."""
    invitation = await _invitation_to_x_in_y_a(client, world)
    lines = [line(world, "org_y", 300), line(world, "org_x", 200, "Part de X")]
    token = (await read(client, world, "applicant_y", "y_a"))["budgetToken"]
    saved = await save(client, world, "applicant_y", lines, token, "y_a")
    assert saved["__typename"] == "CandidacyPayload", saved
    declined = await gql(
        client, RESPOND, {"id": invitation, "accept": False}, headers=world.headers("applicant_x")
    )
    assert declined["data"]["respondToPartnerInvitation"]["partner"]["status"] == "DECLINED"

    after = await read(client, world, "applicant_y", "y_a")

    assert after["budgetToken"] == saved["candidacy"]["budgetToken"]  # declining kept the lines
    assert after["budgetTotal"]["cents"] == 500
    assert [entry["organisation"]["name"] for entry in after["budget"]] == ["Org Y", "Org X"]
    lines[0]["amountCents"] = 400
    again = await save(client, world, "applicant_y", lines, after["budgetToken"], "y_a")
    assert again["__typename"] == "CandidacyPayload", again
    assert again["candidacy"]["budgetTotal"]["cents"] == 600
