"""Writing a checked submission: the candidacy's new state, its version, its reference, the
receipt mail and the audit entry, in the caller's transaction.

A first submission takes the call's next reference number. Gap-free numbers need the call's
counter row locked from its increment until commit, so every submission to a call queues on
it, and what happens while it is held is what limits a call's submission rate: at the
deadline rush, everyone submits to the same call at once. On PostgreSQL every row is
therefore written by one statement (:func:`_submission_statement`, data-modifying CTEs): the
lock lasts that statement and the commit, not a round trip per row spent waiting for the
event loop. The mail and the audit entry name the reference, which exists only inside that
statement: it is merged into their JSON there. SQLite takes one writer at a time anyway, so
there the rows are written one by one through the ORM (:func:`_write_step_by_step`). The test
suite runs on both and holds both to the same expectations.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls.models import Call
from backend.candidacies.models import Candidacy, CandidacyReferenceCounter, CandidacyVersion
from backend.core import audit
from backend.notifications import services as notifications
from backend.notifications.models import Notification

REFERENCE_PENDING = "…"
"""Stands for the reference where a row is made before the number exists."""


@dataclass
class SubmissionWrites:
    """What one submission writes, made and checked in Python before anything is written.

    ``changes`` are the candidacy's new column values; ``version`` is transient (never added
    to a session); ``mail`` is a row from :func:`notifications.prepare`; ``entry`` an
    unsealed audit entry from :func:`audit.new_entry`. The mail's context and the entry's
    ``after`` get the reference under the key ``reference``.
    """

    candidacy: Candidacy
    changes: dict[str, Any]
    version: CandidacyVersion
    mail: dict[str, Any]
    entry: audit.AuditEntry

    def name(self, reference: str) -> None:
        """Put the reference where the mail and the entry name it (in place)."""
        self.mail["context"]["reference"] = reference
        assert self.entry.after is not None
        self.entry.after["reference"] = reference


async def write_submission(session: AsyncSession, call: Call, writes: SubmissionWrites) -> str:
    """Write everything; returns the candidacy's reference (new on a first submission).

    Afterwards the candidacy instance holds its new values, and nothing of it is left for the
    session to flush. Side effects: the rows above; on a first submission the call's counter
    advances and stays locked until commit; the sender is woken after commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        return await _write_in_one_statement(session, call, writes)
    return await _write_step_by_step(session, call, writes)


async def _write_step_by_step(session: AsyncSession, call: Call, writes: SubmissionWrites) -> str:
    """Any database: number first (the counter stays locked until commit), then each row."""
    candidacy = writes.candidacy
    for name, value in writes.changes.items():
        setattr(candidacy, name, value)
    reference = candidacy.reference or await next_reference(session, call)
    candidacy.reference = reference
    writes.name(reference)
    session.add_all([candidacy, writes.version, writes.entry])
    await notifications.insert_prepared(session, [writes.mail])
    await session.flush()
    return reference


async def _write_in_one_statement(
    session: AsyncSession, call: Call, writes: SubmissionWrites
) -> str:
    """PostgreSQL: :func:`_submission_statement`, then the instances brought in line with
    what it wrote (committed values: nothing left to flush)."""
    statement, params = _submission_statement(
        call_id=call.id,
        call_reference=call.reference,
        candidacy_id=writes.candidacy.id,
        known_reference=writes.candidacy.reference,
        changes=writes.changes,
        version=writes.version,
        mail=writes.mail,
        entry=writes.entry,
    )
    reference: str = (await session.exec(statement, params=params)).scalar_one()
    for name, value in {**writes.changes, "reference": reference}.items():
        set_committed_value(writes.candidacy, name, value)
    writes.name(reference)
    notifications.wake_sender(session, writes.mail["created_at"])
    return reference


async def next_reference(session: AsyncSession, call: Call) -> str:
    """The call's next reference number, gap-free, in one round trip.

    ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` creates or advances the call's counter
    and keeps its row locked until commit; a rolled-back submission rolls its increment back
    with it, so numbers never skip and never repeat.
    """
    stmt = _advance_counter(session.get_bind().dialect.name)
    number = (await session.exec(stmt, params={"counter_call_id": call.id})).scalar_one()
    return f"{call.reference}-{number:04d}"


@functools.cache
def _advance_counter(dialect: str) -> Any:
    """The counter's upsert (``counter_call_id``), returning the new number; built once per
    dialect. Creates the call's counter at 1 or adds one, and locks its row until commit."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    counter: sa.Table = CandidacyReferenceCounter.__table__  # type: ignore[attr-defined]
    return (
        insert(counter)
        .values(call_id=sa.bindparam("counter_call_id"), last_number=1)
        .on_conflict_do_update(
            index_elements=["call_id"], set_={"last_number": counter.c.last_number + 1}
        )
        .returning(counter.c.last_number)
    )


# --------------------------------------------------------------------------- one statement


def _submission_statement(
    *,
    call_id: uuid.UUID,
    call_reference: str,
    candidacy_id: uuid.UUID,
    known_reference: str | None,
    changes: dict[str, Any],
    version: CandidacyVersion,
    mail: dict[str, Any],
    entry: audit.AuditEntry,
) -> tuple[Any, dict[str, Any]]:
    """PostgreSQL: the statement that writes a whole submission, and its parameters."""
    version_row = _columns(CandidacyVersion, version)
    entry_row = _columns(audit.AuditEntry, entry, skip=_SEALING)
    params = {
        # None of these names is a candidacy column: the UPDATE would take it as one to set.
        "counter_call_id": call_id,
        "prefix": call_reference,
        "known_reference": known_reference,
        "candidacy_key": candidacy_id,
        **{f"c_{name}": value for name, value in changes.items()},
        **{f"v_{name}": value for name, value in version_row.items()},
        **{f"m_{name}": value for name, value in mail.items()},
        **{f"e_{name}": value for name, value in entry_row.items()},
    }
    statement = _statement(
        known_reference is None, tuple(changes), tuple(version_row), tuple(mail),
        tuple(entry_row),
    )  # fmt: skip
    return statement, params


_SEALING = frozenset({"seq", "prev_hash", "hash"})


def _columns(model: Any, instance: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every column's value on ``instance``, None included: these tables have no server
    defaults, so an explicit NULL writes what an ORM insert would."""
    table: sa.Table = model.__table__
    return {c.name: getattr(instance, c.name) for c in table.columns if c.name not in skip}


@functools.cache
def _statement(
    numbered: bool,
    changes: tuple[str, ...],
    version_columns: tuple[str, ...],
    mail_columns: tuple[str, ...],
    entry_columns: tuple[str, ...],
) -> Any:
    """``WITH [number AS (upsert counter),] ref, UPDATE candidacy, INSERT version, INSERT
    notification, INSERT audit_entry SELECT ref``, built once per shape (``numbered``: a
    first submission, which takes a number; otherwise the known reference)."""
    ref = (_numbered_reference() if numbered else sa.select(_KNOWN.label("reference"))).cte("ref")
    candidacies: sa.Table = Candidacy.__table__  # type: ignore[attr-defined]
    versions: sa.Table = CandidacyVersion.__table__  # type: ignore[attr-defined]
    mails: sa.Table = Notification.__table__  # type: ignore[attr-defined]
    entries: sa.Table = audit.AuditEntry.__table__  # type: ignore[attr-defined]
    update = (
        sa.update(candidacies)
        .where(candidacies.c.id == sa.bindparam("candidacy_key"))
        .values(
            reference=sa.select(ref.c.reference).scalar_subquery(),
            **{name: _param("c_", candidacies.c[name]) for name in changes},
        )
        .returning(candidacies.c.id)
    )
    version = (
        sa.insert(versions)
        .values({name: _param("v_", versions.c[name]) for name in version_columns})
        .returning(versions.c.id)
    )
    mail = (
        _insert_naming(mails, mail_columns, "m_", "context", ref)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(mails.c.id)
    )
    entry = _insert_naming(entries, entry_columns, "e_", "after", ref).returning(entries.c.id)
    return sa.select(ref.c.reference).add_cte(
        update.cte("named"), version.cte("versioned"), mail.cte("mailed"), entry.cte("audited")
    )


_KNOWN = sa.bindparam("known_reference", type_=sa.String)


def _numbered_reference() -> sa.Select[Any]:
    """``prefix-NNNN`` from the call's counter, advanced (or created at 1) by an upsert."""
    number = _advance_counter("postgresql").cte("number")
    digits = sa.cast(number.c.last_number, sa.String)
    # f"{n:04d}": at least four digits (lpad alone would cut 10000 to "1000").
    padded = sa.func.lpad(digits, sa.func.greatest(4, sa.func.length(digits)), "0")
    return sa.select(
        (sa.bindparam("prefix", type_=sa.String) + sa.literal("-") + padded).label("reference")
    )


def _param(prefix: str, column: sa.Column[Any]) -> sa.BindParameter[Any]:
    return sa.bindparam(prefix + column.name, type_=column.type)


def _insert_naming(
    table: sa.Table, columns: tuple[str, ...], prefix: str, json_column: str, ref: sa.CTE
) -> Any:
    """``INSERT INTO table SELECT`` its parameters, with ``{"reference": ...}`` merged into
    ``json_column`` (jsonb ``||``)."""
    values: list[sa.ColumnElement[Any]] = []
    for name in columns:
        column = table.c[name]
        if name == json_column:
            param = sa.bindparam(prefix + name, type_=postgresql.JSONB)
            merged = param.op("||")(sa.func.jsonb_build_object("reference", ref.c.reference))
            values.append(sa.cast(merged, column.type))
        else:
            values.append(_param(prefix, column))
    rows = sa.select(*values).select_from(ref)
    return postgresql.insert(table).from_select(list(columns), rows)
