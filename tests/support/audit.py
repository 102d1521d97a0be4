"""The audit chain in tests: seal what is pending, as the worker's ``seal_audit`` job would,
before reading ``seq``/``hash`` or verifying the chain."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from backend.core import audit
from backend.core.audit import AuditEntry, ChainProblem
from backend.core.db import SessionFactory, unit_of_work
from backend.core.settings import get_settings


async def seal_all(factory: SessionFactory) -> int:
    """Seal every pending entry, one unit of work per batch; returns how many."""
    sealed = 0
    while True:
        async with unit_of_work(factory) as uow:
            batch = await audit.seal_pending(uow.session, key=get_settings().secret_key)
        sealed += batch
        if batch < audit.SEAL_BATCH:
            return sealed


async def sealed_chain(
    factory: SessionFactory, *, now: datetime | None = None
) -> list[ChainProblem]:
    """Seal what is pending, then walk the whole chain; the problems found (none: intact)."""
    await seal_all(factory)
    async with factory() as session:
        return await audit.verify_chain(session, key=get_settings().secret_key, now=now)


async def sealed_entries(factory: SessionFactory) -> list[AuditEntry]:
    """Seal what is pending, then every entry in chain order."""
    await seal_all(factory)
    async with factory() as session:
        return list((await session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))).all())
