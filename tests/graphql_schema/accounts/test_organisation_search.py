"""organisationSearch: an applicant finds an organisation to invite, by name (accents, case
and spacing ignored) or by the start of a registration number; public fields only; signed-in
users only; bounded input; keyset pages; the same SQL for 1 result and for 20."""

from __future__ import annotations

import pytest
from graphql import build_schema as parse_sdl

from backend.accounts.enums import OrganisationKind
from graphql_schema.schema import schema
from tests.graphql_schema.candidacies.test_candidacy_query_counts import (
    assert_same_cost,
    counted_request,
)
from tests.support import factories as f
from tests.support.gql import gql
from tests.support.worlds import ACTORS, ANONYMOUS, build_scenario

SEARCH = """
query($q: String!, $first: Int, $after: String) {
  organisationSearch(query: $q, first: $first, after: $after) {
    totalCount
    edges { node { id name kind country siret finess registryId } }
    pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.fixture
async def world(session_factory, clock):
    now = clock.now()
    scenario = await build_scenario(session_factory, now)
    owner = await f.make_user(session_factory, now)
    chu = await f.make_organisation(
        session_factory, now, owner, name="Hôpital Saint-Éloi", country="FR",
        kind=OrganisationKind.HEALTH_ESTABLISHMENT, siret="26750045200011", finess="750712184",
        registry_id=None,
    )  # fmt: skip
    klinik = await f.make_organisation(
        session_factory, now, owner, name="Klinikum  Köln", registry_id="HRB 719915"
    )
    return {"scenario": scenario, "chu": chu, "klinik": klinik}


async def search(client, world, q: str, actor: str = "applicant_y", **kw) -> list[str]:
    variables = {"q": q, **kw}
    body = await gql(client, SEARCH, variables, headers=world["scenario"].headers(actor))
    return [e["node"]["name"] for e in body["data"]["organisationSearch"]["edges"]]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("hopital saint-eloi", "Hôpital Saint-Éloi"),
        ("SAINT-ÉLOI", "Hôpital Saint-Éloi"),
        ("klinikum köln", "Klinikum  Köln"),
        ("26750045200011", "Hôpital Saint-Éloi"),  # SIRET
        ("267 500 452", "Hôpital Saint-Éloi"),  # SIREN, grouped as printed
        ("75 071 218 4", "Hôpital Saint-Éloi"),  # FINESS
        ("hrb719915", "Klinikum  Köln"),  # registry id, spacing and case aside
    ],
)
async def test_organisation_search_by_name_or_identifier(client, world, query, found):
    assert await search(client, world, query) == [found]


async def test_organisation_search_matches_wildcards_literally(client, world):
    assert await search(client, world, "%_") == []


async def test_organisation_search_shows_public_fields_only():
    sdl = parse_sdl(schema.as_str())
    public = sdl.type_map["PublicOrganisation"]

    assert set(public.fields) == {  # type: ignore[attr-defined]
        "id", "name", "kind", "country", "siret", "finess", "registryId",
    }  # fmt: skip


@pytest.mark.parametrize("query", ["", " x ", "x" * 101])
async def test_organisation_search_bounds_its_input(client, world, query):
    body = await gql(
        client,
        SEARCH,
        {"q": query},
        headers=world["scenario"].headers("applicant_y"),
        expect_errors=True,
    )

    (error,) = body["errors"]
    assert error["extensions"]["fieldErrors"][0]["code"] == "QUERY_LENGTH"


@pytest.mark.parametrize("actor", ACTORS)
async def test_organisation_search_needs_a_signed_in_user_and_shows_the_same_to_all(
    client, world, actor
):
    body = await gql(
        client,
        SEARCH,
        {"q": "Klinikum"},
        headers=world["scenario"].headers(actor),
        expect_errors=True,
    )

    if actor == ANONYMOUS:
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "AUTHENTICATION_REQUIRED"
    else:
        edges = body["data"]["organisationSearch"]["edges"]
        assert [e["node"]["name"] for e in edges] == ["Klinikum  Köln"]


async def test_organisation_search_pages_by_name(client, session_factory, clock, world):
    owner = await f.make_user(session_factory, clock.now())
    for name in ("Zeta Santé", "Alpha Santé", "Beta Santé"):
        await f.make_organisation(session_factory, clock.now(), owner, name=name)
    headers = world["scenario"].headers("applicant_x")
    names, after = [], None
    while True:
        body = await gql(
            client, SEARCH, {"q": "santé", "first": 2, "after": after}, headers=headers
        )
        page = body["data"]["organisationSearch"]
        names += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert names == ["Alpha Santé", "Beta Santé", "Zeta Santé"]


async def test_organisation_search_costs_the_same_for_1_and_20(
    client, session_factory, clock, world, count_queries
):
    now = clock.now()
    owner = await f.make_user(session_factory, now)
    headers = world["scenario"].headers("applicant_x")
    await f.make_organisation(session_factory, now, owner, name="Clinique 0")
    one, data = await counted_request(
        client, count_queries, SEARCH, {"q": "clinique", "first": 50}, headers
    )
    assert len(data["organisationSearch"]["edges"]) == 1
    for i in range(1, 20):
        await f.make_organisation(session_factory, now, owner, name=f"Clinique {i}")

    twenty, data = await counted_request(
        client, count_queries, SEARCH, {"q": "clinique", "first": 50}, headers
    )

    assert len(data["organisationSearch"]["edges"]) == 20
    assert_same_cost(one, twenty)
