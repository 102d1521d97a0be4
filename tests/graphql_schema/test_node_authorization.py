"""``node(id:)`` and ``nodes(ids:)``, asked by every kind of actor for every node type: each
answers exactly what the type's own field answers (``call(id:)``, ``candidacy(id:)``,
``organisation(id:)``, ``me``, ``myApiTokens``, the download rule for attachments), and
``null`` for everything else, so a global ID never tells "hidden" from "missing".

The expected tables are the ones the types' own authorization tests use, imported, so the two
cannot drift apart.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from strawberry.relay import GlobalID

from backend.accounts.enums import TokenKind
from backend.accounts.models import AuthToken
from backend.core.auth import TOKEN_PREFIX_API, hash_token, new_token
from backend.core.db import unit_of_work
from graphql_schema.nodes import NODE_KINDS
from graphql_schema.schema import schema
from tests.graphql_schema.candidacies import test_candidacy_authorization as candidacy_authz
from tests.support.gql import gql
from tests.support.worlds import (
    ACTORS,
    ANONYMOUS,
    CANDIDACY_ACTORS,
    CandidacyScenario,
    build_candidacy_scenario,
    gid,
)

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
TOKEN_OWNER = "applicant_x"


@pytest.fixture
async def world(session_factory, clock) -> CandidacyScenario:
    return await build_candidacy_scenario(session_factory, clock.now())


@pytest.fixture
async def api_token(session_factory, clock, world) -> AuthToken:
    """A live API token of ``TOKEN_OWNER`` (what ``createApiToken`` stores)."""
    now = clock.now()
    async with unit_of_work(session_factory) as uow:
        token = AuthToken(
            user_id=world.user(TOKEN_OWNER).id,
            kind=TokenKind.API,
            name="ci",
            token_hash=hash_token(new_token(TOKEN_PREFIX_API)),
            created_at=now,
            expires_at=now + timedelta(days=30),
        )
        uow.session.add(token)
    return token


def calls_read(actor: str) -> set[str]:
    """``authz.READABLE_CALLS``; applicant_z (of the candidacy world) reads as applicant_y."""
    from tests.graphql_schema import test_authorization as authz  # it imports this module

    return authz.READABLE_CALLS["applicant_y" if actor == "applicant_z" else actor]


def organisations_read(actor: str) -> set[str]:
    """``authz.READABLE_ORGANISATIONS``, plus the candidacy world's organisation Z (its admin
    applicant_z's, and every organisation is the platform admins')."""
    from tests.graphql_schema import test_authorization as authz  # it imports this module

    if actor == "applicant_z":
        return {"org_z"}
    extra = {"org_z"} if actor == "admin" else set()
    return authz.READABLE_ORGANISATIONS[actor] | extra


def readable_ids(world: CandidacyScenario, token: AuthToken, actor: str) -> dict[str, bool]:
    """Every node of the world, with whether ``actor`` may read it by its own field."""
    base = world.base
    cases: dict[str, bool] = {}
    for name in ("draft_a", "draft_b", "published_a"):
        cases[gid("Call", world.call(name))] = name in calls_read(actor)
    for row in (base.funder_a, base.funder_b):
        cases[gid("Funder", row)] = True
    for row in (base.programme_a, base.programme_b):
        cases[gid("Programme", row)] = True
    for name in ("org_x", "org_y", "org_z"):
        cases[gid("Organisation", world.organisation(name))] = name in organisations_read(actor)
    for name in candidacy_authz.CANDIDACY_NAMES:
        cases[gid("Candidacy", world.candidacy(name))] = name in candidacy_authz.READABLE[actor]
    for other in CANDIDACY_ACTORS[1:]:
        cases[gid("User", world.user(other))] = other == actor
    cases[gid("ApiToken", token)] = actor == TOKEN_OWNER
    return cases


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_node_answers_what_each_types_own_read_answers(client, world, api_token, actor):
    cases = readable_ids(world, api_token, actor)
    headers = world.headers(actor)

    answered = {
        node_id: (await gql(client, NODE, {"id": node_id}, headers=headers))["data"]["node"]
        for node_id in cases
    }
    batched = (await gql(client, NODES, {"ids": list(cases)}, headers=headers))["data"]["nodes"]

    rows = zip(cases.items(), answered.values(), batched, strict=True)
    for (node_id, readable), one, many in rows:
        expected = {"__typename": GlobalID.from_id(node_id).type_name, "id": node_id}
        assert one == (expected if readable else None), (actor, node_id)
        assert many == one, (actor, node_id)


@pytest.mark.parametrize("actor", CANDIDACY_ACTORS)
async def test_node_of_an_attachment_follows_its_candidacys_read_rule(client, world, actor):
    uploaded = await candidacy_authz.upload(
        client,
        world.headers("member_x"),
        candidacy_authz.cid(world, "x_a"),
        "letter",
        candidacy_authz.blank_pdf(),
    )
    attachment_id = uploaded["attachment"]["id"]
    query = "query($id: ID!) { node(id: $id) { id ... on Attachment { sha256 } } }"

    node = (await gql(client, query, {"id": attachment_id}, headers=world.headers(actor)))["data"]

    # x_a is a draft: its files are its consortium's until a version is submitted
    if "x_a" in candidacy_authz.CONTENTS[actor]:
        assert node["node"] == {"id": attachment_id, "sha256": uploaded["attachment"]["sha256"]}
    else:
        assert node["node"] is None


def _unknowable_ids(world: CandidacyScenario) -> list[str]:
    call = world.call("published_a")
    return [
        "not-a-global-id",
        "",
        str(GlobalID("Call", "not-a-uuid")),
        str(GlobalID("Nothing", str(call.id))),  # no such type
        str(GlobalID("Funder", str(call.id))),  # another type's id
        str(GlobalID("Candidacy", str(call.id))),
        str(GlobalID("Call", "00000000-0000-0000-0000-000000000000")),  # no such row
        str(GlobalID("RoleGrant", str(call.id))),  # a type that is not a node
    ]


@pytest.mark.parametrize("actor", [ANONYMOUS, "admin"])
async def test_node_of_a_malformed_foreign_or_unknown_id_is_null(client, world, actor):
    ids = _unknowable_ids(world)
    headers = world.headers(actor)

    singles = [(await gql(client, NODE, {"id": i}, headers=headers))["data"]["node"] for i in ids]
    batched = (await gql(client, NODES, {"ids": ids}, headers=headers))["data"]["nodes"]

    assert singles == [None] * len(ids)
    assert batched == [None] * len(ids)
    published = gid("Call", world.call("published_a"))  # the allowed counterpart
    assert (await gql(client, NODE, {"id": published}, headers=headers))["data"]["node"] == {
        "__typename": "Call",
        "id": published,
    }


async def test_nodes_refuses_more_ids_than_a_page_changing_nothing(client, world, settings):
    ids = [gid("Call", world.call("published_a"))] * (settings.graphql_max_page_size + 1)

    body = await gql(client, NODES, {"ids": ids}, expect_errors=True)

    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["extensions"]["fieldErrors"][0]["code"] == "TOO_MANY_IDS"
    allowed = await gql(client, NODES, {"ids": ids[:-1]})
    assert len(allowed["data"]["nodes"]) == settings.graphql_max_page_size


def test_every_node_type_has_a_read_rule():
    """A type made a Node without its rule here would be unreachable by node(id:) (and a
    rule for a type that is no longer a Node is dead)."""
    node_types = {
        name
        for name, definition in schema._schema.type_map.items()
        if any(i.name == "Node" for i in getattr(definition, "interfaces", ()))
    }

    assert node_types == NODE_KINDS.keys()


async def test_server_time_is_the_app_clock_for_everyone(client, world, clock):
    query = "query { serverTime }"
    answers: dict[str, Any] = {}
    for actor in ACTORS:
        answers[actor] = (await gql(client, query, headers=world.headers(actor)))["data"]
    clock.advance(timedelta(minutes=5, seconds=1))
    later = (await gql(client, query))["data"]["serverTime"]

    assert {a["serverTime"] for a in answers.values()} == {
        (clock.now() - timedelta(minutes=5, seconds=1)).isoformat()
    }
    assert later == clock.now().isoformat()
