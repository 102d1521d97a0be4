"""A manager reading every candidacy of a call, one by id, and the public calls (PostgreSQL).

Seeds, on its own PostgreSQL database, one OPEN call (through the real services) and
``--candidacies`` submitted candidacies, each with 3 partners (its lead and two shared
organisations), 10 answers, 4 budget lines, 2 attachments and one version whose snapshot is
built by the real ``canonical_snapshot``. The volume goes in by bulk ORM inserts (the services
would take minutes for a thousand submissions; what is read is the same rows). A programme
manager and an API token are made through the services.

Then, in the same run and the same process, each path serving over HTTP in-process (httpx's
ASGI transport, no sockets), taking turns round by round:

- ``app``: the real FastAPI app (``create_app``, lifespan run), the manager's bearer token,
  ``candidacies(first: N)`` page after page with 32 fields per candidacy; ``candidacy(id:)``
  for one; the public ``calls`` list anonymously;
- ``sql``: a bare FastAPI endpoint running hand-written SQL (6 statements a page, no
  authentication, no GraphQL) returning the same JSON;
- ``strawberry``: a bare strawberry schema on FastAPI serving the same query from plain
  objects held in memory (built once from the SQL floor's answer): GraphQL's own cost.

The app's answer must equal the SQL floor's (``same_data``). Statements are counted for one
page at two page sizes: equal counts mean no N+1. A summary, then one JSON line last.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import gc
import hashlib
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import sqlalchemy as sa
import strawberry
from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import col, select
from strawberry.fastapi import GraphQLRouter
from strawberry.scalars import JSON
from strawberry.schema.config import StrawberryConfig

import graphql_schema.candidacies.types  # noqa: F401 (makes the enums the app's GraphQL enums)
from backend.accounts import services as accounts
from backend.accounts.enums import OrganisationKind, Role
from backend.accounts.models import Organisation, User
from backend.app import create_app
from backend.calls import services as calls
from backend.calls.enums import CallKind, QuestionKind
from backend.calls.forms import FrozenQuestion
from backend.calls.inputs import (
    CallInput,
    ChoiceInput,
    CriterionInput,
    FunderShareInput,
    GridInput,
    QuestionInput,
    TimelineInput,
)
from backend.calls.models import Call, FormQuestion
from backend.candidacies.enums import (
    BudgetCategory,
    CandidacyStatus,
    EligibilityDecision,
    PartnerRole,
    PartnerStatus,
)
from backend.candidacies.models import (
    Attachment,
    BudgetLine,
    Candidacy,
    CandidacyAnswer,
    CandidacyPartner,
    CandidacyReferenceCounter,
    CandidacyVersion,
)
from backend.candidacies.submission import CandidacyContents, canonical_snapshot, snapshot_hash
from backend.core import migrate
from backend.core.auth import Actor
from backend.core.clock import utcnow
from backend.core.db import create_engine, create_session_factory, unit_of_work
from backend.core.settings import Settings
from backend.core.text import search_key
from backend.lifecycle import calls as lifecycle
from graphql_schema.scalars import SCALAR_MAP, BigInt
from tests.benchmarks.harness import bench_database_url, drop_database, recreate_database, settle

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/aap_bench_reads"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
GOAL = {"list_ratio_to_strawberry": 1.3, "one_ratio_to_sql": 2.0}
ZONE = "Europe/Paris"
TEXT = "Évaluer un outil de triage par apprentissage automatique aux urgences. " * 3

FIELDS = """
  id reference status createdAt updatedAt submittedVersion lastSubmittedAt
  hasUnsubmittedChanges deadlineLocal title acronym durationMonths
  eligibility { decision }
  call { reference }
  leadOrganisation { name }
  partners { role status requestedShare { cents } organisation { name } }
  answers { questionKey value }
  budget { category label amount { cents } }
  budgetTotal { cents }
  attachments { name sha256 sizeBytes downloadUrl }
  versions { number sha256 submittedAt }
"""
LIST_QUERY = (
    "query List($first: Int!, $after: String) { candidacies(first: $first, after: $after) {"
    " pageInfo { hasNextPage endCursor } edges { node { ...C } } } }"
    f" fragment C on Candidacy {{ {FIELDS} }}"
)
ONE_QUERY = (
    "query One($id: ID!) { candidacy(id: $id) { ...C } }"
    f" fragment C on Candidacy {{ {FIELDS} }}"
)
CALLS_QUERY = (
    "query Calls { calls(first: 50) { edges { node {"
    " id reference title status isOpenNow budgetEnvelope { cents currency }"
    " timeline { opensAt deadlineAt deadlineLocal } } } } }"
)
LEAF_FIELDS = 32


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    candidacies: int
    page_size: int
    small_page_size: int
    rounds: int
    one_reads: int
    calls: int
    database_url: str
    redis_url: str
    keep_database: bool
    profile: str | None = None
    gc: dict[str, Any] = field(default_factory=dict)


def parse(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(prog="aap bench reads", description=__doc__.split("\n")[0])
    parser.add_argument("--candidacies", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--small-page-size", type=int, default=20, help="for the statement count")
    parser.add_argument("--rounds", type=int, default=5, help="timed full reads per path")
    parser.add_argument("--one-reads", type=int, default=200, help="reads by id per round")
    parser.add_argument("--calls", type=int, default=20, help="published calls in the list")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=os.environ.get("AAP_REDIS_URL") or DEFAULT_REDIS_URL)
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--gc-young-threshold", type=int, default=None, help="the app's setting (0: Python's)"
    )
    parser.add_argument(
        "--profile", metavar="PATH", help="cProfile one more list read (and PATH.one: 50 by id)"
    )
    a = parser.parse_args(list(argv))
    return Options(
        candidacies=a.candidacies,
        page_size=a.page_size,
        small_page_size=a.small_page_size,
        rounds=a.rounds,
        one_reads=a.one_reads,
        calls=a.calls,
        database_url=bench_database_url(a.database_url),
        redis_url=a.redis_url,
        keep_database=a.keep_database,
        profile=a.profile,
        gc={
            key: value
            for key, value in (("gc_young_threshold", a.gc_young_threshold),)
            if value is not None
        },
    )


# --------------------------------------------------------------------------- seeding


MANAGER_EMAIL = "bench-manager@example.org"
"""The programme manager of the seeded call's funder: reads exactly the seeded candidacies."""
PASSWORD = "bench-password-123"
"""The seeded applicant's and manager's password (``aap bench web`` signs the manager in)."""


@dataclass(frozen=True)
class Seeded:
    call_id: uuid.UUID
    candidacy_ids: list[uuid.UUID]
    manager_token: str
    seconds: float


def _questions() -> list[QuestionInput]:
    """Ten answered questions (texts, numbers, choices, yes/no) and two file questions."""
    choices = [ChoiceInput("hospital", {"fr": "Hôpital"}), ChoiceInput("city", {"fr": "Ville"})]
    kinds = [QuestionKind.TEXT] * 4 + [QuestionKind.NUMBER] * 2 + [QuestionKind.CHOICE] * 2
    kinds += [QuestionKind.YES_NO] * 2
    questions = [
        QuestionInput(
            f"q{i:02d}",
            kind,
            {"fr": f"Question {i}"},
            required=True,
            max_length=3000 if kind is QuestionKind.TEXT else None,
            choices=choices if kind is QuestionKind.CHOICE else [],
        )
        for i, kind in enumerate(kinds)
    ]
    questions += [
        QuestionInput(key, QuestionKind.FILE, {"fr": key}) for key in ("letter", "budget_pdf")
    ]
    return questions


def _answer(question: FormQuestion, i: int) -> Any:
    return {
        QuestionKind.TEXT: f"{TEXT} ({i})",
        QuestionKind.NUMBER: 1000 + i,
        QuestionKind.CHOICE: "hospital",
        QuestionKind.YES_NO: i % 2 == 0,
    }[question.kind]


def _call_input(programme_id: uuid.UUID, funder_id: uuid.UUID, now: datetime, n: int) -> CallInput:
    return CallInput(
        programme_id=programme_id,
        reference=f"BENCH-READS-{n:02d}",
        kind=CallKind.AAP,
        title={"fr": f"Études d'impact de l'IA en santé {n}", "en": f"AI impact studies {n}"},
        description={"fr": "Un appel pour le banc d'essai des lectures."},
        themes=["emergency-care"],
        budget_envelope_cents=10_000_000_000_00,
        cap_per_candidacy_cents=None,
        funders=[FunderShareInput(funder_id, 10_000_000_000_00)],
        timeline=TimelineInput(
            timezone=ZONE, opens_at=now - timedelta(days=1), deadline_at=now + timedelta(days=30)
        ),
        eligibility={},
        questions=_questions() if n == 0 else _questions()[:1],
        grid=GridInput(
            criteria=[
                CriterionInput(
                    "impact",
                    {"fr": "Impact"},
                    weight=Decimal(1),
                    scale_min=Decimal(0),
                    scale_max=Decimal(5),
                    step=Decimal(1),
                )
            ]
        ),
    )


async def _open_calls(factory: Any, now: datetime, count: int) -> tuple[Call, uuid.UUID]:
    """``count`` published, open calls through the services; the first has the form."""
    admin = Actor(is_platform_admin=True)
    async with unit_of_work(factory) as uow:
        funder = await calls.create_funder(
            uow.session, actor=admin, code="BENCH", name="Banc", country="FR", now=now
        )
        programme = await calls.create_programme(
            uow.session, actor=admin, funder_id=funder.id, code="BENCH-P", name="Banc", now=now
        )
    opened = []
    for n in range(count):
        async with unit_of_work(factory) as uow:
            data = _call_input(programme.id, funder.id, now, n)
            call = await calls.create_call(uow.session, actor=admin, data=data, now=now)
        for step in (lifecycle.publish_call, lifecycle.open_call):
            async with unit_of_work(factory) as uow:
                call = await step(uow.session, actor=admin, call_id=call.id, now=now)
        opened.append(call)
    return opened[0], funder.id


async def _people(factory: Any, funder_id: uuid.UUID, now: datetime) -> tuple[User, str]:
    """The applicant who made every candidacy, and the manager's API token (services)."""
    async with unit_of_work(factory) as uow:
        applicant = await accounts.create_user(
            uow.session, actor=Actor(), email="bench-applicant@example.org",
            full_name="Applicant", password=PASSWORD, now=now, system=True,
        )  # fmt: skip
        manager = await accounts.create_user(
            uow.session, actor=Actor(), email=MANAGER_EMAIL,
            full_name="Manager", password=PASSWORD, now=now, system=True,
        )  # fmt: skip
        await accounts.grant_role(
            uow.session, actor=Actor(), user_id=manager.id, role=Role.PROGRAMME_MANAGER,
            funder_id=funder_id, now=now, system=True,
        )  # fmt: skip
        issued = await accounts.create_api_token(
            uow.session, actor=Actor(user_id=manager.id), name="bench", now=now,
            expires_at=now + timedelta(days=1),
        )  # fmt: skip
    return applicant, issued.token


def _organisation(name: str, country: str, now: datetime) -> Organisation:
    return Organisation(
        name=name,
        name_key=search_key(name),
        kind=OrganisationKind.COMPANY,
        country=country,
        registry_id=f"HRB {abs(hash(name)) % 10**8}",
        created_at=now,
    )


def _candidacy_rows(
    i: int, call: Call, form: list[FormQuestion], user: User, shared: list[Organisation],
    now: datetime,
) -> list[Any]:  # fmt: skip
    """One submitted candidacy and everything it holds, as rows; its version's snapshot is
    the one the real submission would build from them."""
    lead = _organisation(f"Klinik {i}", "DE", now)
    created = now - timedelta(seconds=10 * i)
    candidacy = Candidacy(
        call_id=call.id, lead_organisation_id=lead.id, status=CandidacyStatus.SUBMITTED,
        reference=f"{call.reference}-{i + 1:04d}", title=f"IA aux urgences {i}",
        acronym=f"URG{i}", duration_months=24, created_by_user_id=user.id, created_at=created,
        updated_at=created, submitted_version=1, last_submitted_at=now,
    )  # fmt: skip
    orgs = [lead, *shared]
    partners = [
        CandidacyPartner(
            candidacy_id=candidacy.id,
            organisation_id=org.id,
            position=pos,
            role=PartnerRole.LEAD if pos == 0 else PartnerRole.PARTNER,
            requested_share_cents=(50_000_00 if pos == 0 else 25_000_00),
            status=PartnerStatus.ACCEPTED,
            invited_at=None if pos == 0 else created,
            responded_at=None if pos == 0 else created,
        )
        for pos, org in enumerate(orgs)
    ]
    answered = [q for q in form if q.kind is not QuestionKind.FILE]
    answers = [
        CandidacyAnswer(
            candidacy_id=candidacy.id, question_key=q.key, value=_answer(q, i), updated_at=created
        )
        for q in answered
    ]
    budget = [
        BudgetLine(
            candidacy_id=candidacy.id,
            organisation_id=org.id,
            category=category,
            label=label,
            amount_cents=cents,
            position=pos,
        )
        for pos, (org, category, label, cents) in enumerate(
            [
                (lead, BudgetCategory.STAFF, "Postdoc", 30_000_00),
                (lead, BudgetCategory.EQUIPMENT, "GPU", 20_000_00),
                (shared[0], BudgetCategory.STAFF, "ARC", 25_000_00),
                (shared[1], BudgetCategory.STAFF, "Data manager", 25_000_00),
            ]
        )
    ]
    attachments = [
        Attachment(
            candidacy_id=candidacy.id,
            question_key=key,
            original_name=f"{key}.pdf",
            storage_key=f"attachments/bench-{candidacy.id}-{key}",
            content_type="application/pdf",
            size_bytes=20_000 + i,
            sha256=hashlib.sha256(f"{i}-{key}".encode()).hexdigest(),
            uploaded_by_user_id=user.id,
            created_at=created,
        )
        for key in ("budget_pdf", "letter")  # the order the app lists them in
    ]
    contents = CandidacyContents(
        call=call, candidacy=candidacy, questions=tuple(FrozenQuestion.of(q) for q in form),
        partners=list(zip(partners, orgs, strict=True)),
        answers={a.question_key: a.value for a in answers}, budget=budget,
        attachments=attachments,
    )  # fmt: skip
    snapshot = canonical_snapshot(contents, number=1, submitted_at=now, submitted_by=user)
    version = CandidacyVersion(
        candidacy_id=candidacy.id, number=1, snapshot=snapshot, sha256=snapshot_hash(snapshot),
        submitted_at=now, submitted_by_user_id=user.id,
    )  # fmt: skip
    return [lead, candidacy, *partners, *answers, *budget, *attachments, version]


async def seed(url: str, options: Options) -> Seeded:
    started = time.perf_counter()
    engine = create_engine(url)
    factory = create_session_factory(engine)
    now = utcnow().replace(microsecond=0)
    try:
        call, funder_id = await _open_calls(factory, now, options.calls)
        applicant, token = await _people(factory, funder_id, now)
        shared = [_organisation("Charité", "DE", now), _organisation("AP-HP Nord", "BE", now)]
        async with unit_of_work(factory) as uow:
            uow.session.add_all(shared)
            form = list(
                (
                    await uow.session.exec(
                        select(FormQuestion)
                        .where(col(FormQuestion.call_id) == call.id)
                        .order_by(col(FormQuestion.position))
                    )
                ).all()
            )
        ids = []
        for start in range(0, options.candidacies, 100):
            async with unit_of_work(factory) as uow:
                batch = [
                    _candidacy_rows(i, call, form, applicant, shared, now)
                    for i in range(start, min(start + 100, options.candidacies))
                ]
                ids += [rows[1].id for rows in batch]
                # No relationships on the models, so the flush does not order tables itself.
                for part in (slice(0, 1), slice(1, 2), slice(2, None)):
                    uow.session.add_all([row for rows in batch for row in rows[part]])
                    await uow.session.flush()
        async with unit_of_work(factory) as uow:
            await uow.session.merge(
                CandidacyReferenceCounter(call_id=call.id, last_number=options.candidacies)
            )
        await settle(engine)
    finally:
        await engine.dispose()
    return Seeded(call.id, ids, token, time.perf_counter() - started)


# --------------------------------------------------------------------------- the SQL floor


def _gid(type_name: str, id_: Any) -> str:
    return base64.b64encode(f"{type_name}:{id_}".encode()).decode()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


SQL_PAGE = """
SELECT c.id, c.reference, c.status, c.created_at, c.updated_at, c.submitted_version,
       c.last_submitted_at, c.has_unsubmitted_changes, c.extended_deadline_at, c.title,
       c.acronym, c.duration_months, c.eligibility, k.reference AS call_reference,
       k.deadline_at, k.timezone, o.name AS lead_name
FROM candidacy c JOIN call k ON k.id = c.call_id
     JOIN organisation o ON o.id = c.lead_organisation_id
WHERE {where}
ORDER BY c.created_at, c.id LIMIT :limit
"""
SQL_FIRST_PAGE = SQL_PAGE.format(where="c.call_id = :call_id")
SQL_NEXT_PAGE = SQL_PAGE.format(
    where="c.call_id = :call_id AND (c.created_at, c.id) > (:after_at, :after_id)"
)
SQL_ONE = SQL_PAGE.format(where="c.id = :id").replace("LIMIT :limit", "")
SQL_RELATIONS = {
    "partners": "SELECT p.candidacy_id, p.role, p.status, p.requested_share_cents, o.name"
    " FROM candidacy_partner p JOIN organisation o ON o.id = p.organisation_id"
    " WHERE p.candidacy_id = ANY(:ids) ORDER BY p.position, p.id",
    "answers": "SELECT candidacy_id, question_key, value FROM candidacy_answer"
    " WHERE candidacy_id = ANY(:ids) ORDER BY question_key",
    "budget": "SELECT candidacy_id, category, label, amount_cents FROM budget_line"
    " WHERE candidacy_id = ANY(:ids) ORDER BY position, id",
    "attachments": "SELECT candidacy_id, id, original_name, sha256, size_bytes FROM attachment"
    " WHERE candidacy_id = ANY(:ids) AND superseded_at IS NULL ORDER BY question_key, created_at",
    "versions": "SELECT candidacy_id, number, sha256, submitted_at FROM candidacy_version"
    " WHERE candidacy_id = ANY(:ids) ORDER BY number",
}


def _node(c: Any, rel: dict[str, dict[uuid.UUID, list[Any]]]) -> dict[str, Any]:
    """A candidacy as the GraphQL query answers it, from hand-written SQL rows."""
    deadline = max(c.deadline_at, c.extended_deadline_at or c.deadline_at)
    budget = rel["budget"].get(c.id, [])
    return {
        "id": _gid("Candidacy", c.id), "reference": c.reference, "status": c.status,
        "createdAt": _iso(c.created_at), "updatedAt": _iso(c.updated_at),
        "submittedVersion": c.submitted_version, "lastSubmittedAt": _iso(c.last_submitted_at),
        "hasUnsubmittedChanges": c.has_unsubmitted_changes,
        "deadlineLocal": _iso(deadline.astimezone(ZoneInfo(c.timezone))),
        "title": c.title, "acronym": c.acronym, "durationMonths": c.duration_months,
        "eligibility": {"decision": c.eligibility},
        "call": {"reference": c.call_reference},
        "leadOrganisation": {"name": c.lead_name},
        "partners": [
            {"role": p.role, "status": p.status,
             "requestedShare": {"cents": p.requested_share_cents},
             "organisation": {"name": p.name}}
            for p in rel["partners"].get(c.id, [])
        ],
        "answers": [
            {"questionKey": a.question_key, "value": a.value} for a in rel["answers"].get(c.id, [])
        ],
        "budget": [
            {"category": b.category, "label": b.label, "amount": {"cents": b.amount_cents}}
            for b in budget
        ],
        "budgetTotal": {"cents": sum(b.amount_cents for b in budget)},
        "attachments": [
            {"name": a.original_name, "sha256": a.sha256, "sizeBytes": a.size_bytes,
             "downloadUrl": f"/files/attachments/{a.id}"}
            for a in rel["attachments"].get(c.id, [])
        ],
        "versions": [
            {"number": v.number, "sha256": v.sha256, "submittedAt": _iso(v.submitted_at)}
            for v in rel["versions"].get(c.id, [])
        ],
    }  # fmt: skip


async def _sql_nodes(conn: Any, rows: Sequence[Any]) -> list[dict[str, Any]]:
    ids = [r.id for r in rows]
    rel: dict[str, dict[uuid.UUID, list[Any]]] = {}
    for name, statement in SQL_RELATIONS.items():
        grouped: dict[uuid.UUID, list[Any]] = {}
        for row in (await conn.execute(sa.text(statement), {"ids": ids})).all():
            grouped.setdefault(row.candidacy_id, []).append(row)
        rel[name] = grouped
    return [_node(c, rel) for c in rows]


def _cursor(node_row: Any) -> str:
    return f"{node_row.created_at.isoformat()}|{node_row.id}"


def create_sql_floor(url: str, call_id: uuid.UUID) -> tuple[FastAPI, Any]:
    """The bare endpoint: hand-written SQL, one page in six statements, JSON out."""
    engine = create_async_engine(url, pool_size=5)
    app = FastAPI()

    @app.get("/candidacies")
    async def page(first: int, after: str | None = None) -> dict[str, Any]:
        after_at, after_id = after.split("|") if after else (None, None)
        params: dict[str, Any] = {"call_id": call_id, "limit": first + 1}
        if after_at and after_id:
            params |= {
                "after_at": datetime.fromisoformat(after_at),
                "after_id": uuid.UUID(after_id),
            }
        statement = SQL_NEXT_PAGE if after else SQL_FIRST_PAGE
        async with engine.connect() as conn:
            rows = (await conn.execute(sa.text(statement), params)).all()
            more, rows = len(rows) > first, rows[:first]
            nodes = await _sql_nodes(conn, rows)
        end = _cursor(rows[-1]) if rows else None
        return {"nodes": nodes, "hasNextPage": more, "endCursor": end}

    @app.get("/candidacies/{candidacy_id}")
    async def one(candidacy_id: uuid.UUID) -> dict[str, Any] | None:
        async with engine.connect() as conn:
            rows = (await conn.execute(sa.text(SQL_ONE), {"id": candidacy_id})).all()
            nodes = await _sql_nodes(conn, rows)
        return nodes[0] if nodes else None

    @app.get("/calls")
    async def call_list() -> list[dict[str, Any]]:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    sa.text(
                        "SELECT id, reference, title, status, opens_at, deadline_at, timezone,"
                        " budget_envelope_cents, currency FROM call WHERE status = 'OPEN'"
                        " ORDER BY opens_at, id LIMIT 51"
                    )
                )
            ).all()
        return [
            {"id": _gid("Call", r.id), "reference": r.reference, "title": r.title["fr"],
             "status": r.status, "isOpenNow": True,
             "budgetEnvelope": {"cents": r.budget_envelope_cents, "currency": r.currency},
             "timeline": {"opensAt": _iso(r.opens_at), "deadlineAt": _iso(r.deadline_at),
                          "deadlineLocal": _iso(r.deadline_at.astimezone(ZoneInfo(r.timezone)))}}
            for r in rows[:50]
        ]  # fmt: skip

    return app, engine


# --------------------------------------------------------------------------- the strawberry floor


@strawberry.type(name="Money")
class FloorMoney:
    cents: BigInt
    currency: str = "EUR"


@strawberry.type(name="Named")
class FloorNamed:
    name: str


@strawberry.type(name="Reference")
class FloorReference:
    reference: str


@strawberry.type(name="Eligibility")
class FloorEligibility:
    decision: EligibilityDecision


@strawberry.type(name="Partner")
class FloorPartner:
    role: PartnerRole
    status: PartnerStatus
    requested_share: FloorMoney
    organisation: FloorNamed


@strawberry.type(name="Answer")
class FloorAnswer:
    question_key: str
    value: JSON


@strawberry.type(name="BudgetLine")
class FloorBudgetLine:
    category: BudgetCategory
    label: str
    amount: FloorMoney


@strawberry.type(name="Attachment")
class FloorAttachment:
    name: str
    sha256: str
    size_bytes: int
    download_url: str


@strawberry.type(name="Version")
class FloorVersion:
    number: int
    sha256: str
    submitted_at: datetime


@strawberry.type(name="Candidacy")
class FloorCandidacy:
    id: strawberry.ID
    reference: str | None
    status: CandidacyStatus
    created_at: datetime
    updated_at: datetime
    submitted_version: int
    last_submitted_at: datetime | None
    has_unsubmitted_changes: bool
    deadline_local: datetime
    title: str | None
    acronym: str | None
    duration_months: int | None
    eligibility: FloorEligibility
    call: FloorReference
    lead_organisation: FloorNamed
    partners: list[FloorPartner]
    answers: list[FloorAnswer]
    budget: list[FloorBudgetLine]
    budget_total: FloorMoney
    attachments: list[FloorAttachment]
    versions: list[FloorVersion]


@strawberry.type(name="PageInfo")
class FloorPageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(name="CandidacyEdge")
class FloorEdge:
    node: FloorCandidacy


@strawberry.type(name="CandidacyConnection")
class FloorConnection:
    page_info: FloorPageInfo
    edges: list[FloorEdge]


def _floor_candidacy(n: dict[str, Any]) -> FloorCandidacy:
    t = datetime.fromisoformat
    return FloorCandidacy(
        id=strawberry.ID(n["id"]), reference=n["reference"],
        status=CandidacyStatus(n["status"]),
        created_at=t(n["createdAt"]), updated_at=t(n["updatedAt"]),
        submitted_version=n["submittedVersion"],
        last_submitted_at=t(n["lastSubmittedAt"]) if n["lastSubmittedAt"] else None,
        has_unsubmitted_changes=n["hasUnsubmittedChanges"],
        deadline_local=t(n["deadlineLocal"]), title=n["title"], acronym=n["acronym"],
        duration_months=n["durationMonths"],
        eligibility=FloorEligibility(
            decision=EligibilityDecision(n["eligibility"]["decision"])
        ),
        call=FloorReference(reference=n["call"]["reference"]),
        lead_organisation=FloorNamed(name=n["leadOrganisation"]["name"]),
        partners=[
            FloorPartner(role=PartnerRole(p["role"]), status=PartnerStatus(p["status"]),
                         requested_share=FloorMoney(cents=BigInt(int(p["requestedShare"]["cents"]))),
                         organisation=FloorNamed(name=p["organisation"]["name"]))
            for p in n["partners"]
        ],
        answers=[
            FloorAnswer(question_key=a["questionKey"], value=a["value"]) for a in n["answers"]
        ],
        budget=[
            FloorBudgetLine(category=BudgetCategory(b["category"]), label=b["label"],
                            amount=FloorMoney(cents=BigInt(int(b["amount"]["cents"]))))
            for b in n["budget"]
        ],
        budget_total=FloorMoney(cents=BigInt(int(n["budgetTotal"]["cents"]))),
        attachments=[
            FloorAttachment(name=a["name"], sha256=a["sha256"], size_bytes=a["sizeBytes"],
                            download_url=a["downloadUrl"])
            for a in n["attachments"]
        ],
        versions=[
            FloorVersion(number=v["number"], sha256=v["sha256"], submitted_at=t(v["submittedAt"]))
            for v in n["versions"]
        ],
    )  # fmt: skip


def create_strawberry_floor(nodes: list[dict[str, Any]]) -> FastAPI:
    """Bare strawberry over plain objects in memory: no database, no resolvers, no checks.

    Its types are the app's where the schema has them (the enums, the ``BigInt``, ``DateTime``
    and ``JSON`` scalars of ``graphql_schema.scalars``), so it does the same GraphQL work: the
    serialization the app's schema asks for is a cost of the schema, not of the read path. Ids
    stay computed once, before timing, like the rest of the objects.
    """
    objects = [_floor_candidacy(n) for n in nodes]
    by_id = {o.id: o for o in objects}
    position = {o.id: i for i, o in enumerate(objects)}

    @strawberry.type
    class Query:
        @strawberry.field
        def candidacies(self, first: int, after: str | None = None) -> FloorConnection:
            start = position[strawberry.ID(after)] + 1 if after else 0
            page = objects[start : start + first]
            return FloorConnection(
                page_info=FloorPageInfo(
                    has_next_page=start + first < len(objects),
                    end_cursor=page[-1].id if page else None,
                ),
                edges=[FloorEdge(node=o) for o in page],
            )

        @strawberry.field
        def candidacy(self, id: strawberry.ID) -> FloorCandidacy | None:
            return by_id.get(id)

    app = FastAPI()
    schema = strawberry.Schema(query=Query, config=StrawberryConfig(scalar_map=dict(SCALAR_MAP)))
    app.include_router(GraphQLRouter(schema), prefix="/graphql")
    return app


# --------------------------------------------------------------------------- reading


@dataclass
class Reader:
    """How one path reads: the whole list page by page, one candidacy, the calls."""

    name: str
    client: httpx.AsyncClient
    read_page: Callable[[int, str | None], Awaitable[tuple[list[dict[str, Any]], str | None]]]
    read_one: Callable[[str], Awaitable[dict[str, Any] | None]]
    read_calls: Callable[[], Awaitable[list[dict[str, Any]]]] | None = None
    list_ms: list[float] = field(default_factory=list)
    list_cpu_ms: list[float] = field(default_factory=list)
    one_cpu_ms: list[float] = field(default_factory=list)
    one_ms: list[float] = field(default_factory=list)
    calls_ms: list[float] = field(default_factory=list)

    async def read_all(self, page_size: int) -> list[dict[str, Any]]:
        nodes: list[dict[str, Any]] = []
        after: str | None = None
        while True:
            page, after = await self.read_page(page_size, after)
            nodes += page
            if after is None:
                return nodes


async def _graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], headers: dict[str, str]
) -> dict[str, Any]:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"GraphQL answered {response.status_code}: {body}")
    return dict(body["data"])


def graphql_reader(name: str, client: httpx.AsyncClient, headers: dict[str, str]) -> Reader:
    async def read_page(first: int, after: str | None) -> tuple[list[dict[str, Any]], str | None]:
        data = await _graphql(client, LIST_QUERY, {"first": first, "after": after}, headers)
        conn = data["candidacies"]
        nodes = [edge["node"] for edge in conn["edges"]]
        info = conn["pageInfo"]
        return nodes, info["endCursor"] if info["hasNextPage"] else None

    async def read_one(gid: str) -> dict[str, Any] | None:
        return (await _graphql(client, ONE_QUERY, {"id": gid}, headers))["candidacy"]

    async def read_calls() -> list[dict[str, Any]]:
        data = await _graphql(client, CALLS_QUERY, {}, {})
        return [edge["node"] for edge in data["calls"]["edges"]]

    return Reader(name, client, read_page, read_one, read_calls if name == "app" else None)


def sql_reader(client: httpx.AsyncClient) -> Reader:
    async def read_page(first: int, after: str | None) -> tuple[list[dict[str, Any]], str | None]:
        params: dict[str, Any] = {"first": first} | ({"after": after} if after else {})
        body = (await client.get("/candidacies", params=params)).json()
        return body["nodes"], body["endCursor"] if body["hasNextPage"] else None

    async def read_one(gid: str) -> dict[str, Any] | None:
        candidacy_id = base64.b64decode(gid).decode().split(":", 1)[1]
        return dict((await client.get(f"/candidacies/{candidacy_id}")).json())

    async def read_calls() -> list[dict[str, Any]]:
        return list((await client.get("/calls")).json())

    return Reader("sql", client, read_page, read_one, read_calls)


async def _timed(work: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await work()
    return (time.perf_counter() - started) * 1000


async def _cpu_timed(work: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    """Wall and CPU milliseconds of this process (what the read costs the server, whatever
    else the machine runs; the database's own time is not in it, for any path)."""
    wall, cpu = time.perf_counter(), time.process_time()
    await work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


async def _read_each(reader: Reader, gids: Sequence[str]) -> None:
    for gid in gids:
        await reader.read_one(gid)


class StatementCounter:
    def __init__(self) -> None:
        self.count = 0
        self.active = False

    def __call__(self, *_: Any) -> None:
        if self.active:
            self.count += 1

    async def of(self, work: Awaitable[Any]) -> int:
        self.count, self.active = 0, True
        try:
            await work
        finally:
            self.active = False
        return self.count


@dataclass
class Measured:
    readers: dict[str, Reader]
    statements: dict[int, int]
    full_collections_per_list: float
    same_data: bool
    difference: str


async def _profiled(path: str, work: Awaitable[Any], progress: Any) -> None:
    """One more list read under cProfile, written to ``path``; the top of it on ``progress``."""
    profiler = cProfile.Profile()
    profiler.enable()
    await work
    profiler.disable()
    profiler.dump_stats(path)
    pstats.Stats(path, stream=progress).sort_stats("tottime").print_stats(25)


def _first_difference(ours: Any, floor: Any, path: str = "") -> str:
    if isinstance(ours, dict) and isinstance(floor, dict):
        for key in sorted(set(ours) | set(floor)):
            found = _first_difference(ours.get(key), floor.get(key), f"{path}.{key}")
            if found:
                return found
        return ""
    if isinstance(ours, list) and isinstance(floor, list):
        if len(ours) != len(floor):
            return f"{path}: {len(ours)} items against {len(floor)}"
        for i, (a, b) in enumerate(zip(ours, floor, strict=True)):
            found = _first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return ""
    return "" if ours == floor else f"{path}: {ours!r} against {floor!r}"


async def measure(options: Options, seeded: Seeded, progress: Any) -> Measured:
    settings = Settings(
        database_url=options.database_url,
        redis_url=options.redis_url,
        database_pool_size=5,
        **options.gc,
    )
    app = create_app(settings)
    sql_app, sql_engine = create_sql_floor(options.database_url, seeded.call_id)
    counter = StatementCounter()
    sa.event.listen(Engine, "before_cursor_execute", counter)
    headers = {"Authorization": f"Bearer {seeded.manager_token}"}
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(app.router.lifespan_context(app))
        stack.push_async_callback(sql_engine.dispose)

        def client(asgi: FastAPI) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=asgi)
            return httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60)

        ours = graphql_reader("app", await stack.enter_async_context(client(app)), headers)
        sql = sql_reader(await stack.enter_async_context(client(sql_app)))
        app_nodes = await ours.read_all(options.page_size)
        sql_nodes = await sql.read_all(options.page_size)
        difference = _first_difference(app_nodes, sql_nodes)
        floor_app = create_strawberry_floor(sql_nodes)
        bare = graphql_reader("strawberry", await stack.enter_async_context(client(floor_app)), {})
        if len(app_nodes) != options.candidacies:
            raise RuntimeError(f"the manager read {len(app_nodes)} of {options.candidacies}")
        statements = {
            size: await counter.of(ours.read_page(size, None))
            for size in (options.page_size, options.small_page_size)
        }
        readers = {"app": ours, "sql": sql, "strawberry": bare}
        gids = [n["id"] for n in app_nodes]
        collections = 0
        for round_ in range(options.rounds + 1):  # round 0 warms up
            picks = [
                gids[(round_ * 7919 + k * 104729) % len(gids)] for k in range(options.one_reads)
            ]
            for reader in readers.values():
                before = gc.get_stats()[2]["collections"]
                list_ms, list_cpu = await _cpu_timed(partial(reader.read_all, options.page_size))
                if reader.name == "app" and round_:
                    collections += gc.get_stats()[2]["collections"] - before
                one_ms, one_cpu = await _cpu_timed(partial(_read_each, reader, picks))
                one_ms, one_cpu = one_ms / len(picks), one_cpu / len(picks)
                calls_ms = 0.0
                if reader.read_calls is not None:
                    calls_ms = min([await _timed(reader.read_calls) for _ in range(20)])
                if round_:
                    reader.list_ms.append(list_ms)
                    reader.list_cpu_ms.append(list_cpu)
                    reader.one_cpu_ms.append(one_cpu)
                    reader.one_ms.append(one_ms)
                    reader.calls_ms.append(calls_ms)
            print(
                f"  round {round_}{' (warm-up)' if not round_ else ''}: "
                + ", ".join(
                    f"{r.name} {r.list_ms[-1] if round_ else 0:.0f} ms" for r in readers.values()
                ),
                file=progress,
                flush=True,
            )
        if options.profile:
            await _profiled(options.profile, ours.read_all(options.page_size), progress)
            one_profile = f"{options.profile}.one"
            await _profiled(one_profile, _read_each(ours, gids[:50]), progress)
    sa.event.remove(Engine, "before_cursor_execute", counter)
    return Measured(
        readers, statements, collections / max(options.rounds, 1), not difference, difference
    )


# --------------------------------------------------------------------------- report


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2) if values else 0.0


def report(options: Options, seeded: Seeded, m: Measured) -> dict[str, Any]:
    app, sql, bare = (m.readers[k] for k in ("app", "sql", "strawberry"))
    list_ms, one_ms = _median(app.list_ms), _median(app.one_ms)
    calls_ms, calls_sql_ms = _median(app.calls_ms), _median(sql.calls_ms)
    return {
        "name": "reads",
        "candidacies": options.candidacies,
        "page_size": options.page_size,
        "fields": LEAF_FIELDS,
        "rounds": options.rounds,
        "list_ms": list_ms,
        "list_sql_ms": _median(sql.list_ms),
        "list_strawberry_ms": _median(bare.list_ms),
        "list_ratio_to_strawberry": round(list_ms / _median(bare.list_ms), 2),
        "list_ratio_to_sql": round(list_ms / _median(sql.list_ms), 2),
        "one_ms": one_ms,
        "one_sql_ms": _median(sql.one_ms),
        "one_strawberry_ms": _median(bare.one_ms),
        "one_ratio_to_sql": round(one_ms / _median(sql.one_ms), 2),
        "list_cpu_ms": _median(app.list_cpu_ms),
        "list_cpu_ratio_to_strawberry": round(
            _median(app.list_cpu_ms) / _median(bare.list_cpu_ms), 2
        ),
        "list_cpu_ratio_to_sql": round(_median(app.list_cpu_ms) / _median(sql.list_cpu_ms), 2),
        "one_cpu_ratio_to_sql": round(_median(app.one_cpu_ms) / _median(sql.one_cpu_ms), 2),
        "calls": options.calls,
        "calls_ms": calls_ms,
        "calls_sql_ms": calls_sql_ms,
        "calls_ratio_to_sql": round(calls_ms / calls_sql_ms, 2) if calls_sql_ms else None,
        "statements_per_page": m.statements[options.page_size],
        "small_page_size": options.small_page_size,
        "statements_per_page_small": m.statements[options.small_page_size],
        "full_collections_per_list": m.full_collections_per_list,
        "gc_threshold": list(gc.get_threshold()),
        "gc_frozen": gc.get_freeze_count(),
        "same_data": m.same_data,
        "seed_s": round(seeded.seconds, 1),
        "goal": GOAL,
    }


def summary(result: dict[str, Any], difference: str) -> str:
    r = result
    lines = [
        f"reads: {r['candidacies']} submitted candidacies, a manager reads them all,"
        f" {r['page_size']} a page, {r['fields']} fields each (median of {r['rounds']} rounds)",
        f"  list  app {r['list_ms']:.0f} ms | bare strawberry {r['list_strawberry_ms']:.0f} ms"
        f" ({r['list_ratio_to_strawberry']}x) | SQL floor {r['list_sql_ms']:.0f} ms"
        f" ({r['list_ratio_to_sql']}x)",
        f"  one   app {r['one_ms']:.2f} ms | bare strawberry {r['one_strawberry_ms']:.2f} ms"
        f" | SQL floor {r['one_sql_ms']:.2f} ms ({r['one_ratio_to_sql']}x)",
        f"  CPU of this process: list {r['list_cpu_ms']:.0f} ms,"
        f" {r['list_cpu_ratio_to_strawberry']}x bare strawberry's,"
        f" {r['list_cpu_ratio_to_sql']}x the SQL floor's; one {r['one_cpu_ratio_to_sql']}x",
        f"  calls app {r['calls_ms']:.2f} ms | SQL floor {r['calls_sql_ms']:.2f} ms"
        f" ({r['calls_ratio_to_sql']}x), {r['calls']} calls",
        f"  statements a page: {r['statements_per_page']} at {r['page_size']},"
        f" {r['statements_per_page_small']} at {r['small_page_size']};"
        f" full GC collections per list read: {r['full_collections_per_list']}",
        f"  same data as the SQL floor: {r['same_data']}"
        + (f" ({difference})" if difference else ""),
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    options = parse(argv)
    print(f"migrating {options.database_url.rsplit('/', 1)[-1]} ...", file=sys.stderr, flush=True)
    asyncio.run(recreate_database(options.database_url))
    migrate.upgrade(options.database_url)
    try:
        seeded = asyncio.run(seed(options.database_url, options))
        print(f"seeded in {seeded.seconds:.1f} s; measuring ...", file=sys.stderr, flush=True)
        measured = asyncio.run(measure(options, seeded, sys.stderr))
    finally:
        if not options.keep_database:
            asyncio.run(drop_database(options.database_url))
    result = report(options, seeded, measured)
    print(summary(result, measured.difference))
    print(json.dumps(result))
    holds = result["same_data"] and (
        result["statements_per_page"] == result["statements_per_page_small"]
    )
    return 0 if holds else 1  # the app answered other data than the floor, or has an N+1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
