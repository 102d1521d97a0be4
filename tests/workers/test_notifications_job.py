"""The send_notifications job: settings choose the sender, batches drain, re-runs send nothing."""

from __future__ import annotations

import email
import hashlib
from email import policy

import pytest

from backend.notifications.enums import NotificationStatus
from tests.backend.notifications.outbox_support import (
    SmtpTestServer,
    all_notifications,
    enqueue_receipt,
    make_person,
)
from workers import notifications as job


def _ctx(settings, session_factory, clock) -> dict:
    return {"settings": settings, "session_factory": session_factory, "clock": clock}


async def test_send_notifications_without_smtp_writes_eml_files(
    settings, session_factory, clock, tmp_path
):
    # Arrange
    outbox = tmp_path / "outbox"
    settings = settings.model_copy(update={"outbox_dir": outbox, "smtp_from": "aap@example.org"})
    user = await make_person(session_factory, clock.now())
    notification = await enqueue_receipt(session_factory, clock.now(), user)
    ctx = _ctx(settings, session_factory, clock)

    # Act
    first = await job.send_notifications(ctx)
    second = await job.send_notifications(ctx)

    # Assert
    assert (first, second) == (1, 0)
    [path] = outbox.glob("*.eml")
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["To"] == user.email
    assert parsed["From"] == "aap@example.org"
    digest = hashlib.sha256(notification.dedupe_key.encode()).hexdigest()[:32]
    assert path.name == f"{digest}.eml"
    assert parsed["Message-ID"] == f"<{digest}@example.org>"


async def test_send_notifications_with_smtp_host_delivers_through_smtp(
    settings, session_factory, clock
):
    # Arrange
    server = await SmtpTestServer().start()
    settings = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_starttls": False}
    )
    users = [await make_person(session_factory, clock.now()) for _ in range(2)]
    for user in users:
        await enqueue_receipt(session_factory, clock.now(), user)

    # Act
    try:
        sent = await job.send_notifications(_ctx(settings, session_factory, clock))
    finally:
        await server.stop()

    # Assert
    assert sent == 2
    assert sorted(r for mail in server.mails for r in mail.recipients) == sorted(
        u.email for u in users
    )
    statuses = {n.status for n in await all_notifications(session_factory)}
    assert statuses == {NotificationStatus.SENT}


async def test_send_notifications_drains_several_batches(
    settings, session_factory, clock, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    # Arrange
    monkeypatch.setattr(job, "BATCH_SIZE", 2)
    settings = settings.model_copy(update={"outbox_dir": tmp_path})
    user = await make_person(session_factory, clock.now())
    for i in range(5):
        await enqueue_receipt(session_factory, clock.now(), user, key=f"receipt:{i}")

    # Act
    sent = await job.send_notifications(_ctx(settings, session_factory, clock))

    # Assert
    assert sent == 5
    assert len(list(tmp_path.glob("*.eml"))) == 5
