from __future__ import annotations

from datetime import datetime

from backend.core.errors import DomainError


class InvalidCredentials(DomainError):
    """Wrong email or password; deliberately silent about which."""

    code = "INVALID_CREDENTIALS"

    def __init__(self) -> None:
        super().__init__("email or password is incorrect")


class LoginLocked(DomainError):
    code = "LOGIN_LOCKED"

    def __init__(self, until: datetime) -> None:
        super().__init__(f"too many failed attempts; try again after {until.isoformat()}")
        self.until = until


class EmailAlreadyUsed(DomainError):
    code = "EMAIL_ALREADY_USED"

    def __init__(self, email: str) -> None:
        super().__init__(f"an account already uses {email}")


class AlreadyMember(DomainError):
    code = "ALREADY_MEMBER"

    def __init__(self) -> None:
        super().__init__("this user is already a member of the organisation")
