"""The cost limit (fields times the page sizes asked for), the per-request time limit, and no
field suggestions in production."""

from __future__ import annotations

from graphql import parse

from graphql_schema.limits import operation_cost
from graphql_schema.schema import build_schema
from tests.graphql_schema.test_http import MODERN, client_for, post, prod_settings
from tests.support import factories as f

CALLS_PAGE = "query($n: Int) { calls(first: $n) { edges { node { id reference title } } } }"


def cost_of(query: str, variables: dict | None = None) -> int:
    schema = build_schema()
    return operation_cost(
        schema._schema,
        parse(query),
        operation_name=None,
        variables=variables,
        default_page_size=20,
    )


def test_cost_multiplies_fields_by_the_page_size_asked():
    # calls (1) + n * (edges (1) + node (1) + id, reference, title (3))
    assert cost_of(CALLS_PAGE, {"n": 10}) == 1 + 10 * 5
    assert cost_of(CALLS_PAGE, {"n": 100}) == 1 + 100 * 5


def test_cost_of_a_paginated_field_without_first_uses_the_default_page_size():
    assert cost_of("{ calls { edges { cursor } } }") == 1 + 20 * 2


def test_cost_counts_a_fragment_at_each_spread_but_measures_it_once():
    query = "{ ...A ...A } fragment A on Query { calls(first: 3) { edges { cursor } } }"

    assert cost_of(query) == 2 * (1 + 3 * 2)


async def test_operation_over_the_cost_limit_is_refused_before_execution(
    settings, clock, session_factory
):
    limited = settings.model_copy(update={"graphql_max_cost": 100})
    async with client_for(limited, clock) as c:
        refused = await post(c, CALLS_PAGE, {"n": 50}, accept=MODERN)
        served = await post(c, CALLS_PAGE, {"n": 10}, accept=MODERN)

    assert refused.status_code == 400
    body = refused.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": "251", "maxCost": 100}
    assert served.status_code == 200
    assert "errors" not in served.json()


async def test_request_past_the_time_limit_gets_503_with_retry_after(
    settings, clock, session_factory
):
    # A limit no request can meet: the first wait on the database cancels it.
    hurried = settings.model_copy(update={"graphql_operation_timeout_seconds": 1e-6})
    async with client_for(hurried, clock) as c:
        response = await post(c, "{ calls { edges { cursor } } }", accept=MODERN)

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "took longer than" in response.json()["errors"][0]["message"]


async def test_production_gives_no_field_suggestions(settings, clock, session_factory):
    async with client_for(prod_settings(settings), clock) as prod:
        field = await post(prod, "{ call { id } calsl { edges { cursor } } }", accept=MODERN)
        enum = await post(
            prod,
            "query($l: Language!) { calls { edges { node { title(language: $l) } } } }",
            {"l": "FRE"},
            accept=MODERN,
        )

    for response in (field, enum):
        messages = [e["message"] for e in response.json()["errors"]]
        assert messages, response.json()
        assert not any("Did you mean" in m for m in messages), messages


async def test_development_keeps_field_suggestions(client):
    response = await post(client, "{ calsl { edges { cursor } } }", accept=MODERN)

    assert "Did you mean" in response.json()["errors"][0]["message"]


async def test_an_upload_gets_time_for_its_transfer_on_a_slow_link(
    settings, clock, session_factory
):
    # The operation's own limit is unmeetable; an upload's adds the transfer of the largest
    # file at 32 KB/s, so a hospital's slow link is not cut off mid-file.
    hurried = settings.model_copy(update={"graphql_operation_timeout_seconds": 1e-6})
    user = await f.make_user(session_factory, clock.now())
    token = (await f.sign_in(session_factory, clock.now(), user)).token
    async with client_for(hurried, clock) as c:
        response = await c.post(
            "/graphql",
            files={
                "operations": (None, '{"query": "{ calls { edges { cursor } } }"}'),
                "map": (None, "{}"),
            },
            headers={"accept": MODERN, "authorization": f"Bearer {token}"},
        )

    assert hurried.upload_timeout_seconds >= hurried.upload_max_bytes / (32 * 1024)
    assert response.status_code == 200, response.text
