"""At most N GraphQL requests are handled at once per process, whatever the route (GET or
POST); bodies are read before a slot is taken; uploads pass; the limit comes from the app's
settings."""

from __future__ import annotations

import asyncio

from starlette.requests import Request

from backend.app import create_app
from graphql_schema.http import GraphQLOverHTTPRouter, OperationGate


def _request(content_type: str = "application/json", body: bytes = b"{}") -> Request:
    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    headers = [(b"content-type", content_type.encode())]
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": headers}
    return Request(scope, receive)


async def _busiest(gate: OperationGate, requests: list[Request]) -> int:
    running = busiest = 0

    async def operation(request: Request) -> None:
        nonlocal running, busiest
        async with await gate.slot(request):
            running += 1
            busiest = max(busiest, running)
            await asyncio.sleep(0.01)
            running -= 1

    await asyncio.gather(*(operation(r) for r in requests))
    return busiest


async def test_no_more_than_the_limit_are_handled_at_once() -> None:
    assert await _busiest(OperationGate(2), [_request() for _ in range(8)]) == 2


async def test_the_body_is_read_before_the_slot_and_kept_for_the_handler() -> None:
    request = _request(body=b'{"query": "{ __typename }"}')

    async with await OperationGate(1).slot(request):
        assert await request.json() == {"query": "{ __typename }"}


async def test_uploads_are_neither_read_ahead_nor_held_back() -> None:
    uploads = [_request("multipart/form-data; boundary=x") for _ in range(5)]
    assert await _busiest(OperationGate(1), uploads) == 5


async def test_zero_means_no_limit() -> None:
    assert await _busiest(OperationGate(0), [_request() for _ in range(6)]) == 6


def test_the_app_has_one_gate_with_the_limit_of_its_settings(settings) -> None:
    settings.graphql_max_concurrent_operations = 3

    app = create_app(settings)

    routers = [
        router
        for route in app.routes
        if isinstance(router := getattr(route, "original_router", None), GraphQLOverHTTPRouter)
    ]
    assert len(routers) == 1
    http_routes = [r for r in routers[0].routes if hasattr(r, "methods")]
    assert {m for r in http_routes for m in r.methods} >= {"GET", "POST"}  # type: ignore[attr-defined]
    gates = {id(r.operation_gate) for r in http_routes}  # type: ignore[attr-defined]
    assert gates == {id(routers[0].gate)}  # GET and POST share it
    assert routers[0].gate.limit == 3
