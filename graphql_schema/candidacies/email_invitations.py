"""Partners invited by e-mail (their organisation is not on the platform yet): invite, answer
with the mailed code, withdraw. Each calls one service of
:mod:`backend.candidacies.email_invitations` in one transaction."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import relay

from backend.accounts import services as account_services
from backend.candidacies import email_invitations
from backend.candidacies.enums import PartnerRole, PartnerStatus
from backend.core.i18n import Language
from graphql_schema.accounts.mutations import CreateOrganisationInput
from graphql_schema.accounts.types import OrganisationType
from graphql_schema.candidacies.mutations import EditCandidacyResult, _Editing, _payload
from graphql_schema.candidacies.types import CandidacyType, EmailInvitationType
from graphql_schema.mutation_support import node_uuid, run_mutation
from graphql_schema.scalars import BigInt


@strawberry.input
class EmailPartnerInput:
    email: str = strawberry.field(description="The contact who will answer for the organisation.")
    organisation: CreateOrganisationInput = strawberry.field(
        description="The organisation as it will be registered when the contact accepts."
    )
    role: PartnerRole
    requested_share_cents: BigInt
    language: Language = strawberry.field(
        default=Language.FR, description="The language of the mail."
    )


@strawberry.type
class EmailInvitationPayload:
    invitation: EmailInvitationType
    candidacy: CandidacyType


@strawberry.type
class RespondToEmailInvitationPayload:
    status: PartnerStatus
    organisation: OrganisationType | None = strawberry.field(
        description="Accepted: the organisation registered, with you as its admin."
    )
    candidacy: CandidacyType | None = strawberry.field(
        description="Accepted: the candidacy, now readable by your organisation."
    )


EmailInvitationResult = Annotated[
    EmailInvitationPayload | _Editing, strawberry.union("EmailInvitationResult")
]
RespondToEmailInvitationResult = Annotated[
    RespondToEmailInvitationPayload | _Editing,
    strawberry.union("RespondToEmailInvitationResult"),
]


def _invitation_payload(pair: Any) -> EmailInvitationPayload:
    invitation, candidacy = pair
    return EmailInvitationPayload(
        invitation=EmailInvitationType.from_model(invitation),
        candidacy=CandidacyType.from_model(candidacy),
    )


def _answer_payload(answer: email_invitations.EmailInvitationAnswer) -> Any:
    accepted = answer.partner is not None
    organisation = answer.organisation
    return RespondToEmailInvitationPayload(
        status=answer.invitation.status,
        organisation=OrganisationType.from_model(organisation) if organisation else None,
        candidacy=CandidacyType.from_model(answer.candidacy) if accepted else None,
    )


@strawberry.type
class EmailInvitationMutations:
    @strawberry.mutation(
        description="Lead members: invite by e-mail an organisation that is not on the platform"
        " (one that is, is invited by name with invitePartner). The address gets a single-use"
        " code; the user with that e-mail answers with respondToEmailInvitation. PENDING"
        " until then, and the submission waits for the answer."
    )
    async def invite_email_partner(
        self, info: strawberry.Info, candidacy_id: relay.GlobalID, input: EmailPartnerInput
    ) -> EmailInvitationResult:
        ctx = info.context
        organisation = account_services.OrganisationInput(
            name=input.organisation.name,
            kind=input.organisation.kind,
            country=input.organisation.country,
            siret=input.organisation.siret,
            finess=input.organisation.finess,
            registry_id=input.organisation.registry_id,
        )
        data = email_invitations.EmailInvitationInput(
            email=input.email,
            organisation=organisation,
            role=input.role,
            requested_share_cents=int(input.requested_share_cents),
            language=input.language,
        )
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: email_invitations.invite_by_email(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(candidacy_id, "Candidacy"),
                data=data,
                now=ctx.now,
            ),
            _invitation_payload,
        )

    @strawberry.mutation(
        description="The user an invitation was mailed to (same e-mail): accept it with its"
        " code (your organisation is registered with you as its admin, and joins the"
        " consortium) or decline it. A code that is unknown, used, expired or meant for"
        " another address is INVALID_OR_EXPIRED."
    )
    async def respond_to_email_invitation(
        self, info: strawberry.Info, token: str, accept: bool
    ) -> RespondToEmailInvitationResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: email_invitations.respond_by_token(
                s, actor=ctx.actor, token=token, accept=accept, now=ctx.now
            ),
            _answer_payload,
        )

    @strawberry.mutation(
        description="Lead members: withdraw an invitation by e-mail not accepted yet (its code"
        " stops working)."
    )
    async def withdraw_email_invitation(
        self, info: strawberry.Info, id: relay.GlobalID
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: email_invitations.withdraw_email_invitation(
                s,
                actor=ctx.actor,
                invitation_id=node_uuid(id, "PartnerEmailInvitation"),
                now=ctx.now,
            ),
            _payload,
        )
