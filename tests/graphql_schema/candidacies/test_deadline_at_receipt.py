"""A request is judged at its receipt: a submission received before the deadline but run
after it (it waited in the server's queue, and the closing job ran meanwhile) is accepted;
one received at the deadline is refused, with the deadline as the reason whatever the
closing job has done."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from strawberry.relay import GlobalID

from backend.app import create_app
from backend.candidacies.enums import CandidacyStatus
from backend.core.db import unit_of_work
from backend.lifecycle import calls as lifecycle
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import build_world, candidacies_of, complete

SUBMIT = """
mutation($id: ID!) {
  submitCandidacy(id: $id) {
    __typename
    ... on SubmitCandidacyPayload { reference candidacy { status } }
    ... on Error { code message }
  }
}"""


def gate_of(app):
    """The GraphQL router's operation gate (FastAPI keeps included routers as they are)."""
    routers = (getattr(r, "original_router", None) for r in app.routes)
    return next(router.gate for router in routers if hasattr(router, "gate"))


async def close_now(session_factory, call_id, now) -> None:
    async with unit_of_work(session_factory) as uow:
        await lifecycle.close_call(uow.session, call_id=call_id, now=now)


async def test_submission_received_before_the_deadline_is_accepted_after_the_closing(
    session_factory, clock, settings
):
    # Arrange: one complete draft; one slot per process, held by "another request".
    world = await build_world(session_factory, clock, drafts=1, submitted=0)
    applicant, draft = world.applicants[0], world.drafts[0]
    await complete(world, applicant, draft)
    clock.set(world.deadline - timedelta(minutes=10))
    headers = (await f.sign_in(session_factory, clock.now(), applicant.members[0].user)).headers
    app = create_app(
        settings.model_copy(update={"graphql_max_concurrent_operations": 1}), clock=clock
    )
    gate = gate_of(app)
    busy = gate._semaphores[asyncio.get_running_loop()] = asyncio.Semaphore(1)
    await busy.acquire()
    variables = {"id": str(GlobalID("Candidacy", str(draft.id)))}

    # Act: received 1 s before the deadline, it waits; the deadline passes; the closing job
    # runs; then the request's turn comes.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        clock.set(world.deadline - timedelta(seconds=1))
        waiting = asyncio.create_task(gql(client, SUBMIT, variables, headers=headers))
        await asyncio.sleep(0.2)
        clock.set(world.deadline + timedelta(seconds=2))
        await close_now(session_factory, world.call.id, clock.now())
        settled = {c.id: c.status for c in await candidacies_of(session_factory, world.call.id)}
        busy.release()
        answer = await waiting

    # Assert
    assert settled == {draft.id: CandidacyStatus.NOT_SUBMITTED}
    payload = answer["data"]["submitCandidacy"]
    assert payload["__typename"] == "SubmitCandidacyPayload", payload
    assert payload["candidacy"]["status"] == "SUBMITTED"


async def test_submission_received_at_the_deadline_is_refused_for_the_deadline(
    session_factory, clock, settings
):
    world = await build_world(session_factory, clock, drafts=1, submitted=0)
    applicant, draft = world.applicants[0], world.drafts[0]
    await complete(world, applicant, draft)
    clock.set(world.deadline - timedelta(minutes=10))
    headers = (await f.sign_in(session_factory, clock.now(), applicant.members[0].user)).headers
    app = create_app(settings, clock=clock)
    variables = {"id": str(GlobalID("Candidacy", str(draft.id)))}
    clock.set(world.deadline)

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        before_closing = await gql(client, SUBMIT, variables, headers=headers)
        await close_now(session_factory, world.call.id, clock.now())
        after_closing = await gql(client, SUBMIT, variables, headers=headers)

    for answer in (before_closing, after_closing):
        payload = answer["data"]["submitCandidacy"]
        assert payload["__typename"] == "DeadlinePassedError", payload


CHECK = """
query($id: ID!) { submissionCheck(candidacyId: $id) { code field message } }"""


async def test_submission_check_says_the_deadline_passed_before_and_after_the_closing(
    session_factory, clock, settings
):
    """It answered an empty list once the deadline had passed: a complete draft looked
    submittable. The deadline is the reason, whatever the closing job has done."""
    world = await build_world(session_factory, clock, drafts=1, submitted=0)
    applicant, draft = world.applicants[0], world.drafts[0]
    await complete(world, applicant, draft)
    clock.set(world.deadline - timedelta(minutes=10))
    headers = (await f.sign_in(session_factory, clock.now(), applicant.members[0].user)).headers
    app = create_app(settings, clock=clock)
    variables = {"id": str(GlobalID("Candidacy", str(draft.id)))}

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        clock.set(world.deadline - timedelta(seconds=1))
        in_time = await gql(client, CHECK, variables, headers=headers)
        clock.set(world.deadline)
        before_closing = await gql(client, CHECK, variables, headers=headers)
        await close_now(session_factory, world.call.id, clock.now())
        after_closing = await gql(client, CHECK, variables, headers=headers)

    assert in_time["data"]["submissionCheck"] == []
    for answer in (before_closing, after_closing):
        problems = answer["data"]["submissionCheck"]
        assert [(p["code"], p["field"]) for p in problems] == [("DEADLINE_PASSED", "deadline")]
        assert "the deadline was" in problems[0]["message"]


async def test_submission_check_says_the_call_is_not_open_before_its_opening(
    session_factory, clock, settings
):
    world = await build_world(session_factory, clock, drafts=1, submitted=0)
    applicant, draft = world.applicants[0], world.drafts[0]
    await complete(world, applicant, draft)
    clock.set(world.call.opens_at - timedelta(seconds=1))
    headers = (await f.sign_in(session_factory, clock.now(), applicant.members[0].user)).headers
    app = create_app(settings, clock=clock)
    variables = {"id": str(GlobalID("Candidacy", str(draft.id)))}

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        answer = await gql(client, CHECK, variables, headers=headers)

    problems = answer["data"]["submissionCheck"]
    assert [(p["code"], p["field"]) for p in problems] == [("CALL_NOT_OPEN", "call")]
