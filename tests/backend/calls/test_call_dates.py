"""Dates are read in the call's zone, and a call does not open before its opening instant."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from backend.calls import services
from backend.calls.enums import CallStatus
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from backend.core.errors import InvalidInput
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f

ADMIN = Actor(is_platform_admin=True)


async def test_decision_date_is_compared_with_the_deadline_day_in_the_call_zone(
    session_factory, clock
):
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    data = f.call_input(programme, funder, now)
    # 22:30 UTC on 31 July is 00:30 on 1 August in Paris: a decision on 31 July precedes it.
    timeline = replace(
        data.timeline,
        deadline_at=datetime(2026, 7, 31, 22, 30, tzinfo=UTC),
        decision_date=date(2026, 7, 31),
    )

    with pytest.raises(InvalidInput) as raised:
        async with unit_of_work(session_factory) as uow:
            await services.create_call(
                uow.session, actor=ADMIN, data=replace(data, timeline=timeline), now=now
            )

    assert [p.field for p in raised.value.problems] == ["timeline.decisionDate"]


async def test_call_does_not_open_by_hand_before_its_opening(session_factory, clock):
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    later = replace(f.call_input(programme, funder, now).timeline, opens_at=now + timedelta(days=3))
    call = await f.make_call(
        session_factory, now, programme, funder, status=CallStatus.PUBLISHED, timeline=later
    )

    with pytest.raises(InvalidInput) as raised:
        async with unit_of_work(session_factory) as uow:
            await lifecycle.move_call(
                uow.session, actor=ADMIN, call_id=call.id, to=CallStatus.OPEN, now=now
            )

    assert raised.value.problems[0].code == "NOT_YET_OPENING"
