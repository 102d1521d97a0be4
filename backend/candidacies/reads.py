"""What a reader sees of a page of candidacies, loaded in a few batched statements.

The read side of candidacies (the write side keeps its ORM rows): for a page of candidacies
and the actor reading them, each relation the read needs is loaded in one statement for the
whole page, selecting only the columns shown, then each candidacy's view is decided once (its
contents from the live rows, from its last submitted version, or private) and handed over as
frozen plain data. The GraphQL types resolve their fields from it synchronously: no DataLoader
or task per field and object. The rules are those of :mod:`backend.candidacies.rules`.

``Needs`` says which relations to load, so a list asking for three scalars pays for none.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa
import sqlalchemy.orm
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import queries as account_queries
from backend.accounts.models import Organisation
from backend.calls import queries as call_queries
from backend.calls.models import Call
from backend.candidacies.answers import is_answered
from backend.candidacies.enums import BudgetCategory, PartnerRole, PartnerStatus
from backend.candidacies.models import (
    Attachment,
    BudgetLine,
    Candidacy,
    CandidacyAnswer,
    CandidacyPartner,
    CandidacyVersion,
)
from backend.candidacies.rules import (
    PartnerStanding,
    StoredFile,
    SubmittedVersion,
    files_of_version,
    may_read_contents,
    reads_submitted_version,
)
from backend.core.auth import Actor
from backend.core.batching import group_by
from backend.core.db import fetch_rows


class PartnerRow(PartnerStanding, Protocol):
    """A row of ``_PARTNERS`` (the read's values, no ORM row)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def role(self) -> PartnerRole: ...
    @property
    def requested_share_cents(self) -> int: ...
    @property
    def can_edit(self) -> bool: ...
    @property
    def invited_at(self) -> datetime | None: ...
    @property
    def responded_at(self) -> datetime | None: ...


LIVE_CURRENCY = "EUR"
"""Live rows carry no currency; a submitted version names its call's."""


@dataclass(frozen=True, slots=True)
class Needs:
    """The relations a read shows (each costs one statement for the whole page)."""

    contents: bool = False
    """Title, acronym, duration or partners: the source must be decided."""
    answers: bool = False
    budget: bool = False
    attachments: bool = False
    counts: bool = False
    versions: bool = False
    organisations: bool = False
    call: bool = False


EVERYTHING = Needs(True, True, True, True, True, True, True, True)


@dataclass(frozen=True, slots=True)
class PartnerShown:
    id: uuid.UUID
    organisation_id: uuid.UUID
    role: PartnerRole
    requested_share_cents: int
    currency: str
    status: PartnerStatus
    can_edit: bool
    invited_at: datetime | None
    responded_at: datetime | None


@dataclass(frozen=True, slots=True)
class BudgetLineShown:
    organisation_id: uuid.UUID
    category: BudgetCategory
    label: str
    amount_cents: int
    currency: str


@dataclass(frozen=True, slots=True)
class AttachmentShown:
    id: uuid.UUID
    question_key: str
    original_name: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class VersionShown:
    """A submitted version without its snapshot (a list never shows the snapshot)."""

    id: uuid.UUID
    number: int
    sha256: str
    submitted_at: datetime
    receipt_storage_key: str | None


@dataclass(frozen=True, slots=True)
class Counts:
    answers: int
    partners: int
    attachments: int
    budget_lines: int


@dataclass(frozen=True, slots=True)
class Contents:
    """What the candidacy says, as this reader may see it (live, or as last submitted)."""

    title: str
    acronym: str | None
    duration_months: int | None
    partners: tuple[PartnerShown, ...]
    answers: tuple[tuple[str, Any], ...]
    budget: tuple[BudgetLineShown, ...]
    budget_total_cents: int
    currency: str
    attachments: tuple[AttachmentShown, ...]


@dataclass(frozen=True, slots=True)
class CandidacyRead:
    """One candidacy as one reader sees it; ``contents`` None: a draft private to its
    applicants. Relations not in the read's :class:`Needs` are left empty."""

    contents: Contents | None
    counts: Counts | None
    versions: tuple[VersionShown, ...]
    call: Call | None


@dataclass(frozen=True, slots=True)
class PageRead:
    reads: Mapping[uuid.UUID, CandidacyRead]
    organisations: Mapping[uuid.UUID, Organisation]


_IDS: sa.BindParameter[list[uuid.UUID]] = sa.bindparam("ids", expanding=True)
_ANSWERS = (
    sa.select(col(CandidacyAnswer.candidacy_id), col(CandidacyAnswer.question_key),
           col(CandidacyAnswer.value))
    .where(col(CandidacyAnswer.candidacy_id).in_(_IDS))
    .order_by(col(CandidacyAnswer.question_key))
)  # fmt: skip
_BUDGET = (
    sa.select(col(BudgetLine.candidacy_id), col(BudgetLine.organisation_id),
           col(BudgetLine.category), col(BudgetLine.label), col(BudgetLine.amount_cents))
    .where(col(BudgetLine.candidacy_id).in_(_IDS))
    .order_by(col(BudgetLine.position), col(BudgetLine.id))
)  # fmt: skip
_ATTACHMENT_COLUMNS = (
    col(Attachment.candidacy_id), col(Attachment.id), col(Attachment.question_key),
    col(Attachment.original_name), col(Attachment.content_type), col(Attachment.size_bytes),
    col(Attachment.sha256), col(Attachment.created_at),
)  # fmt: skip
_CURRENT_ATTACHMENTS = (
    sa.select(*_ATTACHMENT_COLUMNS)
    .where(col(Attachment.candidacy_id).in_(_IDS), col(Attachment.superseded_at).is_(None))
    .order_by(col(Attachment.question_key), col(Attachment.created_at))
)
_PARTNERS = (
    sa.select(col(CandidacyPartner.candidacy_id), col(CandidacyPartner.id),
              col(CandidacyPartner.organisation_id), col(CandidacyPartner.role),
              col(CandidacyPartner.requested_share_cents), col(CandidacyPartner.status),
              col(CandidacyPartner.can_edit), col(CandidacyPartner.invited_at),
              col(CandidacyPartner.responded_at))
    .where(col(CandidacyPartner.candidacy_id).in_(_IDS))
    .order_by(col(CandidacyPartner.position), col(CandidacyPartner.id))
)  # fmt: skip
_ALL_ATTACHMENTS = (
    sa.select(*_ATTACHMENT_COLUMNS)
    .where(col(Attachment.candidacy_id).in_(_IDS))
    .order_by(col(Attachment.question_key), col(Attachment.created_at))
)
"""Superseded files included: the files submitted versions name."""
_VERSIONS = (
    sa.select(col(CandidacyVersion.candidacy_id), col(CandidacyVersion.id),
           col(CandidacyVersion.number), col(CandidacyVersion.sha256),
           col(CandidacyVersion.submitted_at), col(CandidacyVersion.receipt_storage_key))
    .where(col(CandidacyVersion.candidacy_id).in_(_IDS))
    .order_by(col(CandidacyVersion.number))
)  # fmt: skip
_later = sa.orm.aliased(CandidacyVersion, name="later")
_LAST_VERSIONS = sa.select(
    col(CandidacyVersion.candidacy_id),
    col(CandidacyVersion.snapshot),
    col(CandidacyVersion.submitted_at),
).where(
    col(CandidacyVersion.candidacy_id).in_(_IDS),
    ~sa.exists().where(
        col(_later.candidacy_id) == col(CandidacyVersion.candidacy_id),
        col(_later.number) > col(CandidacyVersion.number),
    ),
)

_SUBMITTED: sa.BindParameter[list[uuid.UUID]] = sa.bindparam("submitted", expanding=True)
_VERSIONS_AND_LAST_SNAPSHOT: Any = (
    sa.select(col(CandidacyVersion.candidacy_id), col(CandidacyVersion.id),
           col(CandidacyVersion.number), col(CandidacyVersion.sha256),
           col(CandidacyVersion.submitted_at), col(CandidacyVersion.receipt_storage_key),
           sa.case((sa.and_(col(CandidacyVersion.candidacy_id).in_(_SUBMITTED),
                            ~sa.exists().where(
                                col(_later.candidacy_id) == col(CandidacyVersion.candidacy_id),
                                col(_later.number) > col(CandidacyVersion.number))),
                    col(CandidacyVersion.snapshot)),
                   else_=None).label("snapshot"))
    .where(col(CandidacyVersion.candidacy_id).in_(_IDS))
    .order_by(col(CandidacyVersion.number))
)  # fmt: skip
"""Both of the above in one statement (every version, the snapshot only on the last version
of the candidacies read as submitted): one candidacy by id in one statement fewer."""


async def _versions_and_last(
    session: AsyncSession, ids: Sequence[uuid.UUID], submitted_ids: Sequence[uuid.UUID]
) -> tuple[Sequence[Any], dict[uuid.UUID, Any]]:
    rows = await fetch_rows(
        session, _VERSIONS_AND_LAST_SNAPSHOT, {"ids": list(ids), "submitted": list(submitted_ids)}
    )
    return rows, {r.candidacy_id: r for r in rows if r.snapshot is not None}


async def _rows(session: AsyncSession, stmt: Any, ids: Sequence[uuid.UUID]) -> Sequence[Any]:
    """The rows of one of the statements above for ``ids`` (values, no ORM rows)."""
    if not ids:
        return []
    return await fetch_rows(session, stmt, {"ids": list(ids)})


def _attachment(row: Any) -> AttachmentShown:
    return AttachmentShown(
        row.id, row.question_key, row.original_name, row.content_type, row.size_bytes,
        row.sha256, row.created_at,
    )  # fmt: skip


def _partner(p: PartnerRow) -> PartnerShown:
    return PartnerShown(
        p.id, p.organisation_id, p.role, p.requested_share_cents, LIVE_CURRENCY, p.status,
        p.can_edit, p.invited_at, p.responded_at,
    )  # fmt: skip


def submitted_partners(
    snapshot: dict[str, Any], live: Sequence[PartnerRow]
) -> tuple[PartnerShown, ...]:
    """The consortium as submitted (roles and shares from the snapshot); each partner keeps
    its row's identity and consent (every partner had accepted, or submission was refused)."""
    currency = snapshot["currency"]
    rows = {row.organisation_id: row for row in live}
    shown = []
    for p in snapshot["partners"]:
        organisation_id = uuid.UUID(p["organisation"]["id"])
        row = rows.get(organisation_id)
        shown.append(
            PartnerShown(
                id=row.id if row else uuid.uuid5(organisation_id, snapshot["candidacy_id"]),
                organisation_id=organisation_id,
                role=PartnerRole(p["role"]),
                requested_share_cents=p["requested_share_cents"],
                currency=currency,
                status=PartnerStatus.ACCEPTED,
                can_edit=row.can_edit if row else False,
                invited_at=row.invited_at if row else None,
                responded_at=row.responded_at if row else None,
            )
        )
    return tuple(shown)


def submitted_budget(snapshot: dict[str, Any]) -> tuple[BudgetLineShown, ...]:
    currency = snapshot["currency"]
    return tuple(
        BudgetLineShown(
            organisation_id=uuid.UUID(line["organisation_id"]),
            category=BudgetCategory(line["category"]),
            label=line["label"],
            amount_cents=line["amount_cents"],
            currency=currency,
        )
        for line in snapshot["budget"]
    )


def _submitted_contents(
    version: SubmittedVersion, live: Sequence[PartnerRow], files: Sequence[StoredFile]
) -> Contents:
    snapshot = version.snapshot
    answers = snapshot["answers"]
    return Contents(
        title=str(snapshot["title"]),
        acronym=snapshot.get("acronym"),
        duration_months=snapshot.get("duration_months"),
        partners=submitted_partners(snapshot, live),
        answers=tuple((key, answers[key]) for key in sorted(answers)),
        budget=submitted_budget(snapshot),
        budget_total_cents=snapshot["budget_total_cents"],
        currency=snapshot["currency"],
        attachments=tuple(_attachment(a) for a in files_of_version(version, files)),
    )


def _submitted_counts(snapshot: dict[str, Any]) -> Counts:
    return Counts(
        answers=sum(1 for v in snapshot["answers"].values() if is_answered(v)),
        partners=len(snapshot["partners"]),
        attachments=len(snapshot["attachments"]),
        budget_lines=len(snapshot["budget"]),
    )


@dataclass
class _Live:
    """A page's live rows, per candidacy."""

    partners: dict[uuid.UUID, list[PartnerRow]]
    answers: dict[uuid.UUID, list[Any]]
    budget: dict[uuid.UUID, list[BudgetLineShown]]
    attachments: dict[uuid.UUID, list[AttachmentShown]]

    def contents(self, c: Candidacy) -> Contents:
        budget = tuple(self.budget.get(c.id, ()))
        return Contents(
            title=c.title,
            acronym=c.acronym,
            duration_months=c.duration_months,
            partners=tuple(_partner(p) for p in self.partners.get(c.id, ())),
            answers=tuple((a.question_key, a.value) for a in self.answers.get(c.id, ())),
            budget=budget,
            budget_total_cents=sum(line.amount_cents for line in budget),
            currency=LIVE_CURRENCY,
            attachments=tuple(self.attachments.get(c.id, ())),
        )

    def counts(self, c: Candidacy) -> Counts:
        return Counts(
            answers=sum(1 for a in self.answers.get(c.id, ()) if is_answered(a.value)),
            partners=len(self.partners.get(c.id, ())),
            attachments=len(self.attachments.get(c.id, ())),
            budget_lines=len(self.budget.get(c.id, ())),
        )


async def _live_rows(
    session: AsyncSession,
    needs: Needs,
    partners: dict[uuid.UUID, list[PartnerRow]],
    ids: Sequence[uuid.UUID],
) -> _Live:
    """The live answers, budget and current files of ``ids``, each only if the read shows it
    (or counts it)."""
    counts = needs.counts
    answers = await _rows(session, _ANSWERS, ids) if needs.answers or counts else []
    budget = await _rows(session, _BUDGET, ids) if needs.budget or counts else []
    files = await _rows(session, _CURRENT_ATTACHMENTS, ids) if needs.attachments or counts else []
    return _Live(
        partners=partners,
        answers=group_by(answers, lambda r: r.candidacy_id),
        budget=group_by(
            budget,
            lambda r: r.candidacy_id,
            lambda r: BudgetLineShown(
                r.organisation_id, r.category, r.label, r.amount_cents, LIVE_CURRENCY
            ),
        ),
        attachments=group_by(files, lambda r: r.candidacy_id, _attachment),
    )


async def read_page(
    session: AsyncSession,
    actor: Actor,
    candidacies: Sequence[Candidacy],
    needs: Needs,
    calls: Mapping[uuid.UUID, Call] | None = None,
) -> PageRead:
    """What ``actor`` sees of ``candidacies`` (which it may read), in one statement per
    relation ``needs`` names, for the whole page. ``calls``: the page's calls when the caller
    read them with the candidacies (one candidacy by id: one statement for both); else they
    are loaded here if needed."""
    if not candidacies:
        return PageRead({}, {})
    ids = [c.id for c in candidacies]
    partners: dict[uuid.UUID, list[PartnerRow]] = group_by(
        await _rows(session, _PARTNERS, ids), lambda r: r.candidacy_id
    )
    as_submitted: list[Candidacy] = []
    live: list[Candidacy] = []
    for c in candidacies:
        rows = partners.get(c.id, [])
        if reads_submitted_version(actor, c, rows):
            as_submitted.append(c)
        elif may_read_contents(actor, c, rows) or needs.counts:
            live.append(c)
    wants_snapshot = needs.contents or needs.answers or needs.budget or needs.attachments
    submitted_ids = [c.id for c in as_submitted]
    wants_last = bool(submitted_ids) and (wants_snapshot or needs.counts)
    version_rows: Sequence[Any] = []
    if needs.versions and wants_last:
        version_rows, last = await _versions_and_last(session, ids, submitted_ids)
    elif wants_last:
        last = {v.candidacy_id: v for v in await _rows(session, _LAST_VERSIONS, submitted_ids)}
    else:
        last = {}
        if needs.versions:
            version_rows = await _rows(session, _VERSIONS, ids)
    files: dict[uuid.UUID, list[Any]] = (
        group_by(await _rows(session, _ALL_ATTACHMENTS, submitted_ids), lambda r: r.candidacy_id)
        if needs.attachments
        else {}
    )
    live_rows = await _live_rows(session, needs, partners, [c.id for c in live])
    versions = group_by(
        version_rows,
        lambda r: r.candidacy_id,
        lambda r: VersionShown(r.id, r.number, r.sha256, r.submitted_at, r.receipt_storage_key),
    )
    call_ids = {c.call_id for c in candidacies}
    if not needs.call:
        calls = {}
    elif calls is None or not call_ids <= calls.keys():
        calls = await call_queries.calls_by_id(session, list(call_ids))
    reads = {}
    for c in candidacies:
        rows = partners.get(c.id, [])
        version = last.get(c.id)
        contents: Contents | None = None
        counts: Counts | None = None
        if reads_submitted_version(actor, c, rows):
            if version is not None:
                contents = _submitted_contents(version, rows, files.get(c.id, []))
                counts = _submitted_counts(version.snapshot)
            elif needs.counts:  # unreachable (versions are never deleted): nothing counted
                counts = Counts(0, 0, 0, 0)
        else:
            if may_read_contents(actor, c, rows):
                contents = live_rows.contents(c)
            if needs.counts:
                counts = live_rows.counts(c)
        reads[c.id] = CandidacyRead(
            contents=contents,
            counts=counts,
            versions=tuple(versions.get(c.id, ())),
            call=calls.get(c.call_id),
        )
    organisations = (
        await account_queries.organisations_by_id(session, _organisation_ids(candidacies, reads))
        if needs.organisations
        else {}
    )
    return PageRead(reads, organisations)


def _organisation_ids(
    candidacies: Sequence[Candidacy], reads: Mapping[uuid.UUID, CandidacyRead]
) -> list[uuid.UUID]:
    """The lead organisations and every organisation the contents name."""
    found = {c.lead_organisation_id for c in candidacies}
    for read in reads.values():
        if read.contents is not None:
            found.update(p.organisation_id for p in read.contents.partners)
            found.update(line.organisation_id for line in read.contents.budget)
    return list(found)
