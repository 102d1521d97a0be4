"""Root query fields for accounts: who am I, my API tokens, and my organisations."""

from __future__ import annotations

import strawberry

from backend.accounts import queries
from backend.accounts.models import AuthToken, Organisation, User
from backend.core.db import read_session
from backend.core.errors import DomainError
from backend.core.pagination import keyset_page
from graphql_schema.accounts.types import (
    ApiTokenType,
    OrganisationType,
    PublicOrganisationType,
    UserType,
)
from graphql_schema.errors import query_error
from graphql_schema.mutation_support import node_uuid
from graphql_schema.pagination import Connection, FirstArg, connection_from_page, page_size


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in user, or null for anonymous callers.")
    async def me(self, info: strawberry.Info) -> UserType | None:
        ctx = info.context
        if ctx.actor.user_id is None:
            return None
        async with read_session(ctx.session_factory) as session:
            user = await session.get(User, ctx.actor.user_id)
        return UserType.from_model(user) if user else None

    @strawberry.field(
        description="Your API tokens that are not revoked, oldest first (expired ones too)."
    )
    async def my_api_tokens(
        self, info: strawberry.Info, first: FirstArg = None, after: str | None = None
    ) -> Connection[ApiTokenType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            async with read_session(ctx.session_factory) as session:
                page = await keyset_page(
                    session,
                    queries.own_api_tokens(ctx.actor),
                    columns=[AuthToken.created_at, AuthToken.id],
                    key_of=lambda t: [t.created_at, t.id],
                    first=size,
                    after=after,
                )
        except DomainError as exc:
            raise query_error(exc) from None
        current = ctx.actor.token_id
        return connection_from_page(
            page, lambda token: ApiTokenType.from_model(token, current_token_id=current)
        )

    @strawberry.field(description="Organisations you belong to (all of them for admins).")
    async def organisations(
        self, info: strawberry.Info, first: FirstArg = None, after: str | None = None
    ) -> Connection[OrganisationType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            async with read_session(ctx.session_factory) as session:
                page = await keyset_page(
                    session,
                    queries.visible_organisations(ctx.actor),
                    columns=[Organisation.name, Organisation.id],
                    key_of=lambda o: [o.name, o.id],
                    first=size,
                    after=after,
                )
        except DomainError as exc:
            raise query_error(exc) from None
        return connection_from_page(page, OrganisationType.from_model)

    @strawberry.field(
        description="Find an organisation to invite as a partner: by name (accents and case"
        " ignored) or by the start of its SIRET, SIREN, FINESS or registry id. Signed-in users"
        " only; public fields only; ordered by name."
    )
    async def organisation_search(
        self,
        info: strawberry.Info,
        query: str,
        first: FirstArg = None,
        after: str | None = None,
    ) -> Connection[PublicOrganisationType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            stmt = queries.organisation_search(ctx.actor, query)
            async with read_session(ctx.session_factory) as session:
                page = await keyset_page(
                    session,
                    stmt,
                    columns=[Organisation.name_key, Organisation.id],
                    key_of=lambda o: [o.name_key, o.id],
                    first=size,
                    after=after,
                )
        except DomainError as exc:
            raise query_error(exc) from None
        return connection_from_page(page, PublicOrganisationType.from_model)

    @strawberry.field(description="One organisation, if you belong to it.")
    async def organisation(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> OrganisationType | None:
        ctx = info.context
        try:
            org_id = node_uuid(id, "Organisation")
        except DomainError:
            return None
        async with read_session(ctx.session_factory) as session:
            org = (
                await session.exec(
                    queries.visible_organisations(ctx.actor).where(Organisation.id == org_id)
                )
            ).first()
        return OrganisationType.from_model(org) if org else None
