"""Submitting a candidacy: every check at once, an immutable hashed version, a reference.

The server clock is the only authority: ``now`` is read when the request arrives, and a
submission at or after the (effective) deadline is refused with ``DeadlinePassed``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts.enums import OrganisationKind
from backend.accounts.models import Organisation, User
from backend.calls import queries as call_queries
from backend.calls.eligibility import EligibilityRules
from backend.calls.enums import QuestionKind
from backend.calls.forms import Form, FrozenQuestion
from backend.calls.models import Call
from backend.calls.presentation import in_zone
from backend.candidacies import queries, recording
from backend.candidacies.answers import is_answered
from backend.candidacies.enums import BudgetCategory, CandidacyStatus, PartnerRole, PartnerStatus
from backend.candidacies.errors import (
    CallNotOpen,
    CandidacyNotEditable,
    DeadlinePassed,
    SubmissionProblem,
    SubmissionRejected,
)
from backend.candidacies.models import (
    Attachment,
    BudgetLine,
    Candidacy,
    CandidacyAnswer,
    CandidacyPartner,
    CandidacyVersion,
    PartnerEmailInvitation,
)
from backend.candidacies.rules import is_editable_at, may_read_contents, reads_submitted_version
from backend.candidacies.services import (
    audit_change,
    editable_candidacy,
    require_open_for_changes,
)
from backend.core import audit
from backend.core.auth import Actor
from backend.core.errors import NotFound, PermissionDenied
from backend.core.i18n import pick_text
from backend.core.jobs import Queue, enqueue_after_commit, job
from backend.notifications import services as notifications

RENDER_RECEIPT_JOB = job("render_receipt", Queue.HEAVY)


@dataclass(frozen=True)
class CandidacyContents:
    """Everything a submission is checked against and made of, loaded once."""

    call: Call
    candidacy: Candidacy
    questions: Form
    partners: list[tuple[CandidacyPartner, Organisation]]
    answers: dict[str, Any]
    budget: list[BudgetLine]
    attachments: list[Attachment]
    email_invitations: list[PartnerEmailInvitation] = field(default_factory=list)


async def load_contents(
    session: AsyncSession, candidacy: Candidacy, call: Call
) -> CandidacyContents:
    ids = [candidacy.id]
    answers: list[CandidacyAnswer] = (await queries.answers_by_candidacy(session, ids)).get(
        candidacy.id, []
    )
    return CandidacyContents(
        call=call,
        candidacy=candidacy,
        questions=await call_queries.form_of(session, call),
        partners=await queries.partners_with_organisations(session, candidacy.id),
        email_invitations=(await queries.email_invitations_by_candidacy(session, ids)).get(
            candidacy.id, []
        ),
        answers={a.question_key: a.value for a in answers},
        budget=(await queries.budget_by_candidacy(session, ids)).get(candidacy.id, []),
        attachments=(await queries.attachments_by_candidacy(session, ids)).get(candidacy.id, []),
    )


def check_submission(contents: CandidacyContents) -> list[SubmissionProblem]:
    """Every reason the candidacy cannot be submitted, in the order a person would fix them."""
    rules = EligibilityRules.model_validate(contents.call.eligibility)
    return [
        *_missing_answers(contents),
        *_missing_documents(contents, rules),
        *_consent_problems(contents),
        *_consortium_problems(contents, rules),
        *_duration_problems(contents, rules),
        *_budget_problems(contents),
    ]


def _missing_answers(c: CandidacyContents) -> list[SubmissionProblem]:
    return [
        SubmissionProblem("MISSING_ANSWER", f"answer «{_label(q)}»", f"answers.{q.key}")
        for q in c.questions
        if q.required and q.kind is not QuestionKind.FILE and not is_answered(c.answers.get(q.key))
    ]


def _missing_documents(c: CandidacyContents, rules: EligibilityRules) -> list[SubmissionProblem]:
    attached = {a.question_key for a in c.attachments}
    required = [q.key for q in c.questions if q.required and q.kind is QuestionKind.FILE]
    required += [k for k in rules.required_document_keys if k not in required]
    labels = {q.key: _label(q) for q in c.questions}
    return [
        SubmissionProblem(
            "MISSING_DOCUMENT", f"attach «{labels.get(key, key)}»", f"attachments.{key}"
        )
        for key in required
        if key not in attached
    ]


def _consent_problems(c: CandidacyContents) -> list[SubmissionProblem]:
    """Nobody is submitted as a partner without its consent: an invitation still waiting or
    declined blocks the submission (the lead withdraws it, or waits for the answer)."""
    problems = []
    for partner, org in c.partners:
        if partner.status is PartnerStatus.PENDING:
            problems.append(
                _partner_problem(
                    "PARTNER_INVITATION_PENDING",
                    org,
                    f"{org.name} has not answered the invitation yet: wait for its answer or"
                    " withdraw the invitation",
                )
            )
        elif partner.status is PartnerStatus.DECLINED:
            problems.append(
                _partner_problem(
                    "PARTNER_DECLINED",
                    org,
                    f"{org.name} declined the invitation: remove it from the consortium",
                )
            )
    problems += [
        SubmissionProblem(
            "PARTNER_INVITATION_PENDING",
            f"{i.organisation_name} (invited at {i.email}) has not answered the invitation yet:"
            " wait for its answer or withdraw the invitation",
            "emailInvitations",
            organisation_name=i.organisation_name,
        )
        for i in c.email_invitations
        if i.status is PartnerStatus.PENDING
    ]
    return problems


def _partner_problem(code: str, org: Organisation, message: str) -> SubmissionProblem:
    """A problem with one organisation of the consortium, which it names (id and name)."""
    return SubmissionProblem(
        code, message, "partners", organisation_id=org.id, organisation_name=org.name
    )


def _consortium_problems(c: CandidacyContents, rules: EligibilityRules) -> list[SubmissionProblem]:
    problems = []
    countries = Counter(org.country for _, org in c.partners)
    for requirement in rules.required_partner_countries:
        if countries[requirement.country] < requirement.min_partners:
            problems.append(
                SubmissionProblem(
                    "PARTNER_COUNTRY",
                    f"at least {requirement.min_partners} partner(s) from {requirement.country}",
                    "partners",
                    country=requirement.country,
                    minimum=requirement.min_partners,
                )
            )
    allowed = set(rules.allowed_organisation_kinds)
    problems += [
        _partner_problem(
            "ORGANISATION_KIND",
            org,
            f"{org.name}: a {org.kind.value} may not take part in this call",
        )
        for _, org in c.partners
        if allowed and org.kind not in allowed
    ]
    count = len(c.partners)
    if (rules.min_partners and count < rules.min_partners) or (
        rules.max_partners and count > rules.max_partners
    ):
        bounds = f"{rules.min_partners or 1} to {rules.max_partners or 'any number of'}"
        problems.append(
            SubmissionProblem(
                "PARTNER_COUNT",
                f"{bounds} partners",
                "partners",
                minimum=rules.min_partners or None,
                maximum=rules.max_partners or None,
            )
        )
    return problems


def _duration_problems(c: CandidacyContents, rules: EligibilityRules) -> list[SubmissionProblem]:
    months, low, high = (
        c.candidacy.duration_months,
        rules.min_duration_months,
        rules.max_duration_months,
    )
    if low is None and high is None:
        return []
    if months is None:
        return [
            SubmissionProblem("MISSING_DURATION", "give the project's duration", "durationMonths")
        ]
    if (low and months < low) or (high and months > high):
        return [
            SubmissionProblem(
                "DURATION",
                f"the duration must lie between {low or 1} and {high or '…'} months",
                "durationMonths",
                minimum=low or None,
                maximum=high or None,
            )
        ]
    return []


def _budget_problems(c: CandidacyContents) -> list[SubmissionProblem]:
    if not c.budget:
        return [SubmissionProblem("BUDGET_MISSING", "give at least one budget line", "budget")]
    problems = []
    total = sum(line.amount_cents for line in c.budget)
    cap = c.call.cap_per_candidacy_cents
    if cap is not None and total > cap:
        problems.append(
            SubmissionProblem(
                "BUDGET_CAP",
                f"the total {total / 100:.2f} exceeds the cap {cap / 100:.2f}",
                "budget",
            )
        )
    per_partner = Counter[uuid.UUID]()
    for line in c.budget:
        per_partner[line.organisation_id] += line.amount_cents
    for partner, org in c.partners:
        lines_total = per_partner[partner.organisation_id]
        if lines_total != partner.requested_share_cents:
            problems.append(
                _partner_problem(
                    "PARTNER_SHARE_MISMATCH",
                    org,
                    f"{org.name}: budget lines add up to {lines_total / 100:.2f},"
                    f" the requested share is {partner.requested_share_cents / 100:.2f}",
                )
            )
    return problems


def _label(question: FrozenQuestion) -> str:
    return question.label.get("fr") or question.label.get("en") or question.key


def canonical_snapshot(
    contents: CandidacyContents,
    *,
    number: int,
    submitted_at: datetime,
    submitted_by: User,
) -> dict[str, Any]:
    """The version's facts as plain JSON values, in a fixed shape (see the receipt).

    The candidacy's reference is not part of it: a first submission gets its number from the
    call's counter in its very last statement (see :mod:`backend.candidacies.recording`), after the
    hash is taken. The snapshot names the candidacy by its id, which the reference is bound to.
    """
    c, candidacy = contents, contents.candidacy
    return {
        "candidacy_id": str(candidacy.id),
        "version": number,
        "submitted_at": submitted_at.isoformat(),
        "submitted_by": {"id": str(submitted_by.id), "name": submitted_by.full_name,
                         "email": submitted_by.email},
        "call": {"id": str(c.call.id), "reference": c.call.reference, "title": c.call.title,
                 "timezone": c.call.timezone, "deadline_at": c.call.deadline_at.isoformat()},
        "title": candidacy.title,
        "acronym": candidacy.acronym,
        "duration_months": candidacy.duration_months,
        "lead_organisation_id": str(candidacy.lead_organisation_id),
        "partners": [
            {"organisation": _organisation(org), "role": p.role.value,
             "requested_share_cents": p.requested_share_cents}
            for p, org in c.partners
        ],
        "answers": dict(sorted(c.answers.items())),
        "budget": [
            {"organisation_id": str(line.organisation_id), "category": line.category.value,
             "label": line.label, "amount_cents": line.amount_cents}
            for line in c.budget
        ],
        "budget_total_cents": sum(line.amount_cents for line in c.budget),
        "currency": c.call.currency,
        "attachments": [
            {"question_key": a.question_key, "name": a.original_name, "sha256": a.sha256,
             "size_bytes": a.size_bytes, "content_type": a.content_type}
            for a in c.attachments
        ],
    }  # fmt: skip


def _organisation(org: Organisation) -> dict[str, Any]:
    return {
        "id": str(org.id),
        "name": org.name,
        "kind": org.kind.value,
        "country": org.country,
        "siret": org.siret,
        "finess": org.finess,
        "registry_id": org.registry_id,
    }


def canonical_document(snapshot: dict[str, Any]) -> bytes:
    """The snapshot as canonical JSON (sorted keys, no spaces, UTF-8): the exact bytes that
    are hashed, and that the applicant and the managers download to recompute the hash."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return canonical.encode("utf-8")


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    """SHA-256 of :func:`canonical_document`: anyone can recompute it."""
    return hashlib.sha256(canonical_document(snapshot)).hexdigest()


@dataclass(frozen=True)
class SubmissionReceipt:
    candidacy: Candidacy
    version: CandidacyVersion
    reference: str
    server_time: datetime
    sha256: str


async def submit_candidacy(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID, now: datetime
) -> SubmissionReceipt:
    """Check everything, freeze a new version, give the reference on first submission.

    Side effects: a ``candidacy_version`` row; the candidacy becomes SUBMITTED; on the first
    submission the call's reference counter advances; audited; the submitter is emailed the
    receipt's facts (outbox); after commit a worker renders the receipt PDF.
    """
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    contents = await load_contents(session, candidacy, call)
    problems = check_submission(contents)
    if problems:
        raise SubmissionRejected(problems)
    user = await session.get(User, actor.user_id)
    assert user is not None
    writes = _writes_of(contents, actor=actor, user=user, now=now)
    reference = await recording.write_submission(session, call, writes)
    version = writes.version
    enqueue_after_commit(
        session, RENDER_RECEIPT_JOB, job_id=f"receipt:{version.id}", version_id=str(version.id)
    )
    return SubmissionReceipt(candidacy, version, reference, now, version.sha256)


def _writes_of(
    contents: CandidacyContents, *, actor: Actor, user: User, now: datetime
) -> recording.SubmissionWrites:
    """Everything the submission will write, made in memory: the candidacy's new state, the
    next version (snapshot and hash), the receipt mail (checked to render) and the audit
    entry; both name the reference, filled in when it is known."""
    candidacy, call = contents.candidacy, contents.call
    number = candidacy.submitted_version + 1
    snapshot = canonical_snapshot(contents, number=number, submitted_at=now, submitted_by=user)
    version = CandidacyVersion(
        candidacy_id=candidacy.id,
        number=number,
        snapshot=snapshot,
        sha256=snapshot_hash(snapshot),
        submitted_at=now,
        submitted_by_user_id=user.id,
    )
    return recording.SubmissionWrites(
        candidacy=candidacy,
        changes={
            "status": CandidacyStatus.SUBMITTED,
            "submitted_version": number,
            "last_submitted_at": now,
            "has_unsubmitted_changes": False,
            "updated_at": now,
        },
        version=version,
        mail=notifications.prepare(
            user,
            "submission_receipt",
            {
                "call_title": pick_text(call.title, user.language) or call.reference,
                "candidacy_title": candidacy.title,
                "reference": candidacy.reference or recording.REFERENCE_PENDING,
                "submitted_at_local": in_zone(now, call.timezone).isoformat(),
                "sha256": version.sha256,
            },
            f"submitted:{version.id}",
            now,
        ),
        entry=audit.new_entry(
            actor=actor,
            action="candidacy.submitted",
            object_type="candidacy",
            object_id=candidacy.id,
            now=now,
            after={"reference": candidacy.reference, "version": number, "sha256": version.sha256},
        ),
    )


async def withdraw_candidacy(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID, now: datetime
) -> Candidacy:
    """Withdraw before the deadline: the candidacy no longer counts. Audited."""
    candidacy, _ = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    before = candidacy.status
    candidacy.status = CandidacyStatus.WITHDRAWN
    candidacy.updated_at = now
    session.add(candidacy)
    await audit_change(
        session, actor, "candidacy.withdrawn", candidacy, now,
        before={"status": before.value}, after={"status": CandidacyStatus.WITHDRAWN.value},
    )  # fmt: skip
    return candidacy


async def submission_report(
    session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID, now: datetime
) -> list[SubmissionProblem]:
    """The automatic checks on the current state at ``now``, for whoever may read it.

    Applicants see what to fix before submitting; managers screen eligibility with it. What
    stops a submission at ``now`` whatever the contents (the deadline passed, the call not
    open, a withdrawn candidacy) comes first, judged as ``submit_candidacy`` judges it, so the
    check and the submission agree whether or not the closing job has run. The checks read
    the contents: on a never-submitted draft, only its applicants may run them.
    """
    candidacy = await queries.readable_candidacy(session, actor, candidacy_id)
    if candidacy is None:
        raise NotFound("no such candidacy")
    partners = (await queries.partners_by_candidacy(session, [candidacy.id])).get(candidacy.id, [])
    if not may_read_contents(actor, candidacy, partners):
        raise PermissionDenied("a draft's contents are its applicants' until it is submitted")
    call = await session.get(Call, candidacy.call_id)
    assert call is not None
    if reads_submitted_version(actor, candidacy, partners):
        contents = await _last_submitted_contents(session, candidacy, call)
    else:
        contents = await load_contents(session, candidacy, call)
    return [*timing_problems(call, candidacy, now=now), *check_submission(contents)]


async def _last_submitted_contents(
    session: AsyncSession, candidacy: Candidacy, call: Call
) -> CandidacyContents:
    """What the last submitted version holds, as contents to check: readers outside the lead
    screen the version that counts, never the edits made since."""
    versions = (await queries.versions_by_candidacy(session, [candidacy.id]))[candidacy.id]
    return contents_of_version(
        call, candidacy, versions[-1], await call_queries.form_of(session, call)
    )


def contents_of_version(
    call: Call, candidacy: Candidacy, version: CandidacyVersion, questions: Form
) -> CandidacyContents:
    """A version's snapshot as transient rows (never added to a session), for the checks."""
    snapshot = version.snapshot
    as_submitted = Candidacy(**candidacy.model_dump())
    as_submitted.title = snapshot["title"]
    as_submitted.acronym = snapshot["acronym"]
    as_submitted.duration_months = snapshot["duration_months"]
    partners = [
        (
            CandidacyPartner(
                candidacy_id=candidacy.id,
                organisation_id=uuid.UUID(p["organisation"]["id"]),
                role=PartnerRole(p["role"]),
                requested_share_cents=p["requested_share_cents"],
            ),
            Organisation(
                **{
                    **p["organisation"],
                    "id": uuid.UUID(p["organisation"]["id"]),
                    "kind": OrganisationKind(p["organisation"]["kind"]),
                },
                created_at=version.submitted_at,
            ),
        )
        for p in snapshot["partners"]
    ]
    budget = [
        BudgetLine(
            candidacy_id=candidacy.id,
            organisation_id=uuid.UUID(line["organisation_id"]),
            category=BudgetCategory(line["category"]),
            label=line["label"],
            amount_cents=line["amount_cents"],
        )
        for line in snapshot["budget"]
    ]
    attachments = [
        Attachment(
            candidacy_id=candidacy.id,
            question_key=a["question_key"],
            original_name=a["name"],
            storage_key="",
            content_type=a["content_type"],
            size_bytes=a["size_bytes"],
            sha256=a["sha256"],
            uploaded_by_user_id=version.submitted_by_user_id,
            created_at=version.submitted_at,
        )
        for a in snapshot["attachments"]
    ]
    return CandidacyContents(
        call=call,
        candidacy=as_submitted,
        questions=questions,
        partners=partners,
        answers=dict(snapshot["answers"]),
        budget=budget,
        attachments=attachments,
    )


def timing_problems(call: Call, candidacy: Candidacy, *, now: datetime) -> list[SubmissionProblem]:
    """Why the candidacy cannot be submitted at ``now`` whatever it holds: the same order and
    reasons as :func:`backend.candidacies.services.editable_candidacy` (the deadline first)."""
    try:
        require_open_for_changes(call, candidacy, now=now)
    except DeadlinePassed as exc:
        return [SubmissionProblem(exc.code, str(exc), "deadline")]
    except CallNotOpen as exc:
        return [SubmissionProblem(exc.code, str(exc), "call")]
    if not is_editable_at(call, candidacy, now=now):
        refusal = CandidacyNotEditable(candidacy.status)
        return [SubmissionProblem(refusal.code, str(refusal), "status")]
    return []
