"""Scheduling against a real Redis: the deferred jobs wait in arq's queue scored at their
instants, ids dedupe, and a real worker running them one by one opens the call, ignores the
closing job of the old deadline and closes at the new one.

The frozen clock stands 20 hours in the real past, so every instant of the test is already
due for Redis (a burst worker runs it at once) while arq's job keys stay valid (it keeps a
deferred job until a day after its instant); the worker reads the frozen clock from ``ctx``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from arq.jobs import Job

from backend.calls import scheduling
from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.core.auth import Actor
from backend.core.clock import FrozenClock, utcnow
from backend.core.db import unit_of_work
from backend.core.jobs import ArqJobQueue
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f
from tests.support.queues import TestQueue, run_jobs_until_done
from tests.support.worlds import audit_actions, reload_call

ADMIN = Actor(is_platform_admin=True)


class ApiJobQueue(ArqJobQueue):
    """The API's ArqJobQueue, on the test's own queue instead of arq's default one."""

    def __init__(self, queue: TestQueue) -> None:
        super().__init__(redis_settings=None, queue_names=queue.queue_names)
        self._queue = queue

    async def _get_pool(self) -> Any:
        return self._queue.pool


def _ms(instant) -> float:
    return float(scheduling.epoch_ms(instant))


async def test_deadline_jobs_wait_in_redis_at_their_instants_and_run_once_each(
    session_factory, settings, arq_queue
):
    # Arrange
    clock = FrozenClock(utcnow().replace(microsecond=0) - timedelta(hours=20))
    now = clock.now()
    opens_at, first_deadline = now + timedelta(hours=1), now + timedelta(hours=5)
    new_deadline = now + timedelta(hours=10)
    funder = await f.make_funder(session_factory, now)
    programme = await f.make_programme(session_factory, now, funder)
    call = await f.make_call(
        session_factory,
        now,
        programme,
        funder,
        timeline=TimelineInput("Europe/Paris", opens_at, first_deadline),
    )
    api = ApiJobQueue(arq_queue)
    ctx = {"session_factory": session_factory, "clock": clock, "settings": settings}
    open_id = f"open-call:{call.id}:{scheduling.epoch_ms(opens_at)}"
    old_close_id = f"close-call:{call.id}:{scheduling.epoch_ms(first_deadline)}"
    new_close_id = f"close-call:{call.id}:{scheduling.epoch_ms(new_deadline)}"

    # Act 1: publish (the API's unit of work, the API's job queue).
    async with unit_of_work(session_factory, jobs=api) as uow:
        await lifecycle.publish_call(uow.session, actor=ADMIN, call_id=call.id, now=now)
    after_publish = await arq_queue.members()
    close_job = await Job(old_close_id, arq_queue.pool, _queue_name=arq_queue.name).info()

    # Assert 1: each job scored at its instant in milliseconds, with the call's id.
    assert after_publish == {open_id: _ms(opens_at), old_close_id: _ms(first_deadline)}
    assert after_publish[old_close_id] == first_deadline.timestamp() * 1000
    assert close_job is not None
    assert (close_job.function, close_job.kwargs) == ("close_call", {"call_id": str(call.id)})

    # Act 2: extend the deadline, and ask again for a job arq already holds.
    async with unit_of_work(session_factory, jobs=api) as uow:
        extended = await calls.extend_deadline(
            uow.session, actor=ADMIN, call_id=call.id, new_deadline=new_deadline, now=now
        )
        scheduling.schedule_call(uow.session, extended, now=now)  # open + close, once more
    after_extension = await arq_queue.members()

    # Assert 2: a new close job; the repeated ones are not duplicated.
    assert after_extension == {
        open_id: _ms(opens_at),
        old_close_id: _ms(first_deadline),
        new_close_id: _ms(new_deadline),
    }

    # Act 3: a real worker runs the jobs one at a time, lowest score first, at their instants.
    clock.set(opens_at)
    await run_jobs_until_done(arq_queue, ctx, open_id)
    after_opening = (await reload_call(session_factory, call.id)).status, await arq_queue.members()
    clock.set(first_deadline)
    await run_jobs_until_done(arq_queue, ctx, old_close_id)
    after_old_close = (
        (await reload_call(session_factory, call.id)).status,
        await arq_queue.members(),
    )
    clock.set(new_deadline)
    await run_jobs_until_done(arq_queue, ctx, new_close_id)
    closed = await reload_call(session_factory, call.id)

    # Assert 3
    assert after_opening == (
        CallStatus.OPEN,
        {old_close_id: _ms(first_deadline), new_close_id: _ms(new_deadline)},
    )  # the opening asked for the new close job again: deduplicated
    assert after_old_close == (CallStatus.OPEN, {new_close_id: _ms(new_deadline)})
    assert (closed.status, closed.closed_at) == (CallStatus.CLOSED, new_deadline)
    assert await arq_queue.members() == {}
    actions = await audit_actions(session_factory, call.id)
    assert (actions.count("call.open"), actions.count("call.closed")) == (1, 1)
    assert not await arq_queue.pool.exists(*(f"arq:result:{i}" for i in (open_id, new_close_id)))
