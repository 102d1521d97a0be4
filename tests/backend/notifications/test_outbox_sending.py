"""Sending: once per notification, retries with backoff, FAILED at the end, safe in parallel."""

from __future__ import annotations

import asyncio
import email
import hashlib
from datetime import timedelta
from email import policy

import pytest

from backend.core.db import unit_of_work
from backend.core.i18n import Language
from backend.notifications import rules, services
from backend.notifications.enums import NotificationStatus
from backend.notifications.senders import NOTIFICATION_ID_HEADER, EmlFileSender, PermanentSendError
from backend.notifications.services import (
    LEASE,
    LOST_WORKER_ERROR,
    claim_due,
    enqueue,
    send_due,
)
from tests.backend.notifications.outbox_support import (
    FailingSender,
    RecordingSender,
    all_notifications,
    enqueue_receipt,
    make_person,
    reload,
)

FROM = "Appels à projets <no-reply@aap.example.org>"


async def _send(session_factory, sender, now, **kw):
    return await send_due(session_factory, sender=sender, now=now, from_address=FROM, **kw)


async def test_send_due_sends_once_and_marks_sent(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)
    notification = await enqueue_receipt(session_factory, now, user)
    sender = RecordingSender()

    # Act
    first = await _send(session_factory, sender, now)
    clock.advance(timedelta(days=1))
    second = await _send(session_factory, sender, clock.now())

    # Assert
    assert (first.sent, first.retrying, first.failed) == (1, 0, 0)
    assert second.attempted == 0
    assert sender.recipients == [user.email]
    row = await reload(session_factory, notification)
    assert (row.status, row.sent_at, row.attempts, row.last_error) == (
        NotificationStatus.SENT,
        now,
        1,
        None,
    )


async def test_send_due_builds_a_complete_message(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now, Language.FR)
    notification = await enqueue_receipt(session_factory, now, user)
    sender = RecordingSender()

    # Act
    await _send(session_factory, sender, now)

    # Assert
    [message] = sender.messages
    assert message["To"] == user.email
    assert message["From"] == FROM
    assert message["Subject"].startswith("Accusé de réception")
    digest = hashlib.sha256(notification.dedupe_key.encode()).hexdigest()[:32]
    assert message["Message-ID"] == f"<{digest}@aap.example.org>"
    assert message[NOTIFICATION_ID_HEADER] == str(notification.id)
    assert message["Auto-Submitted"] == "auto-generated"
    assert "Radiologie augmentée" in message.get_body(("plain",)).get_content()
    assert "<p>" in message.get_body(("html",)).get_content()
    assert message.as_bytes().isascii()  # 7-bit clean for any SMTP relay


async def test_send_due_not_yet_due_is_left_alone(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)
    await enqueue_receipt(session_factory, now + timedelta(hours=1), user)
    sender = RecordingSender()

    # Act
    report = await _send(session_factory, sender, now)

    # Assert
    assert report.attempted == 0 and sender.messages == []


async def test_send_due_uses_each_users_language(session_factory, clock):
    # Arrange
    now = clock.now()
    for language in Language:
        await enqueue_receipt(
            session_factory, now, await make_person(session_factory, now, language)
        )
    sender = RecordingSender()

    # Act
    await _send(session_factory, sender, now)

    # Assert
    subjects = {m["To"].split("-")[1].split("@")[0]: m["Subject"] for m in sender.messages}
    assert subjects["fr"].startswith("Accusé de réception")
    assert subjects["en"].startswith("Acknowledgement of receipt")
    assert subjects["de"].startswith("Eingangsbestätigung")
    assert {m["Content-Language"] for m in sender.messages} == {"fr", "en", "de"}


async def test_send_due_failures_back_off_then_fail_after_last_try(session_factory, clock):
    # Arrange
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)
    sender = FailingSender()
    expected_waits = [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=12),
    ]

    # Act / Assert: each failure waits longer; a run before the wait is over sends nothing.
    for attempt, wait in enumerate(expected_waits, start=1):
        report = await _send(session_factory, sender, clock.now())
        row = await reload(session_factory, notification)
        assert (report.retrying, row.status, row.attempts) == (
            1,
            NotificationStatus.PENDING,
            attempt,
        )
        assert row.next_attempt_at == clock.now() + wait
        assert row.last_error == "ConnectionRefusedError: SMTP server down"
        clock.advance(wait - timedelta(seconds=1))
        assert (await _send(session_factory, sender, clock.now())).attempted == 0
        clock.advance(timedelta(seconds=1))

    last = await _send(session_factory, sender, clock.now())

    # Assert: given up after the sixth try, and never tried again.
    row = await reload(session_factory, notification)
    assert (last.failed, row.status, row.attempts) == (1, NotificationStatus.FAILED, 6)
    assert sender.calls == rules.MAX_ATTEMPTS == 6
    clock.advance(timedelta(days=30))
    assert (await _send(session_factory, sender, clock.now())).attempted == 0


async def test_send_due_succeeds_on_retry_and_clears_the_error(session_factory, clock):
    # Arrange
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)
    sender = FailingSender(failures=1)
    await _send(session_factory, sender, clock.now())
    clock.advance(timedelta(minutes=1))

    # Act
    report = await _send(session_factory, sender, clock.now())

    # Assert
    row = await reload(session_factory, notification)
    assert report.sent == 1
    assert (row.status, row.attempts, row.last_error, row.sent_at) == (
        NotificationStatus.SENT,
        2,
        None,
        clock.now(),
    )


async def test_send_due_permanent_error_fails_at_once(session_factory, clock):
    # Arrange
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)
    sender = FailingSender(error=PermanentSendError("recipients refused: 550 no such user"))

    # Act
    report = await _send(session_factory, sender, clock.now())

    # Assert
    row = await reload(session_factory, notification)
    assert (report.failed, row.status, row.attempts) == (1, NotificationStatus.FAILED, 1)
    assert "550 no such user" in (row.last_error or "")


async def test_send_due_one_failure_does_not_stop_the_batch(session_factory, clock):
    # Arrange
    now = clock.now()
    for _ in range(3):
        await enqueue_receipt(session_factory, now, await make_person(session_factory, now))
    sender = FailingSender(failures=1)

    # Act
    report = await _send(session_factory, sender, now)

    # Assert
    assert (report.sent, report.retrying, report.failed) == (2, 1, 0)
    statuses = sorted(n.status for n in await all_notifications(session_factory))
    assert statuses == [
        NotificationStatus.PENDING,
        NotificationStatus.SENT,
        NotificationStatus.SENT,
    ]


async def test_send_due_concurrent_runs_send_each_notification_once(session_factory, clock):
    # Arrange
    now = clock.now()
    users = [await make_person(session_factory, now) for _ in range(4)]
    for i in range(20):
        await enqueue_receipt(session_factory, now, users[i % 4], key=f"receipt:{i}")
    sender = RecordingSender()

    # Act: three workers, limit 8 each, at the same instant.
    reports = await asyncio.gather(
        *(_send(session_factory, sender, now, limit=8) for _ in range(3))
    )
    reports.append(await _send(session_factory, sender, now))

    # Assert
    ids = [m[NOTIFICATION_ID_HEADER] for m in sender.messages]
    assert len(ids) == len(set(ids)) == 20
    assert sum(r.sent for r in reports) == 20
    rows = await all_notifications(session_factory)
    assert {(n.status, n.attempts) for n in rows} == {(NotificationStatus.SENT, 1)}


async def test_claimed_notification_is_invisible_until_its_lease_ends(session_factory, clock):
    # Arrange: a worker claims the row, then dies before sending it.
    now = clock.now()
    user = await make_person(session_factory, now)
    notification = await enqueue_receipt(session_factory, now, user)
    async with unit_of_work(session_factory) as uow:
        [claimed] = await claim_due(uow.session, now=now, limit=10)
    sender = RecordingSender()

    # Act
    during_lease = await _send(session_factory, sender, now + LEASE - timedelta(seconds=1))
    after_lease = await _send(session_factory, sender, now + LEASE)

    # Assert: the lost try counts, and the row is sent once the lease is over.
    assert claimed.id == notification.id
    assert (during_lease.attempted, after_lease.sent) == (0, 1)
    row = await reload(session_factory, notification)
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 2)


async def test_worker_lost_during_last_try_marks_failed(session_factory, clock):
    # Arrange: five failed tries, then a worker that dies during the sixth.
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)
    sender = FailingSender()
    for wait in rules.BACKOFF:
        await _send(session_factory, sender, clock.now())
        clock.advance(wait)
    async with unit_of_work(session_factory) as uow:
        await claim_due(uow.session, now=clock.now(), limit=10)
    clock.advance(LEASE)

    # Act
    report = await _send(session_factory, sender, clock.now())

    # Assert
    row = await reload(session_factory, notification)
    assert report.attempted == 0
    assert (row.status, row.attempts, row.last_error) == (
        NotificationStatus.FAILED,
        rules.MAX_ATTEMPTS,
        LOST_WORKER_ERROR,
    )


class _CancelledOnSecond(RecordingSender):
    async def send(self, message):
        if len(self.messages) == 1:
            raise asyncio.CancelledError
        await super().send(message)


async def test_send_due_cancelled_gives_back_what_it_did_not_try(session_factory, clock):
    # Arrange
    now = clock.now()
    user = await make_person(session_factory, now)
    for i in range(4):
        await enqueue_receipt(session_factory, now, user, key=f"receipt:{i}")
    sender = _CancelledOnSecond()

    # Act
    with pytest.raises(asyncio.CancelledError):
        await _send(session_factory, sender, now)

    # Assert: one sent, one in flight keeps its lease, two are due again with no try counted.
    rows = await all_notifications(session_factory)
    states = sorted((n.status, n.attempts, n.next_attempt_at) for n in rows)
    assert states == [
        (NotificationStatus.PENDING, 0, now),
        (NotificationStatus.PENDING, 0, now),
        (NotificationStatus.PENDING, 1, now + LEASE),
        (NotificationStatus.SENT, 1, now + LEASE),
    ]
    assert (await _send(session_factory, RecordingSender(), now)).sent == 2


async def test_send_due_to_eml_files_writes_parseable_messages(session_factory, clock, tmp_path):
    # Arrange
    now = clock.now()
    for language in (Language.EN, Language.DE):
        user = await make_person(session_factory, now, language)
        async with unit_of_work(session_factory) as uow:
            await enqueue(
                uow.session,
                user=user,
                template="deadline_reminder",
                context={
                    "call_title": "AI impact",
                    "candidacy_title": "Augmented radiology",
                    "deadline_local": "2026-04-01 12:00 Europe/Paris",
                    "days_left": 7,
                },
                dedupe_key=f"reminder:J-7:{user.id}",
                now=now,
            )

    # Act
    report = await _send(session_factory, EmlFileSender(tmp_path), now)

    # Assert
    files = sorted(tmp_path.glob("*.eml"))
    assert report.sent == 2 and len(files) == 2
    rows = {str(n.id): n for n in await all_notifications(session_factory)}
    for path in files:
        parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        row = rows[parsed[NOTIFICATION_ID_HEADER]]
        assert path.name == f"{hashlib.sha256(row.dedupe_key.encode()).hexdigest()[:32]}.eml"
        assert parsed["To"] == row.email
        expected = {"en": "Reminder", "de": "Erinnerung"}[row.language.value]
        assert parsed["Subject"].startswith(expected)
        assert "Augmented radiology" in parsed.get_body(("plain",)).get_content()
        assert "Augmented radiology" in parsed.get_body(("html",)).get_content()


# --- crashes, long batches, stalled workers ------------------------------------------------


class _Crash(BaseException):
    """The process dies: nothing after it runs, no exception handler records anything."""


class _DiesAfterWriting(EmlFileSender):
    """Writes the .eml file, then the worker is killed before it can record the send."""

    async def send(self, message):
        await super().send(message)
        raise _Crash


async def test_mail_written_before_a_crash_is_written_again_once_under_the_same_name(
    session_factory, clock, tmp_path
):
    # Arrange: a worker writes the receipt mail and dies before marking it sent.
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)
    with pytest.raises(_Crash):
        await _send(session_factory, _DiesAfterWriting(tmp_path), clock.now())
    [first_file] = tmp_path.glob("*.eml")
    written_before_the_crash = first_file.read_bytes()

    # Act: another worker runs while the lease holds, then two minutes after the claim.
    clock.advance(timedelta(minutes=2) - timedelta(seconds=1))
    during_lease = await _send(session_factory, EmlFileSender(tmp_path), clock.now())
    clock.advance(timedelta(seconds=1))
    after_lease = await _send(session_factory, EmlFileSender(tmp_path), clock.now())

    # Assert: sent once more, into the same file (rewritten: its Date is the new try's).
    assert (during_lease.attempted, after_lease.sent) == (0, 1)
    assert [p.name for p in tmp_path.iterdir()] == [first_file.name]
    assert first_file.read_bytes() != written_before_the_crash
    digest = hashlib.sha256(notification.dedupe_key.encode()).hexdigest()[:32]
    assert first_file.name == f"{digest}.eml"
    parsed = email.message_from_bytes(first_file.read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == f"<{digest}@aap.example.org>"
    row = await reload(session_factory, notification)
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 2)


async def test_message_id_is_the_same_for_every_try_and_differs_between_keys(
    session_factory, clock
):
    # Arrange: the first try fails, the second one (a minute later) succeeds.
    user = await make_person(session_factory, clock.now())
    first = await enqueue_receipt(session_factory, clock.now(), user, key="receipt:v1")
    second = await enqueue_receipt(session_factory, clock.now(), user, key="receipt:v2")
    sender = FailingSender(failures=2)

    # Act
    await _send(session_factory, sender, clock.now())
    clock.advance(timedelta(minutes=1))
    await _send(session_factory, sender, clock.now())

    # Assert
    ids = {m[NOTIFICATION_ID_HEADER]: m["Message-ID"] for m in sender.messages}
    assert ids[str(first.id)] == services.message_id("receipt:v1", FROM)
    assert ids[str(second.id)] == services.message_id("receipt:v2", FROM)
    assert ids[str(first.id)] != ids[str(second.id)]
    assert services.message_id("receipt:v1", "no-reply@other.example") == (
        f"<{hashlib.sha256(b'receipt:v1').hexdigest()[:32]}@other.example>"
    )


class _SlowSender(RecordingSender):
    """Each send takes ``seconds`` on the fake clock; ``during(n)`` runs inside send n."""

    def __init__(self, clock, seconds, during=None):
        super().__init__()
        self.clock, self.seconds, self.during = clock, seconds, during or {}

    async def send(self, message):
        self.clock.advance(timedelta(seconds=self.seconds))
        if (hook := self.during.get(len(self.messages) + 1)) is not None:
            await hook()
        await super().send(message)


async def test_long_batch_renews_its_lease_so_no_other_worker_takes_its_rows(
    session_factory, clock
):
    # Arrange: four mails at 50 s each, 200 s in all, more than one lease.
    user = await make_person(session_factory, clock.now())
    for i in range(4):
        await enqueue_receipt(session_factory, clock.now(), user, key=f"receipt:{i}")
    other_worker = RecordingSender()
    reports = []

    async def another_worker_runs():
        reports.append(await _send(session_factory, other_worker, clock.now()))

    slow = _SlowSender(clock, 50, during={4: another_worker_runs})

    # Act: while the fourth mail goes out (200 s after the claim) another worker looks.
    report = await _send(session_factory, slow, clock.now(), clock=clock.now)

    # Assert
    assert report.sent == 4
    assert reports[0].attempted == 0 and other_worker.messages == []
    assert len({m[NOTIFICATION_ID_HEADER] for m in slow.messages}) == 4
    rows = await all_notifications(session_factory)
    assert {(n.status, n.attempts) for n in rows} == {(NotificationStatus.SENT, 1)}


async def test_worker_stalled_past_its_lease_does_not_send_what_another_worker_took(
    session_factory, clock
):
    # Arrange: worker A freezes for 3 minutes during its first send; meanwhile worker B
    # finds A's lease over and sends the three mails.
    user = await make_person(session_factory, clock.now())
    for i in range(3):
        await enqueue_receipt(session_factory, clock.now(), user, key=f"receipt:{i}")
    worker_b = RecordingSender()

    async def worker_b_runs():
        await _send(session_factory, worker_b, clock.now())

    worker_a = _SlowSender(clock, 180, during={1: worker_b_runs})

    # Act
    report = await _send(session_factory, worker_a, clock.now(), clock=clock.now)

    # Assert: A sent only the mail it was already sending; the rest are B's.
    assert len(worker_a.messages) == 1 and len(worker_b.messages) == 3
    assert report.attempted == 1
    rows = await all_notifications(session_factory)
    assert {n.status for n in rows} == {NotificationStatus.SENT}


class _HangingSender(RecordingSender):
    async def send(self, message):
        await asyncio.Event().wait()


async def test_send_that_hangs_counts_as_a_failed_try(session_factory, clock, monkeypatch):
    # Arrange
    monkeypatch.setattr(services, "SEND_TIMEOUT", timedelta(milliseconds=20))
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)

    # Act
    report = await asyncio.wait_for(_send(session_factory, _HangingSender(), clock.now()), 10)

    # Assert
    row = await reload(session_factory, notification)
    assert report.retrying == 1
    assert (row.status, row.attempts) == (NotificationStatus.PENDING, 1)
    assert (row.last_error or "").startswith("TimeoutError")


async def test_a_mail_to_an_address_without_account_is_sent_in_the_language_given(
    session_factory, clock
):
    # Arrange: an invitation by e-mail, to someone who has no account yet.
    now = clock.now()
    async with unit_of_work(session_factory) as uow:
        notification = await services.enqueue_to_address(
            uow.session,
            email="contact@nouveau-labo.example",
            language=Language.DE,
            template="partner_invited_by_email",
            context={
                "call_title": "Impact IA",
                "candidacy_title": "Triage",
                "lead_name": "CHU",
                "partner_name": "Nouveau Labo",
                "token": "code-123",
                "link": "https://aap.example/my/invitations/email#code=code-123",
                "expires_on": "2026-12-17 13:00",
            },
            dedupe_key="partner-invited-by-email:test",
            now=now,
        )
    assert notification is not None and notification.user_id is None
    sender = RecordingSender()

    # Act
    report = await _send(session_factory, sender, now)

    # Assert
    assert report.sent == 1
    assert sender.recipients == ["contact@nouveau-labo.example"]
    [message] = sender.messages
    assert message["Subject"].startswith("Einladung")
    assert "code-123" in message.get_body(("plain",)).get_content()
    row = await reload(session_factory, notification)
    assert row.context["token"] == "[sent]"  # the code lives on in the mail only
