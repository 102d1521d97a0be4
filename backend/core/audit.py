"""The audit trail: one entry per state change, in the same transaction, hash-chained.

Each entry's ``hash`` is an HMAC-SHA256 (keyed by the platform secret) over the previous
entry's hash and the entry's canonical JSON. Altering an entry breaks its hash; deleting one
breaks the sequence and the next entry's ``prev_hash``; without the secret nobody can forge a
consistent replacement chain. A single ``audit_head`` row, locked for update by every writer,
serialises appends so the chain never forks, and records the last sequence number so that
cutting entries off the end is detected too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.core.auth import Actor
from backend.core.clock import ensure_utc
from backend.core.settings import get_settings
from backend.core.types import id_field

GENESIS_HASH = "0" * 64
HEAD_ID = 1


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: uuid.UUID = id_field()
    seq: int = Field(sa_column_kwargs={"unique": True}, index=True)
    occurred_at: datetime
    actor_user_id: uuid.UUID | None = Field(default=None, index=True)
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=64)
    object_id: str = Field(max_length=64, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """The tip of the chain; its row lock is what serialises appends."""

    __tablename__ = "audit_head"

    id: int = Field(default=HEAD_ID, primary_key=True)
    seq: int = 0
    hash: str = Field(default=GENESIS_HASH, max_length=64)


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "seq": entry.seq,
        "occurred_at": entry.occurred_at.isoformat(),
        "actor_user_id": str(entry.actor_user_id) if entry.actor_user_id else None,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def compute_hash(entry: AuditEntry, *, key: str) -> str:
    return hmac.new(key.encode(), _canonical(entry), hashlib.sha256).hexdigest()


def jsonable(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Round-trip through JSON so what is hashed is exactly what the database gives back."""
    if value is None:
        return None
    return json.loads(json.dumps(value, sort_keys=True, default=str))


async def _lock_head(session: AsyncSession) -> AuditHead:
    # populate_existing: a head this session loaded earlier must not hide the locked row's values.
    head = (
        await session.exec(
            select(AuditHead)
            .where(AuditHead.id == HEAD_ID)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).first()
    if head is None:
        head = AuditHead()
        session.add(head)
        await session.flush()
    return head


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: uuid.UUID | str,
    now: datetime,
    key: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain inside the caller's transaction.

    Side effects: inserts an ``audit_entry`` row and advances ``audit_head`` (row-locked until
    the caller's transaction ends).
    """
    head = await _lock_head(session)
    entry = AuditEntry(
        seq=head.seq + 1,
        # Hashed as the database gives it back: UTC (a Paris offset would read back as UTC).
        occurred_at=ensure_utc(now),
        actor_user_id=actor.user_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=jsonable(before),
        after=jsonable(after),
        prev_hash=head.hash,
        hash="",
    )
    entry.hash = compute_hash(entry, key=key or get_settings().secret_key)
    head.seq, head.hash = entry.seq, entry.hash
    session.add(entry)
    session.add(head)
    await session.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


async def verify_chain(session: AsyncSession, *, key: str, batch: int = 1000) -> list[ChainProblem]:
    """Walk the whole chain and list every altered, missing or truncated entry."""
    problems: list[ChainProblem] = []
    expected_seq, prev_hash, last_seq = 1, GENESIS_HASH, 0
    while True:
        rows = (
            await session.exec(
                select(AuditEntry)
                .where(AuditEntry.seq >= expected_seq)
                .order_by(AuditEntry.seq)  # type: ignore[arg-type]
                .limit(batch)
            )
        ).all()
        if not rows:
            break
        for entry in rows:
            if entry.seq != expected_seq:
                problems.append(
                    ChainProblem(expected_seq, f"entries {expected_seq}..{entry.seq - 1} missing")
                )
            if entry.prev_hash != prev_hash:
                problems.append(ChainProblem(entry.seq, "previous hash does not match"))
            if not hmac.compare_digest(entry.hash, compute_hash(entry, key=key)):
                problems.append(ChainProblem(entry.seq, "entry altered (hash mismatch)"))
            expected_seq, prev_hash, last_seq = entry.seq + 1, entry.hash, entry.seq
    head = (await session.exec(select(AuditHead).where(AuditHead.id == HEAD_ID))).first()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        problems.append(ChainProblem(last_seq, f"chain ends at {last_seq}, head says {head.seq}"))
    return problems
