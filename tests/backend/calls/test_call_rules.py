"""Who may do what with calls, and what a call's status allows: each predicate of
``calls.rules`` as a table of actor kinds (``tests.support.actors``) or call states against
objects and instants, in memory."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from backend.calls.enums import CallKind, CallStatus
from backend.calls.models import Call
from backend.calls.rules import (
    can_answer_co_funding,
    can_create_call_for,
    can_manage_call,
    can_register_funder,
    can_transition,
    effective_status,
    is_open,
    is_structure_frozen,
    is_structure_settled,
)
from tests.support.actors import (
    ACTORS,
    CALL_FUNDER_IDS,
    FUNDER,
    OTHER_FUNDER,
    PENDING_CO_FUNDER,
    cases,
    cells,
)

T, F = True, False
OPENS = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 6, 30, 10, 0, tzinfo=UTC)
MOMENTS = {
    "before_opening": OPENS - timedelta(seconds=1),
    "at_opening": OPENS,
    "last_second": DEADLINE - timedelta(seconds=1),
    "at_deadline": DEADLINE,
}
S = CallStatus


def a_call(status: CallStatus) -> Call:
    return Call(
        id=uuid.uuid4(),
        programme_id=uuid.uuid4(),
        reference="RULES-2026",
        kind=CallKind.AAP,
        status=status,
        title={"fr": "Appel"},
        budget_envelope_cents=1_000_000_00,
        timezone="Europe/Paris",
        opens_at=OPENS,
        deadline_at=DEADLINE,
        created_at=OPENS - timedelta(days=30),
        updated_at=OPENS - timedelta(days=30),
    )


ONLY_ADMINS = {name: (name == "platform_admin",) for name in ACTORS}

FUNDED_BY = {"this_call": CALL_FUNDER_IDS, "other_funders_call": frozenset({OTHER_FUNDER})}
#                  this_call, other_funders_call
MANAGE_CALL = {
    "platform_admin": (T, T),
    "funder_manager": (T, F),
    "co_funder_manager": (T, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, T),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (F, F),
    "lead_member": (F, F),
    "partner_member": (F, F),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

PROGRAMME_OF = {"funders_programme": FUNDER, "other_funders_programme": OTHER_FUNDER}
#                     funders_programme, other_funders_programme
CREATE_CALL_FOR = {
    "platform_admin": (T, T),
    "funder_manager": (T, F),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, T),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (F, F),
    "lead_member": (F, F),
    "partner_member": (F, F),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

CO_FUNDING_OF = {"invited_funder": PENDING_CO_FUNDER, "programme_funder": FUNDER}
#                         invited_funder, programme_funder
ANSWER_CO_FUNDING = {
    "platform_admin": (F, F),  # consent is the funder's own, not an admin's
    "funder_manager": (F, T),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (T, F),
    "other_funder_manager": (F, F),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (F, F),
    "lead_member": (F, F),
    "partner_member": (F, F),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

FORWARD_STEPS = {
    (S.DRAFT, S.PUBLISHED),
    (S.PUBLISHED, S.OPEN),
    (S.OPEN, S.CLOSED),
    (S.CLOSED, S.IN_EVALUATION),
    (S.IN_EVALUATION, S.DECIDED),
    (S.DECIDED, S.ARCHIVED),
}

#              before_opening, at_opening, last_second, at_deadline
STRUCTURE_FROZEN = {
    S.DRAFT: (F, F, F, F),
    S.PUBLISHED: (F, T, T, T),  # by the clock, before the opening job has run
    S.OPEN: (T, T, T, T),  # stored OPEN never goes back
    S.CLOSED: (T, T, T, T),
    S.IN_EVALUATION: (T, T, T, T),
    S.DECIDED: (T, T, T, T),
    S.ARCHIVED: (T, T, T, T),
}

#     before_opening, at_opening, last_second, at_deadline
OPEN = {
    S.DRAFT: (F, F, F, F),
    S.PUBLISHED: (F, T, T, F),
    S.OPEN: (F, T, T, F),
    S.CLOSED: (F, F, F, F),
    S.IN_EVALUATION: (F, F, F, F),
    S.DECIDED: (F, F, F, F),
    S.ARCHIVED: (F, F, F, F),
}

#                 before_opening, at_opening, last_second, at_deadline
EFFECTIVE_STATUS = {
    S.DRAFT: (S.DRAFT, S.DRAFT, S.DRAFT, S.DRAFT),
    S.PUBLISHED: (S.PUBLISHED, S.OPEN, S.OPEN, S.CLOSED),
    S.OPEN: (S.PUBLISHED, S.OPEN, S.OPEN, S.CLOSED),
    S.CLOSED: (S.CLOSED, S.CLOSED, S.CLOSED, S.CLOSED),
    S.IN_EVALUATION: (S.IN_EVALUATION,) * 4,
    S.DECIDED: (S.DECIDED,) * 4,
    S.ARCHIVED: (S.ARCHIVED,) * 4,
}


@pytest.mark.parametrize(("actor", "column", "expected"), cases(ONLY_ADMINS, ["funder"]))
def test_can_register_funder(actor, column, expected):
    assert can_register_funder(ACTORS[actor]) is expected


@pytest.mark.parametrize(("actor", "call", "expected"), cases(MANAGE_CALL, list(FUNDED_BY)))
def test_can_manage_call(actor, call, expected):
    assert can_manage_call(ACTORS[actor], FUNDED_BY[call]) is expected


@pytest.mark.parametrize(
    ("actor", "programme", "expected"), cases(CREATE_CALL_FOR, list(PROGRAMME_OF))
)
def test_can_create_call_for(actor, programme, expected):
    assert can_create_call_for(ACTORS[actor], PROGRAMME_OF[programme]) is expected


@pytest.mark.parametrize(
    ("actor", "funder", "expected"), cases(ANSWER_CO_FUNDING, list(CO_FUNDING_OF))
)
def test_can_answer_co_funding(actor, funder, expected):
    assert can_answer_co_funding(ACTORS[actor], CO_FUNDING_OF[funder]) is expected


@pytest.mark.parametrize("current", list(CallStatus))
@pytest.mark.parametrize("requested", list(CallStatus))
def test_can_transition(current, requested):
    assert can_transition(current, requested) is ((current, requested) in FORWARD_STEPS)


@pytest.mark.parametrize(("status", "moment", "expected"), cells(STRUCTURE_FROZEN, list(MOMENTS)))
def test_is_structure_frozen(status, moment, expected):
    assert is_structure_frozen(a_call(status), now=MOMENTS[moment]) is expected


STRUCTURE_SETTLED = {
    S.DRAFT: F,
    S.PUBLISHED: F,
    S.OPEN: T,
    S.CLOSED: T,
    S.IN_EVALUATION: T,
    S.DECIDED: T,
    S.ARCHIVED: T,
}
"""By the stored status alone: a PUBLISHED call past its opening is frozen by the clock
(``is_structure_frozen``) but not yet settled, whatever the moment."""


@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize(("status", "expected"), list(STRUCTURE_SETTLED.items()))
def test_is_structure_settled(status, expected, moment):
    call = a_call(status)
    assert is_structure_settled(call) is expected
    if expected:
        assert is_structure_frozen(call, now=MOMENTS[moment])


@pytest.mark.parametrize(("status", "moment", "expected"), cells(OPEN, list(MOMENTS)))
def test_is_open(status, moment, expected):
    assert is_open(a_call(status), now=MOMENTS[moment]) is expected


@pytest.mark.parametrize(("status", "moment", "expected"), cells(EFFECTIVE_STATUS, list(MOMENTS)))
def test_effective_status(status, moment, expected):
    assert effective_status(a_call(status), now=MOMENTS[moment]) is expected
