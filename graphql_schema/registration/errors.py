"""The registration domain's expected failures as GraphQL types."""

from __future__ import annotations

from typing import Any

import strawberry

from backend.registration import errors
from graphql_schema.errors import Error, ErrorType, plain


@strawberry.type(
    description="The link's code is unknown, used or expired (which, it does not say): ask "
    "for a new one."
)
class InvalidCodeError(Error):
    pass


ERROR_TYPES: tuple[ErrorType[Any], ...] = (plain(errors.InvalidCode, InvalidCodeError),)
