"""Notification job: send what the outbox has due, through SMTP or to ``.eml`` files."""

from __future__ import annotations

import logging
from typing import Any

from arq.worker import func

from backend.notifications.senders import sender_from_settings
from backend.notifications.services import send_due
from workers.registration import WorkerJobs, scheduled

log = logging.getLogger(__name__)

BATCH_SIZE = 100
MAX_BATCHES = 5
"""Batches per run: a backlog drains over a few runs instead of outliving the job timeout."""


async def send_notifications(ctx: dict[str, Any]) -> int:
    """Send due notifications, batch after batch while batches come back full; returns sent.

    Safe to run twice at once or to re-run: rows are claimed before they are sent (see
    :func:`backend.notifications.services.send_due`).
    """
    settings = ctx["settings"]
    sender = sender_from_settings(settings)
    sent = 0
    for _ in range(MAX_BATCHES):
        report = await send_due(
            ctx["session_factory"],
            sender=sender,
            now=ctx["clock"].now(),
            limit=BATCH_SIZE,
            from_address=settings.smtp_from,
        )
        sent += report.sent
        if report.attempted:
            log.info(
                "notifications sent",
                extra={"sent": report.sent, "retrying": report.retrying, "failed": report.failed},
            )
        if report.attempted < BATCH_SIZE:
            break
    return sent


JOBS = WorkerJobs(
    functions=(func(send_notifications),),
    cron_jobs=(scheduled(send_notifications, second=30),),
)
