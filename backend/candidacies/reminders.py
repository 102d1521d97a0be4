"""Deadline reminders: the members of organisations with an unsubmitted draft, at J-7 and J-1.

A call's ``reminder_offsets_days`` (default ``[7, 1]``) name the reminder instants: the
deadline's wall time in the call's zone, that many days earlier (so J-7 stays at the same
local hour across a daylight-saving change). Each reminder goes through the notification
outbox with the dedupe key ``reminder:J-<offset>:<candidacy>:<user>``, whose uniqueness makes
it exactly-once across concurrent workers, retries and sweeps.

Decisions:

- Only DRAFT candidacies are reminded. A SUBMITTED one already counts (its last submitted
  version), even with unsubmitted changes: the reminder's text ("if you have not submitted
  yet...") would alarm people whose application is in; such edits need a message of their own.
- Only the latest reminder instant that has passed is sent: a sweep that ran late (workers
  down at J-7 and J-1) sends one reminder, not two at once, and ``days_left`` says how many
  days really remain.
- No reminder whose instant came before the call opened to applicants (``opens_at``, or its
  publication when later): a call published 2 days before its deadline gets no J-7.
- A candidacy started after a reminder instant does not get that reminder (its authors just
  saw the deadline); it gets the next one.
- Nothing at or after the deadline, nothing for calls that are not OPEN (an individual
  extension after closing is the manager's business, announced by its own notification).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.models import Membership, User
from backend.calls.enums import RUNNING_STATUSES
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.calls.rules import is_open
from backend.candidacies.enums import CandidacyStatus
from backend.candidacies.models import Candidacy
from backend.core.i18n import pick_text
from backend.notifications import services as notifications

REMINDER_TEMPLATE = "deadline_reminder"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class DueReminder:
    call: Call
    offset_days: int
    instant: datetime


def reminder_instant(call: Call, offset_days: int) -> datetime:
    """The deadline's local wall time in the call's zone, ``offset_days`` days earlier."""
    zone = ZoneInfo(call.timezone)
    wall = call.deadline_at.astimezone(zone).replace(tzinfo=None) - offset_days * DAY
    return wall.replace(tzinfo=zone).astimezone(UTC)


def opened_to_applicants(call: Call) -> datetime:
    """When applicants could first see and apply: the opening, or the publication if later."""
    return max(call.opens_at, call.published_at) if call.published_at else call.opens_at


def due_reminder(call: Call, *, now: datetime) -> DueReminder | None:
    """The latest reminder whose instant has passed, if the call is OPEN and the deadline ahead."""
    if not is_open(call, now=now):  # by the clock: the opening job need not have run
        return None
    opened = opened_to_applicants(call)
    candidates = [
        DueReminder(call, offset, instant)
        for offset in sorted({o for o in call.reminder_offsets_days if o > 0})
        if opened <= (instant := reminder_instant(call, offset)) <= now
    ]
    return min(candidates, key=lambda r: r.offset_days) if candidates else None


def days_left(call: Call, *, now: datetime) -> int:
    """Whole days until the deadline, rounded up (23 hours left is "in 1 day")."""
    return math.ceil((call.deadline_at - now) / DAY)


def dedupe_key(offset_days: int, candidacy_id: uuid.UUID, user_id: uuid.UUID) -> str:
    return f"reminder:J-{offset_days}:{candidacy_id}:{user_id}"


async def send_due_reminders(session: AsyncSession, *, now: datetime) -> int:
    """Queue the due reminders of every OPEN call; returns how many were newly queued.

    Safe to run concurrently and repeatedly: a reminder already in the outbox (or being
    inserted by a concurrent transaction) is skipped by its dedupe key. Rows are visited in
    a fixed order so that concurrent runs on PostgreSQL wait on each other, never deadlock.
    Side effects: ``notification`` rows (template ``deadline_reminder``); never commits.
    """
    calls = (
        await session.exec(
            select(Call).where(
                col(Call.status).in_(RUNNING_STATUSES),
                col(Call.opens_at) <= now,
                col(Call.deadline_at) > now,
            )
        )
    ).all()
    due = {r.call.id: r for call in calls if (r := due_reminder(call, now=now)) is not None}
    if not due:
        return 0
    recipients = (
        await session.exec(
            select(Candidacy, User)
            .join(Membership, col(Membership.organisation_id) == Candidacy.lead_organisation_id)
            .join(User, col(User.id) == col(Membership.user_id))
            .where(
                col(Candidacy.call_id).in_(list(due)),
                col(Candidacy.status) == CandidacyStatus.DRAFT,
                col(User.is_active).is_(True),
            )
            .order_by(col(Candidacy.id), col(User.id))
        )
    ).all()
    queued = 0
    for candidacy, user in recipients:
        reminder = due[candidacy.call_id]
        if candidacy.created_at > reminder.instant:
            continue
        created = await notifications.enqueue(
            session,
            user=user,
            template=REMINDER_TEMPLATE,
            context=_context(reminder.call, candidacy, user, now=now),
            dedupe_key=dedupe_key(reminder.offset_days, candidacy.id, user.id),
            now=now,
        )
        queued += created is not None
    return queued


def _context(call: Call, candidacy: Candidacy, user: User, *, now: datetime) -> dict[str, object]:
    return {
        "call_title": pick_text(call.title, user.language) or call.reference,
        "candidacy_title": candidacy.title,
        "deadline_local": in_zone(call.deadline_at, call.timezone).isoformat(),
        "days_left": days_left(call, now=now),
    }
