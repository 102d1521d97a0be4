"""Root query fields for calls, funders and programmes."""

from __future__ import annotations

import strawberry

from backend.calls import queries
from backend.core.db import read_session
from backend.core.errors import DomainError, NotFound
from backend.core.pagination import Page
from graphql_schema.calls.inputs import CallFilter
from graphql_schema.calls.types import CallType, FunderType, ProgrammeType
from graphql_schema.errors import query_error
from graphql_schema.mutation_support import node_uuid
from graphql_schema.pagination import Connection, FirstArg, connection_from_page, page_size


def _to_backend_filter(flt: CallFilter | None) -> queries.CallFilter:
    if flt is None:
        return queries.CallFilter()
    return queries.CallFilter(
        kind=flt.kind,
        status=flt.status,
        theme=flt.theme,
        funder_id=node_uuid(flt.funder_id, "Funder") if flt.funder_id else None,
        language=flt.language,
        open_now=flt.open_now,
        search=flt.search,
        as_staff=flt.as_staff,
    )


@strawberry.type
class CallQueries:
    @strawberry.field(
        description="Calls you may read: open ones first (soonest deadline first), then"
        " upcoming ones (soonest opening first), then closed ones (latest deadline first), then"
        " drafts (their managers only; soonest deadline first). Statuses follow the clock."
    )
    async def calls(
        self,
        info: strawberry.Info,
        filter: CallFilter | None = None,
        first: FirstArg = None,
        after: str | None = None,
    ) -> Connection[CallType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            backend_filter = _to_backend_filter(filter)
            async with read_session(ctx.session_factory) as session:
                page = await queries.page_of_calls(
                    session, ctx.actor, backend_filter, now=ctx.now, first=size, after=after
                )
        except NotFound:
            page = Page.empty()
        except DomainError as exc:
            raise query_error(exc) from None
        return connection_from_page(page, CallType.from_model)

    @strawberry.field(description="One call, if it exists and you may read it.")
    async def call(self, info: strawberry.Info, id: strawberry.ID) -> CallType | None:
        ctx = info.context
        try:
            call_id = node_uuid(id, "Call")
        except NotFound:
            return None
        async with read_session(ctx.session_factory) as session:
            call = await queries.readable_call(session, ctx.actor, call_id)
        return CallType.from_model(call) if call else None

    @strawberry.field(description="Funders (public): ministries, agencies, foundations.")
    async def funders(
        self, info: strawberry.Info, first: FirstArg = None, after: str | None = None
    ) -> Connection[FunderType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            async with read_session(ctx.session_factory) as session:
                page = await queries.page_of_funders(session, first=size, after=after)
        except DomainError as exc:
            raise query_error(exc) from None
        return connection_from_page(page, FunderType.from_model)

    @strawberry.field(description="Programmes (public), each run by one funder.")
    async def programmes(
        self, info: strawberry.Info, first: FirstArg = None, after: str | None = None
    ) -> Connection[ProgrammeType]:
        ctx = info.context
        try:
            size = page_size(ctx, first)
            async with read_session(ctx.session_factory) as session:
                page = await queries.page_of_programmes(session, first=size, after=after)
        except DomainError as exc:
            raise query_error(exc) from None
        return connection_from_page(page, ProgrammeType.from_model)
