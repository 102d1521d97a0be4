"""No N+1: every list the schema serves costs the same SQL statements for 1 item and for 20.

Each test seeds one item, counts the statements of a request, seeds 19 more, counts again.
Every item gets its own related rows (its own programme, funders, organisation...) so that
the DataLoaders really have 20 distinct keys to batch. The last test fails when a list field
or a database-backed relation is added to the schema without a count here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from graphql import GraphQLList, GraphQLObjectType, build_schema, get_nullable_type
from strawberry.types.base import StrawberryObjectDefinition

from backend.accounts.enums import Role
from backend.calls.enums import CallStatus, QuestionKind
from backend.calls.inputs import CriterionInput, FunderShareInput, GridInput, QuestionInput
from backend.core.db import unit_of_work
from graphql_schema.schema import schema
from tests.graphql_schema.accounts import test_api_tokens as token_counts
from tests.graphql_schema.accounts import test_organisation_search as search_counts
from tests.graphql_schema.candidacies import test_candidacy_query_counts as candidacy_counts
from tests.graphql_schema.candidacies import test_email_invitations as email_counts
from tests.graphql_schema.candidacies import test_partner_invitations as invitation_counts
from tests.support import factories as f
from tests.support.factories import make_signed_user
from tests.support.gql import gql

ENVELOPE = 1_000_000_00


async def counted(client, counter, query: str, headers=None) -> tuple[list[str], dict[str, Any]]:
    """The statements one request sends (authentication included) and its ``data``."""
    counter.statements.clear()
    counter.active = True
    try:
        body = await gql(client, query, headers=headers)
    finally:
        counter.active = False
    return list(counter.statements), body["data"]


def assert_same_cost(one: list[str], twenty: list[str]) -> None:
    assert len(twenty) == len(one), "\n\n".join(["1 item:", *one, "------- 20 items:", *twenty])


# --- calls and their relations ----------------------------------------------------------------

# The funder loader must be reached by one path per query: reached through both
# ``programme { funder }`` and ``funders { funder }``, it batches once or twice depending on
# which upstream batch comes back first (bounded, so no N+1, but not a stable count).
CALLS_QUERIES = {
    "structure": """
query {
  calls(first: 50) { totalCount edges { node {
    reference
    programme { code funder { code } }
    themes
    questions { key choices { value } }
    grid { expertsPerCandidacy criteria { key weight } }
  } } }
}""",
    "funders": """
query {
  calls(first: 50) { edges { node {
    reference
    funders { share { cents } funder { code } }
  } } }
}""",
}


def _complete(node: dict[str, Any]) -> bool:
    """Every relation the query asked for came back filled, for this call."""
    if "funders" in node:
        return len(node["funders"]) == 2 and all(cf["funder"] for cf in node["funders"])
    return (
        node["programme"]["funder"] is not None
        and len(node["themes"]) == 2
        and len(node["questions"]) == 2
        and len(node["grid"]["criteria"]) == 2
    )


def _questions() -> list[QuestionInput]:
    return [
        QuestionInput(
            key="summary", kind=QuestionKind.TEXT, label={"fr": "Résumé"}, max_length=3000
        ),
        QuestionInput(key="budget", kind=QuestionKind.NUMBER, label={"fr": "Budget"}),
    ]


def _grid() -> GridInput:
    return GridInput(
        criteria=[
            CriterionInput(
                key=key,
                label={"fr": key},
                weight=Decimal(1),
                scale_min=Decimal(0),
                scale_max=Decimal(5),
                step=Decimal(1),
            )
            for key in ("impact", "feasibility")
        ]
    )


async def seed_published_calls(factory, now, count: int) -> None:
    """Calls with their own programme, two funders, two themes, questions and criteria."""
    for _ in range(count):
        lead = await f.make_funder(factory, now)
        partner = await f.make_funder(factory, now)
        programme = await f.make_programme(factory, now, lead)
        await f.make_call(
            factory,
            now,
            programme,
            lead,
            status=CallStatus.PUBLISHED,
            funders=[
                FunderShareInput(lead.id, ENVELOPE // 2),
                FunderShareInput(partner.id, ENVELOPE // 2),
            ],
            budget_envelope_cents=ENVELOPE,
            cap_per_candidacy_cents=None,
            themes=["radiology", "oncology"],
            questions=_questions(),
            grid=_grid(),
        )


@pytest.mark.parametrize("query", CALLS_QUERIES.values(), ids=CALLS_QUERIES.keys())
async def test_calls_with_nested_relations_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries, query
):
    now = clock.now()
    await seed_published_calls(session_factory, now, 1)
    one, data = await counted(client, count_queries, query)
    assert len(data["calls"]["edges"]) == 1

    await seed_published_calls(session_factory, now, 19)
    twenty, data = await counted(client, count_queries, query)

    edges = data["calls"]["edges"]
    assert len(edges) == data["calls"].get("totalCount", 20) == 20
    assert all(_complete(edge["node"]) for edge in edges)
    assert_same_cost(one, twenty)


async def test_calls_as_a_manager_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries
):
    """Signed in, drafts of the manager's funder are listed too (another WHERE, same cost)."""
    now = clock.now()
    funder = await f.make_funder(session_factory, now)
    async with unit_of_work(session_factory) as uow:
        manager = await make_signed_user(uow.session, now, "manager")
    await f.grant(session_factory, now, manager.user, Role.PROGRAMME_MANAGER, funder)

    async def seed(count: int) -> None:
        for _ in range(count):
            programme = await f.make_programme(session_factory, now, funder)
            await f.make_call(session_factory, now, programme, funder)

    await seed(1)
    query = CALLS_QUERIES["structure"]
    one, data = await counted(client, count_queries, query, manager.headers)
    assert len(data["calls"]["edges"]) == 1
    await seed(19)
    twenty, data = await counted(client, count_queries, query, manager.headers)
    assert len(data["calls"]["edges"]) == 20
    assert_same_cost(one, twenty)


# --- funders and programmes -------------------------------------------------------------------

FUNDERS = "query { funders(first: 50) { totalCount edges { node { id code name country } } } }"
PROGRAMMES = """
query { programmes(first: 50) { totalCount edges { node { code funder { code } } } } }"""


async def test_funders_cost_the_same_for_1_and_20(client, session_factory, clock, count_queries):
    now = clock.now()
    await f.make_funder(session_factory, now)
    one, data = await counted(client, count_queries, FUNDERS)
    assert len(data["funders"]["edges"]) == 1

    for _ in range(19):
        await f.make_funder(session_factory, now)
    twenty, data = await counted(client, count_queries, FUNDERS)

    assert len(data["funders"]["edges"]) == data["funders"]["totalCount"] == 20
    assert_same_cost(one, twenty)


async def test_programmes_with_funder_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries
):
    now = clock.now()

    async def seed(count: int) -> None:
        for _ in range(count):
            await f.make_programme(session_factory, now, await f.make_funder(session_factory, now))

    await seed(1)
    one, data = await counted(client, count_queries, PROGRAMMES)
    assert len(data["programmes"]["edges"]) == 1

    await seed(19)
    twenty, data = await counted(client, count_queries, PROGRAMMES)

    edges = data["programmes"]["edges"]
    assert len(edges) == data["programmes"]["totalCount"] == 20
    assert len({e["node"]["funder"]["code"] for e in edges}) == 20
    assert_same_cost(one, twenty)


# --- organisations and me ---------------------------------------------------------------------

ORGANISATIONS = """
query { organisations(first: 50) { totalCount
  edges { node { id name kind country registryId } } } }"""
ORGANISATIONS_WITH_MEMBERS = """
query { organisations(first: 50) { totalCount
  edges { node { id name members { fullName email role joinedAt } } } } }"""
ME = """
query { me { email
  roles { role funder { code } }
  memberships { role organisation { name } }
} }"""


@pytest.fixture
async def applicant(session_factory, clock) -> f.Signed:
    async with unit_of_work(session_factory) as uow:
        return await make_signed_user(uow.session, clock.now(), "applicant")


async def test_organisations_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries, applicant
):
    now = clock.now()
    await f.make_organisation(session_factory, now, applicant.user)
    one, data = await counted(client, count_queries, ORGANISATIONS, applicant.headers)
    assert len(data["organisations"]["edges"]) == 1

    for _ in range(19):
        await f.make_organisation(session_factory, now, applicant.user)
    twenty, data = await counted(client, count_queries, ORGANISATIONS, applicant.headers)

    assert len(data["organisations"]["edges"]) == data["organisations"]["totalCount"] == 20
    assert_same_cost(one, twenty)


async def test_organisations_with_members_cost_the_same_for_1_and_20(
    client, session_factory, clock, count_queries, applicant
):
    now = clock.now()

    async def seed(count: int) -> None:
        for _ in range(count):
            organisation = await f.make_organisation(session_factory, now, applicant.user)
            colleague = await f.make_user(session_factory, now)
            await f.add_member(session_factory, now, organisation, applicant.user, colleague)

    await seed(1)
    one, data = await counted(client, count_queries, ORGANISATIONS_WITH_MEMBERS, applicant.headers)
    assert [len(e["node"]["members"]) for e in data["organisations"]["edges"]] == [2]

    await seed(19)
    twenty, data = await counted(
        client, count_queries, ORGANISATIONS_WITH_MEMBERS, applicant.headers
    )

    assert [len(e["node"]["members"]) for e in data["organisations"]["edges"]] == [2] * 20
    assert_same_cost(one, twenty)


async def test_me_with_roles_and_memberships_costs_the_same_for_1_and_20(
    client, session_factory, clock, count_queries, applicant
):
    now = clock.now()

    async def seed(count: int) -> None:
        for i in range(count):
            funder = await f.make_funder(session_factory, now)
            role = Role.PROGRAMME_MANAGER if i % 2 else Role.FUNDER_VIEWER
            await f.grant(session_factory, now, applicant.user, role, funder)
            await f.make_organisation(session_factory, now, applicant.user)

    await seed(1)
    one, data = await counted(client, count_queries, ME, applicant.headers)
    assert len(data["me"]["roles"]) == len(data["me"]["memberships"]) == 1

    await seed(19)
    twenty, data = await counted(client, count_queries, ME, applicant.headers)

    me = data["me"]
    assert len(me["roles"]) == len(me["memberships"]) == 20
    assert all(r["funder"] for r in me["roles"])
    assert all(m["organisation"] for m in me["memberships"])
    assert_same_cost(one, twenty)


# --- totalCount and nodes ---------------------------------------------------------------------


async def test_total_count_costs_one_count_only_when_asked(
    client, session_factory, clock, count_queries
):
    """A list that does not ask for its total pays nothing for it; one that does, one COUNT
    over the whole list however short the page."""
    await seed_published_calls(session_factory, clock.now(), 3)
    page = "query { calls(first: 1) { edges { node { reference } } } }"
    counted_page = "query { calls(first: 1) { totalCount edges { node { reference } } } }"

    without, data = await counted(client, count_queries, page)
    with_total, counted_data = await counted(client, count_queries, counted_page)

    assert len(data["calls"]["edges"]) == len(counted_data["calls"]["edges"]) == 1
    assert counted_data["calls"]["totalCount"] == 3
    assert not any("count(" in s.lower() for s in without), without
    extra = [s for s in with_total if "count(" in s.lower() or s.startswith("BEGIN")]
    extra = extra[len([s for s in without if s.startswith("BEGIN")]) :]
    # One COUNT, in its own short read session (SQLite also sends that session's BEGIN).
    assert len(with_total) == len(without) + len(extra), with_total
    assert sorted(s.split()[0] for s in extra) in (["SELECT"], ["BEGIN", "SELECT"]), extra


NODES = """
query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Call {
  reference programme { code funder { code } } themes questions { key } } } }"""


async def test_nodes_cost_the_same_for_1_and_20(client, session_factory, clock, count_queries):
    now = clock.now()

    async def call_ids() -> list[str]:
        data = (await gql(client, "query { calls(first: 50) { edges { node { id } } } }"))["data"]
        return [edge["node"]["id"] for edge in data["calls"]["edges"]]

    await seed_published_calls(session_factory, now, 1)
    one_id = await call_ids()
    counter = count_queries
    counter.statements.clear()
    counter.active = True
    try:
        one_body = await gql(client, NODES, {"ids": one_id})
    finally:
        counter.active = False
    one = list(counter.statements)

    await seed_published_calls(session_factory, now, 19)
    twenty_ids = await call_ids()
    counter.statements.clear()
    counter.active = True
    try:
        twenty_body = await gql(client, NODES, {"ids": twenty_ids})
    finally:
        counter.active = False

    assert [n["id"] for n in one_body["data"]["nodes"]] == one_id
    nodes = twenty_body["data"]["nodes"]
    assert [n["id"] for n in nodes] == twenty_ids
    assert all(n["programme"]["funder"] and len(n["themes"]) == 2 for n in nodes)
    assert_same_cost(one, list(counter.statements))


# --- the guard: every list and every database-backed relation is counted above ----------------

COUNTED: dict[str, object] = {
    "Query.calls": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "Call.programme": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "Programme.funder": test_programmes_with_funder_cost_the_same_for_1_and_20,
    "Call.funders": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "CallFunder.funder": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "Call.themes": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "Call.questions": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "EvaluationGrid.criteria": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "Query.funders": test_funders_cost_the_same_for_1_and_20,
    "Query.programmes": test_programmes_with_funder_cost_the_same_for_1_and_20,
    "Query.organisations": test_organisations_cost_the_same_for_1_and_20,
    "Query.myApiTokens": token_counts.test_my_api_tokens_cost_the_same_for_1_and_20,
    "User.roles": test_me_with_roles_and_memberships_costs_the_same_for_1_and_20,
    "RoleGrant.funder": test_me_with_roles_and_memberships_costs_the_same_for_1_and_20,
    "User.memberships": test_me_with_roles_and_memberships_costs_the_same_for_1_and_20,
    "Membership.organisation": test_me_with_roles_and_memberships_costs_the_same_for_1_and_20,
    **dict.fromkeys(
        (
            "Query.candidacies",
            "Candidacy.call",
            "Candidacy.deadlineLocal",
            "Candidacy.leadOrganisation",
            "Candidacy.partners",
            "CandidacyPartner.organisation",
            "Candidacy.answers",
            "Candidacy.budget",
            "BudgetLine.organisation",
            "Candidacy.budgetTotal",
            "Candidacy.budgetToken",
            "Candidacy.attachments",
            "Candidacy.versions",
            "Candidacy.title",
            "Candidacy.acronym",
            "Candidacy.durationMonths",
        ),
        candidacy_counts.test_candidacies_with_every_relation_cost_the_same_for_1_and_20,
    ),
    "Candidacy.counts": candidacy_counts.test_drafts_seen_by_a_manager_cost_the_same_for_1_and_20,
    "Query.submissionCheck": candidacy_counts.test_submission_check_costs_the_same_for_1_and_20,
    "Query.nodes": test_nodes_cost_the_same_for_1_and_20,
    "CallConnection.totalCount": test_calls_with_nested_relations_cost_the_same_for_1_and_20,
    "FunderConnection.totalCount": test_funders_cost_the_same_for_1_and_20,
    "ProgrammeConnection.totalCount": test_programmes_with_funder_cost_the_same_for_1_and_20,
    "OrganisationConnection.totalCount": test_organisations_cost_the_same_for_1_and_20,
    "Organisation.members": test_organisations_with_members_cost_the_same_for_1_and_20,
    "ApiTokenConnection.totalCount": token_counts.test_my_api_tokens_cost_the_same_for_1_and_20,
    "Query.organisationSearch": search_counts.test_organisation_search_costs_the_same_for_1_and_20,
    "PublicOrganisationConnection.totalCount": (
        search_counts.test_organisation_search_costs_the_same_for_1_and_20
    ),
    **dict.fromkeys(
        (
            "Query.myPartnerInvitations",
            "PartnerInvitationConnection.totalCount",
            "PartnerInvitation.organisation",
        ),
        invitation_counts.test_my_partner_invitations_cost_the_same_for_1_and_20,
    ),
    "CandidacyConnection.totalCount": (
        candidacy_counts.test_candidacies_with_every_relation_cost_the_same_for_1_and_20
    ),
    "Candidacy.emailInvitations": (
        email_counts.test_email_invitations_cost_the_same_for_1_and_20_candidacies
    ),
}

# Lists built from the parent's own row, and single-object root fields: no query per item.
NOT_PER_ITEM = {
    "Call.languages",
    "CallStructureFrozenError.frozenFields",
    "EligibilityRules.requiredPartnerCountries",
    "EligibilityRules.allowedOrganisationKinds",
    "EligibilityRules.requiredDocumentKeys",
    "FormQuestion.choices",
    "InvalidInputError.fieldErrors",
    "Query.call",
    "Query.me",
    "Query.organisation",
    "Query.candidacy",
    "Query.node",
    "SubmissionRejectedError.problems",
}


def _list_and_database_fields() -> set[str]:
    """Fields returning a list or connection, and fields whose resolver awaits (the DB) or
    may return an awaitable that does (``graphql_schema.reading.may_load``, or plain-data
    fields declared ``loadable``)."""
    sdl = build_schema(schema.as_str())
    found: set[str] = set()
    for name, graphql_type in sdl.type_map.items():
        if (
            name.startswith("__")
            or name == "Mutation"
            or not isinstance(graphql_type, GraphQLObjectType)
        ):
            continue
        definition = schema.get_type_by_name(name)
        if not isinstance(definition, StrawberryObjectDefinition):
            continue
        awaiting = {
            schema.config.name_converter.get_graphql_name(field)
            for field in definition.fields
            if field.metadata.get("may_load", False)
            or (
                field.base_resolver is not None
                and (field.is_async or getattr(field.base_resolver.wrapped_func, "may_load", False))
            )
        }
        for field_name, field in graphql_type.fields.items():
            target = get_nullable_type(field.type)
            is_list = isinstance(target, GraphQLList) or target.name.endswith("Connection")
            if (is_list and not name.endswith("Connection")) or field_name in awaiting:
                found.add(f"{name}.{field_name}")
    return found


def test_every_list_and_relation_has_a_query_count_test():
    fields = _list_and_database_fields()

    assert fields - COUNTED.keys() - NOT_PER_ITEM == set(), "lists without a query-count test"
    assert (COUNTED.keys() | NOT_PER_ITEM) - fields == set(), "entries for fields that are gone"
