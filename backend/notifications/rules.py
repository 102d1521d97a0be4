"""Pure rules of the outbox: how long to wait after a failure, when to give up.

Which notifications are due is decided in SQL, where they are claimed
(``services.claim_due``).
"""

from __future__ import annotations

from datetime import timedelta

BACKOFF: tuple[timedelta, ...] = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
"""Wait after the 1st, 2nd, ... failed attempt; after the last one the notification FAILS."""

MAX_ATTEMPTS = len(BACKOFF) + 1


def retry_delay(attempts: int) -> timedelta | None:
    """The wait before the next try after ``attempts`` tries, or None when it is time to give up."""
    if attempts < 1:
        raise ValueError("retry_delay needs the number of attempts made (>= 1)")
    return BACKOFF[attempts - 1] if attempts <= len(BACKOFF) else None
