"""The candidacies domain's expected failures as GraphQL types, and how each is built."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backend.candidacies import errors
from graphql_schema.errors import Error, ErrorType, FieldProblem, plain


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


ERROR_TYPES: tuple[ErrorType[Any], ...] = (
    ErrorType(
        errors.DeadlinePassed,
        lambda exc: DeadlinePassedError(
            code=exc.code,
            message=exc.message,
            deadline_at=exc.deadline,
            deadline_local=exc.deadline_local,
            server_time=exc.now,
        ),
    ),
    plain(errors.CallNotOpen, CallNotOpenError),
    ErrorType(
        errors.CandidacyNotEditable,
        lambda exc: CandidacyNotEditableError(
            code=exc.code, message=exc.message, status=exc.status.value
        ),
    ),
    ErrorType(
        errors.SubmissionRejected,
        lambda exc: SubmissionRejectedError(
            code=exc.code,
            message=exc.message,
            problems=[FieldProblem.from_problem(p) for p in exc.problems],
        ),
    ),
)
