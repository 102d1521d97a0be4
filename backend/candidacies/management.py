"""What the call's managers do to candidacies: individual extensions and eligibility screening."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.models import Membership, User
from backend.calls import queries as call_queries
from backend.calls.enums import CallStatus
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.calls.rules import effective_status
from backend.candidacies import queries
from backend.candidacies.enums import CandidacyStatus, EligibilityDecision
from backend.candidacies.errors import CandidacyNotEditable
from backend.candidacies.models import Candidacy
from backend.candidacies.rules import can_manage_candidacy, counts_as_submitted
from backend.candidacies.services import audit_change
from backend.core.auth import Actor
from backend.core.bounds import YEAR_RANGE_MESSAGE, in_year_range
from backend.core.clock import ensure_utc
from backend.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from backend.core.i18n import pick_text
from backend.core.text import long_text
from backend.notifications import services as notifications

SCREENABLE_CALL_STATUSES = frozenset({CallStatus.CLOSED, CallStatus.IN_EVALUATION})


async def managed_candidacy(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID
) -> tuple[Candidacy, Call]:
    """The candidacy, locked, if the actor manages its call (NotFound if they cannot see it)."""
    candidacy = await queries.readable_candidacy(session, actor, candidacy_id, lock=True)
    if candidacy is None:
        raise NotFound("no such candidacy")
    funder_ids = (await call_queries.funder_ids_by_call(session, [candidacy.call_id])).get(
        candidacy.call_id, []
    )
    if not can_manage_candidacy(actor, funder_ids):
        raise PermissionDenied("only the call's managers decide on candidacies")
    call = await session.get(Call, candidacy.call_id)
    assert call is not None
    return candidacy, call


async def grant_extension(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    until: datetime,
    now: datetime,
    reason: str = "",
) -> Candidacy:
    """Let one candidacy change and submit until ``until`` (after the call's deadline).

    Like pretalx access codes or Indico's late submitters: for a hospital whose IT failed on
    the last evening. A draft the closing already marked NOT_SUBMITTED is reopened as a draft.
    ``reason`` (why the exception, at most 2000 characters) goes in the audit trail.
    Side effects: the extension stored (and the status, for a reopened draft); audited; the
    applicants notified.
    """
    reason = long_text(reason)
    if len(reason) > 2000:
        raise InvalidInput.single("reason", "at most 2000 characters", "TOO_LONG")
    candidacy, call = await managed_candidacy(session, actor=actor, candidacy_id=candidacy_id)
    if candidacy.status is CandidacyStatus.WITHDRAWN:
        raise CandidacyNotEditable(candidacy.status)
    if effective_status(call, now=now) not in {CallStatus.OPEN, CallStatus.CLOSED}:
        raise InvalidInput.single("until", "the call is past its submission phase", "TOO_LATE")
    if until.tzinfo is None:
        raise InvalidInput.single("until", "give an offset (or Z)", "NAIVE")
    if not in_year_range(until):
        raise InvalidInput.single("until", YEAR_RANGE_MESSAGE, "OUT_OF_RANGE")
    until = ensure_utc(until)
    if until <= max(call.deadline_at, now):
        raise InvalidInput.single(
            "until", "must be later than the call's deadline and than now", "NOT_LATER"
        )
    before = candidacy.extended_deadline_at
    candidacy.extended_deadline_at = until
    candidacy.updated_at = now
    if candidacy.status is CandidacyStatus.NOT_SUBMITTED:
        # The deadline passed on a draft (the hospital whose IT failed on the last evening):
        # the extension reopens it.
        candidacy.status = CandidacyStatus.DRAFT
    session.add(candidacy)
    await audit_change(
        session,
        actor,
        "candidacy.extension_granted",
        candidacy,
        now,
        before={"extended_deadline_at": before},
        after={"extended_deadline_at": until, "reason": reason},
    )
    await _notify_applicants(
        session,
        candidacy,
        call,
        template="deadline_extended",
        context={"deadline_local": in_zone(until, call.timezone).isoformat()},
        dedupe=f"extension:{candidacy.id}:{until.isoformat()}",
        now=now,
    )
    return candidacy


async def record_eligibility(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    decision: EligibilityDecision,
    reason: str,
    now: datetime,
) -> Candidacy:
    """Record ELIGIBLE or INELIGIBLE (with a reason) for a submitted candidacy of a closed call.

    Side effects: the decision stored; audited; the lead organisation's members notified.
    """
    candidacy, call = await managed_candidacy(session, actor=actor, candidacy_id=candidacy_id)
    problems = []
    if decision is EligibilityDecision.PENDING:
        problems.append(FieldProblem("decision", "record ELIGIBLE or INELIGIBLE"))
    reason = long_text(reason)
    if decision is EligibilityDecision.INELIGIBLE and not reason:
        problems.append(FieldProblem("reason", "say why the candidacy is ineligible", "REQUIRED"))
    if len(reason) > 2000:
        problems.append(FieldProblem("reason", "at most 2000 characters", "TOO_LONG"))
    if problems:
        raise InvalidInput(problems)
    if not counts_as_submitted(candidacy):
        raise CandidacyNotEditable(candidacy.status)
    if call.status not in SCREENABLE_CALL_STATUSES:
        raise InvalidInput.single(
            "decision", "screen candidacies once the call is closed", "CALL_NOT_CLOSED"
        )
    before = {"eligibility": candidacy.eligibility.value, "reason": candidacy.eligibility_reason}
    candidacy.eligibility = decision
    candidacy.eligibility_reason = reason or None
    candidacy.eligibility_decided_at = now
    candidacy.eligibility_decided_by_user_id = actor.user_id
    session.add(candidacy)
    await audit_change(
        session,
        actor,
        "candidacy.eligibility_recorded",
        candidacy,
        now,
        before=before,
        after={"eligibility": decision.value, "reason": reason},
    )
    await _notify_applicants(
        session,
        candidacy,
        call,
        template="eligibility_decided",
        context={"decision": decision.value, "reason": reason},
        dedupe=f"eligibility:{candidacy.id}:{decision.value}:{now.isoformat()}",
        now=now,
    )
    return candidacy


async def _notify_applicants(
    session: AsyncSession,
    candidacy: Candidacy,
    call: Call,
    *,
    template: str,
    context: dict[str, str],
    dedupe: str,
    now: datetime,
) -> None:
    """One outbox row per member of the lead organisation, in their own language."""
    members = (
        await session.exec(
            select(User)
            .join(Membership, col(Membership.user_id) == col(User.id))
            .where(
                col(Membership.organisation_id) == candidacy.lead_organisation_id,
                col(User.is_active).is_(True),
            )
        )
    ).all()
    for user in members:
        await notifications.enqueue(
            session,
            user=user,
            template=template,
            context={
                "call_title": pick_text(call.title, user.language) or call.reference,
                "candidacy_title": candidacy.title,
                "reference": candidacy.reference or "",
                **context,
            },
            dedupe_key=f"{dedupe}:{user.id}",
            now=now,
        )
