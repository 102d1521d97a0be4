from enum import StrEnum


class CallKind(StrEnum):
    AAP = "AAP"
    """Appel à projets: a call for projects."""
    AMI = "AMI"
    """Appel à manifestation d'intérêt: a call for expressions of interest."""
    JOINT = "JOINT"
    """A multi-funder call, such as the Franco-German one."""


class CallStatus(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    IN_EVALUATION = "IN_EVALUATION"
    DECIDED = "DECIDED"
    ARCHIVED = "ARCHIVED"


ALLOWED_TRANSITIONS: dict[CallStatus, frozenset[CallStatus]] = {
    CallStatus.DRAFT: frozenset({CallStatus.PUBLISHED}),
    CallStatus.PUBLISHED: frozenset({CallStatus.OPEN}),
    CallStatus.OPEN: frozenset({CallStatus.CLOSED}),
    CallStatus.CLOSED: frozenset({CallStatus.IN_EVALUATION}),
    CallStatus.IN_EVALUATION: frozenset({CallStatus.DECIDED}),
    CallStatus.DECIDED: frozenset({CallStatus.ARCHIVED}),
    CallStatus.ARCHIVED: frozenset(),
}

RUNNING_STATUSES = frozenset({CallStatus.PUBLISHED, CallStatus.OPEN})
"""Stored statuses that the clock overrides: between ``opens_at`` and the deadline such a call
is OPEN, from the deadline on it is CLOSED, whether or not a worker has moved it yet."""

PUBLIC_STATUSES = frozenset(set(CallStatus) - {CallStatus.DRAFT})
STRUCTURE_FROZEN_STATUSES = frozenset(
    {
        CallStatus.OPEN,
        CallStatus.CLOSED,
        CallStatus.IN_EVALUATION,
        CallStatus.DECIDED,
        CallStatus.ARCHIVED,
    }
)


class CoFundingStatus(StrEnum):
    """A funder's answer to being named on a call; the programme's own funder is ACCEPTED."""

    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


class QuestionKind(StrEnum):
    TEXT = "TEXT"
    NUMBER = "NUMBER"
    DATE = "DATE"
    CHOICE = "CHOICE"
    MULTI_CHOICE = "MULTI_CHOICE"
    FILE = "FILE"
    YES_NO = "YES_NO"


CHOICE_KINDS = frozenset({QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE})
