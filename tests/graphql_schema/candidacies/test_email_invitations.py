"""Partners invited by e-mail: their organisation is not on the platform yet.

The lead names an address and the organisation's details; the address gets a single-use code;
the user with that e-mail answers with it, and accepting registers the organisation with them
as its admin and makes it an ACCEPTED partner. A code that is unknown, used, expired, tampered
with or meant for someone else gets one error and changes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from backend.accounts.enums import OrganisationKind
from backend.accounts.models import Membership, Organisation
from backend.candidacies.models import PartnerEmailInvitation
from backend.core.audit import AuditEntry
from backend.core.db import read_session, unit_of_work
from backend.core.i18n import Language
from backend.notifications.models import Notification
from tests.graphql_schema.candidacies.test_candidacy_authorization import (
    EDIT_REFUSALS,
    X_MEMBERS,
)
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
    row_count,
)

CONTACT = "Claire.Martin@Nouveau-Labo.example"
SIRET = "73282932000074"  # a valid SIRET (Luhn)
INVITE = """
mutation($id: ID!, $email: String!, $siret: String, $language: Language) {
  inviteEmailPartner(candidacyId: $id, input: {email: $email, role: PARTNER,
    requestedShareCents: 7000, language: $language,
    organisation: {name: "Nouveau Labo", kind: ACADEMIC_LAB, country: "FR", siret: $siret}}) {
    __typename
    ... on EmailInvitationPayload {
      invitation { id email organisationName status expiresAt requestedShare { cents } }
    }
    ... on InvalidInputError { fieldErrors { field code } }
    ... on Error { code }
  }
}"""
RESPOND = """
mutation($token: String!, $accept: Boolean!) {
  respondToEmailInvitation(token: $token, accept: $accept) {
    __typename
    ... on RespondToEmailInvitationPayload {
      status organisation { id name } candidacy { id }
    }
    ... on InvalidInputError { fieldErrors { field code message } }
    ... on Error { code }
  }
}"""
WITHDRAW = """
mutation($id: ID!) { withdrawEmailInvitation(id: $id) {
  __typename ... on Error { code } } }"""
LISTED = """
query($id: ID!) { candidacy(id: $id) {
  emailInvitations { id email organisationName status expiresAt }
  partners { status role requestedShare { cents } organisation { name } } } }"""
CHECK = "query($id: ID!) { submissionCheck(candidacyId: $id) { code message } }"
READ = "query($id: ID!) { candidacy(id: $id) { id title } }"


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


@pytest.fixture
async def contact(session_factory, clock) -> f.Signed:
    """A user who signed up with the invited address (in another case)."""
    async with unit_of_work(session_factory) as uow:
        signed = await make_signed_user(uow.session, clock.now(), "contact")
        signed.user.email = CONTACT.lower()
        uow.session.add(signed.user)
    return signed


@pytest.fixture
async def stranger(session_factory, clock) -> f.Signed:
    async with unit_of_work(session_factory) as uow:
        return await make_signed_user(uow.session, clock.now(), "stranger")


async def mutate(client, headers: dict[str, str], query: str, variables: dict) -> dict[str, Any]:
    (result,) = (await gql(client, query, variables, headers=headers))["data"].values()
    return result


async def invite(client, world, *, siret: str = SIRET, **extra) -> dict[str, Any]:
    variables = {
        "id": gid("Candidacy", world.candidacy("x_a")),
        "email": CONTACT,
        "siret": siret,
        **extra,
    }
    return await mutate(client, world.headers("applicant_x"), INVITE, variables)


async def mailed_token(session_factory) -> tuple[str, Notification]:
    async with read_session(session_factory) as session:
        (mail,) = (
            await session.exec(
                select(Notification).where(Notification.template == "partner_invited_by_email")
            )
        ).all()
    return mail.context["token"], mail


async def invited_and_mailed(client, session_factory, world) -> tuple[str, str]:
    invited = await invite(client, world)
    assert invited["__typename"] == "EmailInvitationPayload", invited
    token, _ = await mailed_token(session_factory)
    return invited["invitation"]["id"], token


def problem_codes(result: dict[str, Any]) -> set[str]:
    return {p["code"] for p in result.get("fieldErrors", [])}


# --- the whole flow ------------------------------------------------------------------------------


async def test_an_invited_address_accepts_registers_its_organisation_and_joins(
    client, session_factory, world, contact
):
    # Arrange
    x_a = gid("Candidacy", world.candidacy("x_a"))
    invited = await invite(client, world, language="EN")
    assert invited["__typename"] == "EmailInvitationPayload", invited
    assert invited["invitation"]["email"] == CONTACT.lower()
    assert invited["invitation"]["status"] == "PENDING"
    token, mail = await mailed_token(session_factory)
    assert mail.email == CONTACT.lower() and mail.user_id is None
    assert mail.language is Language.EN
    # The mail links to the web application's answer page, the code in the fragment.
    assert mail.context["link"].endswith(f"/my/invitations/email#code={token}")
    async with read_session(session_factory) as session:
        (row,) = (await session.exec(select(PartnerEmailInvitation))).all()
    assert token not in row.token_hash and len(row.token_hash) == 64
    assert row.expires_at - row.invited_at == timedelta(days=14)
    before = (await gql(client, READ, {"id": x_a}, headers=contact.headers))["data"]
    assert before["candidacy"] is None

    # Act
    answer = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": True})

    # Assert
    assert answer["__typename"] == "RespondToEmailInvitationPayload", answer
    assert answer["status"] == "ACCEPTED"
    assert answer["organisation"]["name"] == "Nouveau Labo"
    assert answer["candidacy"]["id"] == x_a
    async with read_session(session_factory) as session:
        organisation = (
            await session.exec(select(Organisation).where(Organisation.siret == SIRET))
        ).one()
        membership = (
            await session.exec(
                select(Membership).where(col(Membership.organisation_id) == organisation.id)
            )
        ).one()
    assert membership.user_id == contact.user.id and membership.role.value == "ADMIN"
    read = (await gql(client, READ, {"id": x_a}, headers=contact.headers))["data"]
    assert read["candidacy"]["id"] == x_a
    listed = await gql(client, LISTED, {"id": x_a}, headers=world.headers("applicant_x"))
    candidacy = listed["data"]["candidacy"]
    assert candidacy["emailInvitations"][0]["status"] == "ACCEPTED"
    joined = [p for p in candidacy["partners"] if p["organisation"]["name"] == "Nouveau Labo"]
    assert joined == [
        {
            "status": "ACCEPTED",
            "role": "PARTNER",
            "requestedShare": {"cents": 7000},
            "organisation": {"name": "Nouveau Labo"},
        }
    ]
    again = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": True})
    assert problem_codes(again) == {"INVALID_OR_EXPIRED"}  # used


async def test_the_mail_speaks_the_language_given_french_by_default(client, session_factory, world):
    await invite(client, world)

    _, mail = await mailed_token(session_factory)

    assert mail.language is Language.FR


async def test_a_declined_invitation_registers_nothing_and_unblocks_nothing_else(
    client, session_factory, world, contact
):
    _, token = await invited_and_mailed(client, session_factory, world)

    answer = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": False})

    assert answer["status"] == "DECLINED"
    assert answer["organisation"] is None and answer["candidacy"] is None
    async with read_session(session_factory) as session:
        assert (
            await session.exec(select(Organisation).where(Organisation.siret == SIRET))
        ).first() is None
    x_a = gid("Candidacy", world.candidacy("x_a"))
    assert (await gql(client, READ, {"id": x_a}, headers=contact.headers))["data"][
        "candidacy"
    ] is None
    answered = {
        n.email
        for n in await _mails(session_factory, "partner_answered")
        if n.context["partner_name"] == "Nouveau Labo"
    }
    assert answered == {world.user(a).email for a in ("applicant_x", "member_x")}


async def _mails(session_factory, template: str) -> list[Notification]:
    async with read_session(session_factory) as session:
        return list(
            await session.exec(select(Notification).where(Notification.template == template))
        )


# --- unusable codes: one error, nothing changed ---------------------------------------------------


async def _expire(session_factory) -> None:
    """The invitation's code expired a second ago (as if 14 days had passed)."""
    async with unit_of_work(session_factory) as uow:
        for row in (await uow.session.exec(select(PartnerEmailInvitation))).all():
            row.expires_at = row.invited_at - timedelta(seconds=1)
            uow.session.add(row)


@pytest.mark.parametrize("case", ["wrong_user", "expired", "tampered", "unknown", "anonymous"])
async def test_an_unusable_code_is_refused_alike_and_changes_nothing(
    client, session_factory, world, contact, stranger, case
):
    _, token = await invited_and_mailed(client, session_factory, world)
    headers, sent = contact.headers, token
    if case == "wrong_user":
        headers = stranger.headers
    elif case == "expired":
        await _expire(session_factory)
    elif case == "tampered":
        sent = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif case == "unknown":
        sent = "not-a-code"
    elif case == "anonymous":
        headers = {}
    before = await database_fingerprint(session_factory)

    result = await mutate(client, headers, RESPOND, {"token": sent, "accept": True})

    assert await database_fingerprint(session_factory) == before
    if case == "anonymous":
        assert result["__typename"] == "AuthenticationRequiredError"
        return
    assert result["__typename"] == "InvalidInputError"
    (problem,) = result["fieldErrors"]
    assert problem == {
        "field": "token",
        "code": "INVALID_OR_EXPIRED",
        "message": "invalid or expired invitation",
    }


async def _register_the_same_siret(session_factory, now) -> None:
    """Someone registers an organisation with the invitation's SIRET (it has no admin)."""
    async with unit_of_work(session_factory) as uow:
        uow.session.add(
            Organisation(
                name="Labo déjà là",
                name_key="labo deja la",
                kind=OrganisationKind.ACADEMIC_LAB,
                country="FR",
                siret=SIRET,
                created_at=now,
            )
        )


async def test_an_organisation_registered_meanwhile_is_never_handed_over(
    client, session_factory, clock, world, contact
):
    _, token = await invited_and_mailed(client, session_factory, world)
    await _register_the_same_siret(session_factory, clock.now())
    before = await database_fingerprint(session_factory)

    result = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": True})

    assert problem_codes(result) == {"ALREADY_REGISTERED"}
    assert await database_fingerprint(session_factory) == before
    declined = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": False})
    assert declined["status"] == "DECLINED"  # the allowed counterpart: the code still answers


async def test_inviting_by_email_a_registered_organisation_is_refused(
    client, session_factory, clock, world
):
    await _register_the_same_siret(session_factory, clock.now())
    before = await database_fingerprint(session_factory)

    result = await invite(client, world)

    assert problem_codes(result) == {"ALREADY_REGISTERED"}
    assert await database_fingerprint(session_factory) == before


async def test_bad_input_lists_every_problem_and_changes_nothing(client, session_factory, world):
    before = await database_fingerprint(session_factory)
    variables = {
        "id": gid("Candidacy", world.candidacy("x_a")),
        "email": "not an address",
        "siret": "123",
    }

    result = await mutate(client, world.headers("applicant_x"), INVITE, variables)

    assert result["__typename"] == "InvalidInputError"
    fields = {p["field"] for p in result["fieldErrors"]}
    assert fields == {"email", "organisation.siret"}
    assert await database_fingerprint(session_factory) == before


async def test_a_second_live_invitation_to_the_same_address_is_refused(
    client, session_factory, world
):
    await invited_and_mailed(client, session_factory, world)

    again = await invite(client, world, siret="35600000000048")

    assert problem_codes(again) == {"ALREADY_INVITED"}


# --- the lead's view: listing, withdrawing, submission --------------------------------------------


async def test_a_pending_invitation_blocks_submission_until_withdrawn(
    client, session_factory, world, contact
):
    x_a = gid("Candidacy", world.candidacy("x_a"))
    lead = world.headers("applicant_x")
    invitation, token = await invited_and_mailed(client, session_factory, world)
    check = (await gql(client, CHECK, {"id": x_a}, headers=lead))["data"]["submissionCheck"]
    assert "PARTNER_INVITATION_PENDING" in {p["code"] for p in check}

    withdrawn = await mutate(client, lead, WITHDRAW, {"id": invitation})

    assert withdrawn["__typename"] == "CandidacyPayload", withdrawn
    check = (await gql(client, CHECK, {"id": x_a}, headers=lead))["data"]["submissionCheck"]
    assert "PARTNER_INVITATION_PENDING" not in {p["code"] for p in check}
    listed = (await gql(client, LISTED, {"id": x_a}, headers=lead))["data"]["candidacy"]
    assert listed["emailInvitations"] == []
    answer = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": True})
    assert problem_codes(answer) == {"INVALID_OR_EXPIRED"}


@pytest.mark.parametrize(
    ("actor", "sees"),
    [("applicant_x", True), ("member_x", True), ("applicant_z", False), ("manager_a", False),
     ("admin", False)],
)  # fmt: skip
async def test_email_invitations_are_listed_to_the_lead_members_only(
    client, session_factory, world, actor, sees
):
    await invited_and_mailed(client, session_factory, world)
    x_a = gid("Candidacy", world.candidacy("x_a"))

    data = (await gql(client, LISTED, {"id": x_a}, headers=world.headers(actor)))["data"]

    listed = data["candidacy"]["emailInvitations"]
    if sees:
        assert [i["email"] for i in listed] == [CONTACT.lower()]
    else:
        assert listed is None


# --- authorization: each refusal changes nothing, each has its allowed counterpart ------------

RESPOND_REFUSALS = {
    actor: "AuthenticationRequiredError" if actor == ANONYMOUS else "InvalidInputError"
    for actor in CANDIDACY_ACTORS
}
"""Nobody but the user with the invited e-mail answers: for them the code is not one."""


@pytest.mark.parametrize("accept", [True, False])
async def test_respond_to_email_invitation_refused_to_all_but_the_invited_address(
    client, session_factory, world, contact, accept
):
    _, token = await invited_and_mailed(client, session_factory, world)
    got = {}
    for actor in RESPOND_REFUSALS:
        before = await database_fingerprint(session_factory)
        result = await mutate(
            client, world.headers(actor), RESPOND, {"token": token, "accept": accept}
        )
        got[actor] = result["__typename"]
        assert await database_fingerprint(session_factory) == before, actor

    assert got == RESPOND_REFUSALS
    allowed = await mutate(client, contact.headers, RESPOND, {"token": token, "accept": accept})
    assert allowed["status"] == ("ACCEPTED" if accept else "DECLINED")


async def test_withdraw_email_invitation_refused_to_all_but_the_lead_members(
    client, session_factory, world
):
    invitation, _ = await invited_and_mailed(client, session_factory, world)
    got = {}
    for actor in EDIT_REFUSALS:
        before = await database_fingerprint(session_factory)
        result = await mutate(client, world.headers(actor), WITHDRAW, {"id": invitation})
        got[actor] = result["__typename"]
        assert await database_fingerprint(session_factory) == before, actor

    assert got == EDIT_REFUSALS


@pytest.mark.parametrize("actor", sorted(X_MEMBERS))
async def test_withdraw_email_invitation_allowed_to_every_member_of_the_lead(
    client, session_factory, world, actor
):
    invitation, _ = await invited_and_mailed(client, session_factory, world)
    audit_before = await row_count(session_factory, AuditEntry)

    result = await mutate(client, world.headers(actor), WITHDRAW, {"id": invitation})

    assert result["__typename"] == "CandidacyPayload", result
    assert await row_count(session_factory, AuditEntry) == audit_before + 1
    assert await row_count(session_factory, PartnerEmailInvitation) == 0


# --- query counts --------------------------------------------------------------------------------

EMAIL_INVITATIONS = """
query { candidacies(first: 50) { edges { node {
  id emailInvitations { email organisationName status expiresAt requestedShare { cents } }
} } } }"""


async def test_email_invitations_cost_the_same_for_1_and_20_candidacies(
    client, session_factory, clock, count_queries
):
    from backend.accounts.services import OrganisationInput
    from backend.candidacies import email_invitations
    from backend.candidacies import services as candidacy_services
    from backend.candidacies.enums import PartnerRole
    from backend.core.auth import Actor

    now = clock.now()
    world = await build_candidacy_scenario(session_factory, now)
    async with unit_of_work(session_factory) as uow:
        owner = await make_signed_user(uow.session, now, "lead")

    async def lead_and_invite(count: int) -> None:
        for _ in range(count):
            lead = await f.make_organisation(session_factory, now, owner.user)
            actor = Actor(user_id=owner.user.id, organisation_ids=frozenset({lead.id}))
            async with unit_of_work(session_factory) as uow:
                candidacy = await candidacy_services.create_candidacy(
                    uow.session, actor=actor, call_id=world.open_a.id,
                    organisation_id=lead.id, title=f"Projet {lead.name}", now=now,
                )  # fmt: skip
                data = email_invitations.EmailInvitationInput(
                    email=f"contact-{f.n()}@example.org",
                    organisation=OrganisationInput(
                        name="Labo",
                        kind="ACADEMIC_LAB",
                        country="DE",  # type: ignore[arg-type]
                        registry_id=f"HRB {f.n()}",
                    ),
                    role=PartnerRole.PARTNER,
                    requested_share_cents=100,
                )
                await email_invitations.invite_by_email(
                    uow.session, actor=actor, candidacy_id=candidacy.id, data=data, now=now
                )

    await lead_and_invite(1)
    one, data = await counted_request(client, count_queries, EMAIL_INVITATIONS, None, owner.headers)
    assert len(data["candidacies"]["edges"]) == 1
    await lead_and_invite(19)
    twenty, data = await counted_request(
        client, count_queries, EMAIL_INVITATIONS, None, owner.headers
    )
    assert len(data["candidacies"]["edges"]) == 20
    assert all(len(e["node"]["emailInvitations"]) == 1 for e in data["candidacies"]["edges"])
    assert_same_cost(one, twenty)
