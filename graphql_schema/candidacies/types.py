"""GraphQL types for candidacies; every relation goes through a per-request DataLoader."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry import relay
from strawberry.scalars import JSON

from backend.accounts.enums import OrganisationKind
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.candidacies import models
from backend.candidacies.budget_token import budget_token
from backend.candidacies.enums import (
    BudgetCategory,
    CandidacyStatus,
    EligibilityDecision,
    PartnerRole,
    PartnerStatus,
)
from backend.candidacies.reads import (
    AttachmentShown,
    BudgetLineShown,
    CandidacyRead,
    Contents,
    Needs,
    PageRead,
    PartnerShown,
    VersionShown,
    read_page,
)
from backend.candidacies.rules import can_see_email_invitations, effective_deadline
from graphql_schema.accounts.loaders import AccountLoaders
from graphql_schema.accounts.types import OrganisationType, PublicOrganisationType
from graphql_schema.calls.types import CallType, MoneyType
from graphql_schema.candidacies.loaders import CandidacyLoaders
from graphql_schema.context import current_context
from graphql_schema.reading import Pending, T, Tree, loadable
from graphql_schema.scalars import BigInt

CandidacyStatusEnum = strawberry.enum(CandidacyStatus, name="CandidacyStatus")
PartnerRoleEnum = strawberry.enum(PartnerRole, name="PartnerRole")
PartnerStatusEnum = strawberry.enum(PartnerStatus, name="PartnerStatus")
BudgetCategoryEnum = strawberry.enum(BudgetCategory, name="BudgetCategory")
EligibilityDecisionEnum = strawberry.enum(EligibilityDecision, name="EligibilityDecision")


async def _organisation(info: strawberry.Info, org_id: uuid.UUID) -> OrganisationType | None:
    org = await AccountLoaders.of(info).organisation.load(org_id)
    return OrganisationType.from_model(org) if org else None


def _organisation_of(org_id: uuid.UUID, shown: OrganisationType | None) -> Any:
    """The organisation read with the page, else a :class:`Pending` loading it (batched)."""
    if shown is not None:
        return shown
    return Pending(
        lambda: current_context.get().loaders(AccountLoaders).organisation.load(org_id),
        lambda org: OrganisationType.from_model(org) if org else None,
    )


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
    organisation: OrganisationType | None = loadable()
    """Read with the page it belongs to; else :func:`_organisation_of` loads it."""

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
            organisation=_organisation_of(p.organisation_id, None),
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
    deadline_at: datetime = strawberry.field(
        description="The deadline that applies to the candidacy (its extension if any), in UTC."
    )
    timezone: str = strawberry.field(description="IANA zone in which the call's dates are read.")
    deadline_local: datetime = strawberry.field(
        description="The same deadline in the call's zone, with its offset."
    )
    lead_organisation: PublicOrganisationType
    organisation_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="Your organisation, the one invited.")
    async def organisation(self, info: strawberry.Info) -> OrganisationType | None:
        return await _organisation(info, self.organisation_id)

    @classmethod
    def from_row(cls, row: Any) -> PartnerInvitationType:
        """The call comes with the row, so its zone costs no statement per invitation."""
        partner, candidacy, call, lead = row
        deadline = effective_deadline(call, candidacy)
        return cls(
            id=str(partner.id),
            role=partner.role,
            requested_share=MoneyType(cents=partner.requested_share_cents, currency="EUR"),
            invited_at=partner.invited_at,
            candidacy_title=candidacy.title,
            candidacy_acronym=candidacy.acronym,
            call_reference=call.reference,
            call_title=call.title,
            deadline_at=deadline,
            timezone=call.timezone,
            deadline_local=in_zone(deadline, call.timezone),
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
    organisation: OrganisationType | None = loadable()


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


@dataclass(frozen=True, slots=True)
class Shown:
    """One candidacy's read (:mod:`backend.candidacies.reads`) with the page's call and
    organisations converted once, shared by every candidacy of the page."""

    read: CandidacyRead
    call: CallType | None
    organisations: Mapping[uuid.UUID, OrganisationType]


CONTENTS_FIELDS = frozenset({"title", "acronym", "durationMonths", "partners"})


def needs_of(node: Tree) -> Needs:
    """The relations a read must load for what the query selects on a candidacy."""
    return Needs(
        contents=not CONTENTS_FIELDS.isdisjoint(node),
        answers="answers" in node,
        budget=not {"budget", "budgetTotal", "budgetToken"}.isdisjoint(node),
        attachments="attachments" in node,
        counts="counts" in node,
        versions="versions" in node,
        organisations="leadOrganisation" in node
        or "organisation" in node.get("partners", {})
        or "organisation" in node.get("budget", {}),
        call="call" in node or "deadlineLocal" in node,
    )


async def candidacy_nodes(
    session: AsyncSession,
    info: strawberry.Info,
    candidacies: Sequence[models.Candidacy],
    node: Tree,
    calls: Mapping[uuid.UUID, Call] | None = None,
) -> list[CandidacyType]:
    """The candidacies with what the query selects on them loaded for all at once (one
    statement per relation), their fields then resolving synchronously. ``calls``: their
    calls if already read (see :func:`backend.candidacies.reads.read_page`)."""
    needs = needs_of(node)
    page = await read_page(session, info.context.actor, candidacies, needs, calls)
    shown = shown_page(page)
    return [CandidacyType.from_model(c, shown[c.id], needs) for c in candidacies]


def shown_page(page: PageRead) -> dict[uuid.UUID, Shown]:
    organisations = {k: OrganisationType.from_model(o) for k, o in page.organisations.items()}
    calls: dict[uuid.UUID, CallType] = {}
    shown = {}
    for key, read in page.reads.items():
        call = None
        if read.call is not None:
            call = calls.get(read.call.id) or calls.setdefault(
                read.call.id, CallType.from_model(read.call)
            )
        shown[key] = Shown(read, call, organisations)
    return shown


def _partner(p: PartnerShown, organisations: Mapping[uuid.UUID, OrganisationType]) -> PartnerType:
    return PartnerType(
        id=str(p.id),
        role=p.role,
        requested_share=MoneyType(cents=BigInt(p.requested_share_cents), currency=p.currency),
        status=p.status,
        can_edit=p.can_edit,
        invited_at=p.invited_at,
        responded_at=p.responded_at,
        organisation_id=p.organisation_id,
        organisation=_organisation_of(p.organisation_id, organisations.get(p.organisation_id)),
    )


def _budget_line(
    line: BudgetLineShown, organisations: Mapping[uuid.UUID, OrganisationType]
) -> BudgetLineType:
    return BudgetLineType(
        category=line.category,
        label=line.label,
        amount=MoneyType(cents=BigInt(line.amount_cents), currency=line.currency),
        organisation_id=line.organisation_id,
        organisation=_organisation_of(
            line.organisation_id, organisations.get(line.organisation_id)
        ),
    )


def _attachment(a: AttachmentShown) -> AttachmentType:
    return AttachmentType(
        id=str(a.id),
        question_key=a.question_key,
        name=a.original_name,
        content_type=a.content_type,
        size_bytes=a.size_bytes,
        sha256=a.sha256,
        uploaded_at=a.created_at,
        download_url=f"/files/attachments/{a.id}",
    )


def _version(v: VersionShown) -> VersionType:
    return VersionType(
        number=v.number,
        sha256=v.sha256,
        submitted_at=v.submitted_at,
        receipt_url=f"/files/receipts/{v.id}" if v.receipt_storage_key else None,
        document_url=f"/files/versions/{v.id}",
    )


def _contents(pick: Callable[[Contents, Shown], T]) -> Callable[[Shown], T | None]:
    """``pick(contents)``, or None when the contents are private to the applicants."""
    return lambda s: None if s.read.contents is None else pick(s.read.contents, s)


def _answers(contents: Contents, _: Shown) -> list[AnswerType]:
    return [AnswerType(question_key=k, value=v) for k, v in contents.answers]


def _deadline_local(candidacy: models.Candidacy) -> Callable[[Shown], datetime | None]:
    def pick(shown: Shown) -> datetime | None:
        call = shown.read.call
        if call is None:
            return None
        return in_zone(effective_deadline(call, candidacy), call.timezone)

    return pick


def _lead(candidacy: models.Candidacy) -> Callable[[Shown], OrganisationType | None]:
    lead = candidacy.lead_organisation_id
    return lambda s: s.organisations.get(lead)


_PICKS: tuple[tuple[str, Callable[[Needs], bool], Callable[[models.Candidacy], Any]], ...] = (
    ("title", lambda n: n.contents, lambda _: _contents(lambda c, _: c.title)),
    ("acronym", lambda n: n.contents, lambda _: _contents(lambda c, _: c.acronym)),
    ("duration_months", lambda n: n.contents, lambda _: _contents(lambda c, _: c.duration_months)),
    ("counts", lambda n: n.counts, lambda _: _counts),
    ("call", lambda n: n.call, lambda _: lambda s: s.call),
    ("deadline_local", lambda n: n.call, _deadline_local),
    ("lead_organisation", lambda n: n.organisations, _lead),
    (
        "partners",
        lambda n: n.contents,
        lambda _: _contents(lambda c, s: [_partner(p, s.organisations) for p in c.partners]),
    ),
    (
        "answers",
        lambda n: n.answers,
        lambda _: _contents(_answers),
    ),
    (
        "budget",
        lambda n: n.budget,
        lambda _: _contents(lambda c, s: [_budget_line(b, s.organisations) for b in c.budget]),
    ),
    (
        "budget_total",
        lambda n: n.budget,
        lambda _: _contents(
            lambda c, _: MoneyType(cents=BigInt(c.budget_total_cents), currency=c.currency)
        ),
    ),
    (
        "budget_token",
        lambda n: n.budget,
        lambda _: _contents(lambda c, _: budget_token(c.budget)),
    ),
    (
        "attachments",
        lambda n: n.attachments,
        lambda _: _contents(lambda c, _: [_attachment(a) for a in c.attachments]),
    ),
    ("versions", lambda n: n.versions, lambda _: lambda s: [_version(v) for v in s.read.versions]),
)
"""Each field computed from a candidacy's read: its name, whether a read with these
:class:`Needs` holds it, and how to pick it (given the candidacy's row)."""


async def _email_invitations(
    root: CandidacyType, info: strawberry.Info
) -> list[EmailInvitationType] | None:
    if not can_see_email_invitations(info.context.actor, root.model):
        return None
    rows = await CandidacyLoaders.of(info).candidacy_email_invitations.load(root.model.id)
    return [EmailInvitationType.from_model(i) for i in rows]


@strawberry.type(name="Candidacy")
class CandidacyType(relay.Node):
    """Built by a root field with its read (loaded for the whole page), the fields computed
    from it are plain data, filled in at construction (strawberry's default resolver, no
    per-field resolver machinery). Built elsewhere (a mutation's payload, ``node``), they
    hold :class:`~graphql_schema.reading.Pending` values: the first one the query asks for
    loads the read, batched with the request's other candidacies."""

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
    title: str | None = loadable(PRIVATE_DRAFT)
    acronym: str | None = loadable(PRIVATE_DRAFT)
    duration_months: int | None = loadable(PRIVATE_DRAFT)
    counts: CountsType = loadable(
        "Counts of what the candidacy holds, for every reader (outside the lead"
        " organisation, of its last submitted version once there is one)."
    )
    call: CallType | None = loadable()
    deadline_local: datetime | None = loadable(
        "The deadline that applies to this candidacy, in its call's zone."
    )
    lead_organisation: OrganisationType | None = loadable()
    partners: list[PartnerType] | None = loadable(PRIVATE_DRAFT)
    email_invitations: list[EmailInvitationType] | None = strawberry.field(
        resolver=_email_invitations,
        description="Invitations mailed to addresses (inviteEmailPartner), oldest first; null"
        " unless you are a member of the lead organisation.",
    )
    answers: list[AnswerType] | None = loadable(PRIVATE_DRAFT)
    budget: list[BudgetLineType] | None = loadable(PRIVATE_DRAFT)
    budget_total: MoneyType | None = loadable(PRIVATE_DRAFT)
    budget_token: str | None = loadable(
        "A fingerprint of the budget lines read: it changes whenever they change. Send it as"
        " setCandidacyBudget's expectedBudgetToken, so a save over lines someone else changed"
        " meanwhile is refused (EditConflictError) rather than silently undoing theirs. "
        + PRIVATE_DRAFT
    )
    attachments: list[AttachmentType] | None = loadable(PRIVATE_DRAFT)
    versions: list[VersionType] = loadable("Submitted versions, oldest first; the last one counts.")
    model: strawberry.Private[models.Candidacy] = None  # type: ignore[assignment]
    shown: strawberry.Private[Shown | None] = None

    async def _load(self) -> Shown:
        if self.shown is None:
            loaders = current_context.get().loaders(CandidacyLoaders)
            page = await loaders.candidacy_reads.load(self.model)
            self.shown = _shown_one(page, self.model)
        return self.shown

    @classmethod
    def from_model(
        cls, c: models.Candidacy, shown: Shown | None = None, needs: Needs | None = None
    ) -> CandidacyType:
        """With ``shown`` (read with ``needs``), the fields it holds are data; the others,
        and all of them without it, are :class:`Pending`."""
        node = cls(
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
            shown=shown,
        )
        values = node.__dict__
        for name, holds, pick in _PICKS:
            if shown is not None and needs is not None and holds(needs):
                values[name] = pick(c)(shown)
            else:
                values[name] = Pending(node._load, pick(c))
        return node


def _shown_one(page: PageRead, candidacy: models.Candidacy) -> Shown:
    """One candidacy's share of a page read (converting only the organisations it names)."""
    read = page.reads[candidacy.id]
    named = {candidacy.lead_organisation_id}
    if read.contents is not None:
        named.update(p.organisation_id for p in read.contents.partners)
        named.update(line.organisation_id for line in read.contents.budget)
    organisations = {
        key: OrganisationType.from_model(page.organisations[key])
        for key in named
        if key in page.organisations
    }
    call = CallType.from_model(read.call) if read.call is not None else None
    return Shown(read, call, organisations)


def _counts(shown: Shown) -> CountsType:
    counts = shown.read.counts
    assert counts is not None, "counts asked for but not loaded"
    return CountsType(
        answers=counts.answers,
        partners=counts.partners,
        attachments=counts.attachments,
        budget_lines=counts.budget_lines,
    )
