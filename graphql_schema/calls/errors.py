"""The calls domain's expected failures as GraphQL types, and how each is built."""

from __future__ import annotations

from typing import Any

import strawberry

from backend.calls import errors
from backend.calls.enums import CallStatus
from graphql_schema.errors import Error, ErrorType, plain


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


ERROR_TYPES: tuple[ErrorType[Any], ...] = (
    ErrorType(
        errors.InvalidTransition,
        lambda exc: InvalidTransitionError(
            code=exc.code,
            message=exc.message,
            current_status=exc.current,
            requested_status=exc.requested,
        ),
    ),
    ErrorType(
        errors.CallStructureFrozen,
        lambda exc: CallStructureFrozenError(
            code=exc.code, message=exc.message, frozen_fields=exc.fields
        ),
    ),
    plain(errors.CallReferenceTaken, CallReferenceTakenError),
)
