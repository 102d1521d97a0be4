"""Seed the demo data files into the database through the real services.

People first (the bootstrapped admin creates the other accounts and registers the funders),
then role grants and organisations, then programmes and calls (each moved to its demo status
by :func:`move_call_to`), then candidacies. Every step is the service a person's click would
call, so the demo passes the same validation and permission checks as real data and leaves
the same audit entries. Nothing here commits: the caller's unit of work does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, Role
from backend.accounts.models import User
from backend.calls import co_funding
from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.inputs import (
    CallInput,
    ChoiceInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
)
from backend.candidacies import consortium
from backend.candidacies import services as candidacies
from backend.candidacies.models import CandidacyPartner
from backend.core.auth import SYSTEM, Actor
from backend.demo.dates import local_year, resolve_timeline
from backend.demo.files import (
    CallData,
    CandidacyData,
    DemoData,
    GridData,
    PersonData,
    QuestionData,
    texts,
)
from backend.lifecycle import calls as lifecycle

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented in the README; demo only
DEMO_DOMAIN = "demo.aap.example"


def email_of(person: PersonData) -> str:
    return f"{person.key}@{DEMO_DOMAIN}"


@dataclass
class _Made:
    """What the demo has created so far, by the key the data files name it with."""

    users: dict[str, User] = field(default_factory=dict)
    funder_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    programme_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    organisation_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    call_ids: dict[str, uuid.UUID] = field(default_factory=dict)


async def seed_data(session: AsyncSession, data: DemoData, *, now: datetime) -> None:
    """Side effects: users, role grants, funders, organisations and memberships, programmes,
    calls (co-funding accepted, published, opened) and candidacies, each audited."""
    made = _Made()
    await _create_people(session, data, made, now=now)
    admin = await _actor(session, made, data.people.people[0].key)
    await _create_funders(session, data, made, admin, now=now)
    await _grant_roles(session, data, made, admin, now=now)
    await _create_organisations(session, data, made, now=now)
    await _create_programmes(session, data, made, now=now)
    for call in data.calls.calls:
        await _create_call(session, data, made, call, now=now)
    for candidacy in data.candidacies.candidacies:
        await _create_candidacy(session, data, made, candidacy, now=now)


async def move_call_to(
    session: AsyncSession, *, manager: Actor, call_id: uuid.UUID, status: CallStatus, now: datetime
) -> None:
    """Walk a DRAFT call to its demo status, as its manager would: publish, then open.

    The one place the demo changes a call's status.
    """
    if status in (CallStatus.PUBLISHED, CallStatus.OPEN):
        await lifecycle.publish_call(session, actor=manager, call_id=call_id, now=now)
    if status is CallStatus.OPEN:
        await lifecycle.open_call(session, actor=manager, call_id=call_id, now=now)


async def _actor(session: AsyncSession, made: _Made, person: str) -> Actor:
    """The person as the services see them now (with the roles and memberships made so far)."""
    return await accounts.build_actor(session, made.users[person])


# --- People, funders, organisations -----------------------------------------------------------


async def _create_people(
    session: AsyncSession, data: DemoData, made: _Made, *, now: datetime
) -> None:
    """Bootstrap the admin as ``aap create-user --admin`` does, then the admin creates the rest.

    Only the first account bypasses the permission check (``system=True``); every other one
    goes through ``can_manage_users`` and is audited as created by the admin.
    """
    first, *others = data.people.people
    made.users[first.key] = await _create_user(session, SYSTEM, first, now=now, system=True)
    await accounts.grant_role(
        session,
        actor=SYSTEM,
        user_id=made.users[first.key].id,
        role=Role.PLATFORM_ADMIN,
        funder_id=None,
        now=now,
        system=True,
    )
    admin = await _actor(session, made, first.key)
    for person in others:
        made.users[person.key] = await _create_user(session, admin, person, now=now)


async def _create_user(
    session: AsyncSession, actor: Actor, person: PersonData, *, now: datetime, system: bool = False
) -> User:
    return await accounts.create_user(
        session,
        actor=actor,
        email=email_of(person),
        full_name=person.name,
        password=DEMO_PASSWORD,
        language=person.language,
        now=now,
        system=system,
    )


async def _create_funders(
    session: AsyncSession, data: DemoData, made: _Made, admin: Actor, *, now: datetime
) -> None:
    for funder in data.funders.funders:
        created = await calls.create_funder(
            session,
            actor=admin,
            code=funder.code,
            name=funder.name,
            country=funder.country,
            now=now,
        )
        made.funder_ids[funder.code] = created.id


async def _grant_roles(
    session: AsyncSession, data: DemoData, made: _Made, admin: Actor, *, now: datetime
) -> None:
    """Every grant but the bootstrapped admin's, given by the admin."""
    for person in data.people.people[1:]:
        for grant in person.grants:
            await accounts.grant_role(
                session,
                actor=admin,
                user_id=made.users[person.key].id,
                role=grant.role,
                funder_id=made.funder_ids[grant.funder] if grant.funder else None,
                now=now,
            )


async def _create_organisations(
    session: AsyncSession, data: DemoData, made: _Made, *, now: datetime
) -> None:
    """Each admin registers their organisation (becoming its admin), then adds colleagues."""
    for org in data.people.organisations:
        details = accounts.OrganisationInput(
            name=org.name,
            kind=org.kind,
            country=org.country,
            siret=org.siret,
            finess=org.finess,
            registry_id=org.registry_id,
        )
        creator = await _actor(session, made, org.admin)
        created = await accounts.create_organisation(session, actor=creator, data=details, now=now)
        made.organisation_ids[org.key] = created.id
        org_admin = await _actor(session, made, org.admin)  # now with the membership
        for member in org.members:
            await accounts.add_member(
                session,
                actor=org_admin,
                organisation_id=created.id,
                email=made.users[member].email,
                role=MembershipRole.MEMBER,
                now=now,
            )


# --- Programmes and calls ---------------------------------------------------------------------


async def _create_programmes(
    session: AsyncSession, data: DemoData, made: _Made, *, now: datetime
) -> None:
    for funder in data.funders.funders:
        for programme in funder.programmes:
            created = await calls.create_programme(
                session,
                actor=await _actor(session, made, programme.manager),
                funder_id=made.funder_ids[funder.code],
                code=programme.code,
                name=programme.name,
                now=now,
            )
            made.programme_ids[programme.code] = created.id


async def _create_call(
    session: AsyncSession, data: DemoData, made: _Made, call: CallData, *, now: datetime
) -> None:
    """The programme's manager creates the DRAFT, each co-funder's manager accepts its share,
    then the manager walks the call to its demo status."""
    manager = await _actor(session, made, _manager_of(data, call.programme))
    created = await calls.create_call(
        session, actor=manager, data=_call_input(data, made, call, now=now), now=now
    )
    made.call_ids[call.reference] = created.id
    for share in call.funders:
        if share.accepted_by is not None:
            await co_funding.respond_to_co_funding(
                session,
                actor=await _actor(session, made, share.accepted_by),
                call_id=created.id,
                funder_id=made.funder_ids[share.funder],
                accept=True,
                now=now,
            )
    await move_call_to(session, manager=manager, call_id=created.id, status=call.status, now=now)


def _manager_of(data: DemoData, programme_code: str) -> str:
    return next(
        p.manager for f in data.funders.funders for p in f.programmes if p.code == programme_code
    )


def _call_input(data: DemoData, made: _Made, call: CallData, *, now: datetime) -> CallInput:
    year = local_year(call.timeline, call.reference_year_of, now)
    return CallInput(
        programme_id=made.programme_ids[call.programme],
        reference=f"{call.reference}-{year}",
        kind=call.kind,
        title=texts(call.title),
        description=data.calls.description(call),
        themes=list(call.themes),
        budget_envelope_cents=_cents(call.budget_eur),
        cap_per_candidacy_cents=(
            _cents(call.cap_per_candidacy_eur) if call.cap_per_candidacy_eur is not None else None
        ),
        funders=[
            FunderShareInput(made.funder_ids[share.funder], _cents(share.eur))
            for share in call.funders
        ],
        timeline=resolve_timeline(call.timeline, now),
        eligibility=call.eligibility.model_dump(mode="json"),
        questions=[_question(q) for q in data.calls.questions(call)],
        grid=_grid(data.calls.grid(call)),
    )


def _question(question: QuestionData) -> QuestionInput:
    return QuestionInput(
        key=question.key,
        kind=question.kind,
        label=texts(question.label),
        help_text=texts(question.help_text),
        required=question.required,
        max_length=question.max_length,
        min_value=question.min_value,
        max_value=question.max_value,
        choices=[ChoiceInput(value=c.value, label=texts(c.label)) for c in question.choices],
    )


def _grid(grid: GridData) -> GridInput:
    return GridInput(
        criteria=[
            CriterionInput(
                key=criterion.key,
                label=texts(criterion.label),
                weight=criterion.weight,
                scale_min=grid.scale.min,
                scale_max=grid.scale.max,
                step=grid.scale.step,
                threshold=criterion.threshold,
            )
            for criterion in grid.criteria
        ],
        overall_threshold=grid.overall_threshold,
        experts_per_candidacy=grid.experts_per_candidacy,
        blind_review=grid.blind_review,
    )


def _cents(euros: int) -> int:
    return euros * 100


# --- Candidacies ------------------------------------------------------------------------------


async def _create_candidacy(
    session: AsyncSession, data: DemoData, made: _Made, candidacy: CandidacyData, *, now: datetime
) -> None:
    """The lead organisation's admin starts a DRAFT, invites the partners (who accept), then
    fills in the budget and some answers."""
    applicant = await _actor(session, made, data.organisation(candidacy.lead).admin)
    draft = await candidacies.create_candidacy(
        session,
        actor=applicant,
        call_id=made.call_ids[candidacy.call],
        organisation_id=made.organisation_ids[candidacy.lead],
        title=candidacy.title,
        acronym=candidacy.acronym,
        duration_months=candidacy.duration_months,
        now=now,
    )
    if candidacy.partners:
        await candidacies.set_partners(
            session,
            actor=applicant,
            candidacy_id=draft.id,
            partners=[
                candidacies.PartnerInput(
                    made.organisation_ids[p.organisation], p.role, _cents(p.requested_eur)
                )
                for p in candidacy.partners
            ],
            now=now,
        )
    for partner in candidacy.partners:
        if partner.accepted_by is not None:
            await _partner_accepts(
                session, made, draft.id, partner.organisation, partner.accepted_by, now=now
            )
    if candidacy.budget:
        await candidacies.set_budget(
            session,
            actor=applicant,
            candidacy_id=draft.id,
            lines=[
                candidacies.BudgetLineInput(
                    made.organisation_ids[line.organisation],
                    line.category,
                    _cents(line.eur),
                    line.label,
                )
                for line in candidacy.budget
            ],
            now=now,
        )
    if candidacy.answers:
        await candidacies.save_answers(
            session, actor=applicant, candidacy_id=draft.id, answers=candidacy.answers, now=now
        )


async def _partner_accepts(
    session: AsyncSession,
    made: _Made,
    candidacy_id: uuid.UUID,
    organisation: str,
    person: str,
    *,
    now: datetime,
) -> None:
    """The partner's member accepts the lead's invitation, as a partner must before it counts."""
    invitation = (
        await session.exec(
            select(CandidacyPartner).where(
                col(CandidacyPartner.candidacy_id) == candidacy_id,
                col(CandidacyPartner.organisation_id) == made.organisation_ids[organisation],
            )
        )
    ).one()
    await consortium.respond_to_invitation(
        session,
        actor=await _actor(session, made, person),
        partner_id=invitation.id,
        accept=True,
        now=now,
    )
