"""GraphQL types for accounts. The current user's roles and organisations come via loaders."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry
from strawberry import relay

from backend.accounts import models
from backend.accounts.enums import MembershipRole, OrganisationKind, Role, TokenKind
from backend.core.i18n import Language
from graphql_schema.accounts.loaders import AccountLoaders
from graphql_schema.calls.loaders import CallLoaders
from graphql_schema.calls.types import FunderType

RoleEnum = strawberry.enum(Role, name="Role")
MembershipRoleEnum = strawberry.enum(MembershipRole, name="MembershipRole")
TokenKindEnum = strawberry.enum(TokenKind, name="TokenKind")


@strawberry.type(
    name="OrganisationMember",
    description="A member of an organisation, as its other members see them.",
)
class OrganisationMemberType:
    full_name: str
    email: str
    role: MembershipRole
    joined_at: datetime


@strawberry.type(name="Organisation")
class OrganisationType(relay.Node):
    id: relay.NodeID[str]
    name: str
    kind: OrganisationKind
    country: str
    siret: str | None
    finess: str | None
    registry_id: str | None

    @strawberry.field(
        description="Its members, oldest first; null unless you belong to it (or are a platform"
        " admin), however you reached it."
    )
    async def members(self, info: strawberry.Info) -> list[OrganisationMemberType] | None:
        rows = await AccountLoaders.of(info).organisation_members.load(uuid.UUID(self.id))
        if rows is None:
            return None
        return [
            OrganisationMemberType(
                full_name=m.full_name, email=m.email, role=m.role, joined_at=m.joined_at
            )
            for m in rows
        ]

    @classmethod
    def from_model(cls, org: models.Organisation) -> OrganisationType:
        return cls(
            id=str(org.id),
            name=org.name,
            kind=org.kind,
            country=org.country,
            siret=org.siret,
            finess=org.finess,
            registry_id=org.registry_id,
        )


@strawberry.type(
    name="PublicOrganisation",
    description="What anyone signed in may know of an organisation: its public registry facts,"
    " never its members. Its id is accepted wherever an organisation id is (invitePartner).",
)
class PublicOrganisationType(relay.Node):
    id: relay.NodeID[str]
    name: str
    kind: OrganisationKind
    country: str
    siret: str | None
    finess: str | None
    registry_id: str | None

    @classmethod
    def from_model(cls, org: models.Organisation) -> PublicOrganisationType:
        return cls(
            id=str(org.id),
            name=org.name,
            kind=org.kind,
            country=org.country,
            siret=org.siret,
            finess=org.finess,
            registry_id=org.registry_id,
        )


@strawberry.type(name="RoleGrant")
class RoleGrantType:
    role: Role
    funder_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field(description="The funder a programme manager or viewer serves.")
    async def funder(self, info: strawberry.Info) -> FunderType | None:
        if self.funder_id is None:
            return None
        funder = await CallLoaders.of(info).funder.load(self.funder_id)
        return FunderType.from_model(funder) if funder else None


@strawberry.type(name="Membership")
class MembershipType:
    role: MembershipRole
    organisation_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def organisation(self, info: strawberry.Info) -> OrganisationType | None:
        org = await AccountLoaders.of(info).organisation.load(self.organisation_id)
        return OrganisationType.from_model(org) if org else None


@strawberry.type(name="User")
class UserType(relay.Node):
    id: relay.NodeID[str]
    email: str
    full_name: str
    language: Language
    user_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def roles(self, info: strawberry.Info) -> list[RoleGrantType]:
        grants = await AccountLoaders.of(info).user_grants.load(self.user_id)
        return [RoleGrantType(role=g.role, funder_id=g.funder_id) for g in grants]

    @strawberry.field
    async def memberships(self, info: strawberry.Info) -> list[MembershipType]:
        rows = await AccountLoaders.of(info).user_memberships.load(self.user_id)
        return [MembershipType(role=m.role, organisation_id=m.organisation_id) for m in rows]

    @classmethod
    def from_model(cls, user: models.User) -> UserType:
        return cls(
            id=str(user.id),
            email=user.email,
            full_name=user.full_name,
            language=user.language,
            user_id=user.id,
        )


@strawberry.type(name="ApiToken")
class ApiTokenType(relay.Node):
    id: relay.NodeID[str]
    name: str
    kind: TokenKind
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a request, to the minute; null if never."
    )
    current: bool = strawberry.field(description="Whether this request is made with it.")

    @classmethod
    def from_model(
        cls, token: models.AuthToken, *, current_token_id: uuid.UUID | None = None
    ) -> ApiTokenType:
        return cls(
            id=str(token.id),
            name=token.name,
            kind=token.kind,
            created_at=token.created_at,
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
            last_used_at=token.last_used_at,
            current=token.id == current_token_id,
        )
