from __future__ import annotations

from backend.calls.enums import CallStatus
from backend.core.errors import DomainError


class InvalidTransition(DomainError):
    code = "INVALID_TRANSITION"

    def __init__(self, current: CallStatus, requested: CallStatus) -> None:
        super().__init__(f"a {current.value} call cannot become {requested.value}")
        self.current = current
        self.requested = requested


class CallStructureFrozen(DomainError):
    """Once a call is OPEN its form, grid, rules, budget and timeline no longer change."""

    code = "CALL_STRUCTURE_FROZEN"

    def __init__(self, status: CallStatus, fields: list[str]) -> None:
        super().__init__(
            f"the call is {status.value}: {', '.join(fields)} can no longer change"
            " (extend the deadline with extendCallDeadline)"
        )
        self.fields = fields


class CallReferenceTaken(DomainError):
    code = "CALL_REFERENCE_TAKEN"

    def __init__(self, reference: str) -> None:
        super().__init__(f"another call already has the reference {reference}")
