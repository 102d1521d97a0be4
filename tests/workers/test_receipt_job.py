"""The receipt jobs: render once per version, quietly skip what is gone or done, and sweep
up versions whose render job was lost, oldest first and a capped number per run."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from backend.candidacies import receipts
from backend.candidacies.models import CandidacyVersion
from backend.core.db import unit_of_work
from backend.core.storage import LocalStorage
from tests.backend.candidacies.test_receipts import (
    fake_pdf,
    load_version,
    pdf_text,
    resubmit,
    stored_receipts,
    submit_realistic_candidacy,
)
from workers import receipts as job
from workers.sweeps import SweepIncomplete


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "storage")


@pytest.fixture
def ctx(settings, session_factory, clock, storage) -> dict:
    """What workers.settings.startup puts in ctx, with the test's clock and storage."""
    return {
        "settings": settings,
        "session_factory": session_factory,
        "clock": clock,
        "storage": storage,
    }


async def test_render_receipt_job_renders_once_then_returns_quietly(
    ctx, session_factory, clock, storage
):
    # Arrange
    submitted = await submit_realistic_candidacy(session_factory, clock.now(), storage)
    version_id = str(submitted.version.id)

    # Act
    first = await job.render_receipt(ctx, version_id=version_id)
    second = await job.render_receipt(ctx, version_id=version_id)

    # Assert
    assert (first, second) == (True, False)
    version = await load_version(session_factory, submitted.version.id)
    assert version.receipt_rendered_at == clock.now()
    [stored] = stored_receipts(storage)
    assert version.receipt_storage_key == f"{receipts.STORAGE_PREFIX}/{stored.name}"
    text = pdf_text(stored.read_bytes())
    assert "Accusé de réception" in text and submitted.reference in text


@pytest.mark.parametrize("version_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid"])
async def test_render_receipt_job_for_a_missing_version_returns_false(ctx, storage, version_id):
    assert await job.render_receipt(ctx, version_id=version_id) is False
    assert stored_receipts(storage) == []


async def test_sweep_renders_receipts_missing_for_over_a_minute_oldest_first_capped(
    ctx, session_factory, clock, storage, monkeypatch
):
    # Arrange: three versions; the render jobs were lost.
    monkeypatch.setattr(receipts, "render_receipt_pdf", fake_pdf)
    monkeypatch.setattr(job, "SWEEP_LIMIT", 1)
    start = clock.now()
    submitted = await submit_realistic_candidacy(session_factory, start, storage)
    second = await resubmit(session_factory, submitted.actor, submitted.candidacy_id,
                            start + timedelta(seconds=10))  # fmt: skip
    third = await resubmit(session_factory, submitted.actor, submitted.candidacy_id,
                           start + timedelta(minutes=2))  # fmt: skip
    clock.set(start + timedelta(minutes=2, seconds=30))

    # Act
    runs = [await job.render_missing_receipts(ctx) for _ in range(3)]
    clock.advance(timedelta(minutes=1))
    runs.append(await job.render_missing_receipts(ctx))

    # Assert
    assert runs == [1, 1, 0, 1]
    versions = [
        await load_version(session_factory, v.id) for v in (submitted.version, second, third)
    ]
    rendered_at = [v.receipt_rendered_at for v in versions]
    assert rendered_at == [
        start + timedelta(minutes=2, seconds=30),
        start + timedelta(minutes=2, seconds=30),
        start + timedelta(minutes=3, seconds=30),
    ]
    assert len(stored_receipts(storage)) == 3


async def test_sweep_renders_the_others_when_one_version_fails(
    ctx, session_factory, clock, storage, monkeypatch
):
    # Arrange: the first version's snapshot no longer matches its hash.
    monkeypatch.setattr(receipts, "render_receipt_pdf", fake_pdf)
    start = clock.now()
    submitted = await submit_realistic_candidacy(session_factory, start, storage)
    healthy = await resubmit(session_factory, submitted.actor, submitted.candidacy_id,
                             start + timedelta(seconds=5))  # fmt: skip
    tampered = copy.deepcopy(submitted.version.snapshot)
    tampered["title"] = "changed after submission"
    async with unit_of_work(session_factory) as uow:
        await uow.session.exec(
            sa.update(CandidacyVersion)
            .where(CandidacyVersion.id == submitted.version.id)
            .values(snapshot=tampered)
        )
    clock.advance(timedelta(minutes=5))

    # Act / Assert
    with pytest.raises(SweepIncomplete):
        await job.render_missing_receipts(ctx)
    broken = await load_version(session_factory, submitted.version.id)
    assert broken.receipt_storage_key is None
    assert (await load_version(session_factory, healthy.id)).receipt_storage_key is not None
    assert len(stored_receipts(storage)) == 1
