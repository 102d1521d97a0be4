"""A problem with one partner names it: the lead reads which organisation has not answered,
declined, is of a kind the call refuses or has a budget that does not add up.

The English ``message`` names it, and ``organisationId`` and ``organisationName`` say it to
programs, so a front-end writes the problem in the reader's language; the same in
``submissionCheck`` and in a refused ``submitCandidacy``. Problems of the whole candidacy name
no organisation.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col

from backend.calls.models import Call
from backend.candidacies.models import CandidacyPartner
from backend.core.db import unit_of_work
from tests.support.gql import gql
from tests.support.worlds import CandidacyScenario, build_candidacy_scenario, gid

PROBLEM = "code field message organisationId organisationName"
BOUNDS = "country minimum maximum"
CHECK = "query($id: ID!) {{ submissionCheck(candidacyId: $id) {{ {fields} }} }}"
SUBMIT = """mutation($id: ID!) {{ submitCandidacy(id: $id) {{ __typename
  ... on SubmissionRejectedError {{ problems {{ {fields} }} }} }} }}"""
INVITE = """mutation($id: ID!, $org: ID!) {
  invitePartner(candidacyId: $id, organisationId: $org, role: PARTNER, requestedShareCents: 0) {
    __typename ... on PartnerPayload { partner { id } } } }"""
DECLINE = """mutation($id: ID!) { respondToPartnerInvitation(id: $id, accept: false) {
  __typename } }"""
INVITE_EMAIL = """mutation($id: ID!) {
  inviteEmailPartner(candidacyId: $id, input: {email: "contact@nouveau-labo.example",
    role: PARTNER, requestedShareCents: 0, language: FR,
    organisation: {name: "Nouveau Labo", kind: ACADEMIC_LAB, country: "FR",
                   siret: "35600000000048"}}) {
    __typename ... on InvalidInputError { fieldErrors { field code } } } }"""
PARTNER_CODES = {
    "PARTNER_INVITATION_PENDING",
    "PARTNER_DECLINED",
    "ORGANISATION_KIND",
    "PARTNER_SHARE_MISMATCH",
}


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


async def problems(
    client, world, actor: str, candidacy: str, *, with_bounds: bool = False
) -> list[dict[str, Any]]:
    """``submissionCheck``'s problems, after checking that a submission is refused with the
    very same ones; ``with_bounds`` asks for the call's bounds each problem gives too."""
    variables = {"id": gid("Candidacy", world.candidacy(candidacy))}
    headers = world.headers(actor)
    fields = f"{PROBLEM} {BOUNDS}" if with_bounds else PROBLEM
    check, submit = CHECK.format(fields=fields), SUBMIT.format(fields=fields)
    checked = (await gql(client, check, variables, headers=headers))["data"]["submissionCheck"]
    refused = (await gql(client, submit, variables, headers=headers))["data"]["submitCandidacy"]
    assert refused["__typename"] == "SubmissionRejectedError", refused
    assert refused["problems"] == checked
    return checked


def of(found: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [p for p in found if p["code"] == code]


def naming(world: CandidacyScenario, code: str, organisation: str) -> dict[str, Any]:
    """What a problem of ``code`` with ``organisation`` (a world's name) says, message aside."""
    org = world.organisation(organisation)
    return {
        "code": code,
        "field": "partners",
        "organisationId": gid("Organisation", org),
        "organisationName": org.name,
    }


def without_message(problem: dict[str, Any]) -> dict[str, Any]:
    assert problem["message"].startswith(problem["organisationName"]), problem
    return {k: v for k, v in problem.items() if k != "message"}


async def _invite_x_into_y_a(client, world) -> str:
    variables = {
        "id": gid("Candidacy", world.candidacy("y_a")),
        "org": gid("Organisation", world.organisation("org_x")),
    }
    body = await gql(client, INVITE, variables, headers=world.headers("applicant_y"))
    invited = body["data"]["invitePartner"]
    assert invited["__typename"] == "PartnerPayload", invited
    return invited["partner"]["id"]


async def test_an_invitation_not_answered_names_the_invited_organisation(client, world):
    await _invite_x_into_y_a(client, world)

    found = await problems(client, world, "applicant_y", "y_a")

    pending = [without_message(p) for p in of(found, "PARTNER_INVITATION_PENDING")]
    assert pending == [naming(world, "PARTNER_INVITATION_PENDING", "org_x")]


async def test_a_declined_invitation_names_the_organisation_that_declined(client, world):
    invitation = await _invite_x_into_y_a(client, world)
    body = await gql(client, DECLINE, {"id": invitation}, headers=world.headers("applicant_x"))
    assert body["data"]["respondToPartnerInvitation"]["__typename"] != "NotFoundError"

    found = await problems(client, world, "applicant_y", "y_a")

    declined = [without_message(p) for p in of(found, "PARTNER_DECLINED")]
    assert declined == [naming(world, "PARTNER_DECLINED", "org_x")]


async def test_a_share_its_budget_lines_miss_names_the_partner(client, world, session_factory):
    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(
            sa.update(CandidacyPartner)
            .where(
                col(CandidacyPartner.candidacy_id) == world.candidacy("x_a").id,
                col(CandidacyPartner.organisation_id) == world.organisation("org_z").id,
            )
            .values(requested_share_cents=CandidacyPartner.requested_share_cents + 100)
        )

    found = await problems(client, world, "applicant_x", "x_a")

    mismatches = [without_message(p) for p in of(found, "PARTNER_SHARE_MISMATCH")]
    assert mismatches == [naming(world, "PARTNER_SHARE_MISMATCH", "org_z")]


async def test_a_kind_the_call_refuses_names_each_organisation_of_that_kind(
    client, world, session_factory
):
    async with unit_of_work(session_factory) as uow:
        call = await uow.session.get(Call, world.open_a.id)
        assert call is not None
        call.eligibility = {**call.eligibility, "allowed_organisation_kinds": ["ACADEMIC_LAB"]}
        uow.session.add(call)

    found = await problems(client, world, "applicant_x", "x_a")

    refused = [without_message(p) for p in of(found, "ORGANISATION_KIND")]
    expected = [naming(world, "ORGANISATION_KIND", org) for org in ("org_x", "org_z")]
    assert sorted(refused, key=str) == sorted(expected, key=str)


async def test_an_invitation_by_email_names_the_organisation_to_be_with_no_id(client, world):
    x_a = gid("Candidacy", world.candidacy("x_a"))
    body = await gql(client, INVITE_EMAIL, {"id": x_a}, headers=world.headers("applicant_x"))
    assert body["data"]["inviteEmailPartner"]["__typename"] == "EmailInvitationPayload", body

    found = await problems(client, world, "applicant_x", "x_a")

    (pending,) = of(found, "PARTNER_INVITATION_PENDING")
    assert without_message(pending) == {
        "code": "PARTNER_INVITATION_PENDING",
        "field": "emailInvitations",
        "organisationId": None,
        "organisationName": "Nouveau Labo",
    }


async def test_problems_of_the_whole_candidacy_name_no_organisation(client, world):
    found = await problems(client, world, "applicant_y", "y_a")  # nothing answered, no budget

    assert {p["code"] for p in found} == {"MISSING_ANSWER", "BUDGET_MISSING"}
    assert all(p["organisationId"] is None and p["organisationName"] is None for p in found)
    assert not PARTNER_CODES & {p["code"] for p in found}
