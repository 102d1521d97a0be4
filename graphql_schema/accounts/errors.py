"""The accounts domain's expected failures as GraphQL types, and how each is built."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backend.accounts import errors
from graphql_schema.errors import Error, ErrorType, plain


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


ERROR_TYPES: tuple[ErrorType[Any], ...] = (
    plain(errors.InvalidCredentials, InvalidCredentialsError),
    ErrorType(
        errors.TooManyAttempts,
        lambda exc: TooManyAttemptsError(
            code=exc.code,
            message=exc.message,
            retry_at=exc.retry_at,
            retry_after_seconds=exc.retry_after_seconds,
        ),
    ),
    plain(errors.EmailAlreadyUsed, EmailAlreadyUsedError),
    plain(errors.AlreadyMember, AlreadyMemberError),
)
