from __future__ import annotations

import math
from datetime import datetime

from backend.core.errors import DomainError


class InvalidCredentials(DomainError):
    """Wrong email or password; deliberately silent about which."""

    code = "INVALID_CREDENTIALS"

    def __init__(self) -> None:
        super().__init__("email or password is incorrect")


class TooManyAttempts(DomainError):
    """This client address has used its login attempts (for this email, or for all) for now.

    Said the same way whether the email has an account or not, and before any password check.
    """

    code = "TOO_MANY_ATTEMPTS"

    def __init__(self, retry_at: datetime, *, now: datetime) -> None:
        super().__init__(f"too many login attempts; try again at {retry_at.isoformat()}")
        self.retry_at = retry_at
        self.retry_after_seconds = max(1, math.ceil((retry_at - now).total_seconds()))


class EmailAlreadyUsed(DomainError):
    code = "EMAIL_ALREADY_USED"

    def __init__(self, email: str) -> None:
        super().__init__(f"an account already uses {email}")


class AlreadyMember(DomainError):
    code = "ALREADY_MEMBER"

    def __init__(self) -> None:
        super().__init__("this user is already a member of the organisation")
