"""Run one service in one unit of work and turn expected failures into union members."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.relay import GlobalID, GlobalIDValueError

from backend.core.db import unit_of_work
from backend.core.errors import DomainError, NotFound
from graphql_schema.context import Context
from graphql_schema.errors import Error

T = TypeVar("T")


async def in_transaction(
    context: Context, work: Callable[[AsyncSession], Awaitable[T]]
) -> T | Error:
    """Commit what ``work`` did, or roll it all back and return the typed error."""
    try:
        async with unit_of_work(context.session_factory, jobs=context.jobs) as uow:
            result = await work(uow.session)
    except DomainError as exc:
        return context.to_error(exc)
    context.reset_loaders()
    return result


def node_uuid(global_id: GlobalID | str, *type_names: str) -> Any:
    """The UUID behind a global ID of one of ``type_names``; anything else (another type, a
    malformed id, a string that is no global ID at all) is not found, like a missing row."""
    import uuid

    try:
        if isinstance(global_id, str):
            global_id = GlobalID.from_id(global_id)
        if global_id.type_name not in type_names:
            raise NotFound(f"no {' or '.join(type_names)} with this id")
        return uuid.UUID(global_id.node_id)
    except (GlobalIDValueError, ValueError) as exc:
        raise NotFound("malformed id") from exc


P = TypeVar("P")


async def run_mutation(
    context: Context,
    work: Callable[[AsyncSession], Awaitable[T]],
    wrap: Callable[[T], P],
) -> P | Error:
    """``work`` in one transaction; its result wrapped in the success payload, or the error."""
    result = await in_transaction(context, work)
    if isinstance(result, Error):
        return result
    return wrap(result)
