"""A rush on the deadline: a few hundred concurrent submissions, half just before, half at or
after it. Every one before is accepted, every one after refused, none lost or counted twice,
and the references are gap-free.

Each submission is its own unit of work carrying the instant its request arrived (the server
clock's reading), all started together with ``asyncio.gather``: on PostgreSQL they really run
side by side (limited by the connection pool), on SQLite writers queue on the write lock.
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import col, select

from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.errors import DeadlinePassed
from backend.candidacies.models import Candidacy, CandidacyVersion
from backend.candidacies.submission import submit_candidacy
from backend.core.audit import AuditEntry
from backend.core.db import unit_of_work
from tests.support import factories as f
from tests.support.audit import sealed_chain

APPLICANTS = 240


async def _prepare(session_factory, now):
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    async with unit_of_work(session_factory) as uow:
        call = await f.open_call(
            uow.session, now, programme, funder, deadline_at=now + timedelta(minutes=10),
            reference="RUSH-2026",
        )  # fmt: skip
        owner = await f.make_signed_user(uow.session, now, "rush-owner")
    org = await f.make_organisation(session_factory, now, owner.user)
    actor = f.applicant(owner.user, org)
    async with unit_of_work(session_factory) as uow:
        ids = [
            (await f.prepare_candidacy(uow.session, now, actor, call, org, title=f"C{i}")).id
            for i in range(APPLICANTS)
        ]
    return call, actor, ids


async def _submit(session_factory, actor, candidacy_id, now):
    try:
        async with unit_of_work(session_factory) as uow:
            receipt = await submit_candidacy(
                uow.session, actor=actor, candidacy_id=candidacy_id, now=now
            )
        return ("accepted", candidacy_id, receipt.reference)
    except DeadlinePassed:
        return ("refused", candidacy_id, None)


async def test_rush_around_the_deadline_accepts_before_refuses_after_loses_nothing(
    session_factory, clock
):
    call, actor, ids = await _prepare(session_factory, clock.now())
    rng = random.Random(20260731)
    rng.shuffle(ids)
    before, after = ids[: APPLICANTS // 2], ids[APPLICANTS // 2 :]
    arrivals = [
        (cid, call.deadline_at - timedelta(milliseconds=rng.randint(1, 2000))) for cid in before
    ] + [(cid, call.deadline_at + timedelta(milliseconds=rng.randint(0, 2000))) for cid in after]
    arrivals.append((after[0], call.deadline_at))  # exactly at the deadline: refused
    rng.shuffle(arrivals)

    outcomes = await asyncio.gather(
        *(_submit(session_factory, actor, cid, now) for cid, now in arrivals)
    )

    accepted = {cid for kind, cid, _ in outcomes if kind == "accepted"}
    refused = {cid for kind, cid, _ in outcomes if kind == "refused"}
    assert accepted == set(before)
    assert refused == set(after)
    references = sorted(ref for kind, _, ref in outcomes if kind == "accepted")
    assert references == [f"RUSH-2026-{n:04d}" for n in range(1, len(before) + 1)]
    async with session_factory() as session:
        versions = (
            await session.exec(
                select(CandidacyVersion.candidacy_id, sa.func.count())
                .where(col(CandidacyVersion.candidacy_id).in_(ids))
                .group_by(col(CandidacyVersion.candidacy_id))
            )
        ).all()
        statuses = dict(
            (
                await session.exec(
                    select(Candidacy.id, Candidacy.status).where(col(Candidacy.id).in_(ids))
                )
            ).all()
        )
        submitted_entries = (
            await session.exec(
                select(AuditEntry.object_id).where(AuditEntry.action == "candidacy.submitted")
            )
        ).all()
    problems = await sealed_chain(session_factory)
    assert dict(versions) == {cid: 1 for cid in before}
    assert sorted(submitted_entries) == sorted(str(cid) for cid in before)
    assert {statuses[cid] for cid in before} == {CandidacyStatus.SUBMITTED}
    assert {statuses[cid] for cid in after} == {CandidacyStatus.DRAFT}
    assert problems == []
