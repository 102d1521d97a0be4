from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from backend.candidacies.enums import CandidacyStatus
from backend.core.errors import DomainError


class DeadlinePassed(DomainError):
    """The server clock says the deadline has come: exact to the second, in the call's zone."""

    code = "DEADLINE_PASSED"

    def __init__(self, deadline: datetime, now: datetime, deadline_local: datetime) -> None:
        super().__init__(
            f"the deadline was {deadline_local.isoformat()}; the server time is {now.isoformat()}"
        )
        self.deadline = deadline
        self.now = now
        self.deadline_local = deadline_local


class CallNotOpen(DomainError):
    code = "CALL_NOT_OPEN"

    def __init__(self) -> None:
        super().__init__("this call is not accepting candidacies")


class CandidacyNotEditable(DomainError):
    code = "CANDIDACY_NOT_EDITABLE"

    def __init__(self, status: CandidacyStatus) -> None:
        super().__init__(f"a {status.value} candidacy can no longer change")
        self.status = status


@dataclass(frozen=True)
class SubmissionProblem:
    """One reason a candidacy cannot be submitted; ``field`` points at what to fix.

    A problem with one partner names it: ``organisation_name`` (as the platform or the e-mail
    invitation knows it) and ``organisation_id`` (None for an organisation invited by e-mail,
    not on the platform yet), so a front-end says which one in the reader's language. A
    problem with one of the call's bounds gives them (``minimum``, ``maximum``, and the
    ``country`` a partner count is required from), so it can say what to reach, not only
    that something is wrong.
    """

    code: str
    message: str
    field: str = ""
    organisation_id: uuid.UUID | None = None
    organisation_name: str | None = None
    country: str | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass
class SubmissionRejected(DomainError):
    """Every problem found at once: missing answers, eligibility rules, budget, documents."""

    problems: list[SubmissionProblem] = field(default_factory=list)
    code = "SUBMISSION_REJECTED"

    def __post_init__(self) -> None:
        super().__init__(f"{len(self.problems)} problem(s) prevent the submission")
