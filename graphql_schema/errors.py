"""Expected failures as GraphQL types, members of each mutation's result union.

Every error implements the ``Error`` interface with a stable ``code``; front-ends switch on
``__typename`` or ``code``. :func:`to_error` maps a domain exception to its GraphQL type.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.relay import GlobalIDValueError

from backend.accounts import errors as account_errors
from backend.calls import errors as call_errors
from backend.calls.enums import CallStatus
from backend.candidacies import errors as candidacy_errors
from backend.candidacies.errors import SubmissionProblem
from backend.core import errors as core_errors
from backend.core import uploads


@strawberry.interface(description="An expected failure: nothing was changed.")
class Error:
    code: str
    message: str


@strawberry.type(
    description="A problem with one field: of a mutation's input (InvalidInputError), of a"
    " candidacy refused at submission (SubmissionRejectedError) or found by submissionCheck."
)
class FieldProblem:
    field: str = strawberry.field(
        description="Path of the field, e.g. questions[2].key or answers.summary; empty when"
        " the problem is with the whole object."
    )
    code: str = strawberry.field(description="Stable, for programs: e.g. TOO_LONG, MISSING_ANSWER.")
    message: str = strawberry.field(description="For people, in English.")

    @classmethod
    def from_problem(cls, problem: core_errors.FieldProblem | SubmissionProblem) -> FieldProblem:
        """The one GraphQL shape of the domain's field problems (input or submission)."""
        return cls(field=problem.field, code=problem.code, message=problem.message)


@strawberry.type
class InvalidInputError(Error):
    field_errors: list[FieldProblem]


@strawberry.type(
    description="No such object, or not one you may see: a missing id, an id of another type,"
    " a malformed id and a hidden object all get this one code and message (reads by id"
    " answer null instead; downloads answer HTTP 404 with the same code and message)."
)
class NotFoundError(Error):
    pass


@strawberry.type
class PermissionDeniedError(Error):
    pass


@strawberry.type
class AuthenticationRequiredError(Error):
    pass


@strawberry.type
class InvalidCredentialsError(Error):
    pass


@strawberry.type(
    description="This client address has used its login attempts for now; no account is locked."
)
class TooManyAttemptsError(Error):
    retry_at: datetime = strawberry.field(description="When a new attempt will be admitted.")
    retry_after_seconds: int = strawberry.field(description="Seconds until retryAt, rounded up.")


@strawberry.type
class EmailAlreadyUsedError(Error):
    pass


@strawberry.type
class AlreadyMemberError(Error):
    pass


@strawberry.type
class InvalidTransitionError(Error):
    current_status: CallStatus
    requested_status: CallStatus


@strawberry.type
class CallStructureFrozenError(Error):
    frozen_fields: list[str]


@strawberry.type
class CallReferenceTakenError(Error):
    pass


@strawberry.type
class DeadlinePassedError(Error):
    deadline_at: datetime
    deadline_local: datetime = strawberry.field(description="The deadline in the call's zone.")
    server_time: datetime = strawberry.field(description="The server clock when it refused.")


@strawberry.type
class CallNotOpenError(Error):
    pass


@strawberry.type
class CandidacyNotEditableError(Error):
    status: str


@strawberry.type
class SubmissionRejectedError(Error):
    problems: list[FieldProblem]


@strawberry.type
class UploadRejectedError(Error):
    """Too large, not an accepted type (judged from the content), corrupt or encrypted."""


def to_error(exc: core_errors.DomainError) -> Error:
    """The GraphQL value for a domain error; an unmapped class is a bug and is re-raised."""
    code, message = exc.code, exc.message
    match exc:
        case core_errors.InvalidInput():
            return InvalidInputError(
                code=code,
                message=message,
                field_errors=[FieldProblem.from_problem(p) for p in exc.problems],
            )
        case core_errors.NotFound():
            return NotFoundError(code=code, message=message)
        case core_errors.PermissionDenied():
            return PermissionDeniedError(code=code, message=message)
        case core_errors.AuthenticationRequired():
            return AuthenticationRequiredError(code=code, message=message)
        case account_errors.InvalidCredentials():
            return InvalidCredentialsError(code=code, message=message)
        case account_errors.TooManyAttempts():
            return TooManyAttemptsError(
                code=code,
                message=message,
                retry_at=exc.retry_at,
                retry_after_seconds=exc.retry_after_seconds,
            )
        case account_errors.EmailAlreadyUsed():
            return EmailAlreadyUsedError(code=code, message=message)
        case account_errors.AlreadyMember():
            return AlreadyMemberError(code=code, message=message)
        case call_errors.InvalidTransition():
            return InvalidTransitionError(
                code=code,
                message=message,
                current_status=exc.current,
                requested_status=exc.requested,
            )
        case call_errors.CallStructureFrozen():
            return CallStructureFrozenError(code=code, message=message, frozen_fields=exc.fields)
        case call_errors.CallReferenceTaken():
            return CallReferenceTakenError(code=code, message=message)
    return _candidacy_error(exc)


def _candidacy_error(exc: core_errors.DomainError) -> Error:
    code, message = exc.code, exc.message
    match exc:
        case candidacy_errors.DeadlinePassed():
            return DeadlinePassedError(
                code=code,
                message=message,
                deadline_at=exc.deadline,
                deadline_local=exc.deadline_local,
                server_time=exc.now,
            )
        case uploads.UploadRejected():
            return UploadRejectedError(code=code, message=message)
        case candidacy_errors.CallNotOpen():
            return CallNotOpenError(code=code, message=message)
        case candidacy_errors.CandidacyNotEditable():
            return CandidacyNotEditableError(code=code, message=message, status=exc.status.value)
        case candidacy_errors.SubmissionRejected():
            return SubmissionRejectedError(
                code=code,
                message=message,
                problems=[FieldProblem.from_problem(p) for p in exc.problems],
            )
    raise exc


class IdNotFound(
    strawberry.ExceptionHandler[GlobalIDValueError | core_errors.NotFound, NotFoundError]
):
    """An id argument that is no global ID at all is not found, like any other unknown id.

    strawberry parses ``ID`` arguments typed as global IDs before the resolver runs, and
    would answer a malformed one with a GraphQL error of its own; every field whose result
    union has ``NotFoundError`` (every mutation taking an id) answers it instead, with the
    one not-found message.
    """

    def handle(self, exception: Exception, *, field: Any, info: Any) -> NotFoundError:
        return NotFoundError(code=core_errors.NotFound.code, message=core_errors.NOT_FOUND_MESSAGE)


COMMON_ERRORS = (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    AuthenticationRequiredError,
)


class InvalidArgument(Exception):
    """A bad argument on a query field, reported as a GraphQL error that is not masked."""

    def __init__(self, problems: list[FieldProblem], code: str = "INVALID_INPUT") -> None:
        super().__init__(
            "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems)
        )
        self.extensions = {
            "code": code,
            "fieldErrors": [
                {"field": p.field, "message": p.message, "code": p.code} for p in problems
            ],
        }


def query_error(exc: core_errors.DomainError) -> InvalidArgument:
    """Queries have no result union: their expected failures become GraphQL errors, whose
    ``extensions.code`` is the domain error's (``NOT_FOUND`` is not ``INVALID_INPUT``)."""
    if isinstance(exc, core_errors.InvalidInput):
        return InvalidArgument([FieldProblem.from_problem(p) for p in exc.problems])
    return InvalidArgument([FieldProblem(field="", message=exc.message, code=exc.code)], exc.code)
