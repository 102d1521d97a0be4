"""The candidacies domain's DataLoaders: what an actor reads of candidacies built outside a
page read, and a candidacy's e-mail invitations."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from backend.candidacies import queries
from backend.candidacies import reads as candidacy_reads
from backend.candidacies.models import Candidacy
from backend.candidacies.reads import PageRead
from backend.core.auth import Actor
from backend.core.db import SessionFactory, read_session
from graphql_schema.loaders import DomainLoaders, batch_loader


def _reads_loader(factory: SessionFactory, actor: Actor) -> DataLoader[Candidacy, PageRead]:
    """What ``actor`` sees of candidacies built outside a page read (a mutation's payload,
    ``node``): everything, for all of the request's such candidacies at once."""

    async def batch(keys: list[Candidacy]) -> list[PageRead]:
        async with read_session(factory) as session:
            page = await candidacy_reads.read_page(session, actor, keys, candidacy_reads.EVERYTHING)
        return [page] * len(keys)

    return DataLoader(load_fn=batch, cache_key_fn=lambda c: c.id)


class CandidacyLoaders(DomainLoaders):
    def __init__(self, factory: SessionFactory, actor: Actor) -> None:
        super().__init__(factory, actor)
        self.candidacy_reads = _reads_loader(factory, actor)
        self.candidacy_email_invitations = batch_loader(
            factory, queries.email_invitations_by_candidacy, list
        )
