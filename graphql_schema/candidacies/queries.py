"""Root query fields for candidacies: always scoped to what the actor may read."""

from __future__ import annotations

import strawberry
from sqlmodel import col

from backend.candidacies import queries
from backend.candidacies.enums import CandidacyStatus, EligibilityDecision
from backend.candidacies.models import CandidacyPartner
from backend.candidacies.submission import submission_report
from backend.core.db import read_session
from backend.core.errors import DomainError, NotFound
from backend.core.pagination import Page, keyset_page
from graphql_schema.candidacies.types import (
    CandidacyType,
    PartnerInvitationType,
    candidacy_nodes,
)
from graphql_schema.errors import FieldProblem, query_error
from graphql_schema.mutation_support import node_uuid
from graphql_schema.pagination import Connection, FirstArg, connection_from_page, page_size
from graphql_schema.reading import selected_under


@strawberry.input
class CandidacyFilter:
    call_id: strawberry.ID | None = None
    status: CandidacyStatus | None = None
    organisation_id: strawberry.ID | None = None
    eligibility: EligibilityDecision | None = strawberry.field(
        default=None,
        description="The eligibility screening's decision; PENDING: not screened yet.",
    )

    def to_backend(self) -> queries.CandidacyFilter:
        return queries.CandidacyFilter(
            call_id=node_uuid(self.call_id, "Call") if self.call_id else None,
            status=self.status,
            organisation_id=(
                node_uuid(self.organisation_id, "Organisation") if self.organisation_id else None
            ),
            eligibility=self.eligibility,
        )


@strawberry.type
class CandidacyQueries:
    @strawberry.field(
        description="Your organisations' candidacies; for managers, those of their calls."
    )
    async def candidacies(
        self,
        info: strawberry.Info,
        filter: CandidacyFilter | None = None,
        first: FirstArg = None,
        after: str | None = None,
    ) -> Connection[CandidacyType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            backend_filter = filter.to_backend() if filter else queries.CandidacyFilter()
            async with read_session(ctx.session_factory) as session:
                page = await queries.page_of_candidacies(
                    session, ctx.actor, backend_filter, first=size, after=after
                )
                nodes = await candidacy_nodes(
                    session, info, page.items, selected_under(info, "edges", "node")
                )
        except NotFound:
            page, nodes = Page.empty(), []
        except DomainError as exc:
            raise query_error(exc) from None
        by_id = {node.model.id: node for node in nodes}
        return connection_from_page(page, lambda c: by_id[c.id])

    @strawberry.field(description="One candidacy, if you may read it.")
    async def candidacy(self, info: strawberry.Info, id: strawberry.ID) -> CandidacyType | None:
        ctx = info.context
        try:
            candidacy_id = node_uuid(id, "Candidacy")
        except NotFound:
            return None
        async with read_session(ctx.session_factory) as session:
            found = await queries.readable_candidacy_and_call(session, ctx.actor, candidacy_id)
            if found is None:
                return None
            candidacy, call = found
            [node] = await candidacy_nodes(
                session, info, [candidacy], selected_under(info), {call.id: call}
            )
        return node

    @strawberry.field(
        description="Invitations to join a consortium that your organisations have not answered"
        " yet, oldest first. Every member sees them; only admins answer."
    )
    async def my_partner_invitations(
        self, info: strawberry.Info, first: FirstArg = None, after: str | None = None
    ) -> Connection[PartnerInvitationType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            stmt = queries.invitations_to(ctx.actor)
            async with read_session(ctx.session_factory) as session:
                page = await keyset_page(
                    session,
                    stmt,
                    columns=[col(CandidacyPartner.invited_at), col(CandidacyPartner.id)],
                    key_of=lambda row: [row[0].invited_at, row[0].id],
                    first=size,
                    after=after,
                )
        except DomainError as exc:
            raise query_error(exc) from None
        return connection_from_page(page, PartnerInvitationType.from_row)

    @strawberry.field(
        description="What would stop this candidacy being submitted now (applicants) or being"
        " eligible (managers screening it): the automatic checks. Null, as candidacy(id:) is,"
        " when there is no such candidacy or it is not yours to read."
    )
    async def submission_check(
        self, info: strawberry.Info, candidacy_id: strawberry.ID
    ) -> list[FieldProblem] | None:
        ctx = info.context
        try:
            async with read_session(ctx.session_factory) as session:
                problems = await submission_report(
                    session,
                    actor=ctx.actor,
                    candidacy_id=node_uuid(candidacy_id, "Candidacy"),
                    now=ctx.now,
                )
        except NotFound:
            return None
        except DomainError as exc:
            raise query_error(exc) from None
        return [FieldProblem.from_problem(p) for p in problems]
