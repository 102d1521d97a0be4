"""No N+1 in candidacies: a list with every relation costs the same SQL for 1 item and for 20.

Every candidacy gets its own funder, programme, call, lead and partner organisations, answers,
budget lines, an attachment and a submitted version, so each DataLoader has 20 distinct keys.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from sqlmodel import select

from backend.accounts.enums import Role
from backend.calls import services as calls
from backend.calls.inputs import FunderShareInput
from backend.candidacies import services as candidacy_services
from backend.candidacies import submission
from backend.candidacies.enums import PartnerRole
from backend.candidacies.models import Attachment, Candidacy
from backend.core.auth import Actor
from backend.core.db import SessionFactory, read_session, unit_of_work
from tests.support import factories as f
from tests.support.factories import applicant, make_signed_user, open_call, prepare_candidacy
from tests.support.gql import gql
from tests.support.worlds import LEAD_SHARE, PARTNER_SHARE, gid

CANDIDACIES = """
query {
  candidacies(first: 50) { totalCount edges { node {
    id reference status deadlineLocal title acronym durationMonths
    call { title funders { share { cents } funder { code } } }
    leadOrganisation { name }
    partners { role requestedShare { cents } organisation { name } }
    answers { questionKey value }
    budget { category amount { cents } organisation { name } }
    budgetTotal { cents }
    budgetToken
    attachments { name sha256 downloadUrl }
    versions { number sha256 receiptUrl documentUrl }
    counts { answers partners attachments budgetLines }
  } } }
}"""


async def counted_request(client, counter, query: str, variables: dict | None, headers: dict):
    """The statements one request sends (authentication included) and its ``data``."""
    counter.statements.clear()
    counter.active = True
    try:
        body = await gql(client, query, variables, headers=headers)
    finally:
        counter.active = False
    return list(counter.statements), body["data"]


def assert_same_cost(one: list[str], twenty: list[str]) -> None:
    assert len(twenty) == len(one), "\n\n".join(["1 item:", *one, "------- 20 items:", *twenty])


class Seeder:
    """Applicant A owns every lead organisation; manager M manages a funder that co-funds
    every call (each call also has a funder of its own)."""

    def __init__(self, factory: SessionFactory, now: datetime, *, submit: bool = True) -> None:
        self.factory, self.now, self.submit = factory, now, submit

    async def start(self) -> None:
        async with unit_of_work(self.factory) as uow:
            self.applicant = await make_signed_user(uow.session, self.now, "applicant")
            self.manager = await make_signed_user(uow.session, self.now, "manager")
            self.partner_owner = await make_signed_user(uow.session, self.now, "partner")
        self.shared_funder = await f.make_funder(self.factory, self.now)
        await f.grant(
            self.factory, self.now, self.manager.user, Role.PROGRAMME_MANAGER, self.shared_funder
        )

    async def seed(self, count: int) -> None:
        for _ in range(count):
            await self._one()

    async def _one(self) -> None:
        now, admin = self.now, Actor(is_platform_admin=True)
        lead = await f.make_organisation(self.factory, now, self.applicant.user)
        partner = await f.make_organisation(self.factory, now, self.partner_owner.user)
        async with unit_of_work(self.factory) as uow:
            session = uow.session
            funder = await calls.create_funder(
                session, actor=admin, code=f"F-{f.n()}", name="Funder", country="FR", now=now
            )
            programme = await calls.create_programme(
                session, actor=admin, funder_id=funder.id, code=f"P-{f.n()}", name="P", now=now
            )
            half = (LEAD_SHARE + PARTNER_SHARE) * 10
            call = await open_call(
                session,
                now,
                programme,
                funder,
                budget_envelope_cents=2 * half,
                funders=[
                    FunderShareInput(funder.id, half),
                    FunderShareInput(self.shared_funder.id, half),
                ],
            )
            actor = applicant(self.applicant.user, lead)
            candidacy = await prepare_candidacy(session, now, actor, call, lead, partner)
            session.add(_attachment(candidacy.id, self.applicant.user.id, now))
            if self.submit:
                await submission.submit_candidacy(
                    session, actor=actor, candidacy_id=candidacy.id, now=now
                )


def _attachment(candidacy_id, user_id, now) -> Attachment:
    content = f"letter {f.n()}".encode()
    return Attachment(
        candidacy_id=candidacy_id,
        question_key="letter",
        original_name="lettre.pdf",
        storage_key=f"attachments/{f.n()}-{candidacy_id}",
        content_type="application/pdf",
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by_user_id=user_id,
        created_at=now,
    )


def _complete(node: dict) -> bool:
    return (
        len(node["call"]["funders"]) == 2
        and all(cf["funder"] for cf in node["call"]["funders"])
        and node["leadOrganisation"] is not None
        and len(node["partners"]) == 2
        and all(p["organisation"] for p in node["partners"])
        and len(node["answers"]) == 1
        and len(node["budget"]) == 2
        and all(line["organisation"] for line in node["budget"])
        and node["budgetTotal"]["cents"] == LEAD_SHARE + PARTNER_SHARE
        and len(node["budgetToken"]) == 64
        and len(node["attachments"]) == 1
        and len(node["versions"]) == 1
        and node["deadlineLocal"] is not None
    )


@pytest.mark.parametrize("who", ["applicant", "manager"])
async def test_candidacies_with_every_relation_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries, who
):
    seeder = Seeder(session_factory, clock.now())
    await seeder.start()
    headers = getattr(seeder, who).headers

    await seeder.seed(1)
    one, data = await counted_request(client, count_queries, CANDIDACIES, None, headers)
    assert len(data["candidacies"]["edges"]) == 1
    assert _complete(data["candidacies"]["edges"][0]["node"])

    await seeder.seed(19)
    twenty, data = await counted_request(client, count_queries, CANDIDACIES, None, headers)

    edges = data["candidacies"]["edges"]
    assert len(edges) == data["candidacies"]["totalCount"] == 20
    assert all(_complete(edge["node"]) for edge in edges)
    assert len({edge["node"]["leadOrganisation"]["name"] for edge in edges}) == 20
    assert_same_cost(one, twenty)


async def test_drafts_seen_by_a_manager_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries
):
    """A manager sees drafts' counts, not their contents, and still in a fixed number of
    statements."""
    seeder = Seeder(session_factory, clock.now(), submit=False)
    await seeder.start()
    headers = seeder.manager.headers

    await seeder.seed(1)
    one, data = await counted_request(client, count_queries, CANDIDACIES, None, headers)
    await seeder.seed(19)
    twenty, data = await counted_request(client, count_queries, CANDIDACIES, None, headers)

    nodes = [edge["node"] for edge in data["candidacies"]["edges"]]
    assert len(nodes) == 20
    assert all(n["partners"] is None and n["answers"] is None for n in nodes)
    assert all(
        n["counts"] == {"answers": 1, "partners": 2, "attachments": 1, "budgetLines": 2}
        for n in nodes
    )
    assert_same_cost(one, twenty)


SUBMISSION_CHECK = "query($id: ID!) { submissionCheck(candidacyId: $id) { code field } }"


async def test_submission_check_costs_the_same_for_1_and_20(
    client, session_factory, clock, count_queries
):
    """The checks load a candidacy's contents in a fixed number of statements, whatever the
    number of partners and of problems found."""
    now = clock.now()
    seeder = Seeder(session_factory, now)
    await seeder.start()
    await seeder.seed(1)
    async with read_session(session_factory) as session:
        candidacy = (await session.exec(select(Candidacy))).one()
    lead = candidacy.lead_organisation_id
    actor = Actor(user_id=seeder.applicant.user.id, organisation_ids=frozenset({lead}))

    async def unbalanced_partners(count: int) -> None:
        """The lead and ``count`` partners asking for a share no budget line backs."""
        orgs = [
            await f.make_organisation(session_factory, now, seeder.partner_owner.user)
            for _ in range(count)
        ]
        shares = [candidacy_services.PartnerInput(lead, PartnerRole.LEAD, LEAD_SHARE)]
        shares += [candidacy_services.PartnerInput(o.id, PartnerRole.PARTNER, 1) for o in orgs]
        async with unit_of_work(session_factory) as uow:
            await candidacy_services.set_partners(
                uow.session, actor=actor, candidacy_id=candidacy.id, partners=shares, now=now
            )

    def mismatches(data: dict) -> int:
        return sum(p["code"] == "PARTNER_SHARE_MISMATCH" for p in data["submissionCheck"])

    variables, headers = {"id": gid("Candidacy", candidacy)}, seeder.applicant.headers
    await unbalanced_partners(1)
    one, data = await counted_request(client, count_queries, SUBMISSION_CHECK, variables, headers)
    assert mismatches(data) == 1

    await unbalanced_partners(20)
    twenty, data = await counted_request(
        client, count_queries, SUBMISSION_CHECK, variables, headers
    )

    assert mismatches(data) == 20
    assert_same_cost(one, twenty)
