"""Per-request DataLoaders: one SQL statement per relation per request, whatever the list size.

Each batch opens its own short session (sibling resolvers run concurrently and an
``AsyncSession`` must not be shared between them).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.dataloader import DataLoader

from backend.accounts import queries as account_queries
from backend.calls import queries as call_queries
from backend.candidacies import queries as candidacy_queries
from backend.candidacies import reads as candidacy_reads
from backend.candidacies.models import Candidacy
from backend.candidacies.reads import PageRead
from backend.core.auth import Actor
from backend.core.db import SessionFactory, read_session

K = TypeVar("K")
V = TypeVar("V")


def _loader(
    factory: SessionFactory,
    fetch: Callable[[AsyncSession, Sequence[uuid.UUID]], Awaitable[Mapping[uuid.UUID, Any]]],
    missing: Callable[[], Any],
) -> DataLoader[uuid.UUID, Any]:
    async def batch(keys: list[uuid.UUID]) -> list[Any]:
        async with read_session(factory) as session:
            found = await fetch(session, keys)
        return [found.get(key, missing()) for key in keys]

    return DataLoader(load_fn=batch)


def _reads_loader(factory: SessionFactory, actor: Actor) -> DataLoader[Candidacy, PageRead]:
    """What ``actor`` sees of candidacies built outside a page read (a mutation's payload,
    ``node``): everything, for all of the request's such candidacies at once."""

    async def batch(keys: list[Candidacy]) -> list[PageRead]:
        async with read_session(factory) as session:
            page = await candidacy_reads.read_page(session, actor, keys, candidacy_reads.EVERYTHING)
        return [page] * len(keys)

    return DataLoader(load_fn=batch, cache_key_fn=lambda c: c.id)


class Loaders:
    def __init__(self, factory: SessionFactory, actor: Actor) -> None:
        self.call_funders = _loader(factory, call_queries.call_funders_by_call, list)
        self.call_themes = _loader(factory, call_queries.themes_by_call, list)
        self.call_questions = _loader(factory, call_queries.questions_by_call, list)
        self.call_criteria = _loader(factory, call_queries.criteria_by_call, list)
        self.funder = _loader(factory, call_queries.funders_by_id, lambda: None)
        self.programme = _loader(factory, call_queries.programmes_by_id, lambda: None)
        self.organisation = _loader(factory, account_queries.organisations_by_id, lambda: None)
        self.user_grants = _loader(factory, account_queries.grants_by_user, list)
        self.user_memberships = _loader(factory, account_queries.memberships_by_user, list)
        self.call = _loader(factory, call_queries.calls_by_id, lambda: None)
        self.candidacy_email_invitations = _loader(
            factory, candidacy_queries.email_invitations_by_candidacy, list
        )
        self.candidacy_reads = _reads_loader(factory, actor)
