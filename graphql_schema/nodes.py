"""Relay object identification: any object by its global ID, under the rule of its own reads.

``node(id:)`` answers what ``call(id:)``, ``candidacy(id:)``... would answer: the object if
the actor may read it, otherwise ``null``, exactly as for an id that never existed, a malformed
id or an id of a type that is not a node. Nothing tells "hidden" from "missing".
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry import relay
from strawberry.relay import GlobalID, GlobalIDValueError

from backend.accounts import queries as account_queries
from backend.calls import queries as call_queries
from backend.candidacies import consortium, email_invitations
from backend.candidacies import queries as candidacy_queries
from backend.candidacies.attachments import readable_attachments_by_id
from backend.core.auth import Actor
from backend.core.db import read_session
from graphql_schema.accounts.types import (
    ApiTokenType,
    OrganisationType,
    PublicOrganisationType,
    UserType,
)
from graphql_schema.calls.types import CallType, FunderType, ProgrammeType
from graphql_schema.candidacies.types import (
    AttachmentType,
    CandidacyType,
    EmailInvitationType,
    PartnerInvitationType,
    PartnerType,
)
from graphql_schema.context import Context

Fetch = Callable[[AsyncSession, Actor, Sequence[uuid.UUID]], Awaitable[Mapping[uuid.UUID, Any]]]


@dataclass(frozen=True)
class NodeKind:
    """How to read one node type by ids (only what the actor may read) and show a row."""

    fetch: Fetch
    to_node: Callable[[Any, Context], relay.Node]


async def _public_funders(session: AsyncSession, _: Actor, ids: Sequence[uuid.UUID]) -> Any:
    return await call_queries.funders_by_id(session, ids)


async def _public_programmes(session: AsyncSession, _: Actor, ids: Sequence[uuid.UUID]) -> Any:
    return await call_queries.programmes_by_id(session, ids)


async def _readable_attachments(
    session: AsyncSession, actor: Actor, ids: Sequence[uuid.UUID]
) -> Any:
    return await readable_attachments_by_id(session, actor=actor, attachment_ids=ids)


async def _public_organisations(
    session: AsyncSession, actor: Actor, ids: Sequence[uuid.UUID]
) -> Any:
    """Public fields of any organisation, for signed-in callers, as ``organisationSearch``."""
    if actor.user_id is None:
        return {}
    return await account_queries.organisations_by_id(session, ids)


def _api_token(token: Any, context: Context) -> relay.Node:
    return ApiTokenType.from_model(token, current_token_id=context.actor.token_id)


NODE_KINDS: dict[str, NodeKind] = {
    "Call": NodeKind(call_queries.readable_calls_by_id, lambda r, _: CallType.from_model(r)),
    "Funder": NodeKind(_public_funders, lambda r, _: FunderType.from_model(r)),
    "Programme": NodeKind(_public_programmes, lambda r, _: ProgrammeType.from_model(r)),
    "Candidacy": NodeKind(
        candidacy_queries.readable_candidacies_by_id, lambda r, _: CandidacyType.from_model(r)
    ),
    "Attachment": NodeKind(_readable_attachments, lambda r, _: AttachmentType.from_model(r)),
    "Organisation": NodeKind(
        account_queries.visible_organisations_by_id, lambda r, _: OrganisationType.from_model(r)
    ),
    "PublicOrganisation": NodeKind(
        _public_organisations, lambda r, _: PublicOrganisationType.from_model(r)
    ),
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
    "User": NodeKind(account_queries.readable_users_by_id, lambda r, _: UserType.from_model(r)),
    "ApiToken": NodeKind(account_queries.own_api_tokens_by_id, _api_token),
}
"""Every type implementing ``Node``, with the read rule of its own root field (a test checks
that the schema has no other)."""


def parse_node_id(value: str) -> tuple[str, uuid.UUID] | None:
    """The type name and UUID behind a global ID; None when malformed or of no node type."""
    try:
        global_id = GlobalID.from_id(value)
        row_id = uuid.UUID(global_id.node_id)
    except (GlobalIDValueError, ValueError, TypeError):
        return None
    return (global_id.type_name, row_id) if global_id.type_name in NODE_KINDS else None


async def resolve_nodes(context: Context, ids: Sequence[str]) -> list[relay.Node | None]:
    """The nodes behind ``ids``, in order, ``None`` for each the actor may not read; one read
    session and one batched read per node type asked for, however many ids."""
    wanted = [parse_node_id(value) for value in ids]
    by_kind: dict[str, set[uuid.UUID]] = {}
    for parsed in wanted:
        if parsed is not None:
            by_kind.setdefault(parsed[0], set()).add(parsed[1])
    found: dict[str, Mapping[uuid.UUID, Any]] = {}
    if by_kind:
        async with read_session(context.session_factory) as session:
            for kind, row_ids in by_kind.items():
                found[kind] = await NODE_KINDS[kind].fetch(session, context.actor, list(row_ids))
    return [_shown(context, found, parsed) for parsed in wanted]


def _shown(
    context: Context,
    found: Mapping[str, Mapping[uuid.UUID, Any]],
    parsed: tuple[str, uuid.UUID] | None,
) -> relay.Node | None:
    if parsed is None:
        return None
    kind, row_id = parsed
    row = found[kind].get(row_id)
    return NODE_KINDS[kind].to_node(row, context) if row is not None else None
