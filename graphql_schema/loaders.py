"""Per-request DataLoaders: one SQL statement per relation per request, whatever the list size.

Each domain's GraphQL package declares its own loaders as a :class:`DomainLoaders` subclass
(``graphql_schema/<domain>/loaders.py``); the request's :class:`~graphql_schema.context.Context`
builds each class the first time a resolver asks for it (``CallLoaders.of(info)``), so a new
domain adds loaders without touching a central list, and a request pays only for the loaders
it uses. Each batch opens its own short session (sibling resolvers run concurrently and an
``AsyncSession`` must not be shared between them).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Self

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.dataloader import DataLoader

from backend.core.auth import Actor
from backend.core.db import SessionFactory, read_session

Fetch = Callable[[AsyncSession, Sequence[uuid.UUID]], Awaitable[Mapping[uuid.UUID, Any]]]


def batch_loader(
    factory: SessionFactory, fetch: Fetch, missing: Callable[[], Any]
) -> DataLoader[uuid.UUID, Any]:
    """A loader of rows by id through ``fetch``, ``missing()`` for an id it did not find."""

    async def batch(keys: list[uuid.UUID]) -> list[Any]:
        async with read_session(factory) as session:
            found = await fetch(session, keys)
        return [found.get(key, missing()) for key in keys]

    return DataLoader(load_fn=batch)


class DomainLoaders:
    """One domain's DataLoaders for one request; subclasses set them up in ``__init__``."""

    def __init__(self, factory: SessionFactory, actor: Actor) -> None:
        self.factory = factory
        self.actor = actor

    @classmethod
    def of(cls, info: strawberry.Info) -> Self:
        """This request's instance (built on first use, dropped after each mutation)."""
        loaders: Self = info.context.loaders(cls)
        return loaders
