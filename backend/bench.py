"""Benchmarks behind ``aap bench NAME``; each prints a human summary, then one JSON line last.

``submissions``: many applicants submit their prepared candidacies concurrently over HTTP,
against PostgreSQL and a real Redis, with the API in several processes started as in
production (``aap serve``, one process per port as one per pod, ``AAP_ENVIRONMENT=prod``;
``--shared-port`` for ``aap serve --workers N`` instead). In the same run, the same
load hits the *floor*: a bare FastAPI endpoint doing the same inserts and taking the same row
lock (the reference counter) with no GraphQL, no token lookup and no checks. Both phases are
verified in the database afterwards: every candidacy submitted exactly once, one version each,
references gap-free, the audit chain intact once the phase's pending entries are sealed.

Only this module and the ``bench`` command know about benchmarks; the test suite never times
anything. See tests/benchmarks/README.md for how to run and read it.

Side effects: creates (and, unless kept, drops) its own PostgreSQL database; the API enqueues
receipt and sender jobs in Redis, which the bench then deletes; starts and stops server
processes and writes their logs under ``var/bench/``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO, TypeVar

import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import services as accounts
from backend.accounts.enums import MembershipRole, OrganisationKind
from backend.accounts.models import Membership, Organisation, User
from backend.calls import services as calls
from backend.calls.enums import CallKind, QuestionKind
from backend.calls.inputs import (
    CallInput,
    ChoiceInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import Call
from backend.candidacies import consortium
from backend.candidacies import services as candidacies
from backend.candidacies.enums import BudgetCategory, CandidacyStatus, PartnerRole
from backend.candidacies.models import (
    Candidacy,
    CandidacyPartner,
    CandidacyReferenceCounter,
    CandidacyVersion,
)
from backend.candidacies.recording import submission_statement
from backend.candidacies.submission import snapshot_hash
from backend.core import audit
from backend.core.auth import Actor, hash_password
from backend.core.clock import utcnow
from backend.core.db import (
    SessionFactory,
    create_engine,
    create_session_factory,
    read_session,
    unit_of_work,
)
from backend.core.i18n import Language
from backend.core.settings import PROJECT_ROOT, get_settings
from backend.lifecycle import calls as lifecycle
from backend.notifications.enums import NotificationStatus
from backend.notifications.models import Notification

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/aap_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
BENCHMARKS = ("submissions", "receipts")
"""``receipts`` lives in :mod:`backend.bench_receipts` (no database, no Redis)."""
GOAL = {"throughput_per_s": 200, "p99_ms": 250, "max_ratio": 3}
LOG_DIR = PROJECT_ROOT / "var" / "bench"
READY_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0
SEED_CONCURRENCY = 4
SUCCESS = "SubmitCandidacyPayload"
CALL_REFERENCE = "BENCH-SUBMISSIONS"
PARTNER_SIRET, PARTNER_FINESS = "26750045200011", "750712184"  # AP-HP, real public identifiers
SUMMARY_TEXT = "Évaluer un outil de triage par apprentissage automatique aux urgences. " * 12

SUBMIT_MUTATION = """
mutation Submit($id: ID!) {
  submitCandidacy(id: $id) {
    __typename
    ... on SubmitCandidacyPayload {
      reference serverTime sha256 version candidacy { id status submittedVersion }
    }
    ... on SubmissionRejectedError { problems { code field message } }
    ... on Error { code message }
  }
}"""


T = TypeVar("T")


class BenchRefused(RuntimeError):
    """The benchmark cannot run with this configuration (SQLite, an unknown name, ...)."""


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class SubmissionsOptions:
    submissions: int = 2000
    concurrency: int = 20
    api_processes: int = 2
    duration_s: float | None = None
    """Stop issuing requests after this many seconds (what was issued is verified)."""
    rate: float | None = None
    """Open loop: requests start at this rate; latency counts from the scheduled start."""
    warmup: int | None = None
    """Submissions before the measured ones, per phase; default twice the concurrency."""
    floor: bool = True
    shared_port: bool = False
    """``aap serve --workers N`` on one port, instead of N single-process servers on N ports
    with the client round-robin (as pods behind a Service). The kernel hands a burst of
    keep-alive connections to whichever worker wakes first (19 of 20 seen), so one port
    measures mostly one process: uvicorn has no SO_REUSEPORT."""
    profile: Path | None = None
    """cProfile the first API process into this file (ignores ``shared_port``)."""
    keep_database: bool = False

    @property
    def warmup_count(self) -> int:
        return self.warmup if self.warmup is not None else max(20, 2 * self.concurrency)


def bench_database_url(configured: str | None) -> str:
    """The bench's own PostgreSQL database, on the server ``configured`` points at.

    The database is dropped and recreated, so a name without ``bench`` in it is replaced by
    ``aap_bench``: pointing AAP_DATABASE_URL at a real database never wipes it.
    """
    raw = configured or DEFAULT_DATABASE_URL
    if raw.startswith("sqlite"):
        raise BenchRefused(
            "the submissions benchmark measures PostgreSQL: SQLite takes one writer at a time."
            " Set AAP_DATABASE_URL=postgresql+asyncpg://USER@HOST:5432/aap_bench (or unset it"
            f" for {DEFAULT_DATABASE_URL})"
        )
    url = make_url(raw)
    if not url.drivername.startswith("postgresql"):
        raise BenchRefused(f"the benchmark needs PostgreSQL, not {url.drivername}")
    name = url.database if "bench" in (url.database or "") else "aap_bench"
    bench_url = url.set(drivername="postgresql+asyncpg", database=name)
    rendered = bench_url.render_as_string(hide_password=False)
    _bench_database_name(rendered)
    return rendered


# --------------------------------------------------------------------------- database


def _bench_database_name(url: str) -> str:
    """The database name, refused unless it is a bench database and safe to quote."""
    name = make_url(url).database or ""
    if "bench" not in name or not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise BenchRefused(f"refusing to drop or create database {name!r}")
    return name


async def _on_server(url: str, statement: str) -> None:
    """Run ``statement`` outside any transaction, on the server's ``postgres`` database."""
    engine = create_async_engine(
        make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
    )
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text(statement))
    finally:
        await engine.dispose()


async def drop_database(url: str) -> None:
    """Drop the bench database, closing its connections (PostgreSQL 13+)."""
    await _on_server(url, f'DROP DATABASE IF EXISTS "{_bench_database_name(url)}" WITH (FORCE)')


async def recreate_database(url: str) -> None:
    await drop_database(url)
    await _on_server(url, f'CREATE DATABASE "{_bench_database_name(url)}"')


async def settle(engine: AsyncEngine) -> None:
    """VACUUM ANALYZE and CHECKPOINT, so each phase starts from the same kind of database."""
    async with engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(sa.text("VACUUM ANALYZE"))
        with suppress(sa.exc.DBAPIError):  # needs superuser; it only lowers the variance
            await conn.execute(sa.text("CHECKPOINT"))


# --------------------------------------------------------------------------- seeding


@dataclass(frozen=True)
class Applicant:
    user_id: uuid.UUID
    candidacy_id: uuid.UUID
    token: str


@dataclass(frozen=True)
class Seeded:
    call_id: uuid.UUID
    call_reference: str
    applicants: list[Applicant]
    seconds: float


def _call_input(programme_id: uuid.UUID, funder_id: uuid.UUID, now: datetime) -> CallInput:
    return CallInput(
        programme_id=programme_id,
        reference=CALL_REFERENCE,
        kind=CallKind.AAP,
        title={"fr": "Études d'impact de l'IA en santé", "en": "AI impact studies in health"},
        description={"fr": "Un appel franco-allemand pour le banc d'essai."},
        themes=["emergency-care"],
        budget_envelope_cents=10_000_000_000_00,
        cap_per_candidacy_cents=200_000_00,
        funders=[FunderShareInput(funder_id, 10_000_000_000_00)],
        timeline=TimelineInput(
            timezone="Europe/Paris",
            opens_at=now - timedelta(days=1),
            deadline_at=now + timedelta(days=30),
        ),
        eligibility={
            "required_partner_countries": [{"country": "FR"}, {"country": "DE"}],
            "min_duration_months": 6,
            "max_duration_months": 48,
        },
        questions=[
            QuestionInput("summary", QuestionKind.TEXT, {"fr": "Résumé"}, required=True,
                          max_length=3000),
            QuestionInput("patients", QuestionKind.NUMBER, {"fr": "Patients inclus"},
                          required=True),
            QuestionInput("setting", QuestionKind.CHOICE, {"fr": "Lieu"}, required=True,
                          choices=[ChoiceInput("hospital", {"fr": "Hôpital"}),
                                   ChoiceInput("primary", {"fr": "Ville"})]),
            QuestionInput("ethics", QuestionKind.YES_NO, {"fr": "Avis éthique obtenu"},
                          required=True),
        ],
        grid=GridInput(criteria=[CriterionInput(
            "impact", {"fr": "Impact"}, weight=Decimal(2), scale_min=Decimal(0),
            scale_max=Decimal(5), step=Decimal(1),
        )]),
    )  # fmt: skip


async def _open_call(factory: SessionFactory, now: datetime) -> Call:
    admin = Actor(is_platform_admin=True)
    async with unit_of_work(factory) as uow:
        funder = await calls.create_funder(
            uow.session, actor=admin, code="BENCH", name="Banc d'essai", country="FR", now=now
        )
        programme = await calls.create_programme(
            uow.session, actor=admin, funder_id=funder.id, code="BENCH-P", name="Banc", now=now
        )
        call = await calls.create_call(
            uow.session, actor=admin, data=_call_input(programme.id, funder.id, now), now=now
        )
    for step in (lifecycle.publish_call, lifecycle.open_call):
        async with unit_of_work(factory) as uow:
            call = await step(uow.session, actor=admin, call_id=call.id, now=now)
    return call


async def _insert_users(factory: SessionFactory, count: int, now: datetime) -> list[User]:
    """Users straight into their table, sharing one argon2 hash (one hash takes ~0.1 s)."""
    password_hash = hash_password(secrets.token_urlsafe(16))
    users = [
        User(
            email=f"bench-{i:06d}@example.org",
            full_name=f"Applicant {i}",
            password_hash=password_hash,
            language=Language.FR,
            created_at=now,
        )
        for i in range(count)
    ]
    async with unit_of_work(factory) as uow:
        uow.session.add_all(users)
    return users


async def _prepare_applicant(
    factory: SessionFactory, user: User, call: Call, partner: Organisation, now: datetime, i: int
) -> Applicant:
    """Organisation, candidacy, partners, answers, budget and a session token, via services.

    One short transaction per step, as the API would do, so row locks are held briefly and
    several applicants can be prepared at once.
    """
    async with unit_of_work(factory) as uow:
        org = await accounts.create_organisation(
            uow.session,
            actor=Actor(user_id=user.id),
            data=accounts.OrganisationInput(
                name=f"Klinik {i}", kind=OrganisationKind.COMPANY, country="DE",
                registry_id=f"HRB {100000 + i}",
            ),
            now=now,
        )  # fmt: skip
    actor = Actor(user_id=user.id, organisation_ids=frozenset({org.id}))
    async with unit_of_work(factory) as uow:
        candidacy = await candidacies.create_candidacy(
            uow.session, actor=actor, call_id=call.id, organisation_id=org.id,
            title=f"IA aux urgences {i}", acronym=f"URG{i}", duration_months=24, now=now,
        )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await candidacies.set_partners(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now,
            partners=[
                candidacies.PartnerInput(org.id, PartnerRole.LEAD, 60_000_00),
                candidacies.PartnerInput(partner.id, PartnerRole.PARTNER, 40_000_00),
            ],
        )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await _partner_accepts(uow.session, candidacy.id, partner, now)
    async with unit_of_work(factory) as uow:
        await candidacies.save_answers(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now,
            answers={"summary": SUMMARY_TEXT, "patients": 1200 + i, "setting": "hospital",
                     "ethics": True},
        )  # fmt: skip
    async with unit_of_work(factory) as uow:
        await candidacies.set_budget(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now,
            lines=[
                candidacies.BudgetLineInput(org.id, BudgetCategory.STAFF, 45_000_00, "Postdoc"),
                candidacies.BudgetLineInput(org.id, BudgetCategory.EQUIPMENT, 15_000_00, "GPU"),
                candidacies.BudgetLineInput(partner.id, BudgetCategory.STAFF, 40_000_00, "ARC"),
            ],
        )  # fmt: skip
        issued = await accounts._issue_token(
            uow.session, user=user, kind=accounts.TokenKind.SESSION, name="bench", now=now,
            expires_at=now + timedelta(hours=12),
        )  # fmt: skip
    return Applicant(user.id, candidacy.id, issued.token)


async def _partner_accepts(
    session: AsyncSession, candidacy_id: uuid.UUID, partner: Organisation, now: datetime
) -> None:
    """The shared partner's admin accepts the invitation (consent is asked of every partner)."""
    invitation = (
        await session.exec(
            select(CandidacyPartner).where(
                col(CandidacyPartner.candidacy_id) == candidacy_id,
                col(CandidacyPartner.organisation_id) == partner.id,
            )
        )
    ).one()
    admin = (
        await session.exec(
            select(Membership).where(
                col(Membership.organisation_id) == partner.id,
                col(Membership.role) == MembershipRole.ADMIN,
            )
        )
    ).first()
    assert admin is not None
    actor = Actor(user_id=admin.user_id, organisation_ids=frozenset({partner.id}))
    await consortium.respond_to_invitation(
        session, actor=actor, partner_id=invitation.id, accept=True, now=now
    )


async def _prepare_all(
    factory: SessionFactory, users: Sequence[User], call: Call, partner: Organisation, now: datetime
) -> list[Applicant]:
    """Prepare applicants ``SEED_CONCURRENCY`` at a time, keeping their order."""
    prepared: list[Applicant | None] = [None] * len(users)
    position = 0

    async def worker() -> None:
        nonlocal position
        while position < len(users):
            index, position = position, position + 1
            prepared[index] = await _prepare_applicant(
                factory, users[index], call, partner, now, index + 1
            )

    await asyncio.gather(*(worker() for _ in range(SEED_CONCURRENCY)))
    return [a for a in prepared if a is not None]


async def seed(url: str, *, applicants: int) -> Seeded:
    """One funder, one OPEN call with four questions, ``applicants`` candidacies ready to submit.

    Everything but the user rows goes through the real services (audited, validated); the
    applicants share a FR partner organisation. Tokens are issued without a login (no argon2).
    """
    started = time.perf_counter()
    engine = create_engine(url)
    factory = create_session_factory(engine)
    now = utcnow()
    try:
        call = await _open_call(factory, now)
        users = await _insert_users(factory, applicants + 1, now)
        async with unit_of_work(factory) as uow:
            partner = await accounts.create_organisation(
                uow.session,
                actor=Actor(user_id=users[0].id),
                data=accounts.OrganisationInput(
                    name="AP-HP", kind=OrganisationKind.HEALTH_ESTABLISHMENT, country="FR",
                    siret=PARTNER_SIRET, finess=PARTNER_FINESS,
                ),
                now=now,
            )  # fmt: skip
        prepared = await _prepare_all(factory, users[1:], call, partner, now)
    finally:
        await engine.dispose()
    return Seeded(call.id, call.reference, prepared, time.perf_counter() - started)


# --------------------------------------------------------------------------- verification


@dataclass
class Verification:
    expected: int
    stored: int
    lost: int
    """Issued submissions with no stored version (acknowledged or not)."""
    duplicates: int
    """Extra versions, repeated references, or submissions nobody asked for."""
    acknowledged_but_missing: int
    stored_but_unacknowledged: int
    references_gap_free: bool
    counter: int

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicates == 0 and self.references_gap_free


async def verify(
    engine: AsyncEngine, call_id: uuid.UUID, expected: set[uuid.UUID], acknowledged: set[uuid.UUID]
) -> Verification:
    """Compare what the client asked and heard with what the database holds."""
    candidacies_of_call = sa.select(
        col(Candidacy.id), col(Candidacy.status), col(Candidacy.reference)
    ).where(col(Candidacy.call_id) == call_id)
    versions_per_candidacy = sa.select(
        col(CandidacyVersion.candidacy_id), sa.func.count()
    ).group_by(col(CandidacyVersion.candidacy_id))
    last_number = sa.select(col(CandidacyReferenceCounter.last_number)).where(
        col(CandidacyReferenceCounter.call_id) == call_id
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(candidacies_of_call)).all()
        versions = {cid: n for cid, n in (await conn.execute(versions_per_candidacy)).all()}
        counter = (await conn.execute(last_number)).scalar_one_or_none() or 0
    submitted = {r.id for r in rows if r.status == CandidacyStatus.SUBMITTED}
    stored = {cid for cid in submitted if versions.get(cid, 0) >= 1}
    references = [r.reference for r in rows if r.reference]
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in references)
    extra_versions = sum(n - 1 for n in versions.values() if n > 1)
    orphan_versions = sum(n for cid, n in versions.items() if cid not in submitted)
    return Verification(
        expected=len(expected),
        stored=len(stored),
        lost=len(expected - stored),
        duplicates=extra_versions
        + orphan_versions
        + (len(references) - len(set(references)))
        + len(submitted - expected),
        acknowledged_but_missing=len(acknowledged - stored),
        stored_but_unacknowledged=len(stored - acknowledged),
        references_gap_free=numbers == list(range(1, len(numbers) + 1)) and counter == len(numbers),
        counter=counter,
    )


async def audit_chain_problems(url: str) -> int:
    """Seal what the phase left pending (no worker runs for the bench's database), as the
    worker's ``seal_audit`` would, then verify the whole chain; returns the problems found."""
    engine = create_engine(url)
    factory = create_session_factory(engine)
    key = get_settings().secret_key
    try:
        while True:
            async with unit_of_work(factory) as uow:
                sealed = await audit.seal_pending(uow.session, key=key)
            if sealed < audit.SEAL_BATCH:
                break
        async with read_session(factory) as session:
            problems = await audit.verify_chain(session, key=key, now=utcnow())
    finally:
        await engine.dispose()
    return len(problems)


async def reset_submissions(engine: AsyncEngine, call_id: uuid.UUID) -> list[uuid.UUID]:
    """Put every candidacy of the call back to DRAFT (no version, no receipt mail, counter 0);
    return the deleted versions' ids."""
    async with engine.begin() as conn:
        deleted = (
            await conn.execute(
                sa.delete(CandidacyVersion)
                .where(col(CandidacyVersion.candidacy_id).in_(
                    sa.select(col(Candidacy.id)).where(col(Candidacy.call_id) == call_id)
                ))
                .returning(col(CandidacyVersion.id))
            )
        ).scalars().all()  # fmt: skip
        await conn.execute(
            sa.update(Candidacy)
            .where(col(Candidacy.call_id) == call_id)
            .values(status=CandidacyStatus.DRAFT, reference=None, submitted_version=0,
                    last_submitted_at=None, has_unsubmitted_changes=False)
        )  # fmt: skip
        await conn.execute(
            sa.update(CandidacyReferenceCounter)
            .where(col(CandidacyReferenceCounter.call_id) == call_id)
            .values(last_number=0)
        )
        await conn.execute(
            sa.delete(Notification).where(
                col(Notification.dedupe_key).in_([f"submitted:{vid}" for vid in deleted])
            )
        )
    return list(deleted)


def enqueued_job_ids(version_ids: Sequence[uuid.UUID], window: tuple[float, float]) -> list[str]:
    """What the API enqueued after its commits: a receipt per version, a sender wake-up per
    second (``send-notifications:<epoch second>``) while the phase ran."""
    first, last = int(window[0]) - 1, int(window[1]) + 1
    return [f"receipt:{vid}" for vid in version_ids] + [
        f"send-notifications:{second}" for second in range(first, last + 1)
    ]


async def delete_jobs(redis_url: str, job_ids: Sequence[str]) -> int:
    """Remove the bench's jobs from the shared Redis: no worker of this database will run."""
    from arq.constants import default_queue_name, job_key_prefix
    from redis.asyncio import Redis

    from backend.core.jobs import QUEUE_NAMES

    queues = [default_queue_name, *QUEUE_NAMES.values()]  # the jobs went to their own queues
    redis = Redis.from_url(redis_url)
    removed = 0
    try:
        for start in range(0, len(job_ids), 500):
            chunk = job_ids[start : start + 500]
            for queue in queues:
                removed += await redis.zrem(queue, *chunk)
            await redis.delete(*(job_key_prefix + job_id for job_id in chunk))
    finally:
        await redis.aclose()
    return removed


# --------------------------------------------------------------------------- the floor


class FloorSubmission(BaseModel):
    candidacy_id: uuid.UUID
    call_id: uuid.UUID
    call_reference: str
    user_id: uuid.UUID


def _floor_snapshot(s: FloorSubmission, number: int, now: datetime) -> dict:
    """A snapshot of the seeded shape; the floor reads nothing, so the contents are fixed."""
    partner = {"name": "Klinik", "kind": "COMPANY", "country": "DE", "siret": None,
               "finess": None, "registry_id": "HRB 1"}  # fmt: skip
    return {
        "candidacy_id": str(s.candidacy_id), "version": number,
        "submitted_at": now.isoformat(),
        "submitted_by": {"id": str(s.user_id), "name": "Applicant", "email": "a@example.org"},
        "call": {"id": str(s.call_id), "reference": s.call_reference, "title": {"fr": "Études"},
                 "timezone": "Europe/Paris", "deadline_at": now.isoformat()},
        "title": "IA aux urgences", "acronym": "URG", "duration_months": 24,
        "lead_organisation_id": str(s.user_id),
        "partners": [{"organisation": partner, "role": "LEAD", "requested_share_cents": 60_000_00},
                     {"organisation": partner, "role": "PARTNER",
                      "requested_share_cents": 40_000_00}],
        "answers": {"ethics": True, "patients": 1200, "setting": "hospital",
                    "summary": SUMMARY_TEXT},
        "budget": [{"organisation_id": str(s.user_id), "category": "STAFF", "label": "Postdoc",
                    "amount_cents": 45_000_00}] * 3,
        "budget_total_cents": 100_000_00, "currency": "EUR", "attachments": [],
    }  # fmt: skip


async def floor_submit(engine: AsyncEngine, s: FloorSubmission, *, now: datetime) -> dict[str, Any]:
    """The submission's writes and locks only, through the very statement that
    ``submit_candidacy`` writes with on PostgreSQL (``recording.submission_statement``).

    Side effects: the same rows ``submit_candidacy`` writes (candidacy, version, counter and
    reference, receipt mail, audit entry), in one transaction, with the reference counter
    locked from that statement until commit as there (the one lock: the audit entry is a
    plain insert, sealed later). Not done: reading, locking and checking the candidacy,
    rendering the mail, the after-commit Redis enqueues. A second submission of the same
    candidacy fails on the version's unique number.
    """
    number = 1  # the bench resets every candidacy to a DRAFT without versions
    snapshot = _floor_snapshot(s, number, now)
    sha256 = snapshot_hash(snapshot)
    version = CandidacyVersion(
        candidacy_id=s.candidacy_id, number=number, snapshot=snapshot, sha256=sha256,
        submitted_at=now, submitted_by_user_id=s.user_id,
    )  # fmt: skip
    statement, params = submission_statement(
        call_id=s.call_id, call_reference=s.call_reference, candidacy_id=s.candidacy_id,
        known_reference=None,
        changes={"status": CandidacyStatus.SUBMITTED, "submitted_version": number,
                 "last_submitted_at": now, "has_unsubmitted_changes": False, "updated_at": now},
        version=version,
        mail=_floor_mail(s, version.id, sha256, now),
        entry=audit.new_entry(
            actor=Actor(user_id=s.user_id), action="candidacy.submitted",
            object_type="candidacy", object_id=s.candidacy_id, now=now,
            after={"reference": None, "version": number, "sha256": sha256},
        ),
    )  # fmt: skip
    async with engine.begin() as conn:
        reference = (await conn.execute(statement, params)).scalar_one()
    return {"data": {"submitCandidacy": {
        "__typename": SUCCESS, "reference": reference, "serverTime": now.isoformat(),
        "sha256": sha256, "version": number,
    }}}  # fmt: skip


def _floor_mail(
    s: FloorSubmission, version_id: uuid.UUID, sha256: str, now: datetime
) -> dict[str, Any]:
    """The receipt mail's row as ``notifications.prepare`` makes it, without rendering it."""
    return {
        "id": uuid.uuid4(), "dedupe_key": f"submitted:{version_id}", "user_id": s.user_id,
        "email": "applicant@example.org", "language": Language.FR,
        "template": "submission_receipt",
        "context": {"reference": None, "sha256": sha256, "call_title": "Études",
                    "candidacy_title": "IA aux urgences", "submitted_at_local": now.isoformat()},
        "status": NotificationStatus.PENDING, "attempts": 0, "next_attempt_at": now,
        "last_error": None, "created_at": now, "sent_at": None,
    }  # fmt: skip


def create_floor_app() -> FastAPI:
    """The floor: ``POST /floor/submit`` with the ids in a JSON body, ``GET /readyz``."""
    settings = get_settings()
    settings.check_production()
    engine = create_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/readyz")
    async def readyz() -> dict[str, str]:
        async with engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return {"status": "ok"}

    @app.post("/floor/submit", response_model=None)
    async def submit(body: FloorSubmission) -> dict[str, Any] | JSONResponse:
        try:
            return await floor_submit(engine, body, now=utcnow())
        except sa.exc.IntegrityError:
            return JSONResponse({"errors": [{"message": "already submitted"}]}, 409)

    return app


# --------------------------------------------------------------------------- HTTP load


class _Connection:
    """One keep-alive HTTP/1.1 connection: a few microseconds per request, unlike a full
    client, so the load generator leaves the two cores to the servers as far as it can."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Content-Type: application/json\r\n"
            "Accept: application/graphql-response+json, application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self._writer.write(head.encode() + body)
        status, headers = await self._read_head(self._reader)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            payload = await self._read_chunked(self._reader)
        else:
            payload = await self._reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, payload

    @staticmethod
    async def _read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        return int(lines[0].split(" ", 2)[1]), headers

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return b"".join(parts)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None


@dataclass(frozen=True)
class Shot:
    """One submission to send: whose, what body, with which bearer token."""

    candidacy_id: uuid.UUID
    body: bytes
    token: str


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    acknowledged: set[uuid.UUID] = field(default_factory=set)
    issued: set[uuid.UUID] = field(default_factory=set)
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    examples: dict[str, str] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def successes(self) -> int:
        return self.outcomes[SUCCESS]

    @property
    def throughput(self) -> float:
        return self.successes / self.wall_s if self.wall_s else 0.0

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _outcome(status: int, payload: bytes) -> str:
    try:
        body = json.loads(payload)
        result = (body.get("data") or {}).get("submitCandidacy")
        if result:
            return str(result.get("__typename"))
        if body.get("errors"):
            return f"HTTP {status} errors"
    except (ValueError, AttributeError):
        pass
    return f"HTTP {status}"


async def _drive(
    connections: list[_Connection],
    path: str,
    requests: Sequence[Shot],
    *,
    rate: float | None,
    duration_s: float | None,
    result: LoadResult | None,
) -> float:
    """Send every request, one in flight per connection; returns the wall time in seconds."""
    position = 0
    started = time.perf_counter()
    finished = started
    stop_at = started + duration_s if duration_s else math.inf

    async def worker(conn: _Connection) -> None:
        nonlocal position, finished
        while position < len(requests) and time.perf_counter() < stop_at:
            index, position = position, position + 1
            request = requests[index]
            begin = started + index / rate if rate else time.perf_counter()
            if (delay := begin - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            if result is not None:
                result.issued.add(request.candidacy_id)
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT_S):
                    status, payload = await conn.post(path, request.body, request.token)
                outcome = _outcome(status, payload)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
                await conn.close()
                outcome, payload = f"client {type(exc).__name__}", str(exc).encode()
            end = time.perf_counter()
            finished = max(finished, end)
            if result is None:
                continue
            result.latencies_ms.append((end - begin) * 1000)
            result.outcomes[outcome] += 1
            if outcome == SUCCESS:
                result.acknowledged.add(request.candidacy_id)
            else:
                result.examples.setdefault(outcome, payload[:300].decode("utf-8", "replace"))

    await asyncio.gather(*(worker(conn) for conn in connections))
    return finished - started


async def run_load(
    targets: Sequence[tuple[str, int]],
    path: str,
    warmup: Sequence[Shot],
    measured: Sequence[Shot],
    *,
    concurrency: int,
    rate: float | None = None,
    duration_s: float | None = None,
    server_pids: Sequence[int] = (),
) -> LoadResult:
    """Warm up (not recorded), then the measured load on the same connections.

    ``concurrency`` connections, spread round-robin over ``targets``, each with one request
    in flight. Closed loop by default; with ``rate``, requests are scheduled at that rate and
    a late start counts in the latency (no coordinated omission).
    """
    connections = [_Connection(*targets[i % len(targets)]) for i in range(concurrency)]
    try:
        await _drive(connections, path, warmup, rate=None, duration_s=None, result=None)
        result = LoadResult()
        before, client_before = cpu_sample(server_pids), time.process_time()
        result.wall_s = await _drive(
            connections, path, measured, rate=rate, duration_s=duration_s, result=result
        )
        result.client_cpu_s = time.process_time() - client_before
        result.cpu = cpu_cores(before, cpu_sample(server_pids), result.wall_s, result.client_cpu_s)
    finally:
        for conn in connections:
            await conn.close()
    return result


def graphql_requests(applicants: Sequence[Applicant]) -> list[Shot]:
    return [
        Shot(
            a.candidacy_id,
            json.dumps(
                {"query": SUBMIT_MUTATION, "variables": {"id": _global_id(a.candidacy_id)}}
            ).encode(),
            a.token,
        )
        for a in applicants
    ]


def floor_requests(seeded: Seeded, applicants: Sequence[Applicant]) -> list[Shot]:
    return [
        Shot(
            a.candidacy_id,
            FloorSubmission(
                candidacy_id=a.candidacy_id,
                call_id=seeded.call_id,
                call_reference=seeded.call_reference,
                user_id=a.user_id,
            )
            .model_dump_json()
            .encode(),
            a.token,
        )
        for a in applicants
    ]


def _global_id(candidacy_id: uuid.UUID) -> str:
    return base64.b64encode(f"Candidacy:{candidacy_id}".encode()).decode()


# --------------------------------------------------------------------------- CPU accounting


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command name, CPU seconds) for every process we may read."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / ticks)
    return found


def _machine_busy_s() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    total = sum(values[:8])
    return (total - values[3] - values[4]) / ticks, total / ticks


@dataclass(frozen=True)
class CpuSample:
    servers: float
    postgres: float
    busy: float
    total: float


def cpu_sample(server_pids: Sequence[int]) -> CpuSample | None:
    """CPU seconds of the server process trees, of PostgreSQL and of the machine (Linux)."""
    try:
        procs = _processes()
        busy, total = _machine_busy_s()
    except (OSError, ValueError):
        return None
    tree, frontier = set(server_pids), list(server_pids)
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _, _) in procs.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return CpuSample(
        servers=sum(procs[p][2] for p in tree if p in procs),
        postgres=sum(cpu for _, name, cpu in procs.values() if name.startswith("postgres")),
        busy=busy,
        total=total,
    )


def cpu_cores(
    before: CpuSample | None, after: CpuSample | None, wall: float, client_s: float
) -> dict[str, float]:
    """Average cores used during ``wall`` seconds by the client, the servers, PostgreSQL and
    everything else on the machine (other work competing for the same cores)."""
    if before is None or after is None or wall <= 0:
        return {}
    servers, postgres = after.servers - before.servers, after.postgres - before.postgres
    busy = after.busy - before.busy
    return {
        "client_cores": round(client_s / wall, 2),
        "server_cores": round(servers / wall, 2),
        "postgres_cores": round(postgres / wall, 2),
        "other_cores": round(max(0.0, busy - servers - postgres - client_s) / wall, 2),
        "machine_busy_pct": round(100 * busy / (after.total - before.total), 1),
    }


# --------------------------------------------------------------------------- servers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Servers:
    processes: list[subprocess.Popen[bytes]]
    targets: list[tuple[str, int]]
    logs: list[Path]


def _server_commands(kind: str, options: SubmissionsOptions) -> list[list[str]]:
    """One command per port: N single-process servers, or one with N workers (shared port)."""
    per_port = options.api_processes if options.shared_port and not options.profile else 1
    ports = [_free_port() for _ in range(options.api_processes // per_port)]
    commands = []
    for i, port in enumerate(ports):
        if kind == "api":
            command = [sys.executable, "-m", "backend.cli", "serve", "--host", "127.0.0.1"]
            command += ["--port", str(port), "--workers", str(per_port)]
            if options.profile and i == 0:
                command[1:3] = ["-m", "backend.bench", "profile", str(options.profile)]
                command.insert(5, "backend.cli")
        else:
            command = [sys.executable, "-m", "uvicorn", "backend.bench:create_floor_app"]
            command += ["--factory", "--host", "127.0.0.1", "--port", str(port)]
            command += ["--workers", str(per_port), "--no-access-log", "--log-level", "warning"]
        commands.append(command)
    return commands


def start_servers(kind: str, options: SubmissionsOptions, env: dict[str, str]) -> Servers:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    servers = Servers([], [], [])
    for i, command in enumerate(_server_commands(kind, options)):
        log_path = LOG_DIR / f"{kind}-{i}.log"
        with log_path.open("wb") as log_file:
            servers.processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    command, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                    start_new_session=True, cwd=PROJECT_ROOT,
                )
            )  # fmt: skip
        servers.targets.append(("127.0.0.1", int(command[command.index("--port") + 1])))
        servers.logs.append(log_path)
    try:
        _wait_ready(servers)
    except BaseException:
        stop_servers(servers)
        raise
    return servers


def _wait_ready(servers: Servers) -> None:
    import httpx

    deadline = time.monotonic() + READY_TIMEOUT_S
    for (host, port), process, log_path in zip(
        servers.targets, servers.processes, servers.logs, strict=True
    ):
        while True:
            if process.poll() is not None:
                raise BenchRefused(f"server on :{port} exited:\n{_tail(log_path)}")
            try:
                if httpx.get(f"http://{host}:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise BenchRefused(f"server on :{port} not ready:\n{_tail(log_path)}")
            time.sleep(0.2)


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop_servers(servers: Servers) -> None:
    """SIGINT (a graceful uvicorn shutdown, which also lets cProfile write its file)."""
    for process in servers.processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in servers.processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def serving(kind: str, options: SubmissionsOptions, env: dict[str, str]) -> Iterator[Servers]:
    servers = start_servers(kind, options, env)
    try:
        yield servers
    finally:
        stop_servers(servers)


# --------------------------------------------------------------------------- profile


def profile_module(out: Path, module: str, args: Sequence[str]) -> None:
    """``python -m module args`` under cProfile timed in CPU seconds, written to ``out``.

    Not wall time: on a busy machine wall time charges the wait for a core to whatever was
    running, mostly the socket send that woke PostgreSQL. With a CPU timer a coroutine's
    cumulative time is the CPU of its running stretches, so it is meaningful too.
    """
    import cProfile
    import runpy

    profiler = cProfile.Profile(time.process_time)
    sys.argv = [module, *args]
    profiler.enable()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        profiler.disable()
        profiler.dump_stats(str(out))


PROFILE_STEPS = [
    ("backend/app.py", "get_context", "context: bearer token -> actor (1 select)"),
    ("graphql/language/parser.py", "parse", "GraphQL parse"),
    ("graphql/validation/validate.py", "validate", "GraphQL validate (+ depth, aliases)"),
    ("strawberry/schema/schema.py", "execute", "strawberry execute (parse, validate, run)"),
    ("graphql_schema/mutation_support.py", "run_mutation", "mutation: unit of work + payload"),
    ("backend/candidacies/submission.py", "submit_candidacy", "submit_candidacy service"),
    ("backend/candidacies/services.py", "editable_candidacy", "  candidacy + call (locked)"),
    ("backend/candidacies/submission.py", "load_contents", "  load contents (5 selects)"),
    ("backend/candidacies/submission.py", "check_submission", "  checks"),
    ("backend/candidacies/submission.py", "canonical_snapshot", "  snapshot"),
    ("backend/notifications/services.py", "prepare", "  receipt mail (renders it)"),
    ("backend/candidacies/submission.py", "_number_and_record", "  numbering statement (lock)"),
    ("sqlalchemy/orm/session.py", "flush", "ORM flush (all)"),
    ("sqlalchemy/orm/session.py", "commit", "ORM commit (all)"),
    ("backend/core/db.py", "run_after_commit", "after commit: Redis enqueues"),
    ("logging/__init__.py", "handle", "logging"),
    ("httptools_impl.py", "data_received", "HTTP request parsing (httptools)"),
]


def _package_of(filename: str) -> str:
    if filename == "~":
        return "builtins"
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    for ours in ("/backend/", "/graphql_schema/"):
        if ours in filename:
            return ours.strip("/")
    if "/lib/python3" in filename:
        rest = filename.split("/lib/python3", 1)[1].split("/", 2)
        return "stdlib:" + (rest[1].removesuffix(".py") if len(rest) > 1 else "?")
    return filename


def _is_idle(name: str) -> bool:
    return "poll" in name and "epoll" in name


def profile_summary(path: Path, *, requests: int, top: int = 20) -> str:
    """CPU by package and by file, the request's main steps, the costliest functions."""
    import pstats

    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    busy = sum(v[2] for (_, _, name), v in stats.items() if not _is_idle(name))
    by_package: Counter[str] = Counter()
    by_file: Counter[str] = Counter()
    for (filename, _, name), (_, _, own, _, _) in stats.items():
        if not _is_idle(name):
            by_package[_package_of(filename)] += own
            by_file[f"{_package_of(filename)}:{Path(filename).name}"] += own
    per_request = 1000 * busy / requests if requests else 0
    lines = [f"profile {path} (CPU time): {busy:.2f} s for ~{requests} requests"
             f" = {per_request:.2f} ms CPU per request in the profiled process"]  # fmt: skip

    def share(seconds: float) -> str:
        ms = 1000 * seconds / requests if requests else 0
        return f"{100 * seconds / busy:5.1f}%  {ms:6.2f} ms/req"

    lines.append("own CPU by package:")
    lines += [f"  {share(own)}  {pkg}" for pkg, own in by_package.most_common(12)]
    lines.append("own CPU by file:")
    lines += [f"  {share(own)}  {name}" for name, own in by_file.most_common(12)]
    lines.append("inclusive CPU of the request's steps:")
    for suffix, function, label in PROFILE_STEPS:
        total = sum(v[3] for (f, _, n), v in stats.items() if f.endswith(suffix) and n == function)
        if total:
            lines.append(f"  {share(total)}  {label}")
    lines.append("costliest functions (own CPU; calls):")
    ranked = sorted(
        ((k, v) for k, v in stats.items() if not _is_idle(k[2])), key=lambda kv: -kv[1][2]
    )
    for (filename, line, name), (_, calls_n, own, _, _) in ranked[:top]:
        where = f"{_package_of(filename)}:{Path(filename).name}:{line}({name})"
        lines.append(f"  {share(own)}  {calls_n:>8}  {where}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the benchmark


@dataclass
class Phase:
    name: str
    load: LoadResult
    verification: Verification
    window: tuple[float, float]
    """Wall-clock start and end of the phase (epoch seconds)."""

    def figures(self) -> dict[str, float]:
        return {
            "throughput_per_s": round(self.load.throughput, 1),
            "p50_ms": round(self.load.percentile(50), 1),
            "p95_ms": round(self.load.percentile(95), 1),
            "p99_ms": round(self.load.percentile(99), 1),
        }

    def describe(self) -> list[str]:
        f, v, load = self.figures(), self.verification, self.load
        cpu = ", ".join(f"{k} {val}" for k, val in load.cpu.items())
        lines = [
            f"{self.name}: {load.successes} submissions in {load.wall_s:.2f} s ="
            f" {f['throughput_per_s']}/s; latency p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms,"
            f" p99 {f['p99_ms']} ms, max {max(load.latencies_ms, default=0):.1f} ms",
            f"  outcomes: {dict(load.outcomes)}",
            f"  database: {v.stored} stored of {v.expected} issued (warm-up included), lost"
            f" {v.lost}, duplicates {v.duplicates}, references gap-free"
            f" {v.references_gap_free} (counter {v.counter}), unacknowledged but stored"
            f" {v.stored_but_unacknowledged}",
            f"  cpu (average cores): {cpu}",
        ]
        lines += [f"  e.g. {k}: {text}" for k, text in load.examples.items()]
        return lines


def _server_env(url: str, redis_url: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        AAP_ENVIRONMENT="prod",
        AAP_SECRET_KEY=secret_key,
        AAP_DATABASE_URL=url,
        AAP_REDIS_URL=redis_url,
        PYTHONUNBUFFERED="1",
    )
    return env


def _phase(
    name: str,
    kind: str,
    options: SubmissionsOptions,
    env: dict[str, str],
    path: str,
    requests: tuple[list[Shot], list[Shot]],
    check: Callable[[set[uuid.UUID], set[uuid.UUID]], Verification],
) -> Phase:
    warmup, measured = requests
    with serving(kind, options, env) as servers:
        started = time.time()
        load = asyncio.run(
            run_load(servers.targets, path, warmup, measured, concurrency=options.concurrency,
                     rate=options.rate, duration_s=options.duration_s,
                     server_pids=[p.pid for p in servers.processes])
        )  # fmt: skip
        window = (started, time.time())
    expected = {r.candidacy_id for r in warmup} | load.issued
    acknowledged = load.acknowledged | {r.candidacy_id for r in warmup}
    return Phase(name, load, check(expected, acknowledged), window)


async def _on_database(url: str, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    engine = create_engine(url)
    try:
        return await work(engine)
    finally:
        await engine.dispose()


@dataclass
class SubmissionsRun:
    options: SubmissionsOptions
    seeded: Seeded
    graphql: Phase
    floor: Phase | None
    chain_problems: int

    @property
    def correct(self) -> bool:
        """Nothing lost or doubled, references gap-free, the audit chain intact."""
        phases = [self.graphql, *([self.floor] if self.floor else [])]
        return all(p.verification.ok for p in phases) and self.chain_problems == 0

    def result(self) -> dict[str, Any]:
        """The JSON line."""
        options, graphql, floor = self.options, self.graphql, self.floor
        figures = graphql.figures()
        floor_figures = floor.figures() if floor else None
        ratio = (
            round(floor_figures["throughput_per_s"] / figures["throughput_per_s"], 2)
            if floor_figures and figures["throughput_per_s"]
            else None
        )
        errors = sum(n for k, n in graphql.load.outcomes.items() if k != SUCCESS)
        goal_met = (
            self.correct
            and errors == 0
            and figures["throughput_per_s"] >= GOAL["throughput_per_s"]
            and figures["p99_ms"] < GOAL["p99_ms"]
            and ratio is not None
            and ratio <= GOAL["max_ratio"]
        )
        phases = [graphql, *([floor] if floor else [])]
        servers = "one port, uvicorn workers" if options.shared_port and not options.profile else (
            "one process per port, client round-robin"
        )  # fmt: skip
        return {
            "name": "submissions",
            "submissions": graphql.load.successes,
            "concurrency": options.concurrency,
            "api_processes": options.api_processes,
            "servers": servers,
            **({"rate_per_s": options.rate} if options.rate else {}),
            **figures,
            "lost": sum(p.verification.lost for p in phases),
            "duplicates": sum(p.verification.duplicates for p in phases),
            "references_gap_free": all(p.verification.references_gap_free for p in phases),
            "audit_chain_ok": self.chain_problems == 0,
            "errors": errors,
            "floor": floor_figures,
            "ratio_to_floor_throughput": ratio,
            "goal": GOAL,
            "goal_met": goal_met,
            "seed_s": round(self.seeded.seconds, 1),
            "warmup": options.warmup_count,
            "cpu": {"graphql": graphql.load.cpu, "floor": floor.load.cpu if floor else None},
            "profiled": options.profile is not None,
        }


def run_submissions(options: SubmissionsOptions, progress: TextIO) -> SubmissionsRun:
    """Migrate, seed, measure both phases, drop the database (unless kept)."""
    url = bench_database_url(os.environ.get("AAP_DATABASE_URL"))
    redis_url = os.environ.get("AAP_REDIS_URL") or DEFAULT_REDIS_URL
    secret_key = secrets.token_urlsafe(32)
    os.environ["AAP_SECRET_KEY"] = secret_key  # the seed's audit entries share the servers' key
    get_settings.cache_clear()
    env = _server_env(url, redis_url, secret_key)

    def say(text: str) -> None:
        print(text, file=progress, flush=True)

    shown = make_url(url).render_as_string(hide_password=True)
    say(f"bench submissions: database {shown}, redis {redis_url}")
    from backend.core import migrate

    asyncio.run(recreate_database(url))
    try:
        migrate.upgrade(url)
        n_warm = options.warmup_count
        seeded = asyncio.run(seed(url, applicants=n_warm + options.submissions))
        say(f"seeded {len(seeded.applicants)} applicants in {seeded.seconds:.1f} s")
        graphql, floor, chain_problems = _measure(options, url, redis_url, env, seeded, say)
    finally:
        if not options.keep_database:
            asyncio.run(drop_database(url))
    return SubmissionsRun(options, seeded, graphql, floor, chain_problems)


def _measure(
    options: SubmissionsOptions,
    url: str,
    redis_url: str,
    env: dict[str, str],
    seeded: Seeded,
    say: Callable[[str], None],
) -> tuple[Phase, Phase | None, int]:
    """The GraphQL phase, a reset, the floor phase; each verified in the database."""
    warm = seeded.applicants[: options.warmup_count]
    rest = seeded.applicants[options.warmup_count :]

    def on_database(work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
        return asyncio.run(_on_database(url, work))

    def check(expected: set[uuid.UUID], acknowledged: set[uuid.UUID]) -> Verification:
        return on_database(lambda engine: verify(engine, seeded.call_id, expected, acknowledged))

    on_database(settle)
    mode = "on one port (--workers)" if options.shared_port else "one per port"
    say(f"graphql: {options.api_processes} API processes {mode}, {options.concurrency} in flight")
    graphql = _phase(
        "graphql", "api", options, env, "/graphql",
        (graphql_requests(warm), graphql_requests(rest)), check,
    )  # fmt: skip
    chain_problems = asyncio.run(audit_chain_problems(url))
    versions = on_database(lambda engine: reset_submissions(engine, seeded.call_id))
    removed = asyncio.run(delete_jobs(redis_url, enqueued_job_ids(versions, graphql.window)))
    on_database(settle)
    say(f"reset: candidacies back to DRAFT; {removed} jobs the API enqueued removed from Redis")
    floor = None
    if options.floor:
        say("floor: bare FastAPI endpoint, same inserts and locks")
        floor = _phase(
            "floor", "floor", options, env, "/floor/submit",
            (floor_requests(seeded, warm), floor_requests(seeded, rest)), check,
        )  # fmt: skip
        chain_problems += asyncio.run(audit_chain_problems(url))
    return graphql, floor, chain_problems


def main(name: str, options: SubmissionsOptions) -> int:
    """Run benchmark ``name``: progress on stderr; summary, then the JSON line, on stdout.

    Exit status 1 when a check failed (a submission lost or doubled, a gap in the
    references, a broken audit chain); a missed speed goal is reported, not an error.
    """
    if name not in BENCHMARKS:
        raise BenchRefused(f"unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}")
    if options.submissions < 1 or options.concurrency < 1 or options.api_processes < 1:
        raise BenchRefused("--submissions, --concurrency and --api-processes must be >= 1")
    run = run_submissions(options, sys.stderr)
    result = run.result()
    print(f"seed: {result['seed_s']} s (not timed below); warm-up {result['warmup']} per phase")
    for phase in (run.graphql, run.floor):
        if phase is not None:
            print("\n".join(phase.describe()))
    if options.profile:
        served = (options.warmup_count + result["submissions"]) // options.api_processes
        print(profile_summary(options.profile, requests=served))
    print(
        f"goal: >= {GOAL['throughput_per_s']}/s, p99 < {GOAL['p99_ms']} ms, within"
        f" {GOAL['max_ratio']}x of the floor (ratio {result['ratio_to_floor_throughput']}),"
        f" none lost: {'MET' if result['goal_met'] else 'NOT MET'}"
    )
    print(json.dumps(result), flush=True)
    return 0 if run.correct else 1


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "profile":
        profile_module(Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        sys.exit("usage: python -m backend.bench profile OUT.prof MODULE [ARGS...]")
