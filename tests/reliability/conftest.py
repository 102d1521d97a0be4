"""Fixtures for the reliability tests: an arq queue of the test's own on the run's Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from backend.core.settings import Settings
from tests.workers.support import TestQueue, open_test_queue


@pytest.fixture
async def arq_queue(settings: Settings) -> AsyncIterator[TestQueue]:
    queue = await open_test_queue(settings)
    try:
        yield queue
    finally:
        await queue.cleanup()
        await queue.pool.aclose()
