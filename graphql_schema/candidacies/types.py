"""GraphQL types for candidacies; every relation goes through a per-request DataLoader."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from backend.accounts.enums import OrganisationKind
from backend.calls.presentation import in_zone
from backend.candidacies import models
from backend.candidacies.answers import is_answered
from backend.candidacies.enums import (
    BudgetCategory,
    CandidacyStatus,
    EligibilityDecision,
    PartnerRole,
    PartnerStatus,
)
from backend.candidacies.rules import (
    can_see_email_invitations,
    effective_deadline,
    files_of_version,
    may_read_contents,
    reads_submitted_version,
)
from graphql_schema.accounts.loaders import AccountLoaders
from graphql_schema.accounts.types import OrganisationType, PublicOrganisationType
from graphql_schema.calls.loaders import CallLoaders
from graphql_schema.calls.types import CallType, MoneyType
from graphql_schema.candidacies.loaders import CandidacyLoaders
from graphql_schema.scalars import BigInt

CandidacyStatusEnum = strawberry.enum(CandidacyStatus, name="CandidacyStatus")
PartnerRoleEnum = strawberry.enum(PartnerRole, name="PartnerRole")
PartnerStatusEnum = strawberry.enum(PartnerStatus, name="PartnerStatus")
BudgetCategoryEnum = strawberry.enum(BudgetCategory, name="BudgetCategory")
EligibilityDecisionEnum = strawberry.enum(EligibilityDecision, name="EligibilityDecision")


async def _organisation(info: strawberry.Info, org_id: uuid.UUID) -> OrganisationType | None:
    org = await AccountLoaders.of(info).organisation.load(org_id)
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
    document_url: str = strawberry.field(
        description="The submitted version as canonical JSON (sorted keys, no spaces, UTF-8):"
        " exactly the bytes whose SHA-256 is `sha256` (authenticated download, same rights)."
    )

    @classmethod
    def from_model(cls, v: models.CandidacyVersion) -> VersionType:
        receipt = f"/files/receipts/{v.id}" if v.receipt_storage_key else None
        return cls(
            number=v.number,
            sha256=v.sha256,
            submitted_at=v.submitted_at,
            receipt_url=receipt,
            document_url=f"/files/versions/{v.id}",
        )


@strawberry.type(name="Eligibility")
class EligibilityType:
    decision: EligibilityDecision
    reason: str | None
    decided_at: datetime | None


@strawberry.type(
    name="CandidacyCounts",
    description="How far a candidacy has got, without what it says: what the call's managers"
    " see of a draft.",
)
class CountsType:
    answers: int = strawberry.field(description="Questions answered (files not included).")
    partners: int = strawberry.field(description="Organisations in the consortium, lead included.")
    attachments: int = strawberry.field(description="Files attached (current ones).")
    budget_lines: int


PRIVATE_DRAFT = (
    "Null for the call's managers (and other readers outside the lead organisation) while the"
    " candidacy has never been submitted: a draft's contents are its applicants'. Once it has"
    " been, they read its last submitted version, not the edits made since."
)


class _Live:
    """The lead's members read the candidacy as it is now."""


LIVE = _Live()


def submitted_partners(
    snapshot: dict[str, Any], live: Sequence[models.CandidacyPartner]
) -> list[PartnerType]:
    """The consortium as submitted (roles and shares from the snapshot); each partner keeps
    its row's identity and consent (every partner had accepted, or submission was refused)."""
    currency = snapshot["currency"]
    rows = {row.organisation_id: row for row in live}
    shown = []
    for p in snapshot["partners"]:
        organisation_id = uuid.UUID(p["organisation"]["id"])
        row = rows.get(organisation_id)
        shown.append(
            PartnerType(
                id=str(row.id if row else uuid.uuid5(organisation_id, snapshot["candidacy_id"])),
                role=PartnerRole(p["role"]),
                requested_share=MoneyType(cents=p["requested_share_cents"], currency=currency),
                status=PartnerStatus.ACCEPTED,
                can_edit=row.can_edit if row else False,
                invited_at=row.invited_at if row else None,
                responded_at=row.responded_at if row else None,
                organisation_id=organisation_id,
            )
        )
    return shown


def submitted_budget(snapshot: dict[str, Any]) -> list[BudgetLineType]:
    currency = snapshot["currency"]
    return [
        BudgetLineType(
            category=BudgetCategory(line["category"]),
            label=line["label"],
            amount=MoneyType(cents=line["amount_cents"], currency=currency),
            organisation_id=uuid.UUID(line["organisation_id"]),
        )
        for line in snapshot["budget"]
    ]


@strawberry.type(name="Candidacy")
class CandidacyType(relay.Node):
    id: relay.NodeID[str]
    reference: str | None
    status: CandidacyStatus
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

    async def _contents(self, info: strawberry.Info) -> _Live | models.CandidacyVersion | None:
        """Where this reader's view of the contents comes from: the live rows (the lead's
        members), the last submitted version (other readers, once submitted), or nothing."""
        actor = info.context.actor
        partners = await CandidacyLoaders.of(info).candidacy_partners.load(self.model.id)
        if not may_read_contents(actor, self.model, partners):
            return None
        if not reads_submitted_version(actor, self.model, partners):
            return LIVE
        versions = await CandidacyLoaders.of(info).candidacy_versions.load(self.model.id)
        return versions[-1] if versions else None

    @strawberry.field(description=PRIVATE_DRAFT)
    async def title(self, info: strawberry.Info) -> str | None:
        source = await self._contents(info)
        if isinstance(source, models.CandidacyVersion):
            return str(source.snapshot["title"])
        return self.model.title if source is LIVE else None

    @strawberry.field(description=PRIVATE_DRAFT)
    async def acronym(self, info: strawberry.Info) -> str | None:
        source = await self._contents(info)
        if isinstance(source, models.CandidacyVersion):
            return source.snapshot.get("acronym")
        return self.model.acronym if source is LIVE else None

    @strawberry.field(description=PRIVATE_DRAFT)
    async def duration_months(self, info: strawberry.Info) -> int | None:
        source = await self._contents(info)
        if isinstance(source, models.CandidacyVersion):
            return source.snapshot.get("duration_months")
        return self.model.duration_months if source is LIVE else None

    @strawberry.field(
        description="Counts of what the candidacy holds, for every reader (outside the lead"
        " organisation, of its last submitted version once there is one)."
    )
    async def counts(self, info: strawberry.Info) -> CountsType:
        source = await self._contents(info)
        if isinstance(source, models.CandidacyVersion):
            snapshot = source.snapshot
            return CountsType(
                answers=sum(1 for v in snapshot["answers"].values() if is_answered(v)),
                partners=len(snapshot["partners"]),
                attachments=len(snapshot["attachments"]),
                budget_lines=len(snapshot["budget"]),
            )
        loaders, key = CandidacyLoaders.of(info), self.model.id
        answers = await loaders.candidacy_answers.load(key)
        return CountsType(
            answers=sum(1 for a in answers if is_answered(a.value)),
            partners=len(await loaders.candidacy_partners.load(key)),
            attachments=len(await loaders.candidacy_attachments.load(key)),
            budget_lines=len(await loaders.candidacy_budget.load(key)),
        )

    @strawberry.field
    async def call(self, info: strawberry.Info) -> CallType | None:
        call = await CallLoaders.of(info).call.load(self.model.call_id)
        return CallType.from_model(call) if call else None

    @strawberry.field(
        description="The deadline that applies to this candidacy, in its call's zone."
    )
    async def deadline_local(self, info: strawberry.Info) -> datetime | None:
        call = await CallLoaders.of(info).call.load(self.model.call_id)
        if call is None:
            return None
        return in_zone(effective_deadline(call, self.model), call.timezone)

    @strawberry.field
    async def lead_organisation(self, info: strawberry.Info) -> OrganisationType | None:
        return await _organisation(info, self.model.lead_organisation_id)

    @strawberry.field(description=PRIVATE_DRAFT)
    async def partners(self, info: strawberry.Info) -> list[PartnerType] | None:
        source = await self._contents(info)
        if source is None:
            return None
        if isinstance(source, models.CandidacyVersion):
            live = await CandidacyLoaders.of(info).candidacy_partners.load(self.model.id)
            return submitted_partners(source.snapshot, live)
        rows = await CandidacyLoaders.of(info).candidacy_partners.load(self.model.id)
        return [PartnerType.from_model(p) for p in rows]

    @strawberry.field(
        description="Invitations mailed to addresses (inviteEmailPartner), oldest first; null"
        " unless you are a member of the lead organisation."
    )
    async def email_invitations(self, info: strawberry.Info) -> list[EmailInvitationType] | None:
        if not can_see_email_invitations(info.context.actor, self.model):
            return None
        rows = await CandidacyLoaders.of(info).candidacy_email_invitations.load(self.model.id)
        return [EmailInvitationType.from_model(i) for i in rows]

    @strawberry.field(description=PRIVATE_DRAFT)
    async def answers(self, info: strawberry.Info) -> list[AnswerType] | None:
        source = await self._contents(info)
        if source is None:
            return None
        if isinstance(source, models.CandidacyVersion):
            answers = source.snapshot["answers"]
            return [AnswerType(question_key=k, value=answers[k]) for k in sorted(answers)]
        rows = await CandidacyLoaders.of(info).candidacy_answers.load(self.model.id)
        return [AnswerType(question_key=a.question_key, value=a.value) for a in rows]

    @strawberry.field(description=PRIVATE_DRAFT)
    async def budget(self, info: strawberry.Info) -> list[BudgetLineType] | None:
        source = await self._contents(info)
        if source is None:
            return None
        if isinstance(source, models.CandidacyVersion):
            return submitted_budget(source.snapshot)
        rows = await CandidacyLoaders.of(info).candidacy_budget.load(self.model.id)
        return [
            BudgetLineType(
                category=line.category,
                label=line.label,
                amount=MoneyType(cents=line.amount_cents, currency="EUR"),
                organisation_id=line.organisation_id,
            )
            for line in rows
        ]

    @strawberry.field(description=PRIVATE_DRAFT)
    async def budget_total(self, info: strawberry.Info) -> MoneyType | None:
        source = await self._contents(info)
        if source is None:
            return None
        if isinstance(source, models.CandidacyVersion):
            snapshot = source.snapshot
            return MoneyType(cents=snapshot["budget_total_cents"], currency=snapshot["currency"])
        rows = await CandidacyLoaders.of(info).candidacy_budget.load(self.model.id)
        return MoneyType(cents=sum(line.amount_cents for line in rows), currency="EUR")

    @strawberry.field(description=PRIVATE_DRAFT)
    async def attachments(self, info: strawberry.Info) -> list[AttachmentType] | None:
        source = await self._contents(info)
        if source is None:
            return None
        if isinstance(source, models.CandidacyVersion):
            files = await CandidacyLoaders.of(info).candidacy_all_attachments.load(self.model.id)
            return [AttachmentType.from_model(a) for a in files_of_version(source, files)]
        rows = await CandidacyLoaders.of(info).candidacy_attachments.load(self.model.id)
        return [AttachmentType.from_model(a) for a in rows]

    @strawberry.field(description="Submitted versions, oldest first; the last one counts.")
    async def versions(self, info: strawberry.Info) -> list[VersionType]:
        rows = await CandidacyLoaders.of(info).candidacy_versions.load(self.model.id)
        return [VersionType.from_model(v) for v in rows]

    @classmethod
    def from_model(cls, c: models.Candidacy) -> CandidacyType:
        return cls(
            id=str(c.id),
            reference=c.reference,
            status=c.status,
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
