"""Partners invited by e-mail: the organisation is not on the platform yet.

The lead gives a contact's address and the organisation's proposed details; the platform
mails that address a single-use code (stored only as its SHA-256; the outbox row carries it
until the mail is sent, then a placeholder). The signed-in user whose
account e-mail is that address answers with the code: accepting registers the organisation
with them as its admin and makes it an ACCEPTED partner (they asked for it, and they commit
it: they are its first admin). An organisation that is on the platform already is never handed
over this way: it is invited by name (:mod:`backend.candidacies.consortium`) and answered by
its own admins.

An answer with a code that is unknown, used, expired, or meant for another address gets one
and the same error, so the answer never tells whether a code exists.

Every function takes the session, the actor and ``now``, writes an audit entry on the
candidacy and never commits.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import queries as account_queries
from backend.accounts import services as account_services
from backend.accounts.enums import OrganisationKind
from backend.accounts.models import Organisation, User
from backend.calls.models import Call
from backend.candidacies import partner_notices, queries
from backend.candidacies.enums import PartnerRole, PartnerStatus
from backend.candidacies.errors import CandidacyNotEditable
from backend.candidacies.models import Candidacy, CandidacyPartner, PartnerEmailInvitation
from backend.candidacies.rules import can_see_email_invitations, is_editable_at
from backend.candidacies.services import (
    MAX_PARTNERS,
    editable_candidacy,
    record_edit,
    require_open_for_changes,
)
from backend.core.auth import Actor
from backend.core.errors import AuthenticationRequired, FieldProblem, InvalidInput, NotFound
from backend.core.i18n import Language, pick_text
from backend.core.settings import get_settings
from backend.notifications import services as notifications

UNUSABLE_CODE = "INVALID_OR_EXPIRED"
ALREADY_REGISTERED = "ALREADY_REGISTERED"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def is_live(invitation: PartnerEmailInvitation, now: datetime) -> bool:
    """Still answerable: pending and not expired."""
    return invitation.status is PartnerStatus.PENDING and now < invitation.expires_at


@dataclass(frozen=True)
class EmailInvitationInput:
    email: str
    organisation: account_services.OrganisationInput
    role: PartnerRole
    requested_share_cents: int
    language: Language = Language.FR


async def invite_by_email(
    session: AsyncSession,
    *,
    actor: Actor,
    candidacy_id: uuid.UUID,
    data: EmailInvitationInput,
    now: datetime,
) -> tuple[PartnerEmailInvitation, Candidacy]:
    """Mail an invitation to an address for an organisation not yet registered; lead only.

    Refused (typed, nothing changed) when an organisation with the same identifiers is
    registered (invite it by name), or a live invitation to that address exists for this
    candidacy. Side effects: the invitation row (token hash only); a mail with the code, in
    ``data.language``; audited (``candidacy.partner_invited_by_email``).
    """
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now
    )
    assert actor.user_id is not None  # editable_candidacy needs a member
    email = account_queries.normalise_email(data.email)
    problems = account_services.check_email(email)
    if data.role is PartnerRole.LEAD:
        problems.append(FieldProblem("role", "the lead organisation, and only it, is LEAD", "LEAD"))
    if data.requested_share_cents < 0:
        problems.append(FieldProblem("requestedShareCents", "must not be negative"))
    try:
        organisation = account_services.validated_organisation(data.organisation)
    except InvalidInput as exc:
        problems += [
            FieldProblem(f"organisation.{p.field}", p.message, p.code) for p in exc.problems
        ]
        organisation = None
    if organisation is not None and await registered_twin(session, organisation):
        problems.append(
            FieldProblem(
                "organisation",
                "an organisation with these identifiers is registered: invite it by name"
                " (organisationSearch, invitePartner)",
                ALREADY_REGISTERED,
            )
        )
    problems += await _check_room(session, candidacy, email, now)
    if problems:
        raise InvalidInput(problems)
    assert organisation is not None
    token = secrets.token_urlsafe(32)
    ttl = timedelta(days=get_settings().partner_email_invitation_ttl_days)
    invitation = PartnerEmailInvitation(
        candidacy_id=candidacy.id,
        email=email,
        language=data.language,
        organisation_name=organisation.name,
        organisation_kind=organisation.kind,
        country=organisation.country,
        siret=organisation.siret,
        finess=organisation.finess,
        registry_id=organisation.registry_id,
        role=data.role,
        requested_share_cents=data.requested_share_cents,
        token_hash=token_hash(token),
        status=PartnerStatus.PENDING,
        invited_by_user_id=actor.user_id,
        invited_at=now,
        expires_at=now + ttl,
    )
    session.add(invitation)
    await record_edit(
        session,
        actor,
        "candidacy.partner_invited_by_email",
        candidacy,
        now,
        after={
            "invitation_id": str(invitation.id),
            "email": email,
            "organisation_name": organisation.name,
            "role": data.role.value,
            "requested_share_cents": data.requested_share_cents,
        },
    )
    await _mail_invitation(session, candidacy, call, invitation, token, now)
    return invitation, candidacy


async def registered_twin(
    session: AsyncSession, organisation: account_services.OrganisationInput
) -> Organisation | None:
    """A registered organisation with one of these identifiers (SIRET, FINESS, registry id
    in the same country), if any."""
    same = []
    if organisation.siret:
        same.append(col(Organisation.siret) == organisation.siret)
    if organisation.finess:
        same.append(col(Organisation.finess) == organisation.finess)
    if organisation.registry_id:
        same.append(
            (col(Organisation.registry_id) == organisation.registry_id)
            & (col(Organisation.country) == organisation.country)
        )
    if not same:
        return None
    return (await session.exec(select(Organisation).where(or_(*same)).limit(1))).first()


async def _check_room(
    session: AsyncSession, candidacy: Candidacy, email: str, now: datetime
) -> list[FieldProblem]:
    invitations = await email_invitations_of(session, candidacy.id)
    live = [i for i in invitations if is_live(i, now)]
    problems = []
    if any(i.email == email for i in live):
        problems.append(
            FieldProblem("email", "this address has a pending invitation", "ALREADY_INVITED")
        )
    partners = await session.scalar(
        select(func.count())
        .select_from(CandidacyPartner)
        .where(col(CandidacyPartner.candidacy_id) == candidacy.id)
    )
    if (partners or 0) + len(live) >= MAX_PARTNERS:  # as invitePartner counts: the lead too
        problems.append(FieldProblem("email", f"at most {MAX_PARTNERS} partners"))
    return problems


async def email_invitations_of(
    session: AsyncSession, candidacy_id: uuid.UUID
) -> Sequence[PartnerEmailInvitation]:
    return (
        await session.exec(
            select(PartnerEmailInvitation).where(
                col(PartnerEmailInvitation.candidacy_id) == candidacy_id
            )
        )
    ).all()


ANSWER_PAGE = "/my/invitations/email"
"""The web application's page that answers an invitation with its code."""


def _answer_link(token: str) -> str:
    """A link to the answer page with the code (``AAP_PUBLIC_URL``), in the fragment, which
    browsers never send: the code reaches no server's log."""
    return get_settings().web_url(f"{ANSWER_PAGE}#code={token}")


async def _mail_invitation(
    session: AsyncSession,
    candidacy: Candidacy,
    call: Call,
    invitation: PartnerEmailInvitation,
    token: str,
    now: datetime,
) -> None:
    lead = await session.get(Organisation, candidacy.lead_organisation_id)
    assert lead is not None  # a foreign key
    await notifications.enqueue_to_address(
        session,
        email=invitation.email,
        language=invitation.language,
        template="partner_invited_by_email",
        context={
            "call_title": pick_text(call.title, invitation.language) or call.reference,
            "candidacy_title": candidacy.title,
            "lead_name": lead.name,
            "partner_name": invitation.organisation_name,
            "token": token,
            "link": _answer_link(token),
            "expires_on": invitation.expires_at.strftime("%Y-%m-%d %H:%M"),
        },
        dedupe_key=f"partner-invited-by-email:{invitation.id}",
        now=now,
    )


@dataclass(frozen=True)
class EmailInvitationAnswer:
    invitation: PartnerEmailInvitation
    candidacy: Candidacy
    partner: CandidacyPartner | None
    """The new partner row when accepted."""
    organisation: Organisation | None
    """The organisation registered when accepted."""


async def respond_by_token(
    session: AsyncSession, *, actor: Actor, token: str, accept: bool, now: datetime
) -> EmailInvitationAnswer:
    """Accept or decline an invitation by e-mail, as the user it was mailed to.

    Accepting registers the organisation with the actor as its admin (audited
    ``organisation.created``) and adds it as an ACCEPTED partner; refused with
    ``ALREADY_REGISTERED`` if an organisation with those identifiers was registered
    meanwhile (its own admins are to be invited instead). Side effects: the invitation
    ACCEPTED or DECLINED (its code is then used); an edit of the candidacy; a mail to the
    lead's members; audited (``candidacy.email_invitation_accepted`` / ``..._declined``).
    """
    if actor.user_id is None:
        raise AuthenticationRequired("sign in to answer an invitation")
    user = await session.get(User, actor.user_id)
    invitation = (
        await session.exec(
            select(PartnerEmailInvitation).where(
                col(PartnerEmailInvitation.token_hash) == token_hash(token)
            )
        )
    ).first()
    if (
        user is None
        or invitation is None
        or not is_live(invitation, now)
        or invitation.email != account_queries.normalise_email(user.email)
    ):
        raise InvalidInput.single("token", "invalid or expired invitation", UNUSABLE_CODE)
    candidacy, call = await _locked_candidacy(session, invitation.candidacy_id)
    await session.refresh(invitation)
    if not is_live(invitation, now):  # answered meanwhile, under the candidacy's lock
        raise InvalidInput.single("token", "invalid or expired invitation", UNUSABLE_CODE)
    require_open_for_changes(call, candidacy, now=now)
    if not is_editable_at(call, candidacy, now=now):
        raise CandidacyNotEditable(candidacy.status)
    joined = await _join(session, actor, invitation, candidacy, now) if accept else None
    invitation.status = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    invitation.responded_at = now
    session.add(invitation)
    await record_edit(
        session,
        actor,
        f"candidacy.email_invitation_{invitation.status.value.lower()}",
        candidacy,
        now,
        after={
            "invitation_id": str(invitation.id),
            "organisation_id": str(invitation.organisation_id or ""),
        },
    )
    await partner_notices.notify_answered(
        session,
        candidacy=candidacy,
        call=call,
        partner_name=invitation.organisation_name,
        partner_key=invitation.id,
        answer=invitation.status,
        now=now,
    )
    partner, organisation = joined or (None, None)
    return EmailInvitationAnswer(invitation, candidacy, partner, organisation)


async def _locked_candidacy(
    session: AsyncSession, candidacy_id: uuid.UUID
) -> tuple[Candidacy, Call]:
    found = (
        await session.exec(
            select(Candidacy, Call)
            .join(Call, col(Call.id) == col(Candidacy.call_id))
            .where(col(Candidacy.id) == candidacy_id)
            .with_for_update(of=Candidacy)  # type: ignore[arg-type]
        )
    ).first()
    assert found is not None  # foreign keys
    return found[0], found[1]


async def _join(
    session: AsyncSession,
    actor: Actor,
    invitation: PartnerEmailInvitation,
    candidacy: Candidacy,
    now: datetime,
) -> tuple[CandidacyPartner, Organisation]:
    """Register the proposed organisation (the actor its admin) and make it a partner."""
    details = account_services.OrganisationInput(
        name=invitation.organisation_name,
        kind=OrganisationKind(invitation.organisation_kind),
        country=invitation.country,
        siret=invitation.siret,
        finess=invitation.finess,
        registry_id=invitation.registry_id,
    )
    if await registered_twin(session, details) is not None:
        raise InvalidInput.single(
            "token",
            "an organisation with these identifiers is registered meanwhile: ask its"
            " administrator to join, or the lead to invite it by name",
            ALREADY_REGISTERED,
        )
    organisation = await account_services.create_organisation(
        session, actor=actor, data=details, now=now
    )
    positions = await session.exec(
        select(func.max(CandidacyPartner.position)).where(
            col(CandidacyPartner.candidacy_id) == candidacy.id
        )
    )
    partner = CandidacyPartner(
        candidacy_id=candidacy.id,
        organisation_id=organisation.id,
        role=invitation.role,
        requested_share_cents=invitation.requested_share_cents,
        position=(positions.first() or 0) + 1,
        status=PartnerStatus.ACCEPTED,
        invited_at=invitation.invited_at,
        responded_at=now,
    )
    session.add(partner)
    invitation.organisation_id = organisation.id
    return partner, organisation


async def withdraw_email_invitation(
    session: AsyncSession, *, actor: Actor, invitation_id: uuid.UUID, now: datetime
) -> Candidacy:
    """Withdraw an invitation by e-mail not accepted yet (its code stops working); lead
    members only. An accepted one made a partner: take that out with withdrawPartnerInvitation.

    Side effects: the invitation deleted; audited (``candidacy.email_invitation_withdrawn``).
    """
    invitation = await session.get(PartnerEmailInvitation, invitation_id)
    if invitation is None:
        raise NotFound("no such invitation")
    candidacy, _ = await editable_candidacy(
        session, actor=actor, candidacy_id=invitation.candidacy_id, now=now
    )
    await session.refresh(invitation)
    if invitation.status is PartnerStatus.ACCEPTED:
        raise InvalidInput.single(
            "id", "accepted: the organisation is a partner now", "NOT_PENDING"
        )
    before = {
        "invitation_id": str(invitation.id),
        "email": invitation.email,
        "status": invitation.status.value,
    }
    await session.delete(invitation)
    await record_edit(
        session, actor, "candidacy.email_invitation_withdrawn", candidacy, now, before=before
    )
    return candidacy


async def readable_email_invitations_by_id(
    session: AsyncSession, actor: Actor, invitation_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PartnerEmailInvitation]:
    """The invitations among ``invitation_ids`` that ``Candidacy.emailInvitations`` shows the
    actor (:func:`rules.can_see_email_invitations`), in two statements however many ids."""
    stmt = select(PartnerEmailInvitation).where(col(PartnerEmailInvitation.id).in_(invitation_ids))
    rows = (await session.exec(stmt)).all()
    readable = await queries.readable_candidacies_by_id(
        session, actor, list({row.candidacy_id for row in rows})
    )
    return {
        row.id: row
        for row in rows
        if row.candidacy_id in readable
        and can_see_email_invitations(actor, readable[row.candidacy_id])
    }
