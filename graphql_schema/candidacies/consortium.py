"""Consortium mutations: invite a partner, answer an invitation, withdraw it, let a partner
edit. Each calls one service of :mod:`backend.candidacies.consortium` in one transaction."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import relay

from backend.candidacies import consortium
from backend.candidacies.enums import PartnerRole, PartnerStatus
from graphql_schema.candidacies.mutations import EditCandidacyResult, _Editing, _payload
from graphql_schema.candidacies.types import CandidacyType, PartnerType
from graphql_schema.mutation_support import node_uuid, run_mutation
from graphql_schema.scalars import BigInt

PARTNER_ID_TYPES = ("CandidacyPartner", "PartnerInvitation")
"""An invitation is the partner row seen from the invited side: both ids name it."""
ORGANISATION_ID_TYPES = ("Organisation", "PublicOrganisation")


@strawberry.type
class PartnerPayload:
    partner: PartnerType
    candidacy: CandidacyType


@strawberry.type
class RespondToPartnerInvitationPayload:
    partner: PartnerType
    candidacy: CandidacyType | None = strawberry.field(
        description="The candidacy, now readable by your organisation; null when declined."
    )


PartnerResult = Annotated[PartnerPayload | _Editing, strawberry.union("PartnerResult")]
RespondToPartnerInvitationResult = Annotated[
    RespondToPartnerInvitationPayload | _Editing,
    strawberry.union("RespondToPartnerInvitationResult"),
]


def _partner_payload(pair: Any) -> PartnerPayload:
    return PartnerPayload(
        partner=PartnerType.from_model(pair[0]), candidacy=CandidacyType.from_model(pair[1])
    )


def _answer_payload(pair: Any) -> RespondToPartnerInvitationPayload:
    partner, candidacy = pair
    readable = partner.status is PartnerStatus.ACCEPTED
    return RespondToPartnerInvitationPayload(
        partner=PartnerType.from_model(partner),
        candidacy=CandidacyType.from_model(candidacy) if readable else None,
    )


@strawberry.type
class ConsortiumMutations:
    @strawberry.mutation(
        description="Lead members: invite an organisation (found with organisationSearch) into"
        " the consortium. It is PENDING, and not a partner, until one of its admins accepts;"
        " its admins get a mail. One that declined may be invited again."
    )
    async def invite_partner(
        self,
        info: strawberry.Info,
        candidacy_id: relay.GlobalID,
        organisation_id: relay.GlobalID,
        role: PartnerRole,
        requested_share_cents: BigInt,
    ) -> PartnerResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: consortium.invite_partner(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(candidacy_id, "Candidacy"),
                organisation_id=node_uuid(organisation_id, *ORGANISATION_ID_TYPES),
                role=role,
                requested_share_cents=int(requested_share_cents),
                now=ctx.now,
            ),
            _partner_payload,
        )

    @strawberry.mutation(
        description="Admins of the invited organisation: accept (your members then read the"
        " candidacy) or decline an invitation (myPartnerInvitations)."
    )
    async def respond_to_partner_invitation(
        self, info: strawberry.Info, id: relay.GlobalID, accept: bool
    ) -> RespondToPartnerInvitationResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: consortium.respond_to_invitation(
                s,
                actor=ctx.actor,
                partner_id=node_uuid(id, *PARTNER_ID_TYPES),
                accept=accept,
                now=ctx.now,
            ),
            _answer_payload,
        )

    @strawberry.mutation(
        description="Lead members: withdraw an invitation, or take a partner out of the"
        " consortium (with its budget lines)."
    )
    async def withdraw_partner_invitation(
        self, info: strawberry.Info, id: relay.GlobalID
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: consortium.withdraw_partner(
                s, actor=ctx.actor, partner_id=node_uuid(id, *PARTNER_ID_TYPES), now=ctx.now
            ),
            _payload,
        )

    @strawberry.mutation(
        description="Lead members: let a partner's members edit the content (description,"
        " answers, budget, files) or stop them. Never the consortium, nor submitting."
    )
    async def set_partner_can_edit(
        self, info: strawberry.Info, id: relay.GlobalID, can_edit: bool
    ) -> PartnerResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: consortium.set_partner_can_edit(
                s,
                actor=ctx.actor,
                partner_id=node_uuid(id, *PARTNER_ID_TYPES),
                can_edit=can_edit,
                now=ctx.now,
            ),
            _partner_payload,
        )
