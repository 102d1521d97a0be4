"""Candidacies: an organisation's application to a call, its partners, answers, budget,
attachments and immutable submitted versions.

A candidacy belongs to its lead organisation: all of that organisation's members edit it.
Other organisations join its consortium by invitation: once one of their admins accepts, their
members read it (and edit its content if the lead lets them); the call's managers read it too.
Submitting freezes a canonical snapshot as a :class:`CandidacyVersion`; later edits build a new
draft on top, and the last submitted version is the one that counts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from backend.accounts.enums import OrganisationKind
from backend.candidacies.enums import (
    BudgetCategory,
    CandidacyStatus,
    EligibilityDecision,
    PartnerRole,
    PartnerStatus,
)
from backend.core.i18n import Language
from backend.core.types import enum_column, id_field


class Candidacy(SQLModel, table=True):
    id: uuid.UUID = id_field()
    call_id: uuid.UUID = Field(foreign_key="call.id", index=True)
    lead_organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    status: CandidacyStatus = Field(sa_column=enum_column(CandidacyStatus, index=True))
    reference: str | None = Field(default=None, max_length=64, sa_column_kwargs={"unique": True})
    """Given on first submission, gap-free per call (e.g. ``IMPACT-IA-2026-0042``)."""
    title: str = Field(max_length=300)
    acronym: str | None = Field(default=None, max_length=40)
    duration_months: int | None = None
    created_by_user_id: uuid.UUID = Field(foreign_key="user.id")
    created_at: datetime
    updated_at: datetime
    submitted_version: int = 0
    """Number of the last submitted version (0: never submitted)."""
    last_submitted_at: datetime | None = None
    has_unsubmitted_changes: bool = False
    extended_deadline_at: datetime | None = None
    """An individual extension granted by a manager (audited)."""
    eligibility: EligibilityDecision = Field(
        default=EligibilityDecision.PENDING,
        sa_column=enum_column(EligibilityDecision, server_default="PENDING"),
    )
    eligibility_reason: str | None = Field(default=None, max_length=2000)
    eligibility_decided_at: datetime | None = None
    eligibility_decided_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="user.id")


class CandidacyPartner(SQLModel, table=True):
    __tablename__ = "candidacy_partner"
    __table_args__ = (sa.UniqueConstraint("candidacy_id", "organisation_id"),)

    id: uuid.UUID = id_field()
    candidacy_id: uuid.UUID = Field(foreign_key="candidacy.id", index=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    role: PartnerRole = Field(sa_column=enum_column(PartnerRole))
    requested_share_cents: int = Field(default=0, sa_type=sa.BigInteger)
    position: int = 0
    status: PartnerStatus = Field(
        default=PartnerStatus.ACCEPTED,
        sa_column=enum_column(PartnerStatus, server_default="ACCEPTED"),
    )
    """An organisation the lead names is PENDING until one of its admins accepts or declines:
    nobody is made a partner without its consent (the lead's own row is ACCEPTED)."""
    can_edit: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    """Set by the lead: this partner's members may edit the content (description, answers,
    budget, files), never the consortium, nor submit or withdraw."""
    invited_at: datetime | None = None
    responded_at: datetime | None = None
    """Who invited and who answered: in the audit trail (``candidacy.partner_*`` entries)."""


class CandidacyAnswer(SQLModel, table=True):
    __tablename__ = "candidacy_answer"
    __table_args__ = (sa.UniqueConstraint("candidacy_id", "question_key"),)

    id: uuid.UUID = id_field()
    candidacy_id: uuid.UUID = Field(foreign_key="candidacy.id", index=True)
    question_key: str = Field(max_length=64)
    value: Any = Field(sa_type=sa.JSON)
    """Typed by the question: str, JSON number (int or float), ISO date, list, bool."""
    updated_at: datetime


class BudgetLine(SQLModel, table=True):
    __tablename__ = "budget_line"

    id: uuid.UUID = id_field()
    candidacy_id: uuid.UUID = Field(foreign_key="candidacy.id", index=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id")
    """The partner the line belongs to."""
    category: BudgetCategory = Field(sa_column=enum_column(BudgetCategory))
    label: str = Field(default="", max_length=300)
    amount_cents: int = Field(sa_type=sa.BigInteger)
    position: int = 0


class Attachment(SQLModel, table=True):
    """A file answering a FILE question; the stored name is ours, never the uploader's."""

    id: uuid.UUID = id_field()
    candidacy_id: uuid.UUID = Field(foreign_key="candidacy.id", index=True)
    question_key: str = Field(max_length=64)
    original_name: str = Field(max_length=255)
    storage_key: str = Field(max_length=255, sa_column_kwargs={"unique": True})
    content_type: str = Field(max_length=100)
    size_bytes: int = Field(sa_type=sa.BigInteger)
    sha256: str = Field(max_length=64)
    uploaded_by_user_id: uuid.UUID = Field(foreign_key="user.id")
    created_at: datetime
    superseded_at: datetime | None = None
    """Set when a newer file replaces it; kept because a submitted version may point to it."""


class CandidacyVersion(SQLModel, table=True):
    """An immutable submitted version: the canonical snapshot and its SHA-256."""

    __tablename__ = "candidacy_version"
    __table_args__ = (sa.UniqueConstraint("candidacy_id", "number"),)

    id: uuid.UUID = id_field()
    candidacy_id: uuid.UUID = Field(foreign_key="candidacy.id", index=True)
    number: int
    snapshot: dict[str, Any] = Field(sa_type=sa.JSON)
    sha256: str = Field(max_length=64)
    submitted_at: datetime
    submitted_by_user_id: uuid.UUID = Field(foreign_key="user.id")
    receipt_storage_key: str | None = Field(default=None, max_length=255)
    receipt_rendered_at: datetime | None = None


class CandidacyReferenceCounter(SQLModel, table=True):
    """The last reference number given in a call; locked while a submission takes the next."""

    __tablename__ = "candidacy_reference_counter"

    call_id: uuid.UUID = Field(foreign_key="call.id", primary_key=True)
    last_number: int = 0


class PartnerEmailInvitation(SQLModel, table=True):
    """An invitation mailed to someone whose organisation is not on the platform yet.

    The mail carries a single-use token, stored here only as its SHA-256. The signed-in user
    whose account e-mail is ``email`` answers with it: accepting registers the organisation
    described here, with them as its admin, and makes it an ACCEPTED partner
    (:mod:`backend.candidacies.email_invitations`)."""

    __tablename__ = "partner_email_invitation"

    id: uuid.UUID = id_field()
    candidacy_id: uuid.UUID = Field(foreign_key="candidacy.id", index=True)
    email: str = Field(max_length=254, index=True)
    """Lower-cased, as account e-mails are."""
    language: Language = Field(sa_column=enum_column(Language))
    organisation_name: str = Field(max_length=300)
    organisation_kind: OrganisationKind = Field(sa_column=enum_column(OrganisationKind))
    country: str = Field(max_length=2)
    siret: str | None = Field(default=None, max_length=14)
    finess: str | None = Field(default=None, max_length=9)
    registry_id: str | None = Field(default=None, max_length=64)
    role: PartnerRole = Field(sa_column=enum_column(PartnerRole))
    requested_share_cents: int = Field(default=0, sa_type=sa.BigInteger)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    status: PartnerStatus = Field(sa_column=enum_column(PartnerStatus))
    invited_by_user_id: uuid.UUID = Field(foreign_key="user.id")
    invited_at: datetime
    expires_at: datetime
    responded_at: datetime | None = None
    organisation_id: uuid.UUID | None = Field(default=None, foreign_key="organisation.id")
    """The organisation registered on acceptance."""
