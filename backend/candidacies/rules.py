"""Permission and state predicates for candidacies: pure, synchronous, no database access."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from backend.calls.enums import CallStatus
from backend.calls.models import Call
from backend.calls.rules import effective_status, is_open
from backend.candidacies.enums import EDITABLE_STATUSES, CandidacyStatus, PartnerStatus
from backend.candidacies.models import Attachment, Candidacy, CandidacyVersion
from backend.core.auth import Actor


class PartnerStanding(Protocol):
    """What the rules read of a partner: its ORM row, or the values a read selected."""

    @property
    def organisation_id(self) -> uuid.UUID: ...
    @property
    def status(self) -> PartnerStatus: ...


class StoredFile(Protocol):
    """What matching a version's files reads of an attachment (row or values)."""

    @property
    def question_key(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


class SubmittedVersion(Protocol):
    """What matching a version's files reads of the version (row or values)."""

    @property
    def snapshot(self) -> dict[str, Any]: ...
    @property
    def submitted_at(self) -> datetime: ...


FileT = TypeVar("FileT", bound=StoredFile)


def can_apply_for(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Applicants create candidacies on behalf of an organisation they belong to."""
    return organisation_id in actor.organisation_ids


def can_edit_candidacy(actor: Actor, candidacy: Candidacy) -> bool:
    """Every member of the lead organisation edits everything (an accepted partner the lead
    lets edit changes the content only: ``services.may_edit`` asks the database for that)."""
    return candidacy.lead_organisation_id in actor.organisation_ids


def can_see_email_invitations(actor: Actor, candidacy: Candidacy) -> bool:
    """The invitations mailed to addresses (contacts' e-mails, codes' expiry) are the lead's:
    its members only, not partners nor the call's staff."""
    return can_edit_candidacy(actor, candidacy)


def can_manage_candidacy(actor: Actor, call_funder_ids: Collection[uuid.UUID]) -> bool:
    """Extensions and eligibility decisions: the call's managers and admins."""
    return actor.is_platform_admin or not actor.managed_funder_ids.isdisjoint(call_funder_ids)


def effective_deadline(call: Call, candidacy: Candidacy | None) -> datetime:
    """The call's deadline, or the candidacy's individual extension when it is later."""
    extension = candidacy.extended_deadline_at if candidacy else None
    return max(call.deadline_at, extension) if extension else call.deadline_at


def accepts_changes(call: Call, candidacy: Candidacy | None, *, now: datetime) -> bool:
    """Strictly before the (effective) deadline, on a call that has opened and not closed.

    A candidacy with an individual extension may still change after the call is CLOSED
    (stored, or by the clock before the closing job has run).
    """
    if now < call.opens_at or now >= effective_deadline(call, candidacy):
        return False
    if is_open(call, now=now):  # by the clock: the opening job need not have run
        return True
    if effective_status(call, now=now) is not CallStatus.CLOSED:
        return False
    has_extension = candidacy is not None and candidacy.extended_deadline_at is not None
    return has_extension or closed_at_its_deadline(call)


def closed_at_its_deadline(call: Call) -> bool:
    """Closed by the deadline path (at or after the deadline), not ahead of it.

    ``now`` is when a request was received; one received before the deadline may run after
    the closing job (it waited in the server's queue): it is judged at its receipt all the
    same. A call closed early by other means accepts nothing.
    """
    return call.closed_at is not None and call.closed_at >= call.deadline_at


def is_editable(candidacy: Candidacy) -> bool:
    """A draft, or a submitted candidacy whose applicants may still build a new version."""
    return candidacy.status in EDITABLE_STATUSES


def is_editable_at(call: Call, candidacy: Candidacy, *, now: datetime) -> bool:
    """Editable now: a draft or a submitted candidacy; or one the closing settled as
    NOT_SUBMITTED after this request was received (``now``, before the deadline)."""
    if is_editable(candidacy):
        return True
    return candidacy.status is CandidacyStatus.NOT_SUBMITTED and now < effective_deadline(
        call, candidacy
    )


def counts_as_submitted(candidacy: Candidacy) -> bool:
    """A version stands submitted now (edits on top of it may be pending; a withdrawn or
    settled candidacy does not count, whatever it once submitted)."""
    return candidacy.status is CandidacyStatus.SUBMITTED


def is_in_consortium(
    actor: Actor, candidacy: Candidacy, partners: Iterable[PartnerStanding]
) -> bool:
    """The lead organisation's members, and the members of a partner that accepted its
    invitation (``partners``: the candidacy's partner rows): the applicants, who read the
    candidacy as it is now, drafts included. A pending or declined partner is not one of them."""
    return can_edit_candidacy(actor, candidacy) or any(
        p.status is PartnerStatus.ACCEPTED and p.organisation_id in actor.organisation_ids
        for p in partners
    )


def may_read_contents(
    actor: Actor, candidacy: Candidacy, partners: Iterable[PartnerStanding]
) -> bool:
    """What a candidacy says (title, answers, partners, budget, files) is its applicants' work
    in progress until a version is submitted: before that, whoever else may see the candidacy
    (the call's funders' staff, admins) sees that it exists and its counts, not its contents.

    For an actor who may read the candidacy (a rule on rows: ``queries.visible_to``): the
    consortium's members (:func:`is_in_consortium`) always; the others once it has been
    submitted at least once (a draft withdrawn or settled NOT_SUBMITTED without a submission
    stays private).
    """
    return is_in_consortium(actor, candidacy, partners) or candidacy.submitted_version > 0


def reads_submitted_version(
    actor: Actor, candidacy: Candidacy, partners: Iterable[PartnerStanding]
) -> bool:
    """Readers outside the consortium read what was last submitted, never the edits made on
    top of it since (those are work in progress again)."""
    return not is_in_consortium(actor, candidacy, partners) and candidacy.submitted_version > 0


def files_of_version(version: SubmittedVersion, files: Iterable[FileT]) -> list[FileT]:
    """The stored files a version's snapshot names (by question and SHA-256), each the last
    such file uploaded by the submission (superseded ones included)."""
    found = []
    for named in version.snapshot["attachments"]:
        matching = [
            f
            for f in files
            if f.question_key == named["question_key"]
            and f.sha256 == named["sha256"]
            and f.created_at <= version.submitted_at
        ]
        if matching:
            found.append(max(matching, key=lambda f: f.created_at))
    return found


def may_read_attachment(
    actor: Actor,
    candidacy: Candidacy,
    attachment: Attachment,
    versions: Iterable[CandidacyVersion],
    partners: Iterable[PartnerStanding],
) -> bool:
    """A file of a candidacy the actor may read: the consortium's members read every file;
    the others only the files a submitted version names, not one added to the new draft since."""
    if is_in_consortium(actor, candidacy, partners):
        return True
    return any(attachment in files_of_version(v, [attachment]) for v in versions)
