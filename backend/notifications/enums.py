from enum import StrEnum


class NotificationStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    """Gave up after the last retry; kept for a manager to look at."""
