"""Submitting a candidacy: every check at once, an immutable hashed version, a reference.

The server clock is the only authority: ``now`` is read when the request arrives, and a
submission at or after the (effective) deadline is refused with ``DeadlinePassed``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.models import Organisation, User
from backend.calls import queries as call_queries
from backend.calls.eligibility import EligibilityRules
from backend.calls.enums import QuestionKind
from backend.calls.models import Call, FormQuestion
from backend.calls.presentation import in_zone
from backend.candidacies import queries
from backend.candidacies.answers import is_answered
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.errors import SubmissionProblem, SubmissionRejected
from backend.candidacies.models import (
    Attachment,
    BudgetLine,
    Candidacy,
    CandidacyAnswer,
    CandidacyPartner,
    CandidacyReferenceCounter,
    CandidacyVersion,
)
from backend.candidacies.services import audit_change, editable_candidacy
from backend.core import audit
from backend.core.auth import Actor
from backend.core.errors import NotFound
from backend.core.i18n import pick_text
from backend.core.jobs import enqueue_after_commit
from backend.notifications import services as notifications
from backend.notifications.models import Notification

RENDER_RECEIPT_JOB = "render_receipt"


@dataclass(frozen=True)
class CandidacyContents:
    """Everything a submission is checked against and made of, loaded once."""

    call: Call
    candidacy: Candidacy
    questions: list[FormQuestion]
    partners: list[tuple[CandidacyPartner, Organisation]]
    answers: dict[str, Any]
    budget: list[BudgetLine]
    attachments: list[Attachment]


async def load_contents(
    session: AsyncSession, candidacy: Candidacy, call: Call
) -> CandidacyContents:
    ids = [candidacy.id]
    answers: list[CandidacyAnswer] = (await queries.answers_by_candidacy(session, ids)).get(
        candidacy.id, []
    )
    return CandidacyContents(
        call=call,
        candidacy=candidacy,
        questions=(await call_queries.questions_by_call(session, [call.id])).get(call.id, []),
        partners=await queries.partners_with_organisations(session, candidacy.id),
        answers={a.question_key: a.value for a in answers},
        budget=(await queries.budget_by_candidacy(session, ids)).get(candidacy.id, []),
        attachments=(await queries.attachments_by_candidacy(session, ids)).get(candidacy.id, []),
    )


def check_submission(contents: CandidacyContents) -> list[SubmissionProblem]:
    """Every reason the candidacy cannot be submitted, in the order a person would fix them."""
    rules = EligibilityRules.model_validate(contents.call.eligibility)
    return [
        *_missing_answers(contents),
        *_missing_documents(contents, rules),
        *_consortium_problems(contents, rules),
        *_duration_problems(contents, rules),
        *_budget_problems(contents),
    ]


def _missing_answers(c: CandidacyContents) -> list[SubmissionProblem]:
    return [
        SubmissionProblem("MISSING_ANSWER", f"answer «{_label(q)}»", f"answers.{q.key}")
        for q in c.questions
        if q.required and q.kind is not QuestionKind.FILE and not is_answered(c.answers.get(q.key))
    ]


def _missing_documents(c: CandidacyContents, rules: EligibilityRules) -> list[SubmissionProblem]:
    attached = {a.question_key for a in c.attachments}
    required = [q.key for q in c.questions if q.required and q.kind is QuestionKind.FILE]
    required += [k for k in rules.required_document_keys if k not in required]
    labels = {q.key: _label(q) for q in c.questions}
    return [
        SubmissionProblem(
            "MISSING_DOCUMENT", f"attach «{labels.get(key, key)}»", f"attachments.{key}"
        )
        for key in required
        if key not in attached
    ]


def _consortium_problems(c: CandidacyContents, rules: EligibilityRules) -> list[SubmissionProblem]:
    problems = []
    countries = Counter(org.country for _, org in c.partners)
    for requirement in rules.required_partner_countries:
        if countries[requirement.country] < requirement.min_partners:
            problems.append(
                SubmissionProblem(
                    "PARTNER_COUNTRY",
                    f"at least {requirement.min_partners} partner(s) from {requirement.country}",
                    "partners",
                )
            )
    allowed = set(rules.allowed_organisation_kinds)
    for _, org in c.partners:
        if allowed and org.kind not in allowed:
            problems.append(
                SubmissionProblem(
                    "ORGANISATION_KIND",
                    f"{org.name}: a {org.kind.value} may not take part in this call",
                    "partners",
                )
            )
    count = len(c.partners)
    if (rules.min_partners and count < rules.min_partners) or (
        rules.max_partners and count > rules.max_partners
    ):
        bounds = f"{rules.min_partners or 1} to {rules.max_partners or 'any number of'}"
        problems.append(SubmissionProblem("PARTNER_COUNT", f"{bounds} partners", "partners"))
    return problems


def _duration_problems(c: CandidacyContents, rules: EligibilityRules) -> list[SubmissionProblem]:
    months, low, high = (
        c.candidacy.duration_months,
        rules.min_duration_months,
        rules.max_duration_months,
    )
    if low is None and high is None:
        return []
    if months is None:
        return [
            SubmissionProblem("MISSING_DURATION", "give the project's duration", "durationMonths")
        ]
    if (low and months < low) or (high and months > high):
        return [
            SubmissionProblem(
                "DURATION",
                f"the duration must lie between {low or 1} and {high or '…'} months",
                "durationMonths",
            )
        ]
    return []


def _budget_problems(c: CandidacyContents) -> list[SubmissionProblem]:
    if not c.budget:
        return [SubmissionProblem("BUDGET_MISSING", "give at least one budget line", "budget")]
    problems = []
    total = sum(line.amount_cents for line in c.budget)
    cap = c.call.cap_per_candidacy_cents
    if cap is not None and total > cap:
        problems.append(
            SubmissionProblem(
                "BUDGET_CAP",
                f"the total {total / 100:.2f} exceeds the cap {cap / 100:.2f}",
                "budget",
            )
        )
    per_partner = Counter[uuid.UUID]()
    for line in c.budget:
        per_partner[line.organisation_id] += line.amount_cents
    for partner, org in c.partners:
        lines_total = per_partner[partner.organisation_id]
        if lines_total != partner.requested_share_cents:
            problems.append(
                SubmissionProblem(
                    "PARTNER_SHARE_MISMATCH",
                    f"{org.name}: budget lines add up to {lines_total / 100:.2f},"
                    f" the requested share is {partner.requested_share_cents / 100:.2f}",
                    "partners",
                )
            )
    return problems


def _label(question: FormQuestion) -> str:
    return question.label.get("fr") or question.label.get("en") or question.key


def canonical_snapshot(
    contents: CandidacyContents,
    *,
    number: int,
    submitted_at: datetime,
    submitted_by: User,
) -> dict[str, Any]:
    """The version's facts as plain JSON values, in a fixed shape (see the receipt).

    The candidacy's reference is not part of it: a first submission gets its number from the
    call's counter in its very last statement (see :func:`_number_and_record`), after the
    hash is taken. The snapshot names the candidacy by its id, which the reference is bound to.
    """
    c, candidacy = contents, contents.candidacy
    return {
        "candidacy_id": str(candidacy.id),
        "version": number,
        "submitted_at": submitted_at.isoformat(),
        "submitted_by": {"id": str(submitted_by.id), "name": submitted_by.full_name,
                         "email": submitted_by.email},
        "call": {"id": str(c.call.id), "reference": c.call.reference, "title": c.call.title,
                 "timezone": c.call.timezone, "deadline_at": c.call.deadline_at.isoformat()},
        "title": candidacy.title,
        "acronym": candidacy.acronym,
        "duration_months": candidacy.duration_months,
        "lead_organisation_id": str(candidacy.lead_organisation_id),
        "partners": [
            {"organisation": _organisation(org), "role": p.role.value,
             "requested_share_cents": p.requested_share_cents}
            for p, org in c.partners
        ],
        "answers": dict(sorted(c.answers.items())),
        "budget": [
            {"organisation_id": str(line.organisation_id), "category": line.category.value,
             "label": line.label, "amount_cents": line.amount_cents}
            for line in c.budget
        ],
        "budget_total_cents": sum(line.amount_cents for line in c.budget),
        "currency": c.call.currency,
        "attachments": [
            {"question_key": a.question_key, "name": a.original_name, "sha256": a.sha256,
             "size_bytes": a.size_bytes, "content_type": a.content_type}
            for a in c.attachments
        ],
    }  # fmt: skip


def _organisation(org: Organisation) -> dict[str, Any]:
    return {
        "id": str(org.id),
        "name": org.name,
        "kind": org.kind.value,
        "country": org.country,
        "siret": org.siret,
        "finess": org.finess,
        "registry_id": org.registry_id,
    }


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8): anyone can recompute it."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@functools.cache
def _next_number_statement(dialect: str) -> Any:
    """The counter's upsert, built once per dialect (it runs under the counter's lock)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    counter = CandidacyReferenceCounter.__table__.c  # type: ignore[attr-defined]
    return (
        insert(CandidacyReferenceCounter)
        .values(call_id=sa.bindparam("call_id"), last_number=1)
        .on_conflict_do_update(
            index_elements=["call_id"], set_={"last_number": counter.last_number + 1}
        )
        .returning(counter.last_number)
    )


async def next_reference(session: AsyncSession, call: Call) -> str:
    """The call's next reference number, gap-free, in one round trip.

    ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` creates or advances the call's counter
    and keeps its row locked until commit; a rolled-back submission rolls its increment back
    with it, so numbers never skip and never repeat.
    """
    stmt = _next_number_statement(session.get_bind().dialect.name)
    number = (await session.exec(stmt, params={"call_id": call.id})).scalar_one()
    return f"{call.reference}-{number:04d}"


@dataclass(frozen=True)
class SubmissionReceipt:
    candidacy: Candidacy
    version: CandidacyVersion
    reference: str
    server_time: datetime
    sha256: str


async def submit_candidacy(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID, now: datetime
) -> SubmissionReceipt:
    """Check everything, freeze a new version, give the reference on first submission.

    Side effects: a ``candidacy_version`` row; the candidacy becomes SUBMITTED; on the first
    submission the call's reference counter advances; audited; the submitter is emailed the
    receipt's facts (outbox); after commit a worker renders the receipt PDF.
    """
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    contents = await load_contents(session, candidacy, call)
    problems = check_submission(contents)
    if problems:
        raise SubmissionRejected(problems)
    user = await session.get(User, actor.user_id)
    assert user is not None
    number = candidacy.submitted_version + 1
    snapshot = canonical_snapshot(contents, number=number, submitted_at=now, submitted_by=user)
    version = CandidacyVersion(
        candidacy_id=candidacy.id,
        number=number,
        snapshot=snapshot,
        sha256=snapshot_hash(snapshot),
        submitted_at=now,
        submitted_by_user_id=user.id,
    )
    session.add(version)
    candidacy.status = CandidacyStatus.SUBMITTED
    candidacy.submitted_version = number
    candidacy.last_submitted_at = now
    candidacy.has_unsubmitted_changes = False
    candidacy.updated_at = now
    session.add(candidacy)
    await session.flush()
    record = _SubmissionRecord(
        mail=notifications.prepare(
            user,
            "submission_receipt",
            {
                "call_title": pick_text(call.title, user.language) or call.reference,
                "candidacy_title": candidacy.title,
                "reference": candidacy.reference or REFERENCE_PENDING,
                "submitted_at_local": in_zone(now, call.timezone).isoformat(),
                "sha256": version.sha256,
            },
            f"submitted:{version.id}",
            now,
        ),
        entry=audit.new_entry(
            actor=actor,
            action="candidacy.submitted",
            object_type="candidacy",
            object_id=candidacy.id,
            now=now,
            after={"reference": None, "version": number, "sha256": version.sha256},
        ),
    )
    if candidacy.reference is None and session.get_bind().dialect.name == "postgresql":
        reference = await _number_and_record(session, call, candidacy, record)
    else:
        reference = candidacy.reference or await next_reference(session, call)
        candidacy.reference = reference
        session.add(candidacy)
        await _record(session, record, reference)
    enqueue_after_commit(
        session, RENDER_RECEIPT_JOB, job_id=f"receipt:{version.id}", version_id=str(version.id)
    )
    return SubmissionReceipt(candidacy, version, reference, now, version.sha256)


REFERENCE_PENDING = "…"
"""Stands for the reference while the receipt mail is checked to render, before it exists."""


@dataclass(frozen=True)
class _SubmissionRecord:
    """The rows a submission writes besides its version, each naming the reference."""

    mail: dict[str, Any]
    entry: audit.AuditEntry

    def with_reference(self, reference: str) -> tuple[dict[str, Any], audit.AuditEntry]:
        self.mail["context"]["reference"] = reference
        assert self.entry.after is not None
        self.entry.after["reference"] = reference
        return self.mail, self.entry


async def _record(session: AsyncSession, record: _SubmissionRecord, reference: str) -> None:
    """Write the receipt mail and the audit entry, the reference known (any database)."""
    mail, entry = record.with_reference(reference)
    await notifications.insert_prepared(session, [mail])
    session.add(entry)
    await session.flush()


async def _number_and_record(
    session: AsyncSession, call: Call, candidacy: Candidacy, record: _SubmissionRecord
) -> str:
    """PostgreSQL, first submission: number it and write what names the number, at once.

    The call's counter stays locked from its increment until commit, and every submission to
    the call queues on it: what happens in between is what limits a call's submission rate.
    So everything else is written before, and this one statement advances the counter, sets
    the candidacy's reference, inserts the receipt mail and the audit entry with the
    reference merged into their JSON: the lock is held for one statement and the commit,
    not for a round trip per row. (SQLite takes one writer at a time anyway.)
    """
    mail, entry = record.with_reference(REFERENCE_PENDING)
    statement, params = numbering_statement(
        call_id=call.id,
        call_reference=call.reference,
        candidacy_id=candidacy.id,
        mail=mail,
        entry=entry,
    )
    reference: str = (await session.exec(statement, params=params)).scalar_one()
    set_committed_value(candidacy, "reference", reference)
    mail["context"]["reference"] = reference
    notifications.wake_sender(session, mail["created_at"])
    return reference


def numbering_statement(
    *,
    call_id: uuid.UUID,
    call_reference: str,
    candidacy_id: uuid.UUID,
    mail: dict[str, Any],
    entry: audit.AuditEntry,
) -> tuple[Any, dict[str, Any]]:
    """The statement of :func:`_number_and_record` and its parameters (PostgreSQL only).

    Public for the submissions benchmark's floor, which runs the very same statement.
    """
    params = {
        # No name of a candidacy column: the UPDATE would take it as a value to set.
        "counter_call_id": call_id,
        "prefix": call_reference,
        "candidacy_id": candidacy_id,
        **{f"mail_{name}": value for name, value in mail.items()},
        **{f"entry_{name}": value for name, value in _row_of(entry).items()},
    }
    return _numbering_statement(tuple(mail), tuple(_row_of(entry))), params


def _row_of(entry: audit.AuditEntry) -> dict[str, Any]:
    table = audit.AuditEntry.__table__  # type: ignore[attr-defined]
    return {c.name: getattr(entry, c.name) for c in table.columns if c.name not in _SEALING}


_SEALING = frozenset({"seq", "prev_hash", "hash"})


@functools.cache
def _numbering_statement(mail_columns: tuple[str, ...], entry_columns: tuple[str, ...]) -> Any:
    """``WITH number AS (upsert counter), ref AS (...), UPDATE candidacy, INSERT notification,
    INSERT audit_entry SELECT ref``, built once (its parameters change, not its shape)."""
    counter = CandidacyReferenceCounter.__table__  # type: ignore[attr-defined]
    number = (
        postgresql.insert(counter)
        .values(call_id=sa.bindparam("counter_call_id"), last_number=1)
        .on_conflict_do_update(
            index_elements=["call_id"], set_={"last_number": counter.c.last_number + 1}
        )
        .returning(counter.c.last_number)
        .cte("number")
    )
    digits = sa.cast(number.c.last_number, sa.String)
    # f"{n:04d}": at least four digits (lpad alone would cut 10000 to "1000").
    padded = sa.func.lpad(digits, sa.func.greatest(4, sa.func.length(digits)), "0")
    formatted = sa.bindparam("prefix", type_=sa.String) + sa.literal("-") + padded
    ref = sa.select(formatted.label("reference")).cte("ref")
    candidacies = Candidacy.__table__  # type: ignore[attr-defined]
    name_candidacy = (
        sa.update(candidacies)
        .where(candidacies.c.id == sa.bindparam("candidacy_id"))
        .values(reference=sa.select(ref.c.reference).scalar_subquery())
        .returning(candidacies.c.id)
        .cte("named")
    )
    notification_table: sa.Table = Notification.__table__  # type: ignore[attr-defined]
    audit_table: sa.Table = audit.AuditEntry.__table__  # type: ignore[attr-defined]
    mail = _insert_naming(notification_table, mail_columns, "mail_", "context", ref)
    mail = mail.on_conflict_do_nothing(index_elements=["dedupe_key"])
    entry = _insert_naming(audit_table, entry_columns, "entry_", "after", ref)
    return sa.select(ref.c.reference).add_cte(
        name_candidacy,
        mail.returning(notification_table.c.id).cte("mailed"),
        entry.returning(audit_table.c.id).cte("audited"),
    )


def _insert_naming(
    table: sa.Table, columns: tuple[str, ...], prefix: str, json_column: str, ref: sa.CTE
) -> Any:
    """``INSERT INTO table SELECT`` its parameters, with ``{"reference": ...}`` merged into
    ``json_column`` (jsonb ``||``)."""
    values: list[sa.ColumnElement[Any]] = []
    for name in columns:
        column = table.c[name]
        if name == json_column:
            param = sa.bindparam(prefix + name, type_=postgresql.JSONB)
            merged = param.op("||")(sa.func.jsonb_build_object("reference", ref.c.reference))
            values.append(sa.cast(merged, column.type))
        else:
            values.append(sa.bindparam(prefix + name, type_=column.type))
    rows = sa.select(*values).select_from(ref)
    return postgresql.insert(table).from_select(list(columns), rows)


async def withdraw_candidacy(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID, now: datetime
) -> Candidacy:
    """Withdraw before the deadline: the candidacy no longer counts. Audited."""
    candidacy, _ = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    before = candidacy.status
    candidacy.status = CandidacyStatus.WITHDRAWN
    candidacy.updated_at = now
    session.add(candidacy)
    await audit_change(
        session, actor, "candidacy.withdrawn", candidacy, now,
        before={"status": before.value}, after={"status": CandidacyStatus.WITHDRAWN.value},
    )  # fmt: skip
    return candidacy


async def submission_report(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID
) -> list[SubmissionProblem]:
    """The automatic checks on the current state, for whoever may read the candidacy.

    Applicants see what to fix before submitting; managers screen eligibility with it.
    """
    candidacy = await queries.readable_candidacy(session, actor, candidacy_id)
    if candidacy is None:
        raise NotFound("no such candidacy")
    call = await session.get(Call, candidacy.call_id)
    assert call is not None
    return check_submission(await load_contents(session, candidacy, call))
