"""GraphQL types for candidacies; every relation goes through a per-request DataLoader."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from backend.accounts.enums import OrganisationKind
from backend.calls.presentation import in_zone
from backend.candidacies import models
from backend.candidacies.enums import (
    BudgetCategory,
    CandidacyStatus,
    EligibilityDecision,
    PartnerRole,
    PartnerStatus,
)
from backend.candidacies.errors import SubmissionProblem
from backend.candidacies.rules import can_see_email_invitations, effective_deadline
from graphql_schema.accounts.types import OrganisationType, PublicOrganisationType
from graphql_schema.calls.types import CallType, MoneyType
from graphql_schema.scalars import BigInt

CandidacyStatusEnum = strawberry.enum(CandidacyStatus, name="CandidacyStatus")
PartnerRoleEnum = strawberry.enum(PartnerRole, name="PartnerRole")
PartnerStatusEnum = strawberry.enum(PartnerStatus, name="PartnerStatus")
BudgetCategoryEnum = strawberry.enum(BudgetCategory, name="BudgetCategory")
EligibilityDecisionEnum = strawberry.enum(EligibilityDecision, name="EligibilityDecision")


async def _organisation(info: strawberry.Info, org_id: uuid.UUID) -> OrganisationType | None:
    org = await info.context.loaders.organisation.load(org_id)
    return OrganisationType.from_model(org) if org else None


@strawberry.type(
    name="CandidacyPartner",
    description="An organisation of the consortium. Named by the lead, it is PENDING until"
    " one of its admins accepts (respondToPartnerInvitation); only ACCEPTED partners count at"
    " submission, and only their members read the candidacy.",
)
class PartnerType(relay.Node):
    id: relay.NodeID[str]
    role: PartnerRole
    requested_share: MoneyType
    status: PartnerStatus
    can_edit: bool = strawberry.field(
        description="Set by the lead: this partner's members may edit the content (description,"
        " answers, budget, files), never the consortium, nor submit or withdraw."
    )
    invited_at: datetime | None
    responded_at: datetime | None
    organisation_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def organisation(self, info: strawberry.Info) -> OrganisationType | None:
        return await _organisation(info, self.organisation_id)

    @classmethod
    def from_model(cls, p: models.CandidacyPartner) -> PartnerType:
        return cls(
            id=str(p.id),
            role=p.role,
            requested_share=MoneyType(cents=BigInt(p.requested_share_cents), currency="EUR"),
            status=p.status,
            can_edit=p.can_edit,
            invited_at=p.invited_at,
            responded_at=p.responded_at,
            organisation_id=p.organisation_id,
        )


@strawberry.type(
    name="PartnerInvitation",
    description="An invitation your organisation has not answered yet, with what you need to"
    " decide; the candidacy itself is readable once you accept. Answer it (admins) with"
    " respondToPartnerInvitation(id).",
)
class PartnerInvitationType(relay.Node):
    id: relay.NodeID[str]
    role: PartnerRole
    requested_share: MoneyType
    invited_at: datetime | None
    candidacy_title: str
    candidacy_acronym: str | None
    call_reference: str
    call_title: JSON = strawberry.field(description="Per language, as the call gives it.")
    deadline_at: datetime
    lead_organisation: PublicOrganisationType
    organisation_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="Your organisation, the one invited.")
    async def organisation(self, info: strawberry.Info) -> OrganisationType | None:
        return await _organisation(info, self.organisation_id)

    @classmethod
    def from_row(cls, row: Any) -> PartnerInvitationType:
        partner, candidacy, call, lead = row
        return cls(
            id=str(partner.id),
            role=partner.role,
            requested_share=MoneyType(cents=partner.requested_share_cents, currency="EUR"),
            invited_at=partner.invited_at,
            candidacy_title=candidacy.title,
            candidacy_acronym=candidacy.acronym,
            call_reference=call.reference,
            call_title=call.title,
            deadline_at=effective_deadline(call, candidacy),
            lead_organisation=PublicOrganisationType.from_model(lead),
            organisation_id=partner.organisation_id,
        )


@strawberry.type(
    name="PartnerEmailInvitation",
    description="An invitation mailed to an address, for an organisation not on the platform"
    " yet: PENDING until the user with that e-mail answers with the mailed code"
    " (respondToEmailInvitation). Lead members only.",
)
class EmailInvitationType(relay.Node):
    id: relay.NodeID[str]
    email: str
    organisation_name: str
    organisation_kind: OrganisationKind
    country: str
    role: PartnerRole
    requested_share: MoneyType
    status: PartnerStatus
    invited_at: datetime
    expires_at: datetime = strawberry.field(
        description="The code stops working then; a PENDING invitation past it can be"
        " withdrawn and sent again."
    )
    responded_at: datetime | None

    @classmethod
    def from_model(cls, i: models.PartnerEmailInvitation) -> EmailInvitationType:
        return cls(
            id=str(i.id),
            email=i.email,
            organisation_name=i.organisation_name,
            organisation_kind=i.organisation_kind,
            country=i.country,
            role=i.role,
            requested_share=MoneyType(cents=BigInt(i.requested_share_cents), currency="EUR"),
            status=i.status,
            invited_at=i.invited_at,
            expires_at=i.expires_at,
            responded_at=i.responded_at,
        )


@strawberry.type(name="Answer")
class AnswerType:
    question_key: str
    value: JSON


@strawberry.type(name="BudgetLine")
class BudgetLineType:
    category: BudgetCategory
    label: str
    amount: MoneyType
    organisation_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def organisation(self, info: strawberry.Info) -> OrganisationType | None:
        return await _organisation(info, self.organisation_id)


@strawberry.type(name="Attachment")
class AttachmentType(relay.Node):
    id: relay.NodeID[str]
    question_key: str
    name: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime
    download_url: str = strawberry.field(description="Authenticated download (same rights).")

    @classmethod
    def from_model(cls, a: models.Attachment) -> AttachmentType:
        return cls(
            id=str(a.id),
            question_key=a.question_key,
            name=a.original_name,
            content_type=a.content_type,
            size_bytes=a.size_bytes,
            sha256=a.sha256,
            uploaded_at=a.created_at,
            download_url=f"/files/attachments/{a.id}",
        )


@strawberry.type(name="CandidacyVersion")
class VersionType:
    number: int
    sha256: str = strawberry.field(description="SHA-256 of the canonical JSON snapshot.")
    submitted_at: datetime
    receipt_url: str | None = strawberry.field(
        description="The acknowledgement of receipt (PDF), once a worker has rendered it."
    )

    @classmethod
    def from_model(cls, v: models.CandidacyVersion) -> VersionType:
        receipt = f"/files/receipts/{v.id}" if v.receipt_storage_key else None
        return cls(
            number=v.number, sha256=v.sha256, submitted_at=v.submitted_at, receipt_url=receipt
        )


@strawberry.type(name="Eligibility")
class EligibilityType:
    decision: EligibilityDecision
    reason: str | None
    decided_at: datetime | None


@strawberry.type(name="SubmissionProblem")
class SubmissionProblemType:
    code: str
    message: str
    field: str

    @classmethod
    def from_problem(cls, p: SubmissionProblem) -> SubmissionProblemType:
        return cls(code=p.code, message=p.message, field=p.field)


@strawberry.type(name="Candidacy")
class CandidacyType(relay.Node):
    id: relay.NodeID[str]
    reference: str | None
    status: CandidacyStatus
    title: str
    acronym: str | None
    duration_months: int | None
    created_at: datetime
    updated_at: datetime
    submitted_version: int = strawberry.field(description="0 until the first submission.")
    last_submitted_at: datetime | None
    has_unsubmitted_changes: bool = strawberry.field(
        description="Edited since the last submission: that last version is still the one that"
        " counts until submitted again."
    )
    extended_deadline_at: datetime | None
    eligibility: EligibilityType
    model: strawberry.Private[models.Candidacy]

    @strawberry.field
    async def call(self, info: strawberry.Info) -> CallType | None:
        call = await info.context.loaders.call.load(self.model.call_id)
        return CallType.from_model(call) if call else None

    @strawberry.field(
        description="The deadline that applies to this candidacy, in its call's zone."
    )
    async def deadline_local(self, info: strawberry.Info) -> datetime | None:
        call = await info.context.loaders.call.load(self.model.call_id)
        if call is None:
            return None
        return in_zone(effective_deadline(call, self.model), call.timezone)

    @strawberry.field
    async def lead_organisation(self, info: strawberry.Info) -> OrganisationType | None:
        return await _organisation(info, self.model.lead_organisation_id)

    @strawberry.field
    async def partners(self, info: strawberry.Info) -> list[PartnerType]:
        rows = await info.context.loaders.candidacy_partners.load(self.model.id)
        return [PartnerType.from_model(p) for p in rows]

    @strawberry.field(
        description="Invitations mailed to addresses (inviteEmailPartner), oldest first; null"
        " unless you are a member of the lead organisation."
    )
    async def email_invitations(self, info: strawberry.Info) -> list[EmailInvitationType] | None:
        if not can_see_email_invitations(info.context.actor, self.model):
            return None
        rows = await info.context.loaders.candidacy_email_invitations.load(self.model.id)
        return [EmailInvitationType.from_model(i) for i in rows]

    @strawberry.field
    async def answers(self, info: strawberry.Info) -> list[AnswerType]:
        rows = await info.context.loaders.candidacy_answers.load(self.model.id)
        return [AnswerType(question_key=a.question_key, value=a.value) for a in rows]

    @strawberry.field
    async def budget(self, info: strawberry.Info) -> list[BudgetLineType]:
        rows = await info.context.loaders.candidacy_budget.load(self.model.id)
        return [
            BudgetLineType(
                category=line.category,
                label=line.label,
                amount=MoneyType(cents=line.amount_cents, currency="EUR"),
                organisation_id=line.organisation_id,
            )
            for line in rows
        ]

    @strawberry.field
    async def budget_total(self, info: strawberry.Info) -> MoneyType:
        rows = await info.context.loaders.candidacy_budget.load(self.model.id)
        return MoneyType(cents=sum(line.amount_cents for line in rows), currency="EUR")

    @strawberry.field
    async def attachments(self, info: strawberry.Info) -> list[AttachmentType]:
        rows = await info.context.loaders.candidacy_attachments.load(self.model.id)
        return [AttachmentType.from_model(a) for a in rows]

    @strawberry.field(description="Submitted versions, oldest first; the last one counts.")
    async def versions(self, info: strawberry.Info) -> list[VersionType]:
        rows = await info.context.loaders.candidacy_versions.load(self.model.id)
        return [VersionType.from_model(v) for v in rows]

    @classmethod
    def from_model(cls, c: models.Candidacy) -> CandidacyType:
        return cls(
            id=str(c.id),
            reference=c.reference,
            status=c.status,
            title=c.title,
            acronym=c.acronym,
            duration_months=c.duration_months,
            created_at=c.created_at,
            updated_at=c.updated_at,
            submitted_version=c.submitted_version,
            last_submitted_at=c.last_submitted_at,
            has_unsubmitted_changes=c.has_unsubmitted_changes,
            extended_deadline_at=c.extended_deadline_at,
            eligibility=EligibilityType(
                decision=c.eligibility,
                reason=c.eligibility_reason,
                decided_at=c.eligibility_decided_at,
            ),
            model=c,
        )
