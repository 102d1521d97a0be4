"""The candidacies domain's part of the schema: candidacies, consortia, files, submission."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.candidacies import consortium, email_invitations, queries
from backend.candidacies.attachments import readable_attachments_by_id
from backend.core.auth import Actor
from graphql_schema.candidacies.consortium import ConsortiumMutations
from graphql_schema.candidacies.email_invitations import EmailInvitationMutations
from graphql_schema.candidacies.errors import ERROR_TYPES
from graphql_schema.candidacies.mutations import CandidacyMutations
from graphql_schema.candidacies.queries import CandidacyQueries
from graphql_schema.candidacies.types import (
    AttachmentType,
    CandidacyType,
    EmailInvitationType,
    PartnerInvitationType,
    PartnerType,
)
from graphql_schema.domain import GraphQLDomain, NodeKind


async def _readable_attachments(
    session: AsyncSession, actor: Actor, ids: Sequence[uuid.UUID]
) -> Any:
    return await readable_attachments_by_id(session, actor=actor, attachment_ids=ids)


DOMAIN = GraphQLDomain(
    name="candidacies",
    queries=(CandidacyQueries,),
    mutations=(CandidacyMutations, ConsortiumMutations, EmailInvitationMutations),
    error_types=ERROR_TYPES,
    node_kinds={
        "Candidacy": NodeKind(
            queries.readable_candidacies_by_id, lambda r, _: CandidacyType.from_model(r)
        ),
        "Attachment": NodeKind(_readable_attachments, lambda r, _: AttachmentType.from_model(r)),
        "CandidacyPartner": NodeKind(
            consortium.readable_partners_by_id, lambda r, _: PartnerType.from_model(r)
        ),
        "PartnerInvitation": NodeKind(
            consortium.invitations_by_id, lambda r, _: PartnerInvitationType.from_row(r)
        ),
        "PartnerEmailInvitation": NodeKind(
            email_invitations.readable_email_invitations_by_id,
            lambda r, _: EmailInvitationType.from_model(r),
        ),
    },
)
