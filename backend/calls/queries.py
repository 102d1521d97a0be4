"""Reusable, actor-scoped selects for calls and the batch loads behind the DataLoaders."""

from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from backend.calls.enums import PUBLIC_STATUSES, CallKind, CallStatus
from backend.calls.models import (
    Call,
    CallFunder,
    CallTheme,
    EvaluationCriterion,
    FormQuestion,
    Funder,
    Programme,
)
from backend.calls.rules import is_structure_frozen
from backend.core.auth import Actor
from backend.core.batching import group_by, index_by
from backend.core.errors import InvalidInput
from backend.core.i18n import Language
from backend.core.pagination import Page, keyset_page
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


def _funded_by_any(funder_ids: frozenset[uuid.UUID]) -> sa.ColumnElement[bool]:
    return sa.exists().where(
        col(CallFunder.call_id) == col(Call.id), col(CallFunder.funder_id).in_(funder_ids)
    )


def visible_calls(actor: Actor) -> SelectOfScalar[Call]:
    """Every call the actor may read: public ones, plus drafts of the funders they serve."""
    stmt = select(Call)
    if actor.is_platform_admin:
        return stmt
    public = col(Call.status).in_(PUBLIC_STATUSES)
    if actor.readable_funder_ids:
        return stmt.where(sa.or_(public, _funded_by_any(actor.readable_funder_ids)))
    return stmt.where(public)


def filtered(stmt: SelectOfScalar[Call], flt: CallFilter, *, now: datetime) -> SelectOfScalar[Call]:
    if flt.kind is not None:
        stmt = stmt.where(Call.kind == flt.kind)
    if flt.status is not None:
        stmt = stmt.where(Call.status == flt.status)
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
        open_now = sa.and_(
            col(Call.status) == CallStatus.OPEN,
            col(Call.opens_at) <= now,
            col(Call.deadline_at) > now,
        )
        stmt = stmt.where(open_now if flt.open_now else sa.not_(open_now))
    search = search_pattern(flt.search)
    if search is not None:
        stmt = stmt.where(col(Call.reference).ilike(search, escape=LIKE_ESCAPE))
    return stmt


def search_pattern(search: str | None) -> str | None:
    """A LIKE pattern matching ``search`` anywhere, taken literally; None for no search.

    ``%`` and ``_`` typed by someone are characters, not wildcards (``%`` once listed every
    call). The length is capped: SQLite refuses long patterns ("LIKE or GLOB pattern too
    complex", a server error), and no reference is longer than 40 characters anyway.
    """
    text = one_line(search or "")
    if not text:
        return None
    if len(text) > MAX_SEARCH_LENGTH:
        raise InvalidInput.single(
            "filter.search", f"at most {MAX_SEARCH_LENGTH} characters", "TOO_LONG"
        )
    escaped = re.sub(r"[\\%_]", lambda m: LIKE_ESCAPE + m.group(), text)
    return f"%{escaped}%"


async def page_of_calls(
    session: AsyncSession,
    actor: Actor,
    flt: CallFilter,
    *,
    now: datetime,
    first: int,
    after: str | None,
) -> Page[Call]:
    """Calls the actor may read, soonest deadline first, ``first`` at a time after a cursor."""
    return await keyset_page(
        session,
        filtered(visible_calls(actor), flt, now=now),
        columns=[col(Call.deadline_at), col(Call.id)],
        key_of=lambda call: [call.deadline_at, call.id],
        first=first,
        after=after,
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
    rows = (
        await session.exec(select(CallFunder).where(col(CallFunder.call_id).in_(call_ids)))
    ).all()
    return group_by(rows, lambda r: r.call_id, lambda r: r.funder_id)


async def call_funders_by_call(
    session: AsyncSession, call_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CallFunder]]:
    """Largest share first, so the lead funder reads first."""
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
_frozen_forms: OrderedDict[uuid.UUID, list[FormQuestion]] = OrderedDict()


async def form_of(session: AsyncSession, call: Call) -> list[FormQuestion]:
    """The call's questions in order.

    From OPEN on a call's form can no longer change (:func:`rules.is_structure_frozen`, and
    a call never goes back), yet every save of answers, every upload and every submission
    reads it: this process keeps the forms of the last :data:`FROZEN_FORMS_KEPT` frozen
    calls. The kept instances are detached from any session; treat them as read-only.
    """
    if not is_structure_frozen(call):
        return (await questions_by_call(session, [call.id])).get(call.id, [])
    form = _frozen_forms.get(call.id)
    if form is None:
        form = (await questions_by_call(session, [call.id])).get(call.id, [])
        for question in form:
            session.expunge(question)
        _frozen_forms[call.id] = form
        while len(_frozen_forms) > FROZEN_FORMS_KEPT:
            _frozen_forms.popitem(last=False)
    else:
        _frozen_forms.move_to_end(call.id)
    return form


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
