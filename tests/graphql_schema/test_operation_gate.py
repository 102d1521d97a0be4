"""At most N GraphQL operations run at once per process; uploads pass the gate."""

from __future__ import annotations

import asyncio

from starlette.requests import Request

from graphql_schema.http import OperationGate


def _request(content_type: str = "application/json") -> Request:
    headers = [(b"content-type", content_type.encode())]
    return Request({"type": "http", "method": "POST", "path": "/graphql", "headers": headers})


async def _busiest(gate: OperationGate, requests: list[Request]) -> int:
    running = busiest = 0

    async def operation(request: Request) -> None:
        nonlocal running, busiest
        async with gate.slot(request):
            running += 1
            busiest = max(busiest, running)
            await asyncio.sleep(0.01)
            running -= 1

    await asyncio.gather(*(operation(r) for r in requests))
    return busiest


async def test_no_more_than_the_limit_run_at_once() -> None:
    assert await _busiest(OperationGate(2), [_request() for _ in range(8)]) == 2


async def test_uploads_are_not_held_back() -> None:
    uploads = [_request("multipart/form-data; boundary=x") for _ in range(5)]
    assert await _busiest(OperationGate(1), uploads) == 5


async def test_zero_means_no_limit() -> None:
    assert await _busiest(OperationGate(0), [_request() for _ in range(6)]) == 6
