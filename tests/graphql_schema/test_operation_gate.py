"""At most N GraphQL operations execute at once per process, whatever the route (GET or
POST); the limit comes from the app's settings."""

from __future__ import annotations

import asyncio

from backend.app import create_app
from graphql_schema.http import GraphQLOverHTTPRouter, OperationGate


async def _busiest(gate: OperationGate, operations: int) -> int:
    running = busiest = 0

    async def operation() -> None:
        nonlocal running, busiest
        async with gate.slot():
            running += 1
            busiest = max(busiest, running)
            await asyncio.sleep(0.01)
            running -= 1

    await asyncio.gather(*(operation() for _ in range(operations)))
    return busiest


async def test_no_more_than_the_limit_execute_at_once() -> None:
    assert await _busiest(OperationGate(2), 8) == 2


async def test_zero_means_no_limit() -> None:
    assert await _busiest(OperationGate(0), 6) == 6


def test_the_app_has_one_gate_with_the_limit_of_its_settings(settings) -> None:
    settings.graphql_max_concurrent_operations = 3

    app = create_app(settings)

    routers = [
        router
        for route in app.routes
        if isinstance(router := getattr(route, "original_router", None), GraphQLOverHTTPRouter)
    ]
    assert len(routers) == 1  # one router, so one gate for its GET and POST routes alike
    assert routers[0].gate.limit == 3
