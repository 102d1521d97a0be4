"""The audit trail: one entry per state change, in the same transaction, hash-chained later.

Each sealed entry's ``hash`` is an HMAC-SHA256 (keyed by the platform secret) over the
previous entry's hash and the entry's canonical JSON. Altering an entry breaks its hash;
deleting one breaks the sequence and the next entry's ``prev_hash``; without the secret nobody
can forge a consistent replacement chain.

Sealing is deferred, as a Certificate Transparency log has a merge delay. A writer only
inserts its entry, unsealed (``seq``, ``prev_hash`` and ``hash`` NULL), in its own transaction
and takes no lock, so audited writes do not queue behind one another. The sealer
(:func:`seal_pending`, run every few seconds by the worker) locks the single ``audit_head``
row, chains the pending entries in batches and advances the head, which records the last
sealed sequence number and hash so that cutting entries off the end is detected too. An
entry stays unsealed, and unprotected by the chain, from its commit until the next sealing
run; :func:`verify_chain` reports entries left unsealed for longer than :data:`STALE_AFTER`.
So the chain proves that an entry has not changed since it was sealed, a few seconds after
its commit: a pending row altered before then, or inserted straight into the table, is sealed
as it stands.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.core.auth import Actor
from backend.core.clock import ensure_utc, utcnow
from backend.core.settings import get_settings

GENESIS_HASH = "0" * 64
HEAD_ID = 1
SEAL_BATCH = 5000
"""Entries per sealing transaction: one SELECT and one executemany UPDATE each."""
STALE_AFTER = timedelta(minutes=10)
"""An entry still unsealed this long after it occurred means no sealer is running."""

_id_lock = threading.Lock()
_last_id_payload = 0


def new_entry_id() -> uuid.UUID:
    """A UUIDv7 (RFC 9562: Unix milliseconds, then random bits), increasing in this process.

    The sealer chains pending entries by ``(occurred_at, id)``. Entries recorded in one
    transaction share ``occurred_at``; a time-ordered id keeps them in the order they were
    recorded, where a random UUID would shuffle them.
    """
    global _last_id_payload
    with _id_lock:
        payload = (time.time_ns() // 1_000_000) << 74 | secrets.randbits(74)
        payload = _last_id_payload = max(payload, _last_id_payload + 1)
    unix_ms, rand_a, rand_b = payload >> 74, (payload >> 62) & 0xFFF, payload & ((1 << 62) - 1)
    return uuid.UUID(int=unix_ms << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b)


class AuditEntry(SQLModel, table=True):
    """One state change; ``seq``, ``prev_hash`` and ``hash`` stay NULL until it is sealed."""

    __tablename__ = "audit_entry"

    id: uuid.UUID = Field(default_factory=new_entry_id, primary_key=True)
    seq: int | None = Field(default=None, sa_column_kwargs={"unique": True}, index=True)
    occurred_at: datetime
    actor_user_id: uuid.UUID | None = Field(default=None, index=True)
    actor_kind: str | None = Field(default=None, max_length=16)
    """An :class:`ActorKind` (user, anonymous, system, scheduler); NULL on entries recorded
    before the kinds existed, when those three all read as "no user"."""
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=64)
    object_id: str = Field(max_length=64, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str | None = Field(default=None, max_length=64)


class AuditHead(SQLModel, table=True):
    """The tip of the chain: the last sealed entry; its row lock serialises the sealers."""

    __tablename__ = "audit_head"

    id: int = Field(default=HEAD_ID, primary_key=True)
    seq: int = 0
    hash: str = Field(default=GENESIS_HASH, max_length=64)


def _canonical(entry: AuditEntry) -> bytes:
    """The bytes an entry's hash covers.

    ``actor_kind`` is hashed when it is set, and only then: entries sealed before it existed
    keep the hash they were sealed with, and setting or clearing it afterwards breaks the chain.
    """
    payload: dict[str, Any] = {
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
    if entry.actor_kind is not None:
        payload["actor_kind"] = entry.actor_kind
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


def new_entry(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: uuid.UUID | str,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """The unsealed entry :func:`record` inserts, for a caller that writes the row itself."""
    return AuditEntry(
        # Hashed as the database gives it back: UTC (a Paris offset would read back as UTC).
        occurred_at=ensure_utc(now),
        actor_user_id=actor.user_id,
        actor_kind=actor.kind.value,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=jsonable(before),
        after=jsonable(after),
    )


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: uuid.UUID | str,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one entry, unsealed, inside the caller's transaction.

    A plain INSERT and no lock: chaining here would make every audited write on the platform
    wait for one row lock held until its commit. :func:`seal_pending` chains the entry after
    the commit (the entry rolls back with the transaction, so nothing is ever chained that did
    not happen). The returned entry has ``seq``, ``prev_hash`` and ``hash`` None.

    Side effects: inserts (and flushes) one ``audit_entry`` row.
    """
    entry = new_entry(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        now=now,
        before=before,
        after=after,
    )
    session.add(entry)
    await session.flush()
    return entry


_entries = AuditEntry.__table__  # type: ignore[attr-defined]
_seal = (
    sa.update(_entries)
    .where(_entries.c.id == sa.bindparam("b_id"), _entries.c.seq.is_(None))
    .values(
        seq=sa.bindparam("b_seq"), prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")
    )
)


async def seal_pending(
    session: AsyncSession, *, key: str | None = None, limit: int = SEAL_BATCH
) -> int:
    """Chain up to ``limit`` unsealed entries after the head; return how many were sealed.

    Pending entries are taken oldest first, by ``(occurred_at, id)``, and the chain's order is
    the sealing order: an entry committed late, after entries that occurred later were sealed,
    simply joins a later batch (its ``seq`` is higher though its ``occurred_at`` is earlier).
    The head row stays locked until the caller's transaction ends, so two sealers at once
    take turns and never fork the chain; what the first sealed the second no longer sees as
    pending (on SQLite, call it in a unit of work, whose write transaction does the same).
    Never commits.

    Side effects: sets ``seq``, ``prev_hash`` and ``hash`` on the sealed rows (one executemany
    UPDATE) and advances ``audit_head``.
    """
    head = await _lock_head(session)
    conn = await session.connection()
    rows = (
        await conn.execute(
            sa.select(_entries)
            .where(_entries.c.seq.is_(None))
            .order_by(_entries.c.occurred_at, _entries.c.id)
            .limit(limit)
        )
    ).all()
    if not rows:
        return 0
    secret = key or get_settings().secret_key
    seq, prev_hash = head.seq, head.hash
    sealed: list[dict[str, Any]] = []
    for row in rows:
        seq += 1
        entry = AuditEntry(**{**row._mapping, "seq": seq, "prev_hash": prev_hash})
        prev_hash = compute_hash(entry, key=secret)
        sealed.append(
            {"b_id": row.id, "b_seq": seq, "b_prev": entry.prev_hash, "b_hash": prev_hash}
        )
    await conn.execute(_seal, sealed)
    _seal_loaded(session, sealed)
    head.seq, head.hash = seq, prev_hash
    session.add(head)
    await session.flush()
    return len(sealed)


def _seal_loaded(session: AsyncSession, sealed: list[dict[str, Any]]) -> None:
    """Entries this session already holds take their seal too (the UPDATE bypassed the ORM)."""
    by_id = {params["b_id"]: params for params in sealed}
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, AuditEntry) and loaded.id in by_id:
            params = by_id[loaded.id]
            for attribute, value in (
                ("seq", params["b_seq"]),
                ("prev_hash", params["b_prev"]),
                ("hash", params["b_hash"]),
            ):
                set_committed_value(loaded, attribute, value)


@dataclass(frozen=True)
class Pending:
    """Entries recorded but not sealed yet, and when the oldest of them occurred."""

    count: int
    oldest: datetime | None


async def pending_entries(session: AsyncSession, *, before: datetime | None = None) -> Pending:
    """Count the unsealed entries (only those that occurred before ``before``, if given)."""
    query = sa.select(sa.func.count(), sa.func.min(_entries.c.occurred_at)).where(
        _entries.c.seq.is_(None)
    )
    if before is not None:
        query = query.where(_entries.c.occurred_at < before)
    count, oldest = (await (await session.connection()).execute(query)).one()
    return Pending(count, ensure_utc(oldest) if oldest is not None else None)


def _entries_text(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


@dataclass(frozen=True)
class ChainProblem:
    """``seq`` is the sealed entry concerned, or None for a problem of the pending entries."""

    seq: int | None
    problem: str


async def verify_chain(
    session: AsyncSession, *, key: str, batch: int = 1000, now: datetime | None = None
) -> list[ChainProblem]:
    """Walk the sealed chain and list every altered, missing or truncated entry, and report
    entries unsealed for more than :data:`STALE_AFTER` before ``now`` (default: the system
    clock). Entries not sealed yet are otherwise not checked: nothing protects them yet."""
    problems: list[ChainProblem] = []
    expected_seq, prev_hash, last_seq = 1, GENESIS_HASH, 0
    while True:
        rows = (
            await session.exec(
                select(AuditEntry)
                .where(col(AuditEntry.seq) >= expected_seq)
                .order_by(col(AuditEntry.seq))
                .limit(batch)
                .execution_options(populate_existing=True)  # as stored, not as once loaded
            )
        ).all()
        if not rows:
            break
        for entry in rows:
            seq, stored = entry.seq or 0, entry.hash or ""  # seq is set: the WHERE says so
            if seq != expected_seq:
                problems.append(
                    ChainProblem(expected_seq, f"entries {expected_seq}..{seq - 1} missing")
                )
            if entry.prev_hash != prev_hash:
                problems.append(ChainProblem(seq, "previous hash does not match"))
            if not hmac.compare_digest(stored, compute_hash(entry, key=key)):
                problems.append(ChainProblem(seq, "entry altered (hash mismatch)"))
            expected_seq, prev_hash, last_seq = seq + 1, stored, seq
    head = (await session.exec(select(AuditHead).where(AuditHead.id == HEAD_ID))).first()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        problems.append(ChainProblem(last_seq, f"chain ends at {last_seq}, head says {head.seq}"))
    stale = await pending_entries(session, before=ensure_utc(now or utcnow()) - STALE_AFTER)
    if stale.count and stale.oldest is not None:
        problems.append(
            ChainProblem(
                None,
                f"{_entries_text(stale.count)} recorded but not sealed since"
                f" {stale.oldest:%Y-%m-%d %H:%M:%S} UTC: is the worker running?",
            )
        )
    return problems
