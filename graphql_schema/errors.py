"""Expected failures as GraphQL types, members of each mutation's result union.

Every error implements the ``Error`` interface with a stable ``code``; front-ends switch on
``__typename`` or ``code``. :func:`to_error` maps a domain exception to its GraphQL type.
The errors of ``backend.core`` are shown by the types here; each domain's GraphQL package
declares its own (``graphql_schema/<domain>/errors.py``); ``graphql_schema.domains`` gathers
them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay
from strawberry.relay import GlobalIDValueError

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
    organisation_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The organisation of the consortium the problem concerns (e.g."
        " PARTNER_DECLINED, PARTNER_SHARE_MISMATCH); null for other problems and for an"
        " organisation invited by e-mail, not on the platform yet.",
    )
    organisation_name: str | None = strawberry.field(
        default=None,
        description="The name of the organisation the problem concerns, as the platform (or"
        " the e-mail invitation) has it: for a message in the reader's language.",
    )
    country: str | None = strawberry.field(
        default=None,
        description="PARTNER_COUNTRY: the country (ISO 3166-1 alpha-2) the consortium needs"
        " `minimum` partners from; null for other problems.",
    )
    minimum: int | None = strawberry.field(
        default=None,
        description="The call's lower bound the problem is about (PARTNER_COUNTRY and"
        " PARTNER_COUNT: partners; DURATION: months); null when there is none.",
    )
    maximum: int | None = strawberry.field(
        default=None,
        description="The call's upper bound the problem is about (PARTNER_COUNT: partners;"
        " DURATION: months); null when there is none.",
    )

    @classmethod
    def from_problem(cls, problem: core_errors.FieldProblem | SubmissionProblem) -> FieldProblem:
        """The one GraphQL shape of the domain's field problems (input or submission)."""
        if not isinstance(problem, SubmissionProblem):
            return cls(field=problem.field, code=problem.code, message=problem.message)
        org_id = problem.organisation_id
        return cls(
            field=problem.field,
            code=problem.code,
            message=problem.message,
            organisation_id=relay.GlobalID("Organisation", str(org_id)) if org_id else None,
            organisation_name=problem.organisation_name,
            country=problem.country,
            minimum=problem.minimum,
            maximum=problem.maximum,
        )


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


@strawberry.type(
    description="What you changed was changed by someone else since you read it (the token"
    " you sent, e.g. Candidacy.budgetToken, no longer matches): nothing was changed. Read it"
    " again, then save what you still mean to."
)
class EditConflictError(Error):
    pass


@strawberry.type
class UploadRejectedError(Error):
    """Too large, not an accepted type (judged from the content), corrupt or encrypted."""


E = TypeVar("E", bound=core_errors.DomainError)


@dataclass(frozen=True)
class ErrorType(Generic[E]):
    """How one domain error is shown in a mutation's result union: the GraphQL value built
    from the exception. Each domain's GraphQL package declares its own (``<domain>/errors.py``)."""

    domain_error: type[E]
    build: Callable[[E], Error]


def plain(domain_error: type[E], graphql_type: Callable[..., Error]) -> ErrorType[E]:
    """A domain error shown with its code and message only."""
    return ErrorType(domain_error, lambda exc: graphql_type(code=exc.code, message=exc.message))


ErrorTypes = Mapping[type[core_errors.DomainError], ErrorType[Any]]
"""Every domain error the API shows, by class (``graphql_schema.domains.ERROR_TYPES``)."""


def error_types(*groups: Iterable[ErrorType[Any]]) -> ErrorTypes:
    """One mapping from the domains' declarations; a class declared twice is a bug."""
    merged: dict[type[core_errors.DomainError], ErrorType[Any]] = {}
    for group in groups:
        for error_type in group:
            if error_type.domain_error in merged:
                raise ValueError(f"{error_type.domain_error.__name__} is mapped twice")
            merged[error_type.domain_error] = error_type
    return MappingProxyType(merged)


def to_error(exc: core_errors.DomainError, types: ErrorTypes) -> Error:
    """The GraphQL value for a domain error (of its nearest mapped class); an unmapped class
    is a bug and is re-raised."""
    for cls in type(exc).__mro__:
        error_type = types.get(cls)
        if error_type is not None:
            return error_type.build(exc)
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

CORE_ERROR_TYPES: tuple[ErrorType[Any], ...] = (
    ErrorType(
        core_errors.InvalidInput,
        lambda exc: InvalidInputError(
            code=exc.code,
            message=exc.message,
            field_errors=[FieldProblem.from_problem(p) for p in exc.problems],
        ),
    ),
    plain(core_errors.NotFound, NotFoundError),
    plain(core_errors.PermissionDenied, PermissionDeniedError),
    plain(core_errors.AuthenticationRequired, AuthenticationRequiredError),
    plain(core_errors.EditConflict, EditConflictError),
    plain(uploads.UploadRejected, UploadRejectedError),
)
"""The errors of ``backend.core``, which every domain may raise."""


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
