"""Expected failures of the sign-up and reset flows."""

from __future__ import annotations

from backend.core.errors import DomainError


class InvalidCode(DomainError):
    """An unknown, used or expired code: deliberately silent about which."""

    code = "INVALID_CODE"

    def __init__(self) -> None:
        super().__init__("this link is invalid or has expired: ask for a new one")
