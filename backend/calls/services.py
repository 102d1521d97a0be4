"""Calls, funders and programmes: create, edit, extend the deadline, and the rules and
locked reads the lifecycle's transitions build on.

A call's status is not moved here: every transition (publish, open, close, evaluate, decide,
archive) lives in ``backend.lifecycle``, with all its effects. Every function takes the
session, the actor and ``now``; raises domain errors; writes one audit entry per state
change; never commits.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import co_funding, queries, scheduling
from backend.calls import inputs as v
from backend.calls.enums import CallStatus
from backend.calls.errors import CallReferenceTaken, CallStructureFrozen, InvalidTransition
from backend.calls.inputs import CallChanges, CallInput, GridInput, QuestionInput
from backend.calls.models import (
    Call,
    CallFunder,
    CallTheme,
    EvaluationCriterion,
    FormQuestion,
    Funder,
    Programme,
)
from backend.calls.rules import (
    can_create_call_for,
    can_manage_call,
    can_register_funder,
    effective_status,
    is_structure_frozen,
)
from backend.calls.search import search_document
from backend.core import audit
from backend.core.auth import Actor
from backend.core.bounds import YEAR_RANGE_MESSAGE, in_year_range
from backend.core.clock import ensure_utc
from backend.core.countries import is_country_code
from backend.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from backend.core.text import one_line

AUDITED_FIELDS = (
    "reference",
    "kind",
    "status",
    "title",
    "description",
    "budget_envelope_cents",
    "cap_per_candidacy_cents",
    "timezone",
    "opens_at",
    "deadline_at",
    "review_deadline_at",
    "decision_date",
    "project_start_date",
    "eligibility",
    "overall_threshold",
    "experts_per_candidacy",
    "blind_review",
)


def snapshot(call: Call) -> dict[str, Any]:
    """The audited view of a call: its own columns (children are audited as counts)."""
    return call.model_dump(mode="json", include=set(AUDITED_FIELDS))


async def managed_call(session: AsyncSession, *, actor: Actor, call_id: uuid.UUID) -> Call:
    """The call, locked for update, if the actor manages it.

    Raises ``NotFound`` when the actor may not even read it (so drafts stay secret), and
    ``PermissionDenied`` when they may read but not manage it.
    """
    call = (
        await session.exec(queries.visible_calls(actor).where(Call.id == call_id).with_for_update())
    ).first()
    if call is None:
        raise NotFound("no such call")
    funder_ids = (await queries.funder_ids_by_call(session, [call.id])).get(call.id, [])
    if not can_manage_call(actor, funder_ids):
        raise PermissionDenied("only the managers of this call's funders may change it")
    return call


async def create_call(
    session: AsyncSession, *, actor: Actor, data: CallInput, now: datetime
) -> Call:
    """Create a DRAFT call with its funders, themes, questions and grid. Audited."""
    programme = await session.get(Programme, data.programme_id)
    if programme is None:
        raise InvalidInput.single("programmeId", "no such programme", "UNKNOWN")
    if not can_create_call_for(actor, programme.funder_id):
        raise PermissionDenied("you manage no funder of this programme")
    problems: list[FieldProblem] = []
    reference = v.check_reference(problems, data.reference)
    title = v.check_texts(problems, "title", data.title, limit=v.MAX_TITLE, required=True)
    description = v.check_long_texts(problems, "description", data.description)
    themes = v.check_themes(problems, data.themes)
    v.check_budget(problems, data.budget_envelope_cents, data.cap_per_candidacy_cents, data.funders)
    v.check_timeline(problems, data.timeline, now=now)
    eligibility = v.check_eligibility(problems, data.eligibility)
    v.check_questions(problems, data.questions)
    v.check_grid(problems, data.grid)
    await _check_funders_exist(session, problems, data.funders)
    _check_required_documents(problems, eligibility or data.eligibility, data.questions)
    if data.currency != "EUR":
        problems.append(FieldProblem("currency", "only EUR is supported", "CURRENCY"))
    v.raise_if(problems)
    if programme.funder_id not in {f.funder_id for f in data.funders}:
        raise InvalidInput.single("funders", "the programme's funder must fund the call")

    call = Call(
        programme_id=programme.id,
        reference=reference,
        kind=data.kind,
        status=CallStatus.DRAFT,
        title=title,
        description=description,
        currency=data.currency,
        budget_envelope_cents=data.budget_envelope_cents,
        cap_per_candidacy_cents=data.cap_per_candidacy_cents,
        eligibility=eligibility,
        created_at=now,
        updated_at=now,
        **_timeline_columns(data.timeline),
        **_grid_columns(data.grid),
    )
    call.search_text = search_document(call)
    session.add(call)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise CallReferenceTaken(reference) from exc
    await _replace_children(
        session,
        call,
        data.funders,
        themes,
        data.questions,
        data.grid,
        lead_funder_id=programme.funder_id,
    )
    await audit.record(
        session,
        actor=actor,
        action="call.created",
        object_type="call",
        object_id=call.id,
        now=now,
        after=snapshot(call)
        | {"questions": len(data.questions), "criteria": len(data.grid.criteria)},
    )
    return call


async def update_call(
    session: AsyncSession,
    *,
    actor: Actor,
    call_id: uuid.UUID,
    changes: CallChanges,
    now: datetime,
) -> Call:
    """Edit a call. Texts and themes change until ARCHIVED; structure only before it is OPEN
    (by the clock: a published call whose opening has passed is frozen, worker or not).

    Side effects: the call row and, for list parts, its child rows replaced; audited with the
    before and after values.
    """
    call = await managed_call(session, actor=actor, call_id=call_id)
    if call.status is CallStatus.ARCHIVED:
        raise CallStructureFrozen(call.status, ["everything"])
    structural = changes.structural_fields()
    if structural and is_structure_frozen(call, now=now):
        raise CallStructureFrozen(effective_status(call, now=now), structural)
    before = snapshot(call)
    problems: list[FieldProblem] = []
    _apply_texts(problems, call, changes)
    themes = v.check_themes(problems, changes.themes) if changes.themes is not None else None
    await _apply_structure(session, problems, call, changes, now=now)
    v.raise_if(problems)
    call.updated_at = now
    call.search_text = search_document(call)
    session.add(call)
    await session.flush()
    programme = await session.get(Programme, call.programme_id)
    assert programme is not None  # a foreign key
    await _replace_children(
        session,
        call,
        changes.funders,
        themes,
        changes.questions,
        changes.grid,
        lead_funder_id=programme.funder_id,
    )
    if changes.timeline is not None and call.status is CallStatus.PUBLISHED:
        scheduling.schedule_call(session, call, now=now)  # the new instants get their jobs
    await audit.record(
        session,
        actor=actor,
        action="call.updated",
        object_type="call",
        object_id=call.id,
        now=now,
        before=before,
        after=snapshot(call),
    )
    return call


def _apply_texts(problems: list[FieldProblem], call: Call, changes: CallChanges) -> None:
    if changes.title is not None:
        call.title = v.check_texts(
            problems, "title", changes.title, limit=v.MAX_TITLE, required=True
        )
    if changes.description is not None:
        call.description = v.check_long_texts(problems, "description", changes.description)


async def _apply_structure(
    session: AsyncSession,
    problems: list[FieldProblem],
    call: Call,
    changes: CallChanges,
    *,
    now: datetime,
) -> None:
    envelope = (
        changes.budget_envelope_cents
        if changes.budget_envelope_cents is not None
        else call.budget_envelope_cents
    )
    cap = (
        changes.cap_per_candidacy_cents
        if changes.cap_per_candidacy_cents is not None
        else call.cap_per_candidacy_cents
    )
    funders = changes.funders
    if funders is None and changes.budget_envelope_cents is not None:
        current = (await queries.call_funders_by_call(session, [call.id])).get(call.id, [])
        funders = [v.FunderShareInput(f.funder_id, f.share_cents) for f in current]
    v.check_budget(problems, envelope, cap, funders)
    if changes.funders is not None:
        await _check_funders_exist(session, problems, changes.funders)
        # As on creation: dropping the programme's funder would hand the call to others.
        programme = await session.get(Programme, call.programme_id)
        if programme is not None and programme.funder_id not in {
            f.funder_id for f in changes.funders
        }:
            problems.append(FieldProblem("funders", "the programme's funder must fund the call"))
        if programme is not None and call.status is not CallStatus.DRAFT:
            current = (await queries.call_funders_by_call(session, [call.id])).get(call.id, [])
            problems += co_funding.published_call_problems(
                changes.funders, current, lead_funder_id=programme.funder_id
            )
    call.budget_envelope_cents, call.cap_per_candidacy_cents = envelope, cap
    if changes.timeline is not None:
        v.check_timeline(problems, changes.timeline, now=now)
        if not problems:
            for name, value in _timeline_columns(changes.timeline).items():
                setattr(call, name, value)
    if changes.eligibility is not None:
        call.eligibility = v.check_eligibility(problems, changes.eligibility)
    if changes.questions is not None:
        v.check_questions(problems, changes.questions)
    if changes.eligibility is not None or changes.questions is not None:
        questions = changes.questions
        if questions is None:
            current_q = (await queries.questions_by_call(session, [call.id])).get(call.id, [])
            questions = [QuestionInput(key=q.key, kind=q.kind, label=q.label) for q in current_q]
        _check_required_documents(
            problems, call.eligibility or changes.eligibility or {}, questions
        )
    if changes.grid is not None:
        v.check_grid(problems, changes.grid)
        if not problems:
            for name, value in _grid_columns(changes.grid).items():
                setattr(call, name, value)


async def _check_funders_exist(
    session: AsyncSession, problems: list[FieldProblem], funders: list[v.FunderShareInput]
) -> None:
    wanted = [f.funder_id for f in funders]
    found = await queries.funders_by_id(session, wanted)
    for i, funder_id in enumerate(wanted):
        if funder_id not in found:
            problems.append(FieldProblem(f"funders[{i}].funderId", "no such funder", "UNKNOWN"))


def _check_required_documents(
    problems: list[FieldProblem], eligibility: dict[str, Any], questions: list[QuestionInput]
) -> None:
    """Also run on the raw rules when they failed validation, so every problem shows at once."""
    file_keys = {q.key for q in questions if q.kind.value == "FILE"}
    keys = eligibility.get("required_document_keys", [])
    for key in keys if isinstance(keys, list) else []:
        if isinstance(key, str) and key not in file_keys:
            problems.append(
                FieldProblem(
                    "eligibility.requiredDocumentKeys",
                    f"{key!r} is not the key of a file question",
                    "UNKNOWN_DOCUMENT",
                )
            )


def _timeline_columns(timeline: v.TimelineInput) -> dict[str, Any]:
    return {
        "timezone": timeline.timezone,
        "opens_at": ensure_utc(timeline.opens_at),
        "deadline_at": ensure_utc(timeline.deadline_at),
        "review_deadline_at": (
            ensure_utc(timeline.review_deadline_at) if timeline.review_deadline_at else None
        ),
        "decision_date": timeline.decision_date,
        "project_start_date": timeline.project_start_date,
    }


def _grid_columns(grid: GridInput) -> dict[str, Any]:
    return {
        "overall_threshold": grid.overall_threshold,
        "experts_per_candidacy": grid.experts_per_candidacy,
        "blind_review": grid.blind_review,
    }


async def _replace_children(
    session: AsyncSession,
    call: Call,
    funders: list[v.FunderShareInput] | None,
    themes: list[str] | None,
    questions: list[QuestionInput] | None,
    grid: GridInput | None,
    *,
    lead_funder_id: uuid.UUID,
) -> None:
    """Replace each given part of the call wholesale (``None`` leaves it alone); a co-funder
    kept with the same share keeps its answer (``co_funding.share_row``)."""
    if funders is not None:
        before = {
            row.funder_id: row
            for row in (await queries.call_funders_by_call(session, [call.id])).get(call.id, [])
        }
        await session.exec(delete(CallFunder).where(col(CallFunder.call_id) == call.id))
        session.add_all(
            co_funding.share_row(
                call.id, f, lead_funder_id=lead_funder_id, before=before.get(f.funder_id)
            )
            for f in funders
        )
    if themes is not None:
        await session.exec(delete(CallTheme).where(col(CallTheme.call_id) == call.id))
        session.add_all(CallTheme(call_id=call.id, theme=t) for t in themes)
    if questions is not None:
        await session.exec(delete(FormQuestion).where(col(FormQuestion.call_id) == call.id))
        session.add_all(_question_row(call.id, i, q) for i, q in enumerate(questions))
    if grid is not None:
        await session.exec(
            delete(EvaluationCriterion).where(col(EvaluationCriterion.call_id) == call.id)
        )
        session.add_all(
            EvaluationCriterion(
                call_id=call.id,
                position=i,
                key=c.key,
                label=v.clean_texts(c.label),
                weight=c.weight,
                scale_min=c.scale_min,
                scale_max=c.scale_max,
                step=c.step,
                threshold=c.threshold,
            )
            for i, c in enumerate(grid.criteria)
        )
    await session.flush()


def _question_row(call_id: uuid.UUID, position: int, q: QuestionInput) -> FormQuestion:
    return FormQuestion(
        call_id=call_id,
        position=position,
        key=q.key,
        kind=q.kind,
        label=v.clean_texts(q.label),
        help_text=v.clean_texts(q.help_text, multiline=True),
        required=q.required,
        max_length=q.max_length,
        min_value=q.min_value,
        max_value=q.max_value,
        choices=[{"value": c.value, "label": v.clean_texts(c.label)} for c in q.choices],
    )


async def publication_problems(
    session: AsyncSession, call: Call, *, now: datetime
) -> list[FieldProblem]:
    """What keeps a DRAFT call from being published: a deadline passed, no criterion, no
    question, a co-funder that has not accepted (``co_funding``). Reads only."""
    problems: list[FieldProblem] = []
    if call.deadline_at <= now:
        problems.append(FieldProblem("timeline.deadlineAt", "the deadline has passed", "PAST"))
    criteria = (await queries.criteria_by_call(session, [call.id])).get(call.id, [])
    if not criteria:
        problems.append(FieldProblem("grid.criteria", "give at least one criterion", "REQUIRED"))
    questions = (await queries.questions_by_call(session, [call.id])).get(call.id, [])
    if not questions:
        problems.append(FieldProblem("questions", "give at least one question", "REQUIRED"))
    problems += await co_funding.publication_problems(session, call)
    return problems


EXTENSION_REASON_MAX_LENGTH = 500
"""Why a deadline moved, as the audit entry keeps it."""


async def extend_deadline(
    session: AsyncSession,
    *,
    actor: Actor,
    call_id: uuid.UUID,
    new_deadline: datetime,
    now: datetime,
    reason: str = "",
) -> Call:
    """Push a PUBLISHED or OPEN call's deadline later (never earlier). Audited, with the
    manager's ``reason`` (one line, at most ``EXTENSION_REASON_MAX_LENGTH``) when given.

    Side effects: after commit, a closing job at the new deadline (the old one will find the
    deadline ahead and do nothing).
    """
    call = await managed_call(session, actor=actor, call_id=call_id)
    if call.status not in {CallStatus.PUBLISHED, CallStatus.OPEN}:
        raise InvalidTransition(current=call.status, requested=call.status)
    if now >= call.deadline_at:
        raise InvalidInput.single(
            "deadlineAt",
            "the deadline has passed: grant late candidacies individual extensions instead",
            "DEADLINE_PASSED",
        )
    if new_deadline.tzinfo is None:
        raise InvalidInput.single("deadlineAt", "give an offset (or Z)", "NAIVE")
    if not in_year_range(new_deadline):
        raise InvalidInput.single("deadlineAt", YEAR_RANGE_MESSAGE, "OUT_OF_RANGE")
    if new_deadline <= call.deadline_at or new_deadline <= now:
        raise InvalidInput.single(
            "deadlineAt", "an extension must be later than the current deadline", "NOT_LATER"
        )
    if call.review_deadline_at is not None and new_deadline >= call.review_deadline_at:
        raise InvalidInput.single(
            "deadlineAt", "must stay before the review deadline", "AFTER_REVIEW"
        )
    reason = one_line(reason)
    if len(reason) > EXTENSION_REASON_MAX_LENGTH:
        raise InvalidInput.single(
            "reason", f"at most {EXTENSION_REASON_MAX_LENGTH} characters", "TOO_LONG"
        )
    before = call.deadline_at
    call.deadline_at = ensure_utc(new_deadline)
    call.updated_at = now
    session.add(call)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="call.deadline_extended",
        object_type="call",
        object_id=call.id,
        now=now,
        before={"deadline_at": before},
        after={"deadline_at": call.deadline_at, "reason": reason},
    )
    scheduling.schedule_closing(session, call, now=now)
    return call


CODE_MAX_LENGTH = 32
"""The ``funder.code`` and ``programme.code`` columns (call references may take 40)."""


def _check_code(problems: list[FieldProblem], code: str) -> str:
    """A funder or programme code: the reference format, within its column, reported on ``code``."""
    found: list[FieldProblem] = []
    code = v.check_reference(found, code)
    if found or len(code) > CODE_MAX_LENGTH:
        problems.append(
            FieldProblem(
                "code", f"3 to {CODE_MAX_LENGTH} capital letters, digits or hyphens", "FORMAT"
            )
        )
    return code


async def create_funder(
    session: AsyncSession, *, actor: Actor, code: str, name: str, country: str, now: datetime
) -> Funder:
    """Platform admins register funders (ministries, agencies). Audited."""
    if not can_register_funder(actor):
        raise PermissionDenied("only platform administrators register funders")
    problems: list[FieldProblem] = []
    code = _check_code(problems, code)
    name = one_line(name)
    if not 1 <= len(name) <= 300:
        problems.append(FieldProblem("name", "give a name of 1 to 300 characters"))
    country = country.strip().upper()
    if not is_country_code(country):
        problems.append(FieldProblem("country", "not an ISO 3166-1 alpha-2 code", "COUNTRY"))
    v.raise_if(problems)
    existing = (await session.exec(select(Funder).where(Funder.code == code))).first()
    if existing is not None:
        raise InvalidInput.single("code", "another funder has this code", "TAKEN")
    funder = Funder(code=code, name=name, country=country, created_at=now)
    session.add(funder)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="funder.created",
        object_type="funder",
        object_id=funder.id,
        now=now,
        after=funder.model_dump(mode="json"),
    )
    return funder


async def create_programme(
    session: AsyncSession,
    *,
    actor: Actor,
    funder_id: uuid.UUID,
    code: str,
    name: str,
    now: datetime,
) -> Programme:
    """A funder's managers open a programme, which groups its calls. Audited."""
    if not can_create_call_for(actor, funder_id):
        raise PermissionDenied("you do not manage this funder")
    problems: list[FieldProblem] = []
    code = _check_code(problems, code)
    name = one_line(name)
    if not 1 <= len(name) <= 300:
        problems.append(FieldProblem("name", "give a name of 1 to 300 characters", "REQUIRED"))
    v.raise_if(problems)
    programme = Programme(funder_id=funder_id, code=code, name=name, created_at=now)
    session.add(programme)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise InvalidInput.single("code", "another programme has this code", "TAKEN") from exc
    await audit.record(
        session,
        actor=actor,
        action="programme.created",
        object_type="programme",
        object_id=programme.id,
        now=now,
        after=programme.model_dump(mode="json"),
    )
    return programme


async def lock_calls_due_to_open(session: AsyncSession, *, now: datetime) -> list[Call]:
    """PUBLISHED calls whose opening has come and deadline not passed, locked until commit.

    ``skip_locked``: a call another worker is opening is left to it, so none opens twice.
    """
    return list(
        (
            await session.exec(
                select(Call)
                .where(
                    Call.status == CallStatus.PUBLISHED,
                    col(Call.opens_at) <= now,
                    col(Call.deadline_at) > now,
                )
                .order_by(col(Call.opens_at))
                .with_for_update(skip_locked=True)
            )
        ).all()
    )


async def lock_call(session: AsyncSession, call_id: uuid.UUID) -> Call | None:
    """The call row, locked until commit (closing and scheduling serialise on it).

    ``FOR NO KEY UPDATE``, not ``FOR UPDATE``: nothing here changes the call's key, and a
    plain ``FOR UPDATE`` would also block the ``FOR KEY SHARE`` that PostgreSQL's foreign-key
    check takes on the call when a first submission creates the call's reference counter row.
    Closing, holding the call and waiting for a draft that submission holds, would then
    deadlock with it.
    """
    return (
        await session.exec(
            select(Call)
            .where(col(Call.id) == call_id)
            .with_for_update(key_share=True)
            .execution_options(populate_existing=True)
        )
    ).first()
