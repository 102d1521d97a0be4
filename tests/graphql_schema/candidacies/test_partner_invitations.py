"""A consortium by consent: a lead invites, the invited organisation's admins accept or decline.

Until an admin of the invited organisation accepts, it is no partner: its members read
nothing, and the submission waits for the answer. Refused answers change nothing; each
refusal has its allowed counterpart. A partner the lead lets edit changes the content, never
the consortium, nor submits.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from backend.calls.models import Call
from backend.candidacies.models import Candidacy
from backend.core.db import read_session, unit_of_work
from backend.notifications.models import Notification
from tests.graphql_schema.candidacies.test_candidacy_query_counts import (
    assert_same_cost,
    counted_request,
)
from tests.support import factories as f
from tests.support.factories import make_signed_user
from tests.support.gql import gql
from tests.support.worlds import (
    ANONYMOUS,
    CANDIDACY_ACTORS,
    CandidacyScenario,
    build_candidacy_scenario,
    database_fingerprint,
    gid,
)

INVITE = """
mutation($id: ID!, $org: ID!) {
  invitePartner(candidacyId: $id, organisationId: $org, role: PARTNER,
                requestedShareCents: 5000) {
    __typename
    ... on PartnerPayload { partner { id status canEdit invitedAt organisation { name } } }
    ... on Error { code }
  }
}"""
RESPOND = """
mutation($id: ID!, $accept: Boolean!) {
  respondToPartnerInvitation(id: $id, accept: $accept) {
    __typename
    ... on RespondToPartnerInvitationPayload { partner { status respondedAt } candidacy { id } }
    ... on Error { code }
  }
}"""
INVITATIONS = """
query($first: Int, $after: String) {
  myPartnerInvitations(first: $first, after: $after) {
    totalCount
    edges { node {
      id role requestedShare { cents } candidacyTitle callReference
      deadlineAt timezone deadlineLocal
      leadOrganisation { name } organisation { name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
CANDIDACY = (
    "query($id: ID!) { candidacy(id: $id) { id partners { status organisation { name } } } }"
)
CHECK = "query($id: ID!) { submissionCheck(candidacyId: $id) { code message } }"
SET_CAN_EDIT = """
mutation($id: ID!, $can: Boolean!) { setPartnerCanEdit(id: $id, canEdit: $can) {
  __typename ... on PartnerPayload { partner { canEdit } } ... on Error { code } } }"""
SAVE_ANSWERS = """
mutation($id: ID!) { saveCandidacyAnswers(id: $id,
  answers: [{questionKey: "summary", value: "Revu par le partenaire"}]) {
  __typename ... on Error { code } } }"""
SUBMIT = "mutation($id: ID!) { submitCandidacy(id: $id) { __typename ... on Error { code } } }"
PARTNER_IDS = "query($id: ID!) { candidacy(id: $id) { partners { id organisation { name } } } }"


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


async def ask(client, world, actor: str, query: str, variables=None, **kw) -> dict[str, Any]:
    return await gql(client, query, variables, headers=world.headers(actor), **kw)


async def mutate(client, world, actor: str, query: str, variables=None) -> dict[str, Any]:
    (result,) = (await ask(client, world, actor, query, variables))["data"].values()
    return result


async def invite(client, world, actor: str, candidacy: str, org: str) -> dict[str, Any]:
    variables = {
        "id": gid("Candidacy", world.candidacy(candidacy)),
        "org": gid("Organisation", world.organisation(org)),
    }
    return await mutate(client, world, actor, INVITE, variables)


async def readers(client, world, candidacy: str) -> set[str]:
    found = set()
    for actor in CANDIDACY_ACTORS:
        variables = {"id": gid("Candidacy", world.candidacy(candidacy))}
        if (await ask(client, world, actor, CANDIDACY, variables))["data"]["candidacy"]:
            found.add(actor)
    return found


async def mails(session_factory, template: str, partner_name: str) -> set[str]:
    """Who was mailed ``template`` about ``partner_name`` (the world's own Z has its mails)."""
    async with read_session(session_factory) as session:
        rows = (
            await session.exec(select(Notification).where(Notification.template == template))
        ).all()
    return {row.email for row in rows if row.context["partner_name"] == partner_name}


async def invitation_links(session_factory) -> set[str]:
    """The web pages the invitation mails send their readers to."""
    async with read_session(session_factory) as session:
        rows = (
            await session.exec(
                select(Notification).where(Notification.template == "partner_invited")
            )
        ).all()
    return {row.context["link"] for row in rows}


async def test_an_invited_organisation_reads_nothing_until_its_admin_accepts(
    client, session_factory, world
):
    # Arrange: X invites Y into x_a.
    x_a = gid("Candidacy", world.candidacy("x_a"))
    invited = await invite(client, world, "applicant_x", "x_a", "org_y")
    assert invited["__typename"] == "PartnerPayload", invited
    assert invited["partner"]["status"] == "PENDING"
    assert "applicant_y" not in await readers(client, world, "x_a")
    check = (await ask(client, world, "applicant_x", CHECK, {"id": x_a}))["data"]
    assert "PARTNER_INVITATION_PENDING" in {p["code"] for p in check["submissionCheck"]}
    assert await mails(session_factory, "partner_invited", "Org Y") == {
        world.user("applicant_y").email
    }
    assert await invitation_links(session_factory) == {"http://127.0.0.1:8000/my/invitations"}
    listed = (await ask(client, world, "applicant_y", INVITATIONS))["data"]
    (edge,) = listed["myPartnerInvitations"]["edges"]
    assert edge["node"]["candidacyTitle"] == world.candidacy("x_a").title
    assert edge["node"]["leadOrganisation"]["name"] == "Org X"
    assert edge["node"]["requestedShare"]["cents"] == 5000

    # Act
    answer = await mutate(
        client, world, "applicant_y", RESPOND, {"id": edge["node"]["id"], "accept": True}
    )

    # Assert
    assert answer["partner"]["status"] == "ACCEPTED"
    assert answer["candidacy"]["id"] == x_a
    assert "applicant_y" in await readers(client, world, "x_a")
    listed = (await ask(client, world, "applicant_y", INVITATIONS))["data"]
    assert listed["myPartnerInvitations"]["edges"] == []
    x_members = {world.user(a).email for a in ("applicant_x", "member_x")}
    assert await mails(session_factory, "partner_answered", "Org Y") == x_members


async def test_setting_the_partners_invites_rather_than_enrols(client, world):
    """setCandidacyPartners names Y: Y is invited (PENDING), not made a partner."""
    x_a = gid("Candidacy", world.candidacy("x_a"))
    partners = [
        {"organisationId": gid("Organisation", world.organisation(o)), "role": r,
         "requestedShareCents": 1}
        for o, r in (("org_x", "LEAD"), ("org_z", "PARTNER"), ("org_y", "PARTNER"))
    ]  # fmt: skip
    query = """mutation($id: ID!, $p: [PartnerInput!]!) { setCandidacyPartners(id: $id,
      partners: $p) { __typename } }"""

    result = await mutate(client, world, "applicant_x", query, {"id": x_a, "p": partners})

    assert result["__typename"] == "CandidacyPayload"
    data = (await ask(client, world, "applicant_x", CANDIDACY, {"id": x_a}))["data"]
    statuses = {p["organisation"]["name"]: p["status"] for p in data["candidacy"]["partners"]}
    assert statuses == {"Org X": "ACCEPTED", "Org Z": "ACCEPTED", "Org Y": "PENDING"}
    assert "applicant_y" not in await readers(client, world, "x_a")


# --- answering: the invited organisation's admins only -----------------------------------------


async def _invitation_to_x_in_y_a(client, world) -> str:
    """Y (leading y_a) invites X, whose admin is applicant_x and plain member member_x."""
    invited = await invite(client, world, "applicant_y", "y_a", "org_x")
    assert invited["__typename"] == "PartnerPayload", invited
    return invited["partner"]["id"]


RESPOND_REFUSALS = {
    ANONYMOUS: "AuthenticationRequiredError",
    "admin": "NotFoundError",
    "manager_a": "NotFoundError",
    "manager_b": "NotFoundError",
    "viewer_a": "NotFoundError",
    "expert": "NotFoundError",
    "applicant_y": "NotFoundError",  # the lead cannot answer for the invited
    "applicant_z": "NotFoundError",
    "member_x": "PermissionDeniedError",  # a member, not an admin, of X
}
RESPONDERS = {"applicant_x"}


def test_the_respond_tables_name_every_actor():
    assert RESPOND_REFUSALS.keys() | RESPONDERS == set(CANDIDACY_ACTORS)


@pytest.mark.parametrize("accept", [True, False])
async def test_respond_to_invitation_refused_to_all_but_the_invited_admins(
    client, session_factory, world, accept
):
    invitation = await _invitation_to_x_in_y_a(client, world)
    got = {}
    for actor in RESPOND_REFUSALS:
        before = await database_fingerprint(session_factory)
        result = await mutate(client, world, actor, RESPOND, {"id": invitation, "accept": accept})
        got[actor] = result["__typename"]
        assert await database_fingerprint(session_factory) == before, actor

    assert got == RESPOND_REFUSALS


async def test_respond_to_invitation_accepted_by_an_admin_opens_the_candidacy_to_members(
    client, world
):
    invitation = await _invitation_to_x_in_y_a(client, world)

    result = await mutate(client, world, "applicant_x", RESPOND, {"id": invitation, "accept": True})

    assert result["__typename"] == "RespondToPartnerInvitationPayload", result
    assert result["candidacy"]["id"] == gid("Candidacy", world.candidacy("y_a"))
    assert {"applicant_x", "member_x"} <= await readers(client, world, "y_a")
    again = await mutate(client, world, "applicant_x", RESPOND, {"id": invitation, "accept": False})
    assert again["__typename"] == "InvalidInputError"


async def test_respond_to_invitation_declined_keeps_the_candidacy_closed_and_blocks_submission(
    client, session_factory, world
):
    invitation = await _invitation_to_x_in_y_a(client, world)

    result = await mutate(
        client, world, "applicant_x", RESPOND, {"id": invitation, "accept": False}
    )

    assert result["partner"]["status"] == "DECLINED"
    assert result["candidacy"] is None
    assert not {"applicant_x", "member_x"} & await readers(client, world, "y_a")
    y_a = gid("Candidacy", world.candidacy("y_a"))
    check = (await ask(client, world, "applicant_y", CHECK, {"id": y_a}))["data"]
    assert "PARTNER_DECLINED" in {p["code"] for p in check["submissionCheck"]}
    assert await mails(session_factory, "partner_answered", "Org X") == {
        world.user("applicant_y").email
    }


# --- myPartnerInvitations: the invited organisation's members only ------------------------------


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_my_partner_invitations_lists_only_invitations_to_ones_organisations(
    client, world, actor
):
    await _invitation_to_x_in_y_a(client, world)

    body = await ask(client, world, actor, INVITATIONS, expect_errors=True)

    if actor == ANONYMOUS:
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "AUTHENTICATION_REQUIRED"
        return
    edges = body["data"]["myPartnerInvitations"]["edges"]
    expected = ["Org X"] if actor in {"applicant_x", "member_x"} else []
    assert [e["node"]["organisation"]["name"] for e in edges] == expected


async def test_my_partner_invitations_give_the_deadline_in_the_calls_zone(
    client, world, session_factory
):
    """The invited read the deadline that applies to the candidacy (its extension) as the
    call's zone reads it, not in UTC: a zone far from Paris and an extension prove both."""
    await _invitation_to_x_in_y_a(client, world)
    y_a = world.candidacy("y_a")
    extended = world.open_a.deadline_at.replace(microsecond=0) + timedelta(days=2)
    async with unit_of_work(session_factory) as uow:
        call = await uow.session.get(Call, y_a.call_id)
        candidacy = await uow.session.get(Candidacy, y_a.id)
        assert call is not None and candidacy is not None
        call.timezone = "America/Sao_Paulo"
        candidacy.extended_deadline_at = extended
        uow.session.add_all([call, candidacy])

    body = await ask(client, world, "applicant_x", INVITATIONS)

    (edge,) = body["data"]["myPartnerInvitations"]["edges"]
    node = edge["node"]
    local = datetime.fromisoformat(node["deadlineLocal"])
    assert node["timezone"] == "America/Sao_Paulo"
    assert datetime.fromisoformat(node["deadlineAt"]) == extended
    assert local == extended
    assert local.utcoffset() == timedelta(hours=-3)


# --- a partner the lead lets edit ---------------------------------------------------------------


async def test_a_partner_let_edit_changes_the_content_but_not_the_consortium_nor_submits(
    client, world
):
    x_a = gid("Candidacy", world.candidacy("x_a"))
    rows = (await ask(client, world, "applicant_x", PARTNER_IDS, {"id": x_a}))["data"]
    (z,) = [p["id"] for p in rows["candidacy"]["partners"] if p["organisation"]["name"] == "Org Z"]
    refused_before = await mutate(client, world, "applicant_z", SAVE_ANSWERS, {"id": x_a})

    granted = await mutate(client, world, "applicant_x", SET_CAN_EDIT, {"id": z, "can": True})

    assert refused_before["__typename"] == "PermissionDeniedError"
    assert granted["partner"]["canEdit"] is True
    edited = await mutate(client, world, "applicant_z", SAVE_ANSWERS, {"id": x_a})
    assert edited["__typename"] == "CandidacyPayload", edited
    submitted = await mutate(client, world, "applicant_z", SUBMIT, {"id": x_a})
    assert submitted["__typename"] == "PermissionDeniedError"
    own = await mutate(client, world, "applicant_z", SET_CAN_EDIT, {"id": z, "can": True})
    assert own["__typename"] == "PermissionDeniedError"


# --- query counts -------------------------------------------------------------------------------


async def test_my_partner_invitations_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries
):
    now = clock.now()
    async with unit_of_work(session_factory) as uow:
        invited = await make_signed_user(uow.session, now, "invited")
        lead_owner = await make_signed_user(uow.session, now, "lead")
    partner = await f.make_organisation(session_factory, now, invited.user)
    world = await build_candidacy_scenario(session_factory, now)

    async def invite_from_new_leads(count: int) -> None:
        for _ in range(count):
            lead = await f.make_organisation(session_factory, now, lead_owner.user)
            await _lead_invites(session_factory, now, world, lead_owner.user, lead, partner)

    await invite_from_new_leads(1)
    one, data = await counted_request(client, count_queries, INVITATIONS, None, invited.headers)
    assert len(data["myPartnerInvitations"]["edges"]) == 1
    await invite_from_new_leads(19)
    twenty, data = await counted_request(
        client, count_queries, INVITATIONS, {"first": 50}, invited.headers
    )
    assert len(data["myPartnerInvitations"]["edges"]) == 20
    assert_same_cost(one, twenty)


async def _lead_invites(session_factory, now, world, owner, lead, partner) -> None:
    from backend.candidacies import consortium
    from backend.candidacies import services as candidacy_services
    from backend.candidacies.enums import PartnerRole
    from backend.core.auth import Actor

    actor = Actor(user_id=owner.id, organisation_ids=frozenset({lead.id}))
    async with unit_of_work(session_factory) as uow:
        candidacy = await candidacy_services.create_candidacy(
            uow.session, actor=actor, call_id=world.open_a.id, organisation_id=lead.id,
            title=f"Projet {lead.name}", now=now,
        )  # fmt: skip
        await consortium.invite_partner(
            uow.session, actor=actor, candidacy_id=candidacy.id, organisation_id=partner.id,
            role=PartnerRole.PARTNER, requested_share_cents=100, now=now,
        )  # fmt: skip
