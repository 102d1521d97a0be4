"""Reusable, actor-scoped selects for calls and the batch loads behind the DataLoaders."""

from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from backend.calls.enums import (
    PUBLIC_STATUSES,
    RUNNING_STATUSES,
    CallKind,
    CallStatus,
    CoFundingStatus,
)
from backend.calls.forms import Form, FrozenQuestion
from backend.calls.models import (
    Call,
    CallFunder,
    CallTheme,
    EvaluationCriterion,
    FormQuestion,
    Funder,
    Programme,
)
from backend.calls.rules import effective_status, is_structure_settled
from backend.calls.search import search_key
from backend.core.auth import Actor
from backend.core.batching import group_by, index_by
from backend.core.errors import InvalidInput
from backend.core.i18n import Language
from backend.core.pagination import Page, decode_cursor, encode_cursor, keyset_page
from backend.core.text import one_line

MAX_SEARCH_LENGTH = 200
LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class CallFilter:
    kind: CallKind | None = None
    status: CallStatus | None = None
    theme: str | None = None
    funder_id: uuid.UUID | None = None
    language: Language | None = None
    open_now: bool | None = None
    search: str | None = None
    as_staff: bool | None = None
    """Only the calls the actor works on as staff (true), or only the others (false)."""


ACCEPTED_FUNDING = col(CallFunder.consent) == CoFundingStatus.ACCEPTED
"""A ``call_funder`` row that makes its funder a funder of the call (``co_funding``)."""


def _funded_by_any(funder_ids: frozenset[uuid.UUID]) -> sa.ColumnElement[bool]:
    return sa.exists().where(
        col(CallFunder.call_id) == col(Call.id),
        col(CallFunder.funder_id).in_(funder_ids),
        ACCEPTED_FUNDING,
    )


def _named_any(funder_ids: frozenset[uuid.UUID]) -> sa.ColumnElement[bool]:
    """Calls naming one of these funders, whatever its answer (an invitation to read)."""
    return sa.exists().where(
        col(CallFunder.call_id) == col(Call.id), col(CallFunder.funder_id).in_(funder_ids)
    )


def visible_calls(actor: Actor) -> SelectOfScalar[Call]:
    """Every call the actor may read: public ones, drafts of the funders they serve, and
    drafts that invite a funder they manage to co-fund them (to decide)."""
    stmt = select(Call)
    if actor.is_platform_admin:
        return stmt
    public = col(Call.status).in_(PUBLIC_STATUSES)
    if actor.readable_funder_ids:
        return stmt.where(
            sa.or_(
                public,
                _funded_by_any(actor.readable_funder_ids),
                _named_any(actor.managed_funder_ids),
            )
        )
    return stmt.where(public)


def _running() -> sa.ColumnElement[bool]:
    return col(Call.status).in_(RUNNING_STATUSES)


def status_is(status: CallStatus, *, now: datetime) -> sa.ColumnElement[bool]:
    """Calls whose effective status at ``now`` is ``status``: :func:`rules.effective_status`
    in SQL, as plain comparisons on indexed columns (no per-row Python filtering)."""
    if status is CallStatus.OPEN:
        return sa.and_(_running(), col(Call.opens_at) <= now, col(Call.deadline_at) > now)
    if status is CallStatus.PUBLISHED:
        return sa.and_(_running(), col(Call.opens_at) > now, col(Call.deadline_at) > now)
    if status is CallStatus.CLOSED:
        return sa.or_(
            col(Call.status) == CallStatus.CLOSED,
            sa.and_(_running(), col(Call.deadline_at) <= now),
        )
    return col(Call.status) == status


def staffed_by(actor: Actor) -> sa.ColumnElement[bool]:
    """Calls the actor works on as staff: funded by a funder they manage or view for (they
    read its candidacies), every call for a platform administrator."""
    if actor.is_platform_admin:
        return sa.true()
    if not actor.readable_funder_ids:
        return sa.false()
    return _funded_by_any(actor.readable_funder_ids)


def filtered(
    stmt: SelectOfScalar[Call], flt: CallFilter, *, actor: Actor, now: datetime
) -> SelectOfScalar[Call]:
    if flt.as_staff is not None:
        staffed = staffed_by(actor)
        stmt = stmt.where(staffed if flt.as_staff else sa.not_(staffed))
    if flt.kind is not None:
        stmt = stmt.where(Call.kind == flt.kind)
    if flt.status is not None:
        stmt = stmt.where(status_is(flt.status, now=now))
    if flt.theme is not None:
        stmt = stmt.where(
            sa.exists().where(
                col(CallTheme.call_id) == col(Call.id),
                col(CallTheme.theme) == flt.theme.strip().lower(),  # stored lower-cased
            )
        )
    if flt.funder_id is not None:
        stmt = stmt.where(_funded_by_any(frozenset({flt.funder_id})))
    if flt.language is not None:
        stmt = stmt.where(col(Call.title)[flt.language.value].as_string().is_not(None))
    if flt.open_now is not None:
        open_now = status_is(CallStatus.OPEN, now=now)
        stmt = stmt.where(open_now if flt.open_now else sa.not_(open_now))
    patterns = search_patterns(flt.search)
    if patterns is not None:
        stmt = stmt.where(
            sa.and_(*(col(Call.search_text).like(p, escape=LIKE_ESCAPE) for p in patterns))
            if patterns
            else sa.false()
        )
    return stmt


def search_patterns(search: str | None) -> list[str] | None:
    """One LIKE pattern per word of ``search``: a call matches when each word is found in its
    search document (reference, titles, descriptions: :mod:`backend.calls.search`), in any
    order and any part ("santé 2026" finds "AAP-2026" titled "Santé..."), ignoring case and
    accents. None for no search, ``[]`` for a search that matches nothing.

    ``%`` and ``_`` typed by someone are characters, not wildcards (``%`` once listed every
    call): :func:`search_key` makes them spaces, and a search of nothing but punctuation
    matches nothing. The length is capped: SQLite refuses long patterns ("LIKE or GLOB
    pattern too complex", a server error).
    """
    text = one_line(search or "")
    if not text:
        return None
    if len(text) > MAX_SEARCH_LENGTH:
        raise InvalidInput.single(
            "filter.search", f"at most {MAX_SEARCH_LENGTH} characters", "TOO_LONG"
        )
    return [
        "%" + re.sub(r"[\\%_]", lambda m: LIKE_ESCAPE + m.group(), word) + "%"
        for word in dict.fromkeys(search_key(text).split())
    ]


LIST_GROUPS = {CallStatus.OPEN: 0, CallStatus.PUBLISHED: 1, CallStatus.DRAFT: 3}
"""Where a call stands in the list by its effective status: open, upcoming, closed (CLOSED
and every later status, group 2), then drafts (their managers only)."""
_CLOSED_GROUP = 2


def list_group(call: Call, *, now: datetime) -> int:
    return LIST_GROUPS.get(effective_status(call, now=now), _CLOSED_GROUP)


def _list_key_column(group: int) -> Any:
    """Upcoming calls by opening; the others by deadline (descending for closed ones)."""
    upcoming = group == LIST_GROUPS[CallStatus.PUBLISHED]
    return col(Call.opens_at) if upcoming else col(Call.deadline_at)


def _list_group_sql(now: datetime) -> sa.ColumnElement[int]:
    return sa.case(
        (status_is(CallStatus.OPEN, now=now), LIST_GROUPS[CallStatus.OPEN]),
        (status_is(CallStatus.PUBLISHED, now=now), LIST_GROUPS[CallStatus.PUBLISHED]),
        (col(Call.status) == CallStatus.DRAFT, LIST_GROUPS[CallStatus.DRAFT]),
        else_=_CLOSED_GROUP,
    )


def _list_key(call: Call, *, now: datetime) -> list[Any]:
    group = list_group(call, now=now)
    key = call.opens_at if group == LIST_GROUPS[CallStatus.PUBLISHED] else call.deadline_at
    return [group, key, call.id]


def _after_in_list(cursor: str, *, now: datetime) -> sa.ColumnElement[bool]:
    """Rows after the cursor's ``(group, instant, id)``: later groups, or the same group
    further along its own order (the cursor carries the group, so its direction is known)."""
    group, instant, call_id = decode_cursor(cursor, arity=3)
    if (
        group not in {*LIST_GROUPS.values(), _CLOSED_GROUP}
        or not isinstance(instant, datetime)
        or not isinstance(call_id, uuid.UUID)
    ):
        raise InvalidInput.single("after", "this cursor is not valid", "INVALID_CURSOR")
    key = _list_key_column(group)
    bound = sa.literal(instant, type_=key.type)
    further = key < bound if group == _CLOSED_GROUP else key > bound
    same_group = sa.or_(further, sa.and_(key == bound, col(Call.id) > call_id))
    group_sql = _list_group_sql(now)
    return sa.or_(group_sql > group, sa.and_(group_sql == group, same_group))


async def page_of_calls(
    session: AsyncSession,
    actor: Actor,
    flt: CallFilter,
    *,
    now: datetime,
    first: int,
    after: str | None,
) -> Page[Call]:
    """Calls the actor may read, ``first`` at a time after a cursor: open ones first (soonest
    deadline first), then upcoming ones (soonest opening first), then closed ones (latest
    deadline first), then drafts (soonest deadline first). Groups follow the clock
    (:func:`rules.effective_status`); one statement per page, keyset-paginated."""
    listed = stmt = filtered(visible_calls(actor), flt, actor=actor, now=now)
    if after is not None:
        stmt = stmt.where(_after_in_list(after, now=now))
    group = _list_group_sql(now)
    closed = group == _CLOSED_GROUP
    ascending = sa.case(
        (group == LIST_GROUPS[CallStatus.PUBLISHED], col(Call.opens_at)),
        (closed, sa.null()),
        else_=col(Call.deadline_at),
    )
    descending = sa.case((closed, col(Call.deadline_at)), else_=sa.null())
    order = [group, ascending, descending.desc(), col(Call.id)]
    rows = list((await session.exec(stmt.order_by(*order).limit(first + 1))).all())
    items = rows[:first]
    return Page(
        items=items,
        cursors=[encode_cursor(_list_key(call, now=now)) for call in items],
        has_next_page=len(rows) > first,
        has_previous_page=after is not None,
        listed=listed,
    )


async def page_of_funders(session: AsyncSession, *, first: int, after: str | None) -> Page[Funder]:
    """Funders are public: ministries and agencies announce their calls."""
    return await keyset_page(
        session,
        select(Funder),
        columns=[col(Funder.code), col(Funder.id)],
        key_of=lambda f: [f.code, f.id],
        first=first,
        after=after,
    )


async def page_of_programmes(
    session: AsyncSession, *, first: int, after: str | None
) -> Page[Programme]:
    return await keyset_page(
        session,
        select(Programme),
        columns=[col(Programme.code), col(Programme.id)],
        key_of=lambda p: [p.code, p.id],
        first=first,
        after=after,
    )


async def readable_call(session: AsyncSession, actor: Actor, call_id: uuid.UUID) -> Call | None:
    return (await session.exec(visible_calls(actor).where(Call.id == call_id))).first()


async def readable_calls_by_id(
    session: AsyncSession, actor: Actor, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Call]:
    """The calls among ``call_ids`` that the actor may read (the rule of :func:`readable_call`),
    in one statement."""
    stmt = visible_calls(actor).where(col(Call.id).in_(call_ids))
    return index_by((await session.exec(stmt)).all(), lambda r: r.id)


async def funder_ids_by_call(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The funders of each call: those that ACCEPTED (invited ones have no rights yet)."""
    rows = (
        await session.exec(
            select(CallFunder).where(col(CallFunder.call_id).in_(call_ids), ACCEPTED_FUNDING)
        )
    ).all()
    return group_by(rows, lambda r: r.call_id, lambda r: r.funder_id)


async def call_funders_by_call(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CallFunder]]:
    """Every funder named on each call, whatever its answer; largest share first, so the
    lead funder reads first."""
    stmt = (
        select(CallFunder)
        .where(col(CallFunder.call_id).in_(call_ids))
        .order_by(col(CallFunder.share_cents).desc(), col(CallFunder.id))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.call_id)


async def themes_by_call(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    stmt = select(CallTheme).where(col(CallTheme.call_id).in_(call_ids)).order_by(CallTheme.theme)
    return group_by((await session.exec(stmt)).all(), lambda r: r.call_id, lambda r: r.theme)


# Built once: every submission and every candidacy form reads its call's questions.
_QUESTIONS = (
    select(FormQuestion)
    .where(col(FormQuestion.call_id).in_(sa.bindparam("ids", expanding=True)))
    .order_by(col(FormQuestion.position))
)


async def questions_by_call(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[FormQuestion]]:
    rows = (await session.exec(_QUESTIONS, params={"ids": list(call_ids)})).all()
    return group_by(rows, lambda r: r.call_id)


FROZEN_FORMS_KEPT = 256
_frozen_forms: OrderedDict[uuid.UUID, Form] = OrderedDict()


async def form_of(session: AsyncSession, call: Call) -> Form:
    """The call's questions in order, as immutable values (:class:`forms.FrozenQuestion`).

    Once a call's structure is settled (:func:`rules.is_structure_settled`) its form never
    changes again, yet every save of answers, every upload and every submission reads it:
    this process keeps the forms of the last :data:`FROZEN_FORMS_KEPT` settled calls, shared
    by every request, which is why they are values and not rows. A form still open to change
    is read each time, in the same type.
    """
    if not is_structure_settled(call):
        return await _read_form(session, call.id)
    form = _frozen_forms.get(call.id)
    if form is None:
        form = _frozen_forms[call.id] = await _read_form(session, call.id)
        while len(_frozen_forms) > FROZEN_FORMS_KEPT:
            _frozen_forms.popitem(last=False)
    else:
        _frozen_forms.move_to_end(call.id)
    return form


async def _read_form(session: AsyncSession, call_id: uuid.UUID) -> Form:
    rows = (await questions_by_call(session, [call_id])).get(call_id, [])
    return tuple(FrozenQuestion.of(row) for row in rows)


async def criteria_by_call(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[EvaluationCriterion]]:
    stmt = (
        select(EvaluationCriterion)
        .where(col(EvaluationCriterion.call_id).in_(call_ids))
        .order_by(col(EvaluationCriterion.position))
    )
    return group_by((await session.exec(stmt)).all(), lambda r: r.call_id)


async def funders_by_id(
    session: AsyncSession, funder_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Funder]:
    rows = (await session.exec(select(Funder).where(col(Funder.id).in_(funder_ids)))).all()
    return index_by(rows, lambda r: r.id)


async def programmes_by_id(
    session: AsyncSession, programme_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Programme]:
    rows = (await session.exec(select(Programme).where(col(Programme.id).in_(programme_ids)))).all()
    return {row.id: row for row in rows}


async def calls_by_id(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Call]:
    """Calls by id, unscoped: only for relations of objects the actor was allowed to read."""
    rows = (await session.exec(select(Call).where(col(Call.id).in_(call_ids)))).all()
    return index_by(rows, lambda r: r.id)
