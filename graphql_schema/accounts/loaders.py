"""The accounts domain's DataLoaders: organisations, and each user's grants and memberships."""

from __future__ import annotations

from backend.accounts import queries
from backend.core.auth import Actor
from backend.core.db import SessionFactory
from graphql_schema.loaders import DomainLoaders, batch_loader


class AccountLoaders(DomainLoaders):
    def __init__(self, factory: SessionFactory, actor: Actor) -> None:
        super().__init__(factory, actor)
        self.organisation = batch_loader(factory, queries.organisations_by_id, lambda: None)
        self.user_grants = batch_loader(factory, queries.grants_by_user, list)
        self.user_memberships = batch_loader(factory, queries.memberships_by_user, list)
        self.organisation_members = batch_loader(
            factory,
            lambda session, ids: queries.members_by_organisation(session, actor, ids),
            lambda: None,
        )
