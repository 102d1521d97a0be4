"""The submissions benchmark's floor: a bare FastAPI endpoint that writes what a submission
writes, holding the same lock, with one hand-written statement and nothing else.

``uvicorn tests.benchmarks.submissions_floor:create_floor_app --factory`` serves it (the
benchmark starts it so). Not a benchmark itself (no ``main``).

The statement is the bench's own, not the platform's: it writes the rows
``submit_candidacy`` writes on PostgreSQL, the way the platform writes them (data-modifying
CTEs in one statement, so the call's reference counter is locked from that statement until
commit and no longer), with nothing else in the transaction. When a submission starts writing
something new, add it here (``tests/benchmarks/README.md``, "The floor").
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.submission import snapshot_hash
from backend.core.auth import Actor
from backend.core.clock import utcnow
from backend.core.db import create_engine
from backend.core.i18n import Language
from backend.core.settings import get_settings
from backend.notifications.enums import NotificationStatus
from tests.benchmarks.submissions_seed import SUMMARY_TEXT

SUCCESS = "SubmitCandidacyPayload"

SUBMISSION = sa.text("""
WITH number AS (
    INSERT INTO candidacy_reference_counter (call_id, last_number) VALUES (:call_id, 1)
    ON CONFLICT (call_id)
    DO UPDATE SET last_number = candidacy_reference_counter.last_number + 1
    RETURNING last_number
), ref AS (
    SELECT CAST(:prefix AS varchar) || '-'
           || lpad(CAST(last_number AS varchar), greatest(4, length(CAST(last_number AS varchar))),
                   '0') AS reference
    FROM number
), named AS (
    UPDATE candidacy SET reference = (SELECT reference FROM ref), status = :status,
        submitted_version = :number, last_submitted_at = :now, has_unsubmitted_changes = false,
        updated_at = :now
    WHERE id = :candidacy_id
    RETURNING id
), versioned AS (
    INSERT INTO candidacy_version
        (id, candidacy_id, number, snapshot, sha256, submitted_at, submitted_by_user_id)
    VALUES (:version_id, :candidacy_id, :number, CAST(:snapshot AS json), :sha256, :now,
            :user_id)
    RETURNING id
), mailed AS (
    INSERT INTO notification (id, dedupe_key, user_id, email, language, template, context,
                              status, attempts, next_attempt_at, created_at)
    SELECT :mail_id, :dedupe_key, :user_id, :email, :language, 'submission_receipt',
           CAST(CAST(:context AS jsonb) || jsonb_build_object('reference', ref.reference) AS json),
           :mail_status, 0, :now, :now
    FROM ref
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id
), audited AS (
    INSERT INTO audit_entry (id, occurred_at, actor_user_id, actor_kind, action, object_type,
                             object_id, after)
    SELECT :entry_id, :now, :user_id, :actor_kind, 'candidacy.submitted', 'candidacy',
           :object_id,
           CAST(CAST(:after AS jsonb) || jsonb_build_object('reference', ref.reference) AS json)
    FROM ref
    RETURNING id
)
SELECT reference FROM ref
""")
"""One submission's rows: the counter advanced (or created at 1) and locked until commit, the
reference ``PREFIX-NNNN`` made from it, the candidacy SUBMITTED, its version, the receipt mail
in the outbox and the audit entry (unsealed), the reference merged into the last two's JSON.
PostgreSQL runs every data-modifying CTE to completion, read or not."""


class FloorSubmission(BaseModel):
    candidacy_id: uuid.UUID
    call_id: uuid.UUID
    call_reference: str
    user_id: uuid.UUID


def _floor_snapshot(s: FloorSubmission, number: int, now: datetime) -> dict[str, Any]:
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


def _submission_params(s: FloorSubmission, now: datetime) -> tuple[dict[str, Any], str]:
    """The statement's parameters (the receipt mail's context as ``notifications.prepare``
    makes it, without rendering it), and the snapshot's SHA-256."""
    number = 1  # the bench resets every candidacy to a DRAFT without versions
    snapshot = _floor_snapshot(s, number, now)
    sha256 = snapshot_hash(snapshot)
    version_id = uuid.uuid4()
    context = {"sha256": sha256, "call_title": "Études", "candidacy_title": "IA aux urgences",
               "submitted_at_local": now.isoformat()}  # fmt: skip
    params = {
        "call_id": s.call_id, "prefix": s.call_reference, "candidacy_id": s.candidacy_id,
        "user_id": s.user_id, "now": now, "number": number,
        "status": CandidacyStatus.SUBMITTED.value,
        "version_id": version_id, "snapshot": json.dumps(snapshot), "sha256": sha256,
        "mail_id": uuid.uuid4(), "dedupe_key": f"submitted:{version_id}",
        "email": "applicant@example.org", "language": Language.FR.value,
        "context": json.dumps(context), "mail_status": NotificationStatus.PENDING.value,
        "entry_id": uuid.uuid4(), "actor_kind": Actor(user_id=s.user_id).kind.value,
        "object_id": str(s.candidacy_id),
        "after": json.dumps({"version": number, "sha256": sha256}, sort_keys=True),
    }  # fmt: skip
    return params, sha256


async def floor_submit(engine: AsyncEngine, s: FloorSubmission, *, now: datetime) -> dict[str, Any]:
    """The submission's writes and its lock only (:data:`SUBMISSION`), in one transaction.

    Not done: reading, locking and checking the candidacy, rendering the mail, the
    after-commit Redis enqueues. A second submission of the same candidacy fails on the
    version's unique number.
    """
    params, sha256 = _submission_params(s, now)
    async with engine.begin() as conn:
        reference = (await conn.execute(SUBMISSION, params)).scalar_one()
    return {"data": {"submitCandidacy": {
        "__typename": SUCCESS, "reference": reference, "serverTime": now.isoformat(),
        "sha256": sha256, "version": params["number"],
    }}}  # fmt: skip


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
