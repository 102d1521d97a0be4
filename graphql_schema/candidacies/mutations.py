"""Candidacy mutations: each calls one service in one transaction and returns a union."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON

from backend.candidacies import attachments, links, management, services, submission
from backend.candidacies.enums import BudgetCategory, EligibilityDecision, PartnerRole
from backend.candidacies.models import Candidacy
from backend.core.db import read_session
from backend.core.errors import DomainError
from backend.core.types import KEEP
from backend.core.uploads import inspect_upload
from graphql_schema.candidacies.errors import (
    CallNotOpenError,
    CandidacyNotEditableError,
    DeadlinePassedError,
    SubmissionRejectedError,
)
from graphql_schema.candidacies.types import AttachmentType, CandidacyType
from graphql_schema.errors import (
    AuthenticationRequiredError,
    EditConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    UploadRejectedError,
)
from graphql_schema.mutation_support import node_uuid, run_mutation
from graphql_schema.scalars import BigInt


@strawberry.type
class CandidacyPayload:
    candidacy: CandidacyType


@strawberry.type
class SubmitCandidacyPayload:
    candidacy: CandidacyType
    reference: str
    server_time: datetime = strawberry.field(description="The server clock at submission.")
    sha256: str = strawberry.field(description="SHA-256 of the submitted version's snapshot.")
    version: int


_Base = InvalidInputError | NotFoundError | PermissionDeniedError | AuthenticationRequiredError
_Editing = DeadlinePassedError | CallNotOpenError | CandidacyNotEditableError | _Base

EditCandidacyResult = Annotated[
    CandidacyPayload | _Editing, strawberry.union("EditCandidacyResult")
]
SetCandidacyBudgetResult = Annotated[
    CandidacyPayload | EditConflictError | _Editing, strawberry.union("SetCandidacyBudgetResult")
]
SubmitCandidacyResult = Annotated[
    SubmitCandidacyPayload | SubmissionRejectedError | _Editing,
    strawberry.union("SubmitCandidacyResult"),
]
ManageCandidacyResult = Annotated[
    CandidacyPayload | CandidacyNotEditableError | _Base, strawberry.union("ManageCandidacyResult")
]


@strawberry.input
class PartnerInput:
    organisation_id: relay.GlobalID
    role: PartnerRole
    requested_share_cents: BigInt


@strawberry.input
class AnswerInput:
    question_key: str
    value: JSON | None = strawberry.field(description="null clears the answer.")


@strawberry.input
class BudgetLineInput:
    organisation_id: relay.GlobalID
    category: BudgetCategory
    amount_cents: BigInt
    label: str = ""


async def _chunks(file: Any, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    """Read the upload in chunks so an oversized file is refused without buffering it all."""
    while chunk := await file.read(size):
        yield chunk


def _payload(candidacy: Candidacy) -> CandidacyPayload:
    return CandidacyPayload(candidacy=CandidacyType.from_model(candidacy))


def _answers(answers: list[AnswerInput]) -> dict[str, Any]:
    return {a.question_key: a.value for a in answers}


@strawberry.type
class AttachmentPayload:
    attachment: AttachmentType
    candidacy: CandidacyType


@strawberry.type
class DownloadLinkPayload:
    url: str = strawberry.field(
        description="Opens the file without an Authorization header, for you only, until"
        " expiresAt; your rights are checked again when it is opened."
    )
    expires_at: datetime


DownloadLinkResult = Annotated[
    DownloadLinkPayload | InvalidInputError | NotFoundError | AuthenticationRequiredError,
    strawberry.union("DownloadLinkResult"),
]

UploadAttachmentResult = Annotated[
    AttachmentPayload | UploadRejectedError | _Editing, strawberry.union("UploadAttachmentResult")
]


@strawberry.type
class CandidacyMutations:
    @strawberry.mutation(
        description="A short-lived signed link to a file you may download (an attachment's"
        " downloadUrl, a version's receiptUrl or documentUrl), to open in a browser or a mail"
        " (AAP_SIGNED_LINK_TTL_SECONDS, 300 by default)."
    )
    async def sign_download_link(self, info: strawberry.Info, url: str) -> DownloadLinkResult:
        ctx = info.context
        try:
            async with read_session(ctx.session_factory) as session:
                link = await links.issue_download_link(
                    session,
                    actor=ctx.actor,
                    url=url,
                    secret_key=ctx.settings.secret_key,
                    ttl=timedelta(seconds=ctx.settings.signed_link_ttl_seconds),
                    now=ctx.now,
                )
        except DomainError as exc:
            return ctx.to_error(exc)
        return DownloadLinkPayload(url=link.url, expires_at=link.expires_at)

    @strawberry.mutation(
        description="Attach a file to a FILE question (GraphQL multipart request; PDF checked"
        " from its content, size-limited), replacing the previous one."
    )
    async def upload_attachment(
        self,
        info: strawberry.Info,
        candidacy_id: relay.GlobalID,
        question_key: str,
        file: Upload,
    ) -> UploadAttachmentResult:
        ctx = info.context
        try:
            async with read_session(ctx.session_factory) as session:
                await attachments.check_may_attach(
                    session, actor=ctx.actor, candidacy_id=node_uuid(candidacy_id, "Candidacy")
                )
            inspected = await inspect_upload(
                _chunks(file),
                filename=getattr(file, "filename", "") or "",
                max_bytes=ctx.settings.upload_max_bytes,
            )
        except DomainError as exc:
            return ctx.to_error(exc)

        async def attach(session):  # type: ignore[no-untyped-def]
            attachment = await attachments.attach_file(
                session,
                actor=ctx.actor,
                storage=ctx.storage,
                candidacy_id=node_uuid(candidacy_id, "Candidacy"),
                question_key=question_key,
                upload=inspected,
                now=ctx.now,
            )
            return attachment, await session.get(Candidacy, attachment.candidacy_id)

        return await run_mutation(  # type: ignore[return-value]
            ctx,
            attach,
            lambda pair: AttachmentPayload(
                attachment=AttachmentType.from_model(pair[0]),
                candidacy=CandidacyType.from_model(pair[1]),
            ),
        )

    @strawberry.mutation(
        description="Start a candidacy for an open call, led by your organisation."
    )
    async def create_candidacy(
        self,
        info: strawberry.Info,
        call_id: relay.GlobalID,
        organisation_id: relay.GlobalID,
        title: str,
        acronym: str | None = None,
        duration_months: int | None = None,
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.create_candidacy(
                s,
                actor=ctx.actor,
                call_id=node_uuid(call_id, "Call"),
                organisation_id=node_uuid(organisation_id, "Organisation"),
                title=title,
                acronym=acronym,
                duration_months=duration_months,
                now=ctx.now,
            ),
            _payload,
        )

    @strawberry.mutation(
        description="Change the title, acronym or duration. A field left out (or null, for the"
        " title and acronym) stays as it is; an empty acronym clears it, and so does"
        " `durationMonths: null` the duration."
    )
    async def update_candidacy(
        self,
        info: strawberry.Info,
        id: relay.GlobalID,
        title: str | None = None,
        acronym: str | None = None,
        duration_months: int | None = strawberry.UNSET,
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.update_candidacy(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(id, "Candidacy"),
                title=title,
                acronym=acronym,
                duration_months=KEEP if duration_months is strawberry.UNSET else duration_months,
                now=ctx.now,
            ),
            _payload,
        )

    @strawberry.mutation(
        description="Set the consortium's roles, shares and order (the lead stays LEAD)."
        " An organisation not yet in it is invited, as by invitePartner: PENDING until its"
        " admins accept; organisations left out are removed (invitations withdrawn)."
    )
    async def set_candidacy_partners(
        self, info: strawberry.Info, id: relay.GlobalID, partners: list[PartnerInput]
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.set_partners(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(id, "Candidacy"),
                partners=[
                    services.PartnerInput(
                        organisation_id=node_uuid(
                            p.organisation_id, "Organisation", "PublicOrganisation"
                        ),
                        role=p.role,
                        requested_share_cents=int(p.requested_share_cents),
                    )
                    for p in partners
                ],
                now=ctx.now,
            ),
            _payload,
        )

    @strawberry.mutation(description="Answer (or clear) some of the call's form questions.")
    async def save_candidacy_answers(
        self, info: strawberry.Info, id: relay.GlobalID, answers: list[AnswerInput]
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.save_answers(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(id, "Candidacy"),
                answers=_answers(answers),
                now=ctx.now,
            ),
            _payload,
        )

    @strawberry.mutation(
        description="Replace the budget lines (of any partner: invited, accepted or declined)."
        " With expectedBudgetToken (the Candidacy.budgetToken read with the lines edited), a"
        " budget changed since answers EditConflictError and changes nothing; without it,"
        " whatever is there is replaced."
    )
    async def set_candidacy_budget(
        self,
        info: strawberry.Info,
        id: relay.GlobalID,
        lines: list[BudgetLineInput],
        expected_budget_token: Annotated[
            str | None,
            strawberry.argument(
                description="Candidacy.budgetToken as read; null or omitted: no check."
            ),
        ] = None,
    ) -> SetCandidacyBudgetResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: services.set_budget(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(id, "Candidacy"),
                lines=[
                    services.BudgetLineInput(
                        organisation_id=node_uuid(line.organisation_id, "Organisation"),
                        category=line.category,
                        amount_cents=int(line.amount_cents),
                        label=line.label,
                    )
                    for line in lines
                ],
                now=ctx.now,
                expected_token=expected_budget_token,
            ),
            _payload,
        )

    @strawberry.mutation(
        description="Submit: every problem is listed at once; before the deadline only."
    )
    async def submit_candidacy(
        self, info: strawberry.Info, id: relay.GlobalID
    ) -> SubmitCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: submission.submit_candidacy(
                s, actor=ctx.actor, candidacy_id=node_uuid(id, "Candidacy"), now=ctx.now
            ),
            lambda receipt: SubmitCandidacyPayload(
                candidacy=CandidacyType.from_model(receipt.candidacy),
                reference=receipt.reference,
                server_time=receipt.server_time,
                sha256=receipt.sha256,
                version=receipt.version.number,
            ),
        )

    @strawberry.mutation(description="Withdraw before the deadline.")
    async def withdraw_candidacy(
        self, info: strawberry.Info, id: relay.GlobalID
    ) -> EditCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: submission.withdraw_candidacy(
                s, actor=ctx.actor, candidacy_id=node_uuid(id, "Candidacy"), now=ctx.now
            ),
            _payload,
        )

    @strawberry.mutation(
        description=(
            "Managers: let one candidacy submit until a later instant; `reason` (why the"
            " exception, at most 2000 characters) is kept in the audit trail."
        )
    )
    async def grant_candidacy_extension(
        self, info: strawberry.Info, id: relay.GlobalID, until: datetime, reason: str = ""
    ) -> ManageCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: management.grant_extension(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(id, "Candidacy"),
                until=until,
                now=ctx.now,
                reason=reason,
            ),
            _payload,
        )

    @strawberry.mutation(description="Managers: record ELIGIBLE or INELIGIBLE with a reason.")
    async def record_eligibility(
        self,
        info: strawberry.Info,
        id: relay.GlobalID,
        decision: EligibilityDecision,
        reason: str = "",
    ) -> ManageCandidacyResult:
        ctx = info.context
        return await run_mutation(  # type: ignore[return-value]
            ctx,
            lambda s: management.record_eligibility(
                s,
                actor=ctx.actor,
                candidacy_id=node_uuid(id, "Candidacy"),
                decision=decision,
                reason=reason,
                now=ctx.now,
            ),
            _payload,
        )
