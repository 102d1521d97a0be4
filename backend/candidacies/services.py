"""Preparing a candidacy: create it, describe it, its partners, answers and budget.

Every function takes the session, the actor and ``now`` (the server clock's reading when the
request arrived), checks the deadline to the second, writes an audit entry and never commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import queries as account_queries
from backend.accounts.models import Organisation
from backend.calls import queries as call_queries
from backend.calls.forms import FrozenQuestion
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.candidacies import partner_notices, queries
from backend.candidacies.answers import clean_answer
from backend.candidacies.budget_token import budget_token
from backend.candidacies.enums import BudgetCategory, CandidacyStatus, PartnerRole, PartnerStatus
from backend.candidacies.errors import CallNotOpen, CandidacyNotEditable, DeadlinePassed
from backend.candidacies.models import BudgetLine, Candidacy, CandidacyAnswer, CandidacyPartner
from backend.candidacies.rules import (
    accepts_changes,
    can_apply_for,
    can_edit_candidacy,
    counts_as_submitted,
    effective_deadline,
    is_editable_at,
)
from backend.core import audit
from backend.core.auth import Actor
from backend.core.bounds import check_total
from backend.core.errors import (
    AuthenticationRequired,
    EditConflict,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from backend.core.text import one_line, optional_line
from backend.core.types import KEEP, Keep

MAX_TITLE = 300
MAX_PARTNERS = 50
MAX_BUDGET_LINES = 500


def require_open_for_changes(call: Call, candidacy: Candidacy | None, *, now: datetime) -> None:
    """Raise ``DeadlinePassed`` at or after the deadline, ``CallNotOpen`` otherwise closed."""
    if accepts_changes(call, candidacy, now=now):
        return
    deadline = effective_deadline(call, candidacy)
    if now >= deadline:
        raise DeadlinePassed(deadline, now, in_zone(deadline, call.timezone))
    raise CallNotOpen()


async def editable_candidacy(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    now: datetime,
    content: bool = False,
) -> tuple[Candidacy, Call]:
    """The candidacy, locked, if the actor may edit it now; else the reason why not.

    ``content``: the change is to the content (description, answers, budget, files), which
    the members of a partner the lead lets edit (``can_edit``) may make too. The consortium,
    submitting and withdrawing stay with the lead's members.
    """
    found = await queries.readable_candidacy_and_call(session, actor, candidacy_id, lock=True)
    if found is None:
        raise NotFound("no such candidacy")
    candidacy, call = found
    if not await may_edit(session, actor, candidacy, content=content):
        raise PermissionDenied(
            "only members of the lead organisation (or of a partner it lets edit the content)"
            " edit a candidacy"
            if content
            else "only members of the lead organisation change this"
        )
    # The deadline first: after it, that is the reason, whether or not the closing job has
    # settled the draft yet.
    require_open_for_changes(call, candidacy, now=now)
    if not is_editable_at(call, candidacy, now=now):
        raise CandidacyNotEditable(candidacy.status)
    return candidacy, call


async def may_edit(
    session: AsyncSession, actor: Actor, candidacy: Candidacy, *, content: bool
) -> bool:
    """The lead's members edit everything; an accepted partner with ``can_edit``, the content."""
    if can_edit_candidacy(actor, candidacy):
        return True
    if not content:
        return False
    editor = await queries.content_editor_partner(session, candidacy.id, actor.organisation_ids)
    return editor is not None


def mark_edited(candidacy: Candidacy, now: datetime) -> None:
    """An edit after a submission opens a new draft on top of the last submitted version."""
    candidacy.updated_at = now
    if counts_as_submitted(candidacy):
        candidacy.has_unsubmitted_changes = True


def _check_description(
    title: str | None, acronym: str | None, duration_months: int | None
) -> list[FieldProblem]:
    problems = []
    if title is not None and not 1 <= len(title.strip()) <= MAX_TITLE:
        problems.append(FieldProblem("title", f"give a title of 1 to {MAX_TITLE} characters"))
    if acronym is not None and len(acronym.strip()) > 40:
        problems.append(FieldProblem("acronym", "at most 40 characters"))
    if duration_months is not None and not 1 <= duration_months <= 120:
        problems.append(FieldProblem("durationMonths", "between 1 and 120 months"))
    return problems


async def create_candidacy(
    session: AsyncSession,
    *,
    actor: Actor,
    call_id: uuid.UUID,
    organisation_id: uuid.UUID,
    title: str,
    acronym: str | None = None,
    duration_months: int | None = None,
    now: datetime,
) -> Candidacy:
    """Start a DRAFT for an open call, led by one of the actor's organisations. Audited."""
    if actor.user_id is None:
        raise AuthenticationRequired("sign in to apply")
    call = await call_queries.readable_call(session, actor, call_id)
    if call is None:
        raise NotFound("no such call")
    if not can_apply_for(actor, organisation_id) or actor.user_id is None:
        raise InvalidInput.single(
            "organisationId", "you may apply only for an organisation you belong to", "NOT_MEMBER"
        )
    require_open_for_changes(call, None, now=now)
    title, acronym = one_line(title), optional_line(acronym)
    problems = _check_description(title, acronym, duration_months)
    if problems:
        raise InvalidInput(problems)
    candidacy = Candidacy(
        call_id=call.id,
        lead_organisation_id=organisation_id,
        status=CandidacyStatus.DRAFT,
        title=title,
        acronym=acronym or None,
        duration_months=duration_months,
        created_by_user_id=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(candidacy)
    await session.flush()
    session.add(
        CandidacyPartner(
            candidacy_id=candidacy.id, organisation_id=organisation_id, role=PartnerRole.LEAD
        )
    )
    await audit_change(session, actor, "candidacy.created", candidacy, now, after={"title": title})
    return candidacy


async def update_candidacy(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    title: str | None = None,
    acronym: str | None = None,
    duration_months: int | Keep | None = KEEP,
    now: datetime,
) -> Candidacy:
    """Change the description. ``None`` leaves the title or acronym as it is (an empty
    acronym clears it); the duration is cleared by ``None`` and left by ``KEEP``. Audited."""
    candidacy, _ = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now, content=True
    )
    title, acronym = optional_line(title), optional_line(acronym)
    problems = _check_description(
        title, acronym, None if duration_months is KEEP else duration_months
    )
    if problems:
        raise InvalidInput(problems)
    before = _description(candidacy)
    if title is not None:
        candidacy.title = title
    if acronym is not None:
        candidacy.acronym = acronym or None
    if duration_months is not KEEP:
        candidacy.duration_months = duration_months
    await record_edit(
        session, actor, "candidacy.updated", candidacy, now, before, _description(candidacy)
    )
    return candidacy


def _description(candidacy: Candidacy) -> dict[str, Any]:
    return {
        "title": candidacy.title,
        "acronym": candidacy.acronym,
        "duration_months": candidacy.duration_months,
    }


@dataclass(frozen=True)
class PartnerInput:
    organisation_id: uuid.UUID
    role: PartnerRole
    requested_share_cents: int


async def set_partners(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    partners: list[PartnerInput],
    now: datetime,
) -> Candidacy:
    """Set the consortium's roles, shares and order; the lead stays (as LEAD).

    Consent is asked, never assumed: an organisation not yet in the consortium is *invited*
    (PENDING, its admins get a mail) and becomes a partner only when one of them accepts;
    organisations already in it keep their answer. Organisations left out are removed with
    their budget lines (an invitation is withdrawn). Lead members only. Audited.
    """
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    problems = await _check_partners(session, candidacy, partners)
    if problems:
        raise InvalidInput(problems)
    lead_share = next(
        (
            p.requested_share_cents
            for p in partners
            if p.organisation_id == candidacy.lead_organisation_id
        ),
        0,
    )
    others = [p for p in partners if p.organisation_id != candidacy.lead_organisation_id]
    rows = [PartnerInput(candidacy.lead_organisation_id, PartnerRole.LEAD, lead_share), *others]
    existing = {
        p.organisation_id: p
        for p in (await queries.partners_by_candidacy(session, [candidacy.id])).get(
            candidacy.id, []
        )
    }
    kept = {p.organisation_id for p in rows}
    await remove_partners(session, candidacy, [o for o in existing if o not in kept])
    invited = [p.organisation_id for p in rows if p.organisation_id not in existing]
    for i, p in enumerate(rows):
        row = existing.get(p.organisation_id) or CandidacyPartner(
            candidacy_id=candidacy.id,
            organisation_id=p.organisation_id,
            role=p.role,
            status=PartnerStatus.PENDING,
            invited_at=now,
        )
        row.role, row.requested_share_cents, row.position = p.role, p.requested_share_cents, i
        session.add(row)
    await record_edit(
        session,
        actor,
        "candidacy.partners_set",
        candidacy,
        now,
        after={
            "partners": [
                [str(p.organisation_id), p.role.value, p.requested_share_cents] for p in rows
            ],
            "invited": [str(o) for o in invited],
        },
    )
    await notify_new_invitations(session, candidacy, call, invited, now)
    return candidacy


async def remove_partners(
    session: AsyncSession, candidacy: Candidacy, organisation_ids: list[uuid.UUID]
) -> None:
    """Take organisations out of the consortium, with their budget lines."""
    if not organisation_ids:
        return
    await session.exec(
        delete(CandidacyPartner).where(
            col(CandidacyPartner.candidacy_id) == candidacy.id,
            col(CandidacyPartner.organisation_id).in_(organisation_ids),
        )
    )
    await session.exec(
        delete(BudgetLine).where(
            col(BudgetLine.candidacy_id) == candidacy.id,
            col(BudgetLine.organisation_id).in_(organisation_ids),
        )
    )


async def notify_new_invitations(
    session: AsyncSession,
    candidacy: Candidacy,
    call: Call,
    organisation_ids: list[uuid.UUID],
    now: datetime,
) -> None:
    """Mail the admins of each newly invited organisation (see :mod:`partner_notices`)."""
    if not organisation_ids:
        return
    orgs = await account_queries.organisations_by_id(
        session, [candidacy.lead_organisation_id, *organisation_ids]
    )
    for organisation_id in organisation_ids:
        await partner_notices.notify_invited(
            session,
            candidacy=candidacy,
            call=call,
            lead=orgs[candidacy.lead_organisation_id],
            invited=orgs[organisation_id],
            now=now,
        )


async def _check_partners(
    session: AsyncSession, candidacy: Candidacy, partners: list[PartnerInput]
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    ids = [p.organisation_id for p in partners]
    if len(ids) != len(set(ids)):
        problems.append(FieldProblem("partners", "an organisation is listed twice", "DUPLICATE"))
    if len(partners) > MAX_PARTNERS:
        problems.append(FieldProblem("partners", f"at most {MAX_PARTNERS} partners"))
    found = set(
        (await session.exec(select(Organisation.id).where(col(Organisation.id).in_(ids)))).all()
    )
    for i, p in enumerate(partners):
        if p.organisation_id not in found:
            problems.append(
                FieldProblem(f"partners[{i}].organisationId", "no such organisation", "UNKNOWN")
            )
        if p.requested_share_cents < 0:
            problems.append(
                FieldProblem(f"partners[{i}].requestedShareCents", "must not be negative")
            )
        is_lead = p.organisation_id == candidacy.lead_organisation_id
        if is_lead != (p.role is PartnerRole.LEAD):
            problems.append(
                FieldProblem(
                    f"partners[{i}].role", "the lead organisation, and only it, is LEAD", "LEAD"
                )
            )
    return problems


async def save_answers(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    answers: dict[str, Any],
    now: datetime,
) -> Candidacy:
    """Answer (or clear, with ``None``) some of the form's questions; all checked at once."""
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now, content=True
    )
    questions = {q.key: q for q in await call_queries.form_of(session, call)}
    clean, problems = _clean_answers(questions, answers)
    if problems:
        raise InvalidInput(problems)
    existing = {
        a.question_key: a
        for a in (await queries.answers_by_candidacy(session, [candidacy.id])).get(candidacy.id, [])
    }
    for key, value in clean.items():
        await _store_answer(session, candidacy, existing.get(key), key, value, now)
    await record_edit(session, actor, "candidacy.answered", candidacy, now, after=clean)
    return candidacy


def _clean_answers(
    questions: dict[str, FrozenQuestion], answers: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    clean: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for key, value in answers.items():
        question = questions.get(key)
        if question is None:
            problems.append(FieldProblem(f"answers.{key}", "no such question", "UNKNOWN_QUESTION"))
            continue
        clean[key], problem = clean_answer(question, value)
        if problem:
            problems.append(problem)
    return clean, problems


async def _store_answer(
    session: AsyncSession,
    candidacy: Candidacy,
    row: CandidacyAnswer | None,
    key: str,
    value: Any,
    now: datetime,
) -> None:
    if value is None:
        if row is not None:
            await session.delete(row)
        return
    if row is None:
        row = CandidacyAnswer(
            candidacy_id=candidacy.id, question_key=key, value=value, updated_at=now
        )
    else:
        row.value, row.updated_at = value, now
    session.add(row)


@dataclass(frozen=True)
class BudgetLineInput:
    organisation_id: uuid.UUID
    category: BudgetCategory
    amount_cents: int
    label: str = ""


async def set_budget(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    lines: list[BudgetLineInput],
    now: datetime,
    expected_token: str | None = None,
) -> Candidacy:
    """Replace the budget lines; each belongs to a partner (any row: invited, accepted or
    declined, whose lines stay until it is removed) and is a positive amount.

    ``expected_token``: the ``budget_token`` of the lines the client edited; when the lines
    changed since, raise ``EditConflict`` and change nothing (checked after the rights and the
    deadline, so a stranger learns nothing from it). ``None`` replaces whatever is there."""
    candidacy, _ = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now, content=True
    )
    if expected_token is not None:
        await _require_budget_token(session, candidacy, expected_token)
    partner_ids = {
        p.organisation_id
        for p in (await queries.partners_by_candidacy(session, [candidacy.id])).get(
            candidacy.id, []
        )
    }
    problems = _check_budget(lines, partner_ids)
    if problems:
        raise InvalidInput(problems)
    await session.exec(delete(BudgetLine).where(col(BudgetLine.candidacy_id) == candidacy.id))
    session.add_all(
        BudgetLine(
            candidacy_id=candidacy.id,
            organisation_id=line.organisation_id,
            category=line.category,
            label=one_line(line.label),
            amount_cents=line.amount_cents,
            position=i,
        )
        for i, line in enumerate(lines)
    )
    await record_edit(
        session,
        actor,
        "candidacy.budget_set",
        candidacy,
        now,
        after={"lines": len(lines), "total_cents": sum(line.amount_cents for line in lines)},
    )
    return candidacy


async def _require_budget_token(
    session: AsyncSession, candidacy: Candidacy, expected_token: str
) -> None:
    """Raise ``EditConflict`` unless the stored lines are those ``expected_token`` names (the
    candidacy is locked: nobody changes them between this read and the write)."""
    current = (await queries.budget_by_candidacy(session, [candidacy.id])).get(candidacy.id, [])
    if budget_token(current) != expected_token:
        raise EditConflict("the budget changed since it was read: read it again")


def _check_budget(lines: list[BudgetLineInput], partner_ids: set[uuid.UUID]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if len(lines) > MAX_BUDGET_LINES:
        problems.append(FieldProblem("lines", f"at most {MAX_BUDGET_LINES} lines"))
    for i, line in enumerate(lines):
        if line.organisation_id not in partner_ids:
            problems.append(
                FieldProblem(
                    f"lines[{i}].organisationId", "not a partner of this candidacy", "NOT_PARTNER"
                )
            )
        if line.amount_cents <= 0:
            problems.append(FieldProblem(f"lines[{i}].amountCents", "must be positive"))
        if len(one_line(line.label)) > 300:
            problems.append(FieldProblem(f"lines[{i}].label", "at most 300 characters"))
    check_total(problems, "lines", (line.amount_cents for line in lines))
    return problems


async def record_edit(
    session: AsyncSession,
    actor: Actor,
    action: str,
    candidacy: Candidacy,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """What every edit of a candidacy's contents does last: mark it edited (a new draft on top
    of the last submitted version), then chain the audit entry of ``action``."""
    mark_edited(candidacy, now)
    session.add(candidacy)
    await audit_change(session, actor, action, candidacy, now, before, after)


async def audit_change(
    session: AsyncSession,
    actor: Actor,
    action: str,
    candidacy: Candidacy,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Flush the change, then chain its audit entry (same transaction)."""
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action=action,
        object_type="candidacy",
        object_id=candidacy.id,
        now=now,
        before=before,
        after=after,
    )
