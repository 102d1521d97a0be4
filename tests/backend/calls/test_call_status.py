"""The status write under every transition, and the error it raises: only the lifecycle
calls it (``pyproject.toml``'s protected contract), and it refuses any step outside
``ALLOWED_TRANSITIONS`` whoever asks."""

from __future__ import annotations

import itertools

import pytest

from backend.calls import status
from backend.calls.enums import ALLOWED_TRANSITIONS, CallStatus
from backend.calls.errors import InvalidTransition
from backend.calls.models import Call
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from tests.support import factories as f

ADMIN = Actor(is_platform_admin=True)
ALLOWED = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
DISALLOWED = [(a, b) for a, b in itertools.product(CallStatus, CallStatus) if (a, b) not in ALLOWED]


def test_invalid_transition_keeps_its_arguments_in_order_and_says_them_so():
    # Act
    error = InvalidTransition(CallStatus.CLOSED, CallStatus.OPEN)

    # Assert
    assert (error.current, error.requested) == (CallStatus.CLOSED, CallStatus.OPEN)
    assert error.message == "a CLOSED call cannot become OPEN"
    assert error.code == "INVALID_TRANSITION"


@pytest.mark.parametrize(("current", "target"), DISALLOWED, ids=lambda s: s.value)
async def test_write_status_refuses_a_step_outside_the_allowed_ones(
    session_factory, clock, current, target
):
    # Arrange
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    call = await f.make_call(session_factory, now, programme, funder, status=current)

    # Act
    with pytest.raises(InvalidTransition) as caught:
        async with unit_of_work(session_factory) as uow:
            row = await uow.session.get(Call, call.id)
            assert row is not None
            await status.write_status(uow.session, row, target, actor=ADMIN, now=now)

    # Assert
    assert (caught.value.current, caught.value.requested) == (current, target)
    assert caught.value.message == f"a {current.value} call cannot become {target.value}"
    async with session_factory() as session:
        assert (await session.get(Call, call.id)).status is current  # type: ignore[union-attr]
