"""What a client reads and is refused follows the clock, to the second, with no worker; the
public list reads open, upcoming, closed; search finds titles in every language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend.accounts.enums import Role
from backend.calls import services as calls
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.core.auth import Actor
from backend.core.db import unit_of_work
from tests.graphql_schema.calls.test_call_flow import CREATE, create_input
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import gid

HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)
CALL = "query($id: ID!) { call(id: $id) { status isOpenNow } }"
OPEN_NOW = "query { calls(filter: {openNow: true}) { edges { node { reference } } } }"
LIST = "query($after: String) { calls(first: 2, after: $after) { edges { cursor node {"
LIST += " reference status } } pageInfo { hasNextPage endCursor } } }"
SEARCH = "query($s: String) { calls(filter: {search: $s}) { edges { node { reference } } } }"


@pytest.fixture
async def base(session_factory, clock):
    funder = await f.make_funder(session_factory, clock.now())
    programme = await f.make_programme(session_factory, clock.now(), funder)
    return funder, programme


def _timeline(clock, opens_in: timedelta, closes_in: timedelta) -> TimelineInput:
    return TimelineInput("Europe/Paris", clock.now() + opens_in, clock.now() + closes_in)


async def test_call_status_flips_at_the_second_without_a_worker(
    client, session_factory, clock, base
):
    funder, programme = base
    call = await f.make_call(
        session_factory,
        clock.now(),
        programme,
        funder,
        status=CallStatus.PUBLISHED,
        timeline=_timeline(clock, HOUR, 2 * HOUR),
    )
    seen = []
    for offset in (HOUR - SECOND, HOUR, 2 * HOUR - SECOND, 2 * HOUR):
        clock.set(call.created_at + offset)
        data = (await gql(client, CALL, {"id": gid("Call", call)}))["data"]["call"]
        listed = (await gql(client, OPEN_NOW))["data"]["calls"]["edges"]
        seen.append((data["status"], data["isOpenNow"], len(listed)))

    assert seen == [
        ("PUBLISHED", False, 0),
        ("OPEN", True, 1),
        ("OPEN", True, 1),
        ("CLOSED", False, 0),
    ]


async def test_public_list_reads_open_then_upcoming_then_closed_across_pages(
    client, session_factory, clock, base
):
    funder, programme = base
    day = timedelta(days=1)
    made = {}
    for name, status, opens, closes in (
        ("closed", CallStatus.OPEN, -day, day),
        ("upcoming", CallStatus.PUBLISHED, 5 * day, 9 * day),
        ("open", CallStatus.OPEN, -day, 9 * day),
        ("open_unworked", CallStatus.PUBLISHED, day, 20 * day),
    ):
        made[name] = await f.make_call(
            session_factory,
            clock.now(),
            programme,
            funder,
            status=status,
            timeline=_timeline(clock, opens, closes),
        )
    clock.advance(2 * day)

    seen, after = [], None
    while True:
        page = (await gql(client, LIST, {"after": after}))["data"]["calls"]
        seen += [(e["node"]["reference"], e["node"]["status"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == [
        (made["open"].reference, "OPEN"),
        (made["open_unworked"].reference, "OPEN"),
        (made["upcoming"].reference, "PUBLISHED"),
        (made["closed"].reference, "CLOSED"),
    ]


async def test_create_call_with_a_past_deadline_is_refused_on_the_timeline_field(
    client, session_factory, clock, base
):
    funder, programme = base
    manager = await f.make_user(session_factory, clock.now())
    await f.grant(session_factory, clock.now(), manager, Role.PROGRAMME_MANAGER, funder)
    signed = await f.sign_in(session_factory, clock.now(), manager)
    data = create_input(gid("Programme", programme), gid("Funder", funder))
    data["timeline"] = {
        "timezone": "Europe/Paris",
        "opensAt": (clock.now() - 10 * HOUR).isoformat(),
        "deadlineAt": (clock.now() - SECOND).isoformat(),
    }

    body = await gql(client, CREATE, {"input": data}, headers=signed.headers)

    result = body["data"]["createCall"]
    assert result["__typename"] == "InvalidInputError", result
    assert result["fieldErrors"] == [
        {
            "field": "timeline.deadlineAt",
            "message": "the deadline has already passed",
            "code": "IN_THE_PAST",
        }
    ]


async def test_search_finds_a_title_in_any_language_without_case_or_accents(
    client, session_factory, clock, base
):
    funder, programme = base
    call = await f.make_call(
        session_factory,
        clock.now(),
        programme,
        funder,
        status=CallStatus.PUBLISHED,
        title={"fr": "Études d'impact", "de": "Wirkungsstudien über KI"},
    )
    async with unit_of_work(session_factory) as uow:  # another call, which must not match
        await calls.create_call(
            uow.session,
            actor=Actor(is_platform_admin=True),
            data=f.call_input(programme, funder, clock.now(), title={"fr": "Autre"}),
            now=clock.now(),
        )

    found = {}
    for text in ("ETUDES", "uber ki", "wirkungsstudien", "ki études", call.reference + " IMPACT"):
        edges = (await gql(client, SEARCH, {"s": text}))["data"]["calls"]["edges"]
        found[text] = [e["node"]["reference"] for e in edges]

    assert found == {text: [call.reference] for text in found}


async def test_search_wants_every_word_it_is_given(client, session_factory, clock, base):
    funder, programme = base
    title = {"fr": "Études d'impact"}
    await f.make_call(
        session_factory, clock.now(), programme, funder, status=CallStatus.PUBLISHED, title=title
    )

    found = {}
    for text in ("impact études", "impact radiologie", "études %"):
        edges = (await gql(client, SEARCH, {"s": text}))["data"]["calls"]["edges"]
        found[text] = len(edges)

    # Every word found (a lone % is no word, not a wildcard), or nothing.
    assert found == {"impact études": 1, "impact radiologie": 0, "études %": 1}
