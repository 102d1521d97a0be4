"""Base classes for expected failures.

Domain services raise subclasses of :class:`DomainError`; each carries a stable ``code`` that
front-ends may switch on. The GraphQL layer turns them into members of a mutation's result
union. Anything else is a bug and is masked before it reaches a client.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    code: str = "DOMAIN_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NOT_FOUND_MESSAGE = "not found, or not yours to see"
"""The one message of every not-found, whatever the cause (no such row, an id of another type,
a malformed id, a row the actor may not read): a different wording per cause would tell a
caller which ids exist."""


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it does.

    Its message is always :data:`NOT_FOUND_MESSAGE`; what the raiser knew (``detail``) stays
    on the server, for logs and tests.
    """

    code = "NOT_FOUND"

    def __init__(self, detail: str = "") -> None:
        super().__init__(NOT_FOUND_MESSAGE)
        self.detail = detail


class PermissionDenied(DomainError):
    code = "PERMISSION_DENIED"


class AuthenticationRequired(DomainError):
    code = "AUTHENTICATION_REQUIRED"


class EditConflict(DomainError):
    """The object changed since the client read it (the token it sent no longer matches):
    nothing was changed; read it again, then decide. Optimistic concurrency between two people
    editing the same thing, where the last save would otherwise silently undo the first."""

    code = "EDIT_CONFLICT"


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str
    code: str = "INVALID"


@dataclass
class InvalidInput(DomainError):
    """One or more input fields are wrong; every problem is listed at once."""

    problems: list[FieldProblem] = field(default_factory=list)
    code = "INVALID_INPUT"

    def __post_init__(self) -> None:
        summary = "; ".join(f"{p.field}: {p.message}" for p in self.problems)
        super().__init__(summary or "invalid input")

    @classmethod
    def single(cls, field_name: str, message: str, code: str = "INVALID") -> InvalidInput:
        return cls([FieldProblem(field_name, message, code)])
