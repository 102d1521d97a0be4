"""A render that fails is tried again after a growing delay, by the heavy worker itself: the
receipts' storage fails every write for a while (its folder is a file), then recovers, and
every receipt is rendered within seconds, with no sweep involved.

A real ``aap worker --queue heavy`` process on a redis-server of the test's own.
"""

from __future__ import annotations

import time

from backend.core.clock import utcnow
from backend.core.jobs import Queue
from backend.core.storage import LocalStorage
from tests.backend.candidacies.test_receipts import submit_realistic_candidacy
from tests.reliability.processes import copies_of_version, enqueue_renders, poll, receipts_missing
from workers.receipts import RETRY_FIRST_DELAY_S

RENDERS = 3
FAILED = "receipt render failed, retrying"


async def test_failed_renders_are_retried_with_backoff_until_they_succeed(
    session_factory, settings, redis_server, aap_workers, tmp_path
):
    # Arrange: three versions to render; the receipts' folder is a file, so storing fails.
    submitted = await submit_realistic_candidacy(
        session_factory, utcnow(), LocalStorage(settings.storage_dir)
    )
    versions = [
        submitted.version.id,
        *await copies_of_version(
            session_factory, submitted.version, RENDERS - 1, submitted_at=utcnow()
        ),
    ]
    storage = tmp_path / "worker-storage"
    storage.mkdir()
    blocker = storage / "receipts"
    blocker.write_text("not a folder")
    api = redis_server.job_queue(settings)
    await enqueue_renders(api, versions)
    await api.close()
    worker = aap_workers.start("heavy", storage_dir=storage)
    await aap_workers.wait_healthy([Queue.HEAVY])

    # Act: every render fails once; then the storage recovers.
    await poll(lambda: worker.output().count(FAILED) >= RENDERS, within=40, what="the failures")
    blocker.unlink()
    recovered = time.monotonic()

    async def all_rendered() -> bool:
        return await receipts_missing(session_factory, versions) == 0

    await poll(all_rendered, within=30, what="the retried renders", every=0.2)
    took = time.monotonic() - recovered

    # Assert
    output = worker.output()
    print(f"\n{RENDERS} failed renders all retried and rendered {took:.1f} s after recovery")
    assert "try=2" in output
    assert "max retries" not in output
    assert len(list((storage / "receipts").iterdir())) == RENDERS
    assert took < 8 * RETRY_FIRST_DELAY_S
