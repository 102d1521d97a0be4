"""What a submission writes besides its version: the reference, the receipt mail, the audit
entry. On PostgreSQL a first submission writes the last three in one statement under the
call's counter lock; on SQLite one by one. The suite runs on both, so both paths meet the
same expectations here."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from backend.candidacies import services as candidacy_services
from backend.candidacies import submission
from backend.candidacies.errors import SubmissionRejected
from backend.candidacies.models import Candidacy, CandidacyReferenceCounter, CandidacyVersion
from backend.core.audit import AuditEntry, verify_chain
from backend.core.auth import Actor
from backend.core.db import SessionFactory, unit_of_work
from backend.core.jobs import RecordingJobQueue
from backend.core.settings import get_settings
from backend.notifications.enums import NotificationStatus
from backend.notifications.models import Notification
from tests.support.audit import seal_all
from tests.support.factories import applicant, open_call, prepare_candidacy
from tests.support.worlds import build_scenario


@pytest.fixture
async def prepared(session_factory: SessionFactory, clock):
    """An OPEN call and a complete DRAFT candidacy of org X, with X's applicant actor."""
    now = clock.now()
    base = await build_scenario(session_factory, now)
    actor = applicant(base.users["applicant_x"].user, base.org_x)
    async with unit_of_work(session_factory) as uow:
        call = await open_call(uow.session, now, base.programme_a, base.funder_a)
        candidacy = await prepare_candidacy(uow.session, now, actor, call, base.org_x)
    return actor, call, candidacy


async def submit(
    factory: SessionFactory, actor: Actor, candidacy: Candidacy, now: datetime
) -> tuple[submission.SubmissionReceipt, RecordingJobQueue]:
    jobs = RecordingJobQueue()
    async with unit_of_work(factory, jobs=jobs) as uow:
        receipt = await submission.submit_candidacy(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=now
        )
    return receipt, jobs


async def mails_and_entries(
    factory: SessionFactory, candidacy: Candidacy
) -> tuple[list[Notification], list[AuditEntry]]:
    async with factory() as session:
        mails = (
            await session.exec(
                select(Notification)
                .where(col(Notification.template) == "submission_receipt")
                .order_by(col(Notification.created_at), col(Notification.dedupe_key))
            )
        ).all()
        entries = (
            await session.exec(
                select(AuditEntry)
                .where(
                    col(AuditEntry.action) == "candidacy.submitted",
                    col(AuditEntry.object_id) == str(candidacy.id),
                )
                .order_by(col(AuditEntry.id))
            )
        ).all()
    return list(mails), list(entries)


async def test_a_first_submission_names_its_reference_everywhere(session_factory, clock, prepared):
    # Arrange
    actor, call, candidacy = prepared

    # Act
    receipt, jobs = await submit(session_factory, actor, candidacy, clock.now())

    # Assert
    assert receipt.reference == f"{call.reference}-0001"
    async with session_factory() as session:
        stored = await session.get(Candidacy, candidacy.id)
        version = await session.get(CandidacyVersion, receipt.version.id)
    assert stored is not None and stored.reference == receipt.reference
    assert version is not None and "reference" not in version.snapshot
    assert submission.snapshot_hash(version.snapshot) == version.sha256 == receipt.sha256
    [mail], [entry] = await mails_and_entries(session_factory, candidacy)
    assert mail.context["reference"] == receipt.reference
    assert mail.context["sha256"] == receipt.sha256
    assert (mail.user_id, mail.status) == (actor.user_id, NotificationStatus.PENDING)
    assert mail.dedupe_key == f"submitted:{receipt.version.id}"
    assert entry.after == {"reference": receipt.reference, "version": 1, "sha256": receipt.sha256}
    assert entry.actor_user_id == actor.user_id
    assert entry.seq is None  # recorded now, chained by the sealer
    assert {name for name, *_ in jobs.jobs} == {"send_notifications", "render_receipt"}


async def test_the_entry_written_with_the_reference_seals_into_an_intact_chain(
    session_factory, clock, prepared
):
    # Arrange
    actor, _, candidacy = prepared
    await submit(session_factory, actor, candidacy, clock.now())

    # Act
    await seal_all(session_factory)

    # Assert
    async with session_factory() as session:
        assert await verify_chain(session, key=get_settings().secret_key, now=clock.now()) == []


async def test_a_resubmission_keeps_its_reference_and_takes_no_number(
    session_factory, clock, prepared
):
    # Arrange
    actor, call, candidacy = prepared
    first, _ = await submit(session_factory, actor, candidacy, clock.now())
    later = clock.now() + timedelta(hours=1)
    async with unit_of_work(session_factory) as uow:
        await candidacy_services.save_answers(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=later,
            answers={"summary": "Évaluer un outil de triage, deuxième version."},
        )  # fmt: skip

    # Act
    second, _ = await submit(session_factory, actor, candidacy, later)

    # Assert
    assert second.reference == first.reference
    assert second.version.number == 2
    mails, entries = await mails_and_entries(session_factory, candidacy)
    assert [m.context["reference"] for m in mails] == [first.reference] * 2
    assert [e.after["reference"] for e in entries if e.after] == [first.reference] * 2
    async with session_factory() as session:
        counter = await session.get(CandidacyReferenceCounter, call.id)
    assert counter is not None and counter.last_number == 1


async def test_references_keep_at_least_four_digits_and_grow_past_9999(
    session_factory, clock, prepared
):
    # Arrange
    actor, call, candidacy = prepared
    async with unit_of_work(session_factory) as uow:
        uow.session.add(CandidacyReferenceCounter(call_id=call.id, last_number=9999))

    # Act
    receipt, _ = await submit(session_factory, actor, candidacy, clock.now())

    # Assert
    assert receipt.reference == f"{call.reference}-10000"
    [mail], [entry] = await mails_and_entries(session_factory, candidacy)
    assert mail.context["reference"] == entry.after["reference"] == receipt.reference  # type: ignore[index]


async def test_a_refused_submission_takes_no_number_and_writes_nothing(
    session_factory, clock, prepared
):
    # Arrange
    actor, _, candidacy = prepared
    async with unit_of_work(session_factory) as uow:
        await candidacy_services.save_answers(
            uow.session, actor=actor, candidacy_id=candidacy.id, now=clock.now(),
            answers={"summary": None},
        )  # fmt: skip

    # Act
    with pytest.raises(SubmissionRejected):
        await submit(session_factory, actor, candidacy, clock.now())

    # Assert
    mails, entries = await mails_and_entries(session_factory, candidacy)
    assert (mails, entries) == ([], [])
    async with session_factory() as session:
        counters = (
            await session.exec(select(sa.func.count()).select_from(CandidacyReferenceCounter))
        ).one()
        stored = await session.get(Candidacy, candidacy.id)
    assert counters == 0
    assert stored is not None and stored.reference is None
