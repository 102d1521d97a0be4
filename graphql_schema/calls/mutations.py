"""Call mutations: each finds nothing itself, calls one service or one lifecycle step
(``backend.lifecycle.calls``: publishing and every other status change), returns a result union."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from backend.calls import co_funding, services
from backend.calls.enums import CallStatus
from backend.calls.models import Call
from backend.lifecycle import calls as lifecycle
from graphql_schema.calls.errors import (
    CallReferenceTakenError,
    CallStructureFrozenError,
    InvalidTransitionError,
)
from graphql_schema.calls.inputs import CreateCallInput, UpdateCallInput
from graphql_schema.calls.types import CallType, FunderType, ProgrammeType
from graphql_schema.errors import (
    AuthenticationRequiredError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from graphql_schema.mutation_support import node_uuid, run_mutation


@strawberry.type
class CallPayload:
    call: CallType


@strawberry.type
class FunderPayload:
    funder: FunderType


@strawberry.type
class ProgrammePayload:
    programme: ProgrammeType


_Base = InvalidInputError | NotFoundError | PermissionDeniedError | AuthenticationRequiredError

CreateCallResult = Annotated[
    CallPayload | CallReferenceTakenError | _Base, strawberry.union("CreateCallResult")
]
UpdateCallResult = Annotated[
    CallPayload | CallStructureFrozenError | _Base, strawberry.union("UpdateCallResult")
]
TransitionCallResult = Annotated[
    CallPayload | InvalidTransitionError | _Base, strawberry.union("TransitionCallResult")
]
RespondToCoFundingResult = Annotated[
    CallPayload | _Base, strawberry.union("RespondToCoFundingResult")
]
CreateFunderResult = Annotated[FunderPayload | _Base, strawberry.union("CreateFunderResult")]
CreateProgrammeResult = Annotated[
    ProgrammePayload | _Base, strawberry.union("CreateProgrammeResult")
]


def _call_payload(call: Call) -> CallPayload:
    return CallPayload(call=CallType.from_model(call))


@strawberry.type
class CallMutations:
    @strawberry.mutation(description="Create a DRAFT call (programme managers of its funder).")
    async def create_call(self, info: strawberry.Info, input: CreateCallInput) -> CreateCallResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_call(
                s, actor=ctx.actor, data=input.to_backend(), now=ctx.now
            ),
            _call_payload,
        )

    @strawberry.mutation(description="Edit a call; its structure is frozen once it is OPEN.")
    async def update_call(
        self, info: strawberry.Info, id: relay.GlobalID, input: UpdateCallInput
    ) -> UpdateCallResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.update_call(
                s,
                actor=ctx.actor,
                call_id=node_uuid(id, "Call"),
                changes=input.to_backend(),
                now=ctx.now,
            ),
            _call_payload,
        )

    @strawberry.mutation(description="Publish a complete DRAFT call: it becomes public.")
    async def publish_call(self, info: strawberry.Info, id: relay.GlobalID) -> TransitionCallResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: lifecycle.publish_call(
                s, actor=ctx.actor, call_id=node_uuid(id, "Call"), now=ctx.now
            ),
            _call_payload,
        )

    @strawberry.mutation(description="Move a call one step along its lifecycle.")
    async def transition_call(
        self, info: strawberry.Info, id: relay.GlobalID, to: CallStatus
    ) -> TransitionCallResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: lifecycle.move_call(
                s, actor=ctx.actor, call_id=node_uuid(id, "Call"), to=to, now=ctx.now
            ),
            _call_payload,
        )

    @strawberry.mutation(
        description="Push the deadline of a PUBLISHED or OPEN call later; the reason (one line,"
        " at most 500 characters) is kept in the audit log."
    )
    async def extend_call_deadline(
        self,
        info: strawberry.Info,
        id: relay.GlobalID,
        deadline_at: datetime,
        reason: str = "",
    ) -> TransitionCallResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.extend_deadline(
                s,
                actor=ctx.actor,
                call_id=node_uuid(id, "Call"),
                new_deadline=deadline_at,
                now=ctx.now,
                reason=reason,
            ),
            _call_payload,
        )

    @strawberry.mutation(
        description="Accept or decline, for a funder you manage, its share of a DRAFT call of"
        " another funder. Until it accepts, the funder has no rights on the call and the call"
        " cannot be published; an answer may change until publication."
    )
    async def respond_to_co_funding(
        self,
        info: strawberry.Info,
        call_id: relay.GlobalID,
        funder_id: relay.GlobalID,
        accept: bool,
    ) -> RespondToCoFundingResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: co_funding.respond_to_co_funding(
                s,
                actor=ctx.actor,
                call_id=node_uuid(call_id, "Call"),
                funder_id=node_uuid(funder_id, "Funder"),
                accept=accept,
                now=ctx.now,
            ),
            _call_payload,
        )

    @strawberry.mutation(description="Register a funder (platform admins).")
    async def create_funder(
        self, info: strawberry.Info, code: str, name: str, country: str
    ) -> CreateFunderResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_funder(
                s, actor=ctx.actor, code=code, name=name, country=country, now=ctx.now
            ),
            lambda funder: FunderPayload(funder=FunderType.from_model(funder)),
        )

    @strawberry.mutation(description="Open a programme under a funder you manage.")
    async def create_programme(
        self, info: strawberry.Info, funder_id: relay.GlobalID, code: str, name: str
    ) -> CreateProgrammeResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_programme(
                s,
                actor=ctx.actor,
                funder_id=node_uuid(funder_id, "Funder"),
                code=code,
                name=name,
                now=ctx.now,
            ),
            lambda programme: ProgrammePayload(programme=ProgrammeType.from_model(programme)),
        )
