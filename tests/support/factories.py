"""Real rows through the real services, with defaults for what a test does not care about."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind, Role
from backend.accounts.models import Membership, Organisation, User
from backend.calls import services as calls
from backend.calls import status as call_status
from backend.calls.enums import (
    RUNNING_STATUSES,
    CallKind,
    CallStatus,
    CoFundingStatus,
    QuestionKind,
)
from backend.calls.inputs import (
    CallInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import Call, CallFunder, Funder, Programme
from backend.core.auth import SYSTEM, Actor
from backend.core.db import SessionFactory, unit_of_work
from backend.lifecycle import calls as lifecycle

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def n() -> int:
    return next(_seq)


@dataclass
class Signed:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def make_user(factory: SessionFactory, now: datetime, **kw: Any) -> User:
    async with unit_of_work(factory) as uow:
        return await accounts.create_user(
            uow.session,
            actor=SYSTEM,
            email=kw.get("email", f"user{n()}@example.org"),
            full_name=kw.get("full_name", "Test User"),
            password=kw.get("password", PASSWORD),
            now=now,
            system=True,
        )


async def grant(
    factory: SessionFactory, now: datetime, user: User, role: Role, funder: Funder | None = None
) -> None:
    async with unit_of_work(factory) as uow:
        await accounts.grant_role(
            uow.session,
            actor=SYSTEM,
            user_id=user.id,
            role=role,
            funder_id=funder.id if funder else None,
            now=now,
            system=True,
        )


async def sign_in(factory: SessionFactory, now: datetime, user: User) -> Signed:
    async with unit_of_work(factory) as uow:
        issued = await accounts.attempt_login(
            uow.session, email=user.email, password=PASSWORD, now=now
        )
    assert isinstance(issued, accounts.IssuedToken)
    return Signed(user=user, token=issued.token)


async def make_funder(factory: SessionFactory, now: datetime, **kw: Any) -> Funder:
    async with unit_of_work(factory) as uow:
        return await calls.create_funder(
            uow.session,
            actor=Actor(is_platform_admin=True),
            code=kw.get("code", f"FUNDER-{n()}"),
            name=kw.get("name", "Ministère de la Santé"),
            country=kw.get("country", "FR"),
            now=now,
        )


async def make_programme(factory: SessionFactory, now: datetime, funder: Funder) -> Programme:
    async with unit_of_work(factory) as uow:
        return await calls.create_programme(
            uow.session,
            actor=Actor(is_platform_admin=True),
            funder_id=funder.id,
            code=f"PROG-{n()}",
            name="Programme",
            now=now,
        )


async def make_organisation(
    factory: SessionFactory, now: datetime, owner: User, **kw: Any
) -> Organisation:
    owner_actor = Actor(user_id=owner.id)
    data = accounts.OrganisationInput(
        name=kw.get("name", f"Org {n()}"),
        kind=kw.get("kind", OrganisationKind.COMPANY),
        country=kw.get("country", "DE"),
        siret=kw.get("siret"),
        finess=kw.get("finess"),
        registry_id=kw.get("registry_id", f"HRB {n()}"),
    )
    async with unit_of_work(factory) as uow:
        return await accounts.create_organisation(
            uow.session, actor=owner_actor, data=data, now=now
        )


def call_input(programme: Programme, funder: Funder, now: datetime, **kw: Any) -> CallInput:
    """A complete, publishable call input; keyword arguments replace any top-level field."""
    base = CallInput(
        programme_id=programme.id,
        reference=f"CALL-{n()}",
        kind=CallKind.AAP,
        title={"fr": "Études d'impact de l'IA", "en": "AI impact studies"},
        description={"fr": "Un **appel** à projets."},
        themes=["radiology"],
        budget_envelope_cents=1_000_000_00,
        cap_per_candidacy_cents=200_000_00,
        funders=[FunderShareInput(funder.id, 1_000_000_00)],
        timeline=TimelineInput(
            timezone="Europe/Paris",
            opens_at=now - timedelta(days=1),
            deadline_at=now + timedelta(days=30),
        ),
        eligibility={},
        questions=[
            QuestionInput(
                key="summary",
                kind=QuestionKind.TEXT,
                label={"fr": "Résumé"},
                required=True,
                max_length=3000,
            )
        ],
        grid=GridInput(
            criteria=[
                CriterionInput(
                    key="impact",
                    label={"fr": "Impact"},
                    weight=Decimal(2),
                    scale_min=Decimal(0),
                    scale_max=Decimal(5),
                    step=Decimal("0.5"),
                )
            ]
        ),
    )
    return replace(base, **kw)


async def accept_co_fundings(session: Any, call: Call) -> None:
    """Every funder named on ``call`` has accepted (set directly, no one recorded as
    answering): for tests about something else; consent is tested through its service."""
    await session.exec(
        sa.update(CallFunder)
        .where(col(CallFunder.call_id) == call.id)
        .values(consent=CoFundingStatus.ACCEPTED)
    )


async def make_call(
    factory: SessionFactory,
    now: datetime,
    programme: Programme,
    funder: Funder,
    *,
    status: CallStatus = CallStatus.DRAFT,
    co_funders_accept: bool = True,
    **kw: Any,
) -> Call:
    """A call walked through the real lifecycle up to ``status``, all at ``now``.

    Published and opened by the lifecycle's own steps. From CLOSED on, the status is written
    directly (``backend.calls.status``, audited as the lifecycle does): a call closes only at
    its deadline, tests want CLOSED calls whose deadline is ahead, and a call without
    candidacies has no drafts to settle. Closing itself is tested through the lifecycle. Its
    co-funders have accepted (set directly, with no one recorded as answering) unless
    ``co_funders_accept`` is False; the consent itself is tested through its service.
    """
    admin = Actor(is_platform_admin=True)
    async with unit_of_work(factory) as uow:
        call = await calls.create_call(
            uow.session, actor=admin, data=call_input(programme, funder, now, **kw), now=now
        )
        if co_funders_accept:
            await accept_co_fundings(uow.session, call)
    order = list(CallStatus)
    for step in order[1 : order.index(status) + 1]:
        async with unit_of_work(factory) as uow:
            if step in RUNNING_STATUSES:
                call = await lifecycle.move_call(
                    uow.session, actor=admin, call_id=call.id, to=step, now=now
                )
            else:
                row = await uow.session.get(Call, call.id)
                assert row is not None
                call = await call_status.write_status(uow.session, row, step, actor=admin, now=now)
    return call


async def add_member(
    factory: SessionFactory, now: datetime, org: Organisation, owner: User, member: User
) -> Membership:
    async with unit_of_work(factory) as uow:
        return await accounts.add_member(
            uow.session,
            actor=Actor(user_id=owner.id, organisation_ids=frozenset({org.id})),
            organisation_id=org.id,
            email=member.email,
            role=MembershipRole.MEMBER,
            now=now,
        )
