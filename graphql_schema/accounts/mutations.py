"""Account mutations: sign in and out, tokens, users, roles, organisations, members."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from backend.accounts import services
from backend.accounts.enums import MembershipRole, OrganisationKind, Role
from backend.accounts.models import Membership, Organisation, RoleGrant, User
from backend.core.i18n import Language
from graphql_schema.accounts.errors import (
    AlreadyMemberError,
    EmailAlreadyUsedError,
    InvalidCredentialsError,
    TooManyAttemptsError,
)
from graphql_schema.accounts.session_cookie import forget_session_cookie, keep_session_in_cookie
from graphql_schema.accounts.types import ApiTokenType, OrganisationType, UserType
from graphql_schema.errors import (
    AuthenticationRequiredError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from graphql_schema.mutation_support import node_uuid, run_mutation


@strawberry.type
class LoginPayload:
    token: str | None = strawberry.field(
        description="Send as 'Authorization: Bearer <token>'. Null when the login asked for "
        "the session in a cookie (inCookie): the web application never sees its token."
    )
    expires_at: datetime | None
    user: UserType


@strawberry.type
class LogoutPayload:
    ok: bool


@strawberry.type
class ApiTokenPayload:
    token: str = strawberry.field(description="Shown once; only its hash is kept.")
    api_token: ApiTokenType


@strawberry.type
class RevokeApiTokenPayload:
    api_token: ApiTokenType


@strawberry.type
class UserPayload:
    user: UserType


@strawberry.type
class OrganisationPayload:
    organisation: OrganisationType


@strawberry.type
class MembershipPayload:
    organisation: OrganisationType
    user_id: relay.GlobalID
    role: MembershipRole


_Auth = AuthenticationRequiredError | InvalidInputError | NotFoundError | PermissionDeniedError

LoginResult = Annotated[
    LoginPayload | InvalidCredentialsError | TooManyAttemptsError | InvalidInputError,
    strawberry.union("LoginResult"),
]
LogoutResult = Annotated[LogoutPayload | _Auth, strawberry.union("LogoutResult")]
CreateApiTokenResult = Annotated[ApiTokenPayload | _Auth, strawberry.union("CreateApiTokenResult")]
RevokeApiTokenResult = Annotated[
    RevokeApiTokenPayload | _Auth, strawberry.union("RevokeApiTokenResult")
]
CreateUserResult = Annotated[
    UserPayload | EmailAlreadyUsedError | _Auth, strawberry.union("CreateUserResult")
]
GrantRoleResult = Annotated[UserPayload | _Auth, strawberry.union("GrantRoleResult")]
CreateOrganisationResult = Annotated[
    OrganisationPayload | _Auth, strawberry.union("CreateOrganisationResult")
]
AddMemberResult = Annotated[
    MembershipPayload | AlreadyMemberError | _Auth, strawberry.union("AddOrganisationMemberResult")
]


@strawberry.input
class CreateOrganisationInput:
    name: str
    kind: OrganisationKind
    country: str = strawberry.field(description="ISO 3166-1 alpha-2, e.g. FR or DE.")
    siret: str | None = strawberry.field(default=None, description="Required in France.")
    finess: str | None = strawberry.field(
        default=None, description="Required for French health and medico-social establishments."
    )
    registry_id: str | None = strawberry.field(
        default=None, description="Trade or association register id, outside France."
    )


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description="Exchange an email and password for a session token. Attempts are "
        "throttled per client address (TooManyAttemptsError says when to retry)."
    )
    async def login(
        self,
        info: strawberry.Info,
        email: str,
        password: str,
        in_cookie: Annotated[
            bool,
            strawberry.argument(
                description="For the web application: keep the session in an HttpOnly "
                "cookie instead of returning its token. Requests it carries must then be "
                "POSTs with an 'X-Requested-With' header (any value)."
            ),
        ] = False,
    ) -> LoginResult:
        ctx = info.context

        def payload(issued: services.IssuedToken) -> LoginPayload:
            if in_cookie:
                keep_session_in_cookie(ctx, issued.token, issued.record.expires_at)
            return LoginPayload(
                token=None if in_cookie else issued.token,
                expires_at=issued.record.expires_at,
                user=UserType.from_model(issued.user),
            )

        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.login(
                s,
                throttle=ctx.login_throttle,
                address=ctx.client_address,
                email=email,
                password=password,
                now=ctx.clock.now(),
            ),
            payload,
        )

    @strawberry.mutation(
        description="Revoke the token this request was made with (and clear the session "
        "cookie, for the web application)."
    )
    async def logout(self, info: strawberry.Info) -> LogoutResult:
        ctx = info.context

        def payload(_: None) -> LogoutPayload:
            forget_session_cookie(ctx)
            return LogoutPayload(ok=True)

        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.logout(s, actor=ctx.actor, now=ctx.clock.now()),
            payload,
        )

    @strawberry.mutation(description="Create a token for an integration, acting as you.")
    async def create_api_token(
        self, info: strawberry.Info, name: str, expires_at: datetime | None = None
    ) -> CreateApiTokenResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_api_token(
                s, actor=ctx.actor, name=name, now=ctx.clock.now(), expires_at=expires_at
            ),
            lambda issued: ApiTokenPayload(
                token=issued.token, api_token=ApiTokenType.from_model(issued.record)
            ),
        )

    @strawberry.mutation
    async def revoke_api_token(
        self, info: strawberry.Info, id: relay.GlobalID
    ) -> RevokeApiTokenResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.revoke_api_token(
                s, actor=ctx.actor, token_id=node_uuid(id, "ApiToken"), now=ctx.clock.now()
            ),
            lambda token: RevokeApiTokenPayload(
                api_token=ApiTokenType.from_model(token, current_token_id=ctx.actor.token_id)
            ),
        )

    @strawberry.mutation(description="Create an account (platform admins).")
    async def create_user(
        self,
        info: strawberry.Info,
        email: str,
        full_name: str,
        password: str,
        language: Language = Language.FR,
    ) -> CreateUserResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_user(
                s,
                actor=ctx.actor,
                email=email,
                full_name=full_name,
                password=password,
                language=language,
                now=ctx.clock.now(),
            ),
            _user_payload,
        )

    @strawberry.mutation(description="Grant a role; managers and viewers need a funder.")
    async def grant_role(
        self,
        info: strawberry.Info,
        user_id: relay.GlobalID,
        role: Role,
        funder_id: relay.GlobalID | None = None,
    ) -> GrantRoleResult:
        ctx = info.context

        async def grant(session):  # type: ignore[no-untyped-def]
            grant: RoleGrant = await services.grant_role(
                session,
                actor=ctx.actor,
                user_id=node_uuid(user_id, "User"),
                role=role,
                funder_id=node_uuid(funder_id, "Funder") if funder_id else None,
                now=ctx.clock.now(),
            )
            return await session.get(User, grant.user_id)

        return await run_mutation(ctx, grant, _user_payload)  # type: ignore[return-value]

    @strawberry.mutation(description="Register an organisation; you become its admin.")
    async def create_organisation(
        self, info: strawberry.Info, input: CreateOrganisationInput
    ) -> CreateOrganisationResult:
        ctx = info.context
        data = services.OrganisationInput(
            name=input.name,
            kind=input.kind,
            country=input.country,
            siret=input.siret,
            finess=input.finess,
            registry_id=input.registry_id,
        )
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_organisation(
                s, actor=ctx.actor, data=data, now=ctx.clock.now()
            ),
            lambda org: OrganisationPayload(organisation=OrganisationType.from_model(org)),
        )

    @strawberry.mutation(description="Add an existing account to an organisation you administer.")
    async def add_organisation_member(
        self,
        info: strawberry.Info,
        organisation_id: relay.GlobalID,
        email: str,
        role: MembershipRole = MembershipRole.MEMBER,
    ) -> AddMemberResult:
        ctx = info.context

        async def add(session):  # type: ignore[no-untyped-def]
            member: Membership = await services.add_member(
                session,
                actor=ctx.actor,
                organisation_id=node_uuid(organisation_id, "Organisation"),
                email=email,
                role=role,
                now=ctx.clock.now(),
            )
            return member, await session.get(Organisation, member.organisation_id)

        return await run_mutation(  # type: ignore[return-value]
            ctx,
            add,
            lambda pair: MembershipPayload(
                organisation=OrganisationType.from_model(pair[1]),
                user_id=relay.GlobalID("User", str(pair[0].user_id)),
                role=pair[0].role,
            ),
        )


def _user_payload(user: User) -> UserPayload:
    return UserPayload(user=UserType.from_model(user))
