"""Who may do what with candidacies, and what a candidacy's state allows: each predicate of
``candidacies.rules`` as a table of actor kinds (``tests.support.actors``) or states against
candidacies, files and instants, in memory.

Reading a candidacy at all is a rule on rows (``candidacies.queries.visible_to``, tested
through the database); the predicates here answer for an actor who already reads it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from backend.calls.enums import CallKind, CallStatus
from backend.calls.models import Call
from backend.candidacies.enums import CandidacyStatus, PartnerRole, PartnerStatus
from backend.candidacies.models import Attachment, Candidacy, CandidacyPartner, CandidacyVersion
from backend.candidacies.rules import (
    accepts_changes,
    can_apply_for,
    can_edit_candidacy,
    can_manage_candidacy,
    can_see_email_invitations,
    closed_at_its_deadline,
    counts_as_submitted,
    effective_deadline,
    is_editable,
    is_editable_at,
    is_in_consortium,
    may_read_attachment,
    may_read_contents,
    reads_submitted_version,
)
from tests.support.actors import (
    ACTORS,
    CALL_FUNDER_IDS,
    DECLINED_ORG,
    LEAD_ORG,
    OTHER_FUNDER,
    PARTNER_ORG,
    PENDING_ORG,
    cases,
    cells,
)

T, F = True, False
OPENS = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 6, 30, 10, 0, tzinfo=UTC)
EXTENDED_TO = DEADLINE + timedelta(hours=2)
SUBMITTED_AT = DEADLINE - timedelta(days=3)
CS = CandidacyStatus


def a_call(status: CallStatus, *, closed_at: datetime | None = None) -> Call:
    return Call(
        id=uuid.uuid4(),
        programme_id=uuid.uuid4(),
        reference="RULES-2026",
        kind=CallKind.AAP,
        status=status,
        title={"fr": "Appel"},
        budget_envelope_cents=1_000_000_00,
        timezone="Europe/Paris",
        opens_at=OPENS,
        deadline_at=DEADLINE,
        closed_at=closed_at,
        created_at=OPENS - timedelta(days=30),
        updated_at=OPENS - timedelta(days=30),
    )


def a_candidacy(
    status: CandidacyStatus = CS.DRAFT,
    *,
    submitted_version: int = 0,
    extended_to: datetime | None = None,
    has_unsubmitted_changes: bool = False,
) -> Candidacy:
    return Candidacy(
        id=uuid.uuid4(),
        call_id=uuid.uuid4(),
        lead_organisation_id=LEAD_ORG,
        status=status,
        title="Projet",
        created_by_user_id=uuid.uuid4(),
        created_at=OPENS,
        updated_at=OPENS,
        submitted_version=submitted_version,
        has_unsubmitted_changes=has_unsubmitted_changes,
        extended_deadline_at=extended_to,
    )


CANDIDACIES = {
    "draft": a_candidacy(CS.DRAFT),
    "submitted": a_candidacy(CS.SUBMITTED, submitted_version=1),
    "edited_after_submission": a_candidacy(
        CS.SUBMITTED, submitted_version=1, has_unsubmitted_changes=True
    ),
    "withdrawn_unsubmitted": a_candidacy(CS.WITHDRAWN),
    "withdrawn_after_submission": a_candidacy(CS.WITHDRAWN, submitted_version=1),
    "not_submitted": a_candidacy(CS.NOT_SUBMITTED),
}


def partners_of(candidacy: Candidacy) -> list[CandidacyPartner]:
    """The lead's own row, an accepted partner, a pending and a declined invitation."""
    return [
        CandidacyPartner(candidacy_id=candidacy.id, organisation_id=org, role=role, status=status)
        for org, role, status in [
            (LEAD_ORG, PartnerRole.LEAD, PartnerStatus.ACCEPTED),
            (PARTNER_ORG, PartnerRole.PARTNER, PartnerStatus.ACCEPTED),
            (PENDING_ORG, PartnerRole.PARTNER, PartnerStatus.PENDING),
            (DECLINED_ORG, PartnerRole.SUBCONTRACTOR, PartnerStatus.DECLINED),
        ]
    ]


# --- actors against organisations, candidacies and calls -----------------------------------

APPLY_FOR = {"lead_org": LEAD_ORG, "partner_org": PARTNER_ORG}
#              lead_org, partner_org
APPLY = {
    "platform_admin": (F, F),
    "funder_manager": (F, F),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, F),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (T, F),
    "lead_member": (T, F),
    "partner_member": (F, T),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

DRAFT_AND_SUBMITTED = ["draft", "submitted"]
#                 draft, submitted
LEAD_ONLY = {
    "platform_admin": (F, F),
    "funder_manager": (F, F),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, F),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (T, T),
    "lead_member": (T, T),
    "partner_member": (F, F),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

#                  draft, submitted
CONSORTIUM = {
    "platform_admin": (F, F),
    "funder_manager": (F, F),
    "co_funder_manager": (F, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, F),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (T, T),
    "lead_member": (T, T),
    "partner_member": (T, T),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

CALLS_FUNDED_BY = {"this_call": CALL_FUNDER_IDS, "other_funders_call": frozenset({OTHER_FUNDER})}
#                 this_call, other_funders_call
MANAGE = {
    "platform_admin": (T, T),
    "funder_manager": (T, F),
    "co_funder_manager": (T, F),
    "pending_co_funder_manager": (F, F),
    "other_funder_manager": (F, T),
    "viewer": (F, F),
    "expert": (F, F),
    "lead_admin": (F, F),
    "lead_member": (F, F),
    "partner_member": (F, F),
    "pending_partner_member": (F, F),
    "declined_partner_member": (F, F),
    "unrelated_user": (F, F),
    "anonymous": (F, F),
    "system": (F, F),
    "scheduler": (F, F),
}

# The consortium reads a candidacy as it is; anyone else who reads it (the row rule decides
# who) reads it once a version was submitted, and then that version.
STATES = list(CANDIDACIES)
# draft, submitted, edited_after_submission, withdrawn_unsubmitted, withdrawn_after_submission,
# not_submitted
OUTSIDERS_CONTENTS = (F, T, T, F, T, F)
ALL = (T, T, T, T, T, T)
NONE = (F, F, F, F, F, F)
READ_CONTENTS = {
    "platform_admin": OUTSIDERS_CONTENTS,
    "funder_manager": OUTSIDERS_CONTENTS,
    "co_funder_manager": OUTSIDERS_CONTENTS,
    "pending_co_funder_manager": OUTSIDERS_CONTENTS,
    "other_funder_manager": OUTSIDERS_CONTENTS,
    "viewer": OUTSIDERS_CONTENTS,
    "expert": OUTSIDERS_CONTENTS,
    "lead_admin": ALL,
    "lead_member": ALL,
    "partner_member": ALL,
    "pending_partner_member": OUTSIDERS_CONTENTS,
    "declined_partner_member": OUTSIDERS_CONTENTS,
    "unrelated_user": OUTSIDERS_CONTENTS,
    "anonymous": OUTSIDERS_CONTENTS,
    "system": OUTSIDERS_CONTENTS,
    "scheduler": OUTSIDERS_CONTENTS,
}
READS_SUBMITTED_VERSION = {
    name: NONE if row is ALL else OUTSIDERS_CONTENTS for name, row in READ_CONTENTS.items()
}

# A submitted candidacy (version 1 names ``plan.pdf`` uploaded before the submission) and a
# draft; which of their files opens for whom.
FILES = [
    "named_by_version",
    "superseded_named",
    "added_since",
    "same_content_reuploaded",
    "draft_file",
]
OUTSIDERS_FILES = (T, T, F, F, F)
ALL_FILES = (T, T, T, T, T)
READ_ATTACHMENT = {
    name: ALL_FILES if row is ALL else OUTSIDERS_FILES for name, row in READ_CONTENTS.items()
}


def _file(candidacy: Candidacy, sha: str, created_at: datetime, **extra) -> Attachment:
    return Attachment(
        id=uuid.uuid4(),
        candidacy_id=candidacy.id,
        question_key="plan",
        original_name="plan.pdf",
        storage_key=f"k-{uuid.uuid4()}",
        content_type="application/pdf",
        size_bytes=10,
        sha256=sha,
        uploaded_by_user_id=uuid.uuid4(),
        created_at=created_at,
        **extra,
    )


def file_case(name: str) -> tuple[Candidacy, Attachment, list[CandidacyVersion]]:
    """The candidacy, the file asked for and the candidacy's submitted versions."""
    if name == "draft_file":
        draft = CANDIDACIES["draft"]
        return draft, _file(draft, "d" * 64, SUBMITTED_AT), []
    submitted = CANDIDACIES["submitted"]
    version = CandidacyVersion(
        candidacy_id=submitted.id,
        number=1,
        snapshot={"attachments": [{"question_key": "plan", "sha256": "a" * 64}]},
        sha256="0" * 64,
        submitted_at=SUBMITTED_AT,
        submitted_by_user_id=uuid.uuid4(),
    )
    later = SUBMITTED_AT + timedelta(hours=1)
    attachment = {
        "named_by_version": _file(submitted, "a" * 64, SUBMITTED_AT - timedelta(hours=1)),
        "superseded_named": _file(
            submitted, "a" * 64, SUBMITTED_AT - timedelta(hours=1), superseded_at=later
        ),
        "added_since": _file(submitted, "b" * 64, later),
        "same_content_reuploaded": _file(submitted, "a" * 64, later),
    }[name]
    return submitted, attachment, [version]


@pytest.mark.parametrize(("actor", "organisation", "expected"), cases(APPLY, list(APPLY_FOR)))
def test_can_apply_for(actor, organisation, expected):
    assert can_apply_for(ACTORS[actor], APPLY_FOR[organisation]) is expected


@pytest.mark.parametrize(("actor", "candidacy", "expected"), cases(LEAD_ONLY, DRAFT_AND_SUBMITTED))
def test_can_edit_candidacy(actor, candidacy, expected):
    assert can_edit_candidacy(ACTORS[actor], CANDIDACIES[candidacy]) is expected


@pytest.mark.parametrize(("actor", "candidacy", "expected"), cases(LEAD_ONLY, DRAFT_AND_SUBMITTED))
def test_can_see_email_invitations(actor, candidacy, expected):
    assert can_see_email_invitations(ACTORS[actor], CANDIDACIES[candidacy]) is expected


@pytest.mark.parametrize(("actor", "call", "expected"), cases(MANAGE, list(CALLS_FUNDED_BY)))
def test_can_manage_candidacy(actor, call, expected):
    assert can_manage_candidacy(ACTORS[actor], CALLS_FUNDED_BY[call]) is expected


@pytest.mark.parametrize(("actor", "candidacy", "expected"), cases(CONSORTIUM, DRAFT_AND_SUBMITTED))
def test_is_in_consortium(actor, candidacy, expected):
    candidacy_ = CANDIDACIES[candidacy]

    assert is_in_consortium(ACTORS[actor], candidacy_, partners_of(candidacy_)) is expected


@pytest.mark.parametrize(("actor", "candidacy", "expected"), cases(READ_CONTENTS, STATES))
def test_may_read_contents(actor, candidacy, expected):
    candidacy_ = CANDIDACIES[candidacy]

    assert may_read_contents(ACTORS[actor], candidacy_, partners_of(candidacy_)) is expected


@pytest.mark.parametrize(("actor", "candidacy", "expected"), cases(READS_SUBMITTED_VERSION, STATES))
def test_reads_submitted_version(actor, candidacy, expected):
    candidacy_ = CANDIDACIES[candidacy]

    assert reads_submitted_version(ACTORS[actor], candidacy_, partners_of(candidacy_)) is expected


@pytest.mark.parametrize(("actor", "file", "expected"), cases(READ_ATTACHMENT, FILES))
def test_may_read_attachment(actor, file, expected):
    candidacy, attachment, versions = file_case(file)

    allowed = may_read_attachment(
        ACTORS[actor], candidacy, attachment, versions, partners_of(candidacy)
    )

    assert allowed is expected


# --- states and instants ---------------------------------------------------------------------

#                   is_editable, counts_as_submitted
STATUS = {
    CS.DRAFT: (T, F),
    CS.SUBMITTED: (T, T),
    CS.WITHDRAWN: (F, F),
    CS.NOT_SUBMITTED: (F, F),
}


@pytest.mark.parametrize(("status", "expected"), [(s, row[0]) for s, row in STATUS.items()])
def test_is_editable(status, expected):
    assert is_editable(a_candidacy(status)) is expected


@pytest.mark.parametrize(("status", "expected"), [(s, row[1]) for s, row in STATUS.items()])
def test_counts_as_submitted(status, expected):
    assert counts_as_submitted(a_candidacy(status)) is expected


MOMENTS = {
    "before_opening": OPENS - timedelta(seconds=1),
    "at_opening": OPENS,
    "last_second": DEADLINE - timedelta(seconds=1),
    "at_deadline": DEADLINE,
    "in_extension": EXTENDED_TO - timedelta(seconds=1),
    "extension_over": EXTENDED_TO,
}
SITUATIONS = {
    "open_call": (a_call(CallStatus.OPEN), a_candidacy()),
    "no_candidacy_yet": (a_call(CallStatus.OPEN), None),
    "published_before_the_opening_job": (a_call(CallStatus.PUBLISHED), a_candidacy()),
    "extended_on_running_call": (a_call(CallStatus.OPEN), a_candidacy(extended_to=EXTENDED_TO)),
    "extended_on_closed_call": (
        a_call(CallStatus.CLOSED, closed_at=DEADLINE),
        a_candidacy(extended_to=EXTENDED_TO),
    ),
    "closed_at_deadline": (a_call(CallStatus.CLOSED, closed_at=DEADLINE), a_candidacy()),
    "closed_early": (
        a_call(CallStatus.CLOSED, closed_at=DEADLINE - timedelta(days=1)),
        a_candidacy(),
    ),
    "draft_call": (a_call(CallStatus.DRAFT), a_candidacy()),
    "in_evaluation": (a_call(CallStatus.IN_EVALUATION, closed_at=DEADLINE), a_candidacy()),
}
# before_opening, at_opening, last_second, at_deadline, in_extension, extension_over
ACCEPTS_CHANGES = {
    "open_call": (F, T, T, F, F, F),
    "no_candidacy_yet": (F, T, T, F, F, F),
    "published_before_the_opening_job": (F, T, T, F, F, F),
    "extended_on_running_call": (F, T, T, T, T, F),
    "extended_on_closed_call": (F, T, T, T, T, F),
    "closed_at_deadline": (F, T, T, F, F, F),  # a request received in time, run after closing
    "closed_early": (F, F, F, F, F, F),
    "draft_call": (F, F, F, F, F, F),
    "in_evaluation": (F, F, F, F, F, F),
}


@pytest.mark.parametrize(("situation", "moment", "expected"), cells(ACCEPTS_CHANGES, list(MOMENTS)))
def test_accepts_changes(situation, moment, expected):
    call, candidacy = SITUATIONS[situation]

    assert accepts_changes(call, candidacy, now=MOMENTS[moment]) is expected


@pytest.mark.parametrize(
    ("closed_at", "expected"),
    [
        (None, F),
        (DEADLINE - timedelta(seconds=1), F),
        (DEADLINE, T),
        (DEADLINE + timedelta(minutes=5), T),
    ],
)
def test_closed_at_its_deadline(closed_at, expected):
    assert closed_at_its_deadline(a_call(CallStatus.CLOSED, closed_at=closed_at)) is expected


EDITABLE_AT_MOMENTS = ["last_second", "at_deadline", "in_extension"]
EDITABLE_CANDIDACIES = {
    "draft": a_candidacy(CS.DRAFT),
    "submitted": a_candidacy(CS.SUBMITTED, submitted_version=1),
    "withdrawn": a_candidacy(CS.WITHDRAWN),
    "not_submitted": a_candidacy(CS.NOT_SUBMITTED),
    "not_submitted_extended": a_candidacy(CS.NOT_SUBMITTED, extended_to=EXTENDED_TO),
}
#                         last_second, at_deadline, in_extension
EDITABLE_AT = {
    "draft": (T, T, T),
    "submitted": (T, T, T),
    "withdrawn": (F, F, F),
    "not_submitted": (T, F, F),  # settled by the closing after this request was received
    "not_submitted_extended": (T, T, T),
}


@pytest.mark.parametrize(
    ("candidacy", "moment", "expected"), cells(EDITABLE_AT, EDITABLE_AT_MOMENTS)
)
def test_is_editable_at(candidacy, moment, expected):
    call = a_call(CallStatus.CLOSED, closed_at=DEADLINE)

    editable = is_editable_at(call, EDITABLE_CANDIDACIES[candidacy], now=MOMENTS[moment])

    assert editable is expected


@pytest.mark.parametrize(
    ("candidacy", "expected"),
    [
        (None, DEADLINE),
        (a_candidacy(), DEADLINE),
        (a_candidacy(extended_to=EXTENDED_TO), EXTENDED_TO),
        (a_candidacy(extended_to=DEADLINE - timedelta(hours=1)), DEADLINE),
    ],
    ids=["no_candidacy", "no_extension", "extension_later", "extension_earlier"],
)
def test_effective_deadline(candidacy, expected):
    assert effective_deadline(a_call(CallStatus.OPEN), candidacy) == expected
