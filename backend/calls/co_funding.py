"""Co-funders' consent: a funder named on another funder's call is invited, not enrolled.

The programme's own funder (the lead) funds its calls without being asked. Any other funder
named in ``funders`` is PENDING until a programme manager of that funder ACCEPTS or DECLINES
(:func:`respond_to_co_funding`). Until it has accepted it has none of a co-funder's rights:
its staff do not manage the call, read its candidacies or get its mails
(``queries.funder_ids_by_call`` and every ``call_funder`` join count ACCEPTED rows only);
its managers only read the call, to decide. A call is published only once every co-funder
has accepted, and a published call takes no new co-funder: the public never sees a funder
that did not agree.

Platform administrators do not answer for a funder: consent is the funder's own.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import queries
from backend.calls.enums import CallStatus, CoFundingStatus
from backend.calls.inputs import FunderShareInput
from backend.calls.models import Call, CallFunder, Programme
from backend.calls.rules import can_answer_co_funding
from backend.core import audit
from backend.core.auth import Actor
from backend.core.errors import (
    AuthenticationRequired,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)


def share_row(
    call_id: uuid.UUID,
    share: FunderShareInput,
    *,
    lead_funder_id: uuid.UUID,
    before: CallFunder | None,
) -> CallFunder:
    """The ``call_funder`` row for ``share``: the lead ACCEPTED; a co-funder keeps its answer
    while its share is unchanged (it consented to that amount), else it is asked (again)."""
    row = CallFunder(
        call_id=call_id,
        funder_id=share.funder_id,
        share_cents=share.share_cents,
        consent=CoFundingStatus.PENDING,
    )
    if share.funder_id == lead_funder_id:
        row.consent = CoFundingStatus.ACCEPTED
    elif before is not None and before.share_cents == share.share_cents:
        row.consent = before.consent
        row.responded_at = before.responded_at
        row.responded_by_user_id = before.responded_by_user_id
    return row


def needs_consent(
    share: FunderShareInput, *, lead_funder_id: uuid.UUID, before: CallFunder | None
) -> bool:
    """Whether ``share`` would be a co-funding nobody at that funder has accepted yet."""
    row = share_row(uuid.uuid4(), share, lead_funder_id=lead_funder_id, before=before)
    return row.consent is not CoFundingStatus.ACCEPTED


def published_call_problems(
    shares: list[FunderShareInput],
    current: list[CallFunder],
    *,
    lead_funder_id: uuid.UUID,
) -> list[FieldProblem]:
    """A published call's funders change only among funders who accepted these shares."""
    before = {row.funder_id: row for row in current}.get
    return [
        FieldProblem(
            f"funders[{i}].funderId",
            "a published call takes no new co-funder or share: a co-funder accepts first,"
            " while the call is a draft",
            "CONSENT_REQUIRED",
        )
        for i, share in enumerate(shares)
        if needs_consent(share, lead_funder_id=lead_funder_id, before=before(share.funder_id))
    ]


async def publication_problems(session: AsyncSession, call: Call) -> list[FieldProblem]:
    """One problem per co-funder that has not accepted, naming it."""
    rows = (await queries.call_funders_by_call(session, [call.id])).get(call.id, [])
    waiting = [r for r in rows if r.consent is not CoFundingStatus.ACCEPTED]
    if not waiting:
        return []
    names = await queries.funders_by_id(session, [r.funder_id for r in waiting])
    problems = []
    for row in waiting:
        funder = names.get(row.funder_id)
        name = f"{funder.name} ({funder.code})" if funder else str(row.funder_id)
        declined = row.consent is CoFundingStatus.DECLINED
        problems.append(
            FieldProblem(
                "funders",
                f"{name} {'declined' if declined else 'has not yet accepted'} to co-fund this call",
                "CO_FUNDER_DECLINED" if declined else "CO_FUNDER_PENDING",
            )
        )
    return problems


async def respond_to_co_funding(
    session: AsyncSession,
    *,
    actor: Actor,
    call_id: uuid.UUID,
    funder_id: uuid.UUID,
    accept: bool,
    now: datetime,
) -> Call:
    """A programme manager of an invited funder accepts or declines its share of a DRAFT call.

    An answer may change while the call is a draft; from publication on it is final (every
    funder of a published call has accepted). Side effects: the share's consent, the
    instant and who answered; audited.
    """
    if actor.user_id is None:
        raise AuthenticationRequired("sign in to answer for a funder")
    call = (
        await session.exec(queries.visible_calls(actor).where(Call.id == call_id).with_for_update())
    ).first()
    if call is None:
        raise NotFound("no such call")
    share = (
        await session.exec(
            select(CallFunder)
            .where(col(CallFunder.call_id) == call.id, col(CallFunder.funder_id) == funder_id)
            .with_for_update()
        )
    ).first()
    if share is None:
        raise NotFound("this funder is not named on this call")
    if not can_answer_co_funding(actor, funder_id):
        raise PermissionDenied("only the programme managers of the invited funder answer")
    programme = await session.get(Programme, call.programme_id)
    if programme is not None and programme.funder_id == funder_id:
        raise InvalidInput.single(
            "funderId", "the programme's funder funds its own calls: nothing to answer", "LEAD"
        )
    if call.status is not CallStatus.DRAFT:
        raise InvalidInput.single(
            "accept", "the call is published: its funders' answers are final", "CALL_PUBLISHED"
        )
    before = share.consent
    share.consent = CoFundingStatus.ACCEPTED if accept else CoFundingStatus.DECLINED
    share.responded_at = now
    share.responded_by_user_id = actor.user_id
    session.add(share)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action=f"call.co_funding_{share.consent.value.lower()}",
        object_type="call",
        object_id=call.id,
        now=now,
        before={"funder_id": str(funder_id), "consent": before.value},
        after={"funder_id": str(funder_id), "consent": share.consent.value},
    )
    return call
