"""The notification outbox: enqueue in the caller's transaction, send later from a worker.

A state change and the e-mail it causes are committed together or not at all: services call
:func:`enqueue` with the session of their unit of work, and a rollback takes the notification
with it. :func:`send_due`, run by a worker every minute, renders and sends what is due, retries
failures with backoff (:data:`backend.notifications.rules.BACKOFF`) and gives up after the last
try, leaving the row FAILED for a manager to look at.

Everything here but :func:`send_due` takes a session and never commits.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.models import User
from backend.core.clock import ensure_utc
from backend.core.db import SessionFactory, unit_of_work
from backend.core.i18n import Language
from backend.core.jobs import Queue, enqueue_after_commit, job
from backend.core.settings import get_settings
from backend.core.types import new_id
from backend.notifications import rules
from backend.notifications.enums import NotificationStatus
from backend.notifications.models import Notification
from backend.notifications.senders import NOTIFICATION_ID_HEADER, PermanentSendError, Sender
from backend.notifications.templates import InvalidContext, TemplateError, render

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
"""How long a claimed notification stays invisible to other workers while it is being sent.

A worker renews the lease of what it still has to send once half of it has gone (see
:func:`send_due`), so a long batch keeps its rows, and a killed worker's rows come due again
within two minutes."""
SEND_TIMEOUT = timedelta(seconds=45)
"""The longest one message may take to hand over; a slower send counts as a failed try.

Shorter than half the lease: a send starts only with at least half a lease left, so it ends
before another worker may take the row."""
assert SEND_TIMEOUT < LEASE / 2
DEDUPE_KEY_MAX = 200
INSERT_CHUNK = 500
ERROR_MAX = 2000
LOST_WORKER_ERROR = "the worker was lost during the last attempt (its lease expired)"
SECRET_CONTEXT_KEYS = frozenset({"token"})
"""Context values only the mail may carry (an invitation's single-use code): the row needs
them until the mail is sent, and keeps a placeholder once it is."""
SENT_PLACEHOLDER = "[sent]"


# --- enqueue --------------------------------------------------------------------------------


async def enqueue(
    session: AsyncSession,
    *,
    user: User,
    template: str,
    context: dict[str, Any],
    dedupe_key: str,
    now: datetime,
) -> Notification | None:
    """Queue one e-mail to ``user`` in the caller's transaction, in the user's language.

    Returns None, and changes nothing, when a notification with ``dedupe_key`` already exists,
    including one that a concurrent transaction is inserting (``INSERT ... ON CONFLICT DO
    NOTHING`` waits for it on PostgreSQL; SQLite serialises writers). Raises
    :class:`~backend.notifications.templates.TemplateError` at once for an unknown template or
    a context it cannot render, so the mistake fails the state change instead of the worker.
    Side effects: inserts one ``notification`` row (PENDING, due at ``now``); never commits.
    """
    created = await insert_prepared(session, [prepare(user, template, context, dedupe_key, now)])
    return created[0] if created else None


async def enqueue_for_users(
    session: AsyncSession,
    *,
    users: Iterable[User],
    template: str,
    context: dict[str, Any],
    dedupe_key: str,
    now: datetime,
) -> list[Notification]:
    """Queue the same message to several users (e.g. the call-closed summary to its managers).

    Each user gets the key ``<dedupe_key>:<user id>``, so re-running the caller adds only the
    users not yet notified. Returns the notifications created. Side effects: inserts up to one
    ``notification`` row per distinct user, in a few statements; never commits.
    """
    distinct = {user.id: user for user in users}.values()
    rows = [prepare(user, template, context, f"{dedupe_key}:{user.id}", now) for user in distinct]
    created: list[Notification] = []
    for start in range(0, len(rows), INSERT_CHUNK):
        created += await insert_prepared(session, rows[start : start + INSERT_CHUNK])
    return created


async def enqueue_to_address(
    session: AsyncSession,
    *,
    email: str,
    language: Language,
    template: str,
    context: dict[str, Any],
    dedupe_key: str,
    now: datetime,
) -> Notification | None:
    """Queue one e-mail to an address that may have no account yet (an invitation by e-mail).

    As :func:`enqueue`, with the language given by the caller; the row has no ``user_id``.
    """
    row = _prepare(None, email, language, template, context, dedupe_key, now)
    created = await insert_prepared(session, [row])
    return created[0] if created else None


def prepare(
    user: User, template: str, context: dict[str, Any], dedupe_key: str, now: datetime
) -> dict[str, Any]:
    """Column values of a new PENDING notification, after checking that it will render.

    :func:`enqueue` inserts them; a caller that must insert the row inside a statement of
    its own (a submission, under its reference counter's lock) does so and then calls
    :func:`wake_sender`.
    """
    return _prepare(user.id, user.email, user.language, template, context, dedupe_key, now)


def _prepare(
    user_id: uuid.UUID | None,
    email: str,
    language: Language,
    template: str,
    context: dict[str, Any],
    dedupe_key: str,
    now: datetime,
) -> dict[str, Any]:
    if not 0 < len(dedupe_key) <= DEDUPE_KEY_MAX:
        raise ValueError(f"dedupe_key must have 1 to {DEDUPE_KEY_MAX} characters")
    try:
        stored_context = json.loads(json.dumps(context))
    except (TypeError, ValueError) as exc:
        raise InvalidContext(f"notification context must be JSON: {exc}") from exc
    render(template, language, stored_context)
    now = ensure_utc(now)
    return {
        "id": new_id(),
        "dedupe_key": dedupe_key,
        "user_id": user_id,
        "email": email,
        "language": language,
        "template": template,
        "context": stored_context,
        "status": NotificationStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": None,
        "created_at": now,
        "sent_at": None,
    }


async def insert_prepared(
    session: AsyncSession, rows: Sequence[dict[str, Any]]
) -> list[Notification]:
    """Insert rows made by :func:`prepare`, skipping any whose dedupe key exists.

    ``INSERT ... ON CONFLICT (dedupe_key) DO NOTHING RETURNING *``: returns the rows really
    added, and wakes the sender after commit when there are any.
    """
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(Notification)
    elif dialect == "sqlite":
        stmt = sqlite.insert(Notification)
    else:
        raise NotImplementedError(f"the outbox supports PostgreSQL and SQLite, not {dialect}")
    stmt = (
        stmt.values(list(rows))
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(Notification)
    )
    created = list((await session.exec(stmt)).scalars().all())
    if created:
        wake_sender(session, created[0].created_at)
    return created


SEND_NOTIFICATIONS_JOB = job("send_notifications", Queue.MAIL)
"""A reminder's mail must not wait behind a rush of renders: the mail queue."""


def wake_sender(session: AsyncSession, now: datetime) -> None:
    """Ask a worker to send soon after commit instead of at its next minute's sweep.

    One job id per second: a burst of submissions wakes the sender once, not once each.
    """
    enqueue_after_commit(
        session, SEND_NOTIFICATIONS_JOB, job_id=f"send-notifications:{int(now.timestamp())}"
    )


# --- claim ----------------------------------------------------------------------------------


async def claim_due(
    session: AsyncSession, *, now: datetime, limit: int, lease: timedelta = LEASE
) -> list[Notification]:
    """Take up to ``limit`` due notifications for sending, oldest first.

    The rows are locked ``FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite has one writer at a
    time), then leased: ``next_attempt_at`` moves to ``now + lease`` and ``attempts`` counts
    the try, so once the caller commits, no other worker sees them as due until the lease
    ends. A row due again after its last try means that a worker died while sending it: it
    is marked FAILED instead of being claimed. Side effects: those updates; never commits.
    """
    now = ensure_utc(now)
    due = (
        await session.exec(
            select(Notification)
            .where(
                Notification.status == NotificationStatus.PENDING,
                col(Notification.next_attempt_at) <= now,
            )
            .order_by(col(Notification.next_attempt_at), col(Notification.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
    ).all()
    claimed = []
    for notification in due:
        if notification.attempts >= rules.MAX_ATTEMPTS:
            notification.status = NotificationStatus.FAILED
            notification.last_error = LOST_WORKER_ERROR
        else:
            notification.attempts += 1
            notification.next_attempt_at = now + lease
            claimed.append(notification)
        session.add(notification)
    await session.flush()
    return claimed


# --- send -----------------------------------------------------------------------------------


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    """Failed this time, will be tried again after the backoff."""
    failed: int = 0
    """Given up: permanent failure, or the last try failed."""

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed


@dataclass(frozen=True)
class _Outcome:
    error: str | None = None
    permanent: bool = False


async def send_due(
    session_factory: SessionFactory,
    *,
    sender: Sender,
    now: datetime,
    limit: int = 100,
    from_address: str | None = None,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] | None = None,
) -> SendReport:
    """Send the notifications that are due, recording each outcome in its own transaction.

    Unlike the other services this one commits, because it does I/O between transactions:
    (1) one short transaction claims and leases the batch (:func:`claim_due`), so concurrent
    workers never take the same row (SKIP LOCKED on PostgreSQL; on SQLite the claim's
    ``BEGIN IMMEDIATE`` serialises them and the second sees leased rows as not due); (2) each
    message is rendered and handed to ``sender`` outside any transaction, within
    :data:`SEND_TIMEOUT`; (3) one short transaction per notification marks it SENT, or stores
    the error and the next try time, or FAILED after the last try or a permanent error.

    Before each message, once half the lease has gone, the lease of the rows still to send is
    renewed (:func:`renew_lease`); rows this run no longer holds (it stalled past its lease
    and another worker took them) are left to their new holder, not sent. ``clock`` reads the
    time for that; by default ``now`` plus the time elapsed since the call. Outcomes are
    stamped with ``now``. If the run is cancelled (arq's job timeout), the claimed rows not
    yet tried are given back at once, their try not counted.

    Delivery is exactly-once as far as the database can see, at-least-once across a crash:
    if the process dies after the SMTP server accepted a message but before step (3) commits,
    the row comes due again when its lease ends and is sent a second time, as the same
    message: its Message-ID, and the ``.eml`` file's name, derive from the dedupe key
    (:func:`message_id`), so a mail store drops the copy and the file is overwritten.

    Side effects: e-mails sent through ``sender``; notification rows updated and committed.
    """
    now = ensure_utc(now)
    read_clock = clock or _elapsed_since(now)
    sender_address = from_address or get_settings().smtp_from
    async with unit_of_work(session_factory) as uow:
        claimed = await claim_due(uow.session, now=now, limit=limit, lease=lease)
    report = SendReport()
    held_until = now + lease
    not_started = list(reversed(claimed))
    try:
        while not_started:
            if held_until - read_clock() < lease / 2:
                held_until, not_started = await _renew(
                    session_factory, not_started, held_until=held_until, clock=read_clock,
                    lease=lease,
                )  # fmt: skip
                if not not_started:
                    break
            notification = not_started.pop()
            outcome = await _attempt(
                notification, sender=sender, now=now, from_address=sender_address
            )
            async with unit_of_work(session_factory) as uow:
                await _record(uow.session, notification, outcome, now=now, report=report)
    finally:
        if not_started:
            await _release(session_factory, not_started, now=now, held_until=held_until)
    return report


def _elapsed_since(now: datetime) -> Callable[[], datetime]:
    """A clock that starts at ``now`` and runs in real time (monotonic)."""
    started = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - started)


async def _renew(
    session_factory: SessionFactory,
    notifications: list[Notification],
    *,
    held_until: datetime,
    clock: Callable[[], datetime],
    lease: timedelta,
) -> tuple[datetime, list[Notification]]:
    """Renew the lease of ``notifications`` in a transaction of its own; returns the new end
    of the lease and those still held, in the same order."""
    until = clock() + lease
    async with unit_of_work(session_factory) as uow:
        held = await renew_lease(
            uow.session, [n.id for n in notifications], held_until=held_until, until=until
        )
    lost = [n for n in notifications if n.id not in held]
    if lost:
        log.warning(
            "notifications taken by another worker after this one's lease ran out",
            extra={"notification_ids": [str(n.id) for n in lost]},
        )
    return until, [n for n in notifications if n.id in held]


async def renew_lease(
    session: AsyncSession,
    notification_ids: Sequence[uuid.UUID],
    *,
    held_until: datetime,
    until: datetime,
) -> set[uuid.UUID]:
    """Extend to ``until`` the lease of the rows still held under the lease ending at
    ``held_until``; returns their ids.

    A row counts as held while it is PENDING with ``next_attempt_at == held_until``: once a
    lease has run out and another worker claimed the row, its lease ends later, so it is
    no longer this holder's. Side effects: one UPDATE; never commits.
    """
    if not notification_ids:
        return set()
    result = await session.exec(
        update(Notification)
        .where(
            col(Notification.id).in_(list(notification_ids)),
            col(Notification.status) == NotificationStatus.PENDING,
            col(Notification.next_attempt_at) == ensure_utc(held_until),
        )
        .values(next_attempt_at=ensure_utc(until))
        .returning(col(Notification.id))
    )
    return set(result.scalars().all())


async def _attempt(
    notification: Notification, *, sender: Sender, now: datetime, from_address: str
) -> _Outcome:
    """Render and send one notification; a failure becomes an outcome, never an exception."""
    try:
        message = build_message(notification, from_address=from_address, now=now)
    except TemplateError as exc:
        return _Outcome(error=_describe(exc), permanent=True)
    try:
        async with asyncio.timeout(SEND_TIMEOUT.total_seconds()):
            await sender.send(message)
    except PermanentSendError as exc:
        return _Outcome(error=_describe(exc), permanent=True)
    except Exception as exc:
        log.warning(
            "notification send failed",
            extra={"notification_id": str(notification.id), "attempt": notification.attempts},
            exc_info=True,
        )
        return _Outcome(error=_describe(exc))
    return _Outcome()


async def _record(
    session: AsyncSession,
    notification: Notification,
    outcome: _Outcome,
    *,
    now: datetime,
    report: SendReport,
) -> None:
    """Store the outcome of the try this worker claimed; side effects: one conditional UPDATE.

    A failure is recorded only if the row is still at this worker's attempt (a row re-claimed
    after an expired lease belongs to the newer try); a success is recorded in any case.
    """
    still_ours = [
        col(Notification.id) == notification.id,
        col(Notification.status) == NotificationStatus.PENDING,
    ]
    if outcome.error is None:
        values: dict[str, Any] = {
            "status": NotificationStatus.SENT,
            "sent_at": now,
            "last_error": None,
        }
        if SECRET_CONTEXT_KEYS & notification.context.keys():
            values["context"] = {
                key: SENT_PLACEHOLDER if key in SECRET_CONTEXT_KEYS else value
                for key, value in notification.context.items()
            }
        report.sent += 1
    else:
        still_ours.append(col(Notification.attempts) == notification.attempts)
        delay = None if outcome.permanent else rules.retry_delay(notification.attempts)
        values = {"last_error": outcome.error}
        if delay is None:
            values["status"] = NotificationStatus.FAILED
            report.failed += 1
        else:
            values["next_attempt_at"] = now + delay
            report.retrying += 1
    await session.exec(update(Notification).where(*still_ours).values(**values))


async def _release(
    session_factory: SessionFactory,
    notifications: list[Notification],
    *,
    now: datetime,
    held_until: datetime,
) -> None:
    """Give back claimed rows never tried (the job was cancelled): due again, try not counted.

    Only rows still under this run's lease are touched. Best effort: if this fails too, the
    lease runs out and the rows come due anyway. Side effects: one committed UPDATE.
    """
    try:
        async with unit_of_work(session_factory) as uow:
            await uow.session.exec(
                update(Notification)
                .where(
                    col(Notification.id).in_([n.id for n in notifications]),
                    col(Notification.status) == NotificationStatus.PENDING,
                    col(Notification.next_attempt_at) == ensure_utc(held_until),
                )
                .values(attempts=col(Notification.attempts) - 1, next_attempt_at=now)
            )
    except Exception:
        log.exception("could not release unsent notifications; their lease will expire")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX]


def message_id(dedupe_key: str, from_address: str) -> str:
    """``<first 32 hex digits of SHA-256(dedupe_key)@domain of from_address>``.

    The same for every send of the same e-mail, whichever worker and whatever try: a mail
    store or client drops a second copy, and the ``.eml`` sender names its file after it.
    The key itself stays out of the message. Pure.
    """
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:32]
    domain = parseaddr(from_address)[1].rpartition("@")[2] or "localhost"
    return f"<{digest}@{domain}>"


def build_message(notification: Notification, *, from_address: str, now: datetime) -> EmailMessage:
    """The e-mail of ``notification``: plain text with an HTML alternative.

    Its Message-ID derives from the dedupe key (:func:`message_id`), so a resend is the same
    message; ``Auto-Submitted`` keeps out-of-office robots from answering. Pure.
    """
    rendered = render(notification.template, notification.language, notification.context)
    message = EmailMessage()
    message["Subject"] = rendered.subject
    message["From"] = from_address
    message["To"] = notification.email
    message["Date"] = format_datetime(ensure_utc(now))
    message["Message-ID"] = message_id(notification.dedupe_key, from_address)
    message["Auto-Submitted"] = "auto-generated"
    message[NOTIFICATION_ID_HEADER] = str(notification.id)
    # Quoted-printable keeps the message 7-bit clean, whatever relay it goes through.
    message.set_content(rendered.text, cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
    message["Content-Language"] = notification.language.value  # after: set_content clears it
    return message
