"""Accounts: sign-in, tokens, users, roles, organisations and memberships.

Every function takes the session and ``now``, never commits, and writes an audit entry for
each state change.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import identifiers, queries
from backend.accounts.enums import (
    ESTABLISHMENT_KINDS,
    FUNDER_SCOPED_ROLES,
    MembershipRole,
    OrganisationKind,
    Role,
    TokenKind,
)
from backend.accounts.errors import AlreadyMember, EmailAlreadyUsed, InvalidCredentials
from backend.accounts.models import AuthToken, Membership, Organisation, RoleGrant, User
from backend.accounts.rules import (
    TOKEN_USE_RESOLUTION,
    can_create_organisation,
    can_manage_organisation,
    can_manage_users,
    can_read_organisation,
    is_token_use_due,
)
from backend.accounts.throttle import LoginThrottle
from backend.core import audit
from backend.core.auth import (
    TOKEN_PREFIX_API,
    TOKEN_PREFIX_SESSION,
    Actor,
    hash_password,
    hash_token,
    new_token,
    password_needs_rehash,
    verify_password_off_loop,
)
from backend.core.bounds import check_year
from backend.core.countries import is_country_code
from backend.core.errors import (
    AuthenticationRequired,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from backend.core.i18n import Language
from backend.core.settings import get_settings
from backend.core.text import one_line, search_key

log = logging.getLogger(__name__)
MIN_PASSWORD_LENGTH = 12
_EMAIL_CHAR = r"[^@\s\x00-\x1f\x7f]"
EMAIL_PATTERN = re.compile(rf"{_EMAIL_CHAR}{{1,64}}@{_EMAIL_CHAR}+\.{_EMAIL_CHAR}{{2,}}\Z")


@dataclass(frozen=True)
class IssuedToken:
    """The only moment the clear token exists: it is shown once and stored as a hash."""

    token: str
    record: AuthToken
    user: User


def _check_password(password: str) -> list[FieldProblem]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [
            FieldProblem(
                "password", f"at least {MIN_PASSWORD_LENGTH} characters are required", "TOO_SHORT"
            )
        ]
    return []


def _check_email(email: str) -> list[FieldProblem]:
    if not EMAIL_PATTERN.match(email) or len(email) > 254:
        return [FieldProblem("email", "not a valid email address", "INVALID_EMAIL")]
    return []


async def attempt_login(
    session: AsyncSession, *, email: str, password: str, now: datetime
) -> IssuedToken:
    """Check a password and open a session token, unthrottled: the network's way in is
    :func:`login`.

    A failure costs what a success costs up to the token (one user lookup and one argon2
    verification, against a stand-in hash for unknown emails) and changes nothing, so neither
    the answer nor its timing tells whether the email has an account. Raises
    :class:`InvalidCredentials` for an unknown email, a wrong password or an inactive user
    alike. Side effects on success: a SESSION token row, the password rehashed if the
    hasher's parameters changed, audited.
    """
    user = await queries.user_by_email(session, email)
    password_ok = await verify_password_off_loop(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.is_active:
        raise InvalidCredentials()
    if user.password_hash and password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    ttl = timedelta(hours=get_settings().session_token_ttl_hours)
    issued = await _issue_token(
        session, user=user, kind=TokenKind.SESSION, name="session", now=now, expires_at=now + ttl
    )
    await audit.record(
        session,
        actor=Actor(user_id=user.id),
        action="user.login",
        object_type="user",
        object_id=user.id,
        now=now,
    )
    return issued


async def login(
    session: AsyncSession,
    *,
    throttle: LoginThrottle,
    address: str | None,
    email: str,
    password: str,
    now: datetime,
) -> IssuedToken:
    """:func:`attempt_login` behind the login throttle, for requests from ``address``.

    Raises :class:`TooManyAttempts` before any password check once the address has used its
    attempts (for this email, or for all), and :class:`InvalidCredentials` as
    :func:`attempt_login` does. Side effects: the attempt counted in Redis (uncounted on
    success), and those of :func:`attempt_login`.
    """
    attempt = await throttle.admit(address=address, email=queries.normalise_email(email), now=now)
    try:
        issued = await attempt_login(session, email=email, password=password, now=now)
    except InvalidCredentials:
        # No audit entry (nothing changed); the email stays out of logs (often a password).
        log.info("login failed from %s", attempt.client)
        raise
    await throttle.succeeded(attempt)
    return issued


async def _issue_token(
    session: AsyncSession,
    *,
    user: User,
    kind: TokenKind,
    name: str,
    now: datetime,
    expires_at: datetime | None,
) -> IssuedToken:
    clear = new_token(TOKEN_PREFIX_SESSION if kind is TokenKind.SESSION else TOKEN_PREFIX_API)
    record = AuthToken(
        user_id=user.id,
        kind=kind,
        name=name,
        token_hash=hash_token(clear),
        created_at=now,
        expires_at=expires_at,
    )
    session.add(record)
    await session.flush()
    return IssuedToken(token=clear, record=record, user=user)


@dataclass(frozen=True)
class Bearer:
    """Whom a valid bearer token speaks for, and whether its use is due to be recorded."""

    actor: Actor
    use_to_record: bool


async def check_bearer(session: AsyncSession, token: str, *, now: datetime) -> Bearer | None:
    """The bearer of a token, or ``None`` when it is unknown, expired or revoked.

    Runs on every authenticated request: the token, its user and the user's grants and
    memberships come in one statement, and recording the use (:func:`record_token_use`) is
    asked for only when :func:`~backend.accounts.rules.is_token_use_due`, so that most
    requests write nothing.
    """
    holder = await queries.token_holder(session, hash_token(token))
    if holder is None:
        return None
    if holder.revoked_at is not None or not holder.user_is_active:
        return None
    if holder.expires_at is not None and holder.expires_at <= now:
        return None
    return Bearer(
        actor=_actor(holder.user_id, holder.email, holder.standing, token_id=holder.token_id),
        use_to_record=is_token_use_due(holder.kind, holder.last_used_at, now=now),
    )


async def actor_for_token(session: AsyncSession, token: str, *, now: datetime) -> Actor | None:
    """The actor behind a bearer token (see :func:`check_bearer`), for callers that record no
    use."""
    bearer = await check_bearer(session, token, now=now)
    return bearer.actor if bearer else None


async def record_token_use(session: AsyncSession, *, token_id: uuid.UUID, now: datetime) -> None:
    """Note that a token was used at ``now``, unless a use within the resolution is noted.

    The condition is in the UPDATE itself, so concurrent requests write the row once. Not
    audited: bookkeeping that no one decides. Side effect: ``last_used_at`` of the token.
    """
    await session.exec(
        update(AuthToken)
        .where(
            col(AuthToken.id) == token_id,
            or_(
                col(AuthToken.last_used_at).is_(None),
                col(AuthToken.last_used_at) <= now - TOKEN_USE_RESOLUTION,
            ),
        )
        .values(last_used_at=now)
    )


async def build_actor(
    session: AsyncSession, user: User, *, token_id: uuid.UUID | None = None
) -> Actor:
    return actor_of(user, await queries.standing_of(session, user.id), token_id=token_id)


def actor_of(user: User, standing: queries.Standing, *, token_id: uuid.UUID | None) -> Actor:
    return _actor(user.id, user.email, standing, token_id=token_id)


def _actor(
    user_id: uuid.UUID, email: str, standing: queries.Standing, *, token_id: uuid.UUID | None
) -> Actor:
    grants = standing.grants
    return Actor(
        user_id=user_id,
        email=email,
        is_platform_admin=any(role is Role.PLATFORM_ADMIN for role, _ in grants),
        managed_funder_ids=frozenset(
            funder for role, funder in grants if role is Role.PROGRAMME_MANAGER and funder
        ),
        viewed_funder_ids=frozenset(
            funder for role, funder in grants if role is Role.FUNDER_VIEWER and funder
        ),
        organisation_ids=standing.organisation_ids,
        is_expert=any(role is Role.EXPERT for role, _ in grants),
        token_id=token_id,
    )


async def logout(session: AsyncSession, *, actor: Actor, now: datetime) -> None:
    """Revoke the token the actor is using. Side effects: token revoked, audited."""
    if actor.token_id is None:
        raise AuthenticationRequired("sign in first")
    await _revoke(session, actor=actor, token_id=actor.token_id, now=now)


def _check_expiry(expires_at: datetime | None, now: datetime) -> list[FieldProblem]:
    """An aware instant in the future, in the years :mod:`backend.core.bounds` allows."""
    problems: list[FieldProblem] = []
    if expires_at is None or not check_year(problems, "expiresAt", expires_at):
        return problems
    if expires_at.tzinfo is None:
        return [FieldProblem("expiresAt", "give an offset (or Z)", "NAIVE")]
    if expires_at <= now:
        return [FieldProblem("expiresAt", "must be in the future", "IN_THE_PAST")]
    return problems


async def create_api_token(
    session: AsyncSession, *, actor: Actor, name: str, now: datetime, expires_at: datetime | None
) -> IssuedToken:
    """A long-lived token for an integration, acting as its creator. Audited."""
    if actor.user_id is None:
        raise AuthenticationRequired("sign in first")
    name = one_line(name)
    problems: list[FieldProblem] = []
    if not 1 <= len(name) <= 100:
        problems.append(FieldProblem("name", "give the token a name of 1 to 100 characters"))
    problems += _check_expiry(expires_at, now)
    if problems:
        raise InvalidInput(problems)
    user = await session.get(User, actor.user_id)
    if user is None:
        raise AuthenticationRequired("sign in first")
    issued = await _issue_token(
        session, user=user, kind=TokenKind.API, name=name, now=now, expires_at=expires_at
    )
    await audit.record(
        session,
        actor=actor,
        action="api_token.created",
        object_type="auth_token",
        object_id=issued.record.id,
        now=now,
        after={"name": name, "expires_at": expires_at},
    )
    return issued


async def revoke_api_token(
    session: AsyncSession, *, actor: Actor, token_id: uuid.UUID, now: datetime
) -> AuthToken:
    """Revoke one of the actor's own API tokens; anyone else's is not found. Audited."""
    if actor.user_id is None:
        raise AuthenticationRequired("sign in first")
    record = await session.get(AuthToken, token_id)
    if record is None or record.user_id != actor.user_id or record.kind is not TokenKind.API:
        raise NotFound("no such API token")
    return await _revoke(session, actor=actor, token_id=token_id, now=now)


async def _revoke(
    session: AsyncSession, *, actor: Actor, token_id: uuid.UUID, now: datetime
) -> AuthToken:
    record = await session.get(AuthToken, token_id)
    if record is None:
        raise NotFound("no such token")
    if record.revoked_at is None:
        record.revoked_at = now
        session.add(record)
        await audit.record(
            session,
            actor=actor,
            action="token.revoked",
            object_type="auth_token",
            object_id=record.id,
            now=now,
        )
    return record


async def create_user(
    session: AsyncSession,
    *,
    actor: Actor,
    email: str,
    full_name: str,
    password: str,
    language: Language = Language.FR,
    now: datetime,
    system: bool = False,
) -> User:
    """Create an account (platform admins, or the CLI with ``system=True``). Audited."""
    if not system and not can_manage_users(actor):
        raise PermissionDenied("only platform administrators create accounts")
    email = queries.normalise_email(email)
    full_name = one_line(full_name)
    problems = check_sign_up(email, full_name, password)
    if problems:
        raise InvalidInput(problems)
    if await queries.user_by_email(session, email) is not None:
        raise EmailAlreadyUsed(email)
    user = User(
        email=email,
        full_name=full_name,
        password_hash=hash_password(password),
        language=language,
        created_at=now,
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent sign-up took the address first
        raise EmailAlreadyUsed(email) from exc
    await audit.record(
        session,
        actor=actor,
        action="user.created",
        object_type="user",
        object_id=user.id,
        now=now,
        after={"email": email, "full_name": full_name},
    )
    return user


def check_sign_up(email: str, full_name: str, password: str) -> list[FieldProblem]:
    """What is wrong with an account's details (the normalised email and one-line name)."""
    problems = _check_email(email) + _check_password(password)
    if not 1 <= len(full_name) <= 200:
        problems.append(FieldProblem("fullName", "give a name of 1 to 200 characters"))
    return problems


def check_new_password(password: str) -> list[FieldProblem]:
    return _check_password(password)


async def register_user(
    session: AsyncSession,
    *,
    email: str,
    full_name: str,
    password_hash: str,
    language: Language,
    now: datetime,
) -> User:
    """Create the account of a confirmed sign-up (its details checked when asked for, its
    password already hashed). Raises :class:`EmailAlreadyUsed` if the address was taken
    since. Audited as done by the new user."""
    if await queries.user_by_email(session, email) is not None:
        raise EmailAlreadyUsed(email)
    user = User(
        email=email,
        full_name=full_name,
        password_hash=password_hash,
        language=language,
        created_at=now,
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise EmailAlreadyUsed(email) from exc
    await audit.record(
        session,
        actor=Actor(user_id=user.id),
        action="user.signed_up",
        object_type="user",
        object_id=user.id,
        now=now,
        after={"email": email, "full_name": full_name},
    )
    return user


async def set_password(session: AsyncSession, *, user: User, password: str, now: datetime) -> int:
    """Set a new password (checked by the caller) and end every session of the user, so a
    reset after a theft signs the thief out. API tokens stay: integrations are revoked one by
    one. Returns the number of sessions ended. Audited as done by the user."""
    user.password_hash = hash_password(password)
    session.add(user)
    ended = await session.exec(
        update(AuthToken)
        .where(
            col(AuthToken.user_id) == user.id,
            col(AuthToken.kind) == TokenKind.SESSION,
            col(AuthToken.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )
    await audit.record(
        session,
        actor=Actor(user_id=user.id),
        action="user.password_reset",
        object_type="user",
        object_id=user.id,
        now=now,
    )
    return int(ended.rowcount or 0)


async def grant_role(
    session: AsyncSession,
    *,
    actor: Actor,
    user_id: uuid.UUID,
    role: Role,
    funder_id: uuid.UUID | None,
    now: datetime,
    system: bool = False,
) -> RoleGrant:
    """Give a user a platform role; managers and viewers need a funder. Audited."""
    if not system and not can_manage_users(actor):
        raise PermissionDenied("only platform administrators grant roles")
    if (role in FUNDER_SCOPED_ROLES) != (funder_id is not None):
        raise InvalidInput.single(
            "funderId",
            "programme managers and funder viewers need a funder; other roles take none",
            "FUNDER_SCOPE",
        )
    if await session.get(User, user_id) is None:
        raise NotFound("no such user")
    for held in await queries.grants_of(session, user_id):
        if held.role == role and held.funder_id == funder_id:
            # Already held: nothing changes, nothing to audit (and NULL funders escape UNIQUE).
            return held
    grant = RoleGrant(user_id=user_id, role=role, funder_id=funder_id, created_at=now)
    session.add(grant)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="role.granted",
        object_type="user",
        object_id=user_id,
        now=now,
        after={"role": role.value, "funder_id": funder_id},
    )
    return grant


@dataclass(frozen=True)
class OrganisationInput:
    name: str
    kind: OrganisationKind
    country: str
    siret: str | None = None
    finess: str | None = None
    registry_id: str | None = None


def validated_organisation(data: OrganisationInput) -> OrganisationInput:
    """The organisation's details cleaned, or :class:`InvalidInput` listing every problem
    (also for an organisation proposed in an invitation by e-mail, checked when mailed)."""
    return _validated_organisation(data)


def check_email(email: str) -> list[FieldProblem]:
    """The problem with a (normalised) e-mail address, if any."""
    return _check_email(email)


def _validated_organisation(data: OrganisationInput) -> OrganisationInput:
    """Normalise identifiers by country: SIRET (and FINESS for establishments) in France."""
    problems: list[FieldProblem] = []
    name, country = one_line(data.name), data.country.strip().upper()
    if not 1 <= len(name) <= 300:
        problems.append(FieldProblem("name", "give a name of 1 to 300 characters"))
    if not is_country_code(country):
        problems.append(FieldProblem("country", "not an ISO 3166-1 alpha-2 code", "COUNTRY"))
    siret = finess = registry_id = None
    if country == "FR":
        siret = _identifier(problems, "siret", data.siret, identifiers.normalise_siret)
        if data.kind in ESTABLISHMENT_KINDS or data.finess:
            finess = _identifier(problems, "finess", data.finess, identifiers.normalise_finess)
    else:
        if data.siret or data.finess:
            problems.append(
                FieldProblem("siret", "SIRET and FINESS apply to French organisations only")
            )
        registry_id = _identifier(
            problems, "registryId", data.registry_id, identifiers.validate_registry_id
        )
    if problems:
        raise InvalidInput(problems)
    return OrganisationInput(name, data.kind, country, siret, finess, registry_id)


def _identifier(problems: list[FieldProblem], field: str, value: str | None, check) -> str | None:  # type: ignore[no-untyped-def]
    if not value or not value.strip():
        problems.append(FieldProblem(field, "required for this organisation", "REQUIRED"))
        return None
    try:
        return str(check(value))
    except identifiers.IdentifierError as exc:
        problems.append(FieldProblem(field, str(exc), "INVALID_IDENTIFIER"))
        return None


async def create_organisation(
    session: AsyncSession, *, actor: Actor, data: OrganisationInput, now: datetime
) -> Organisation:
    """Register an organisation; its creator becomes its first admin. Audited."""
    if not can_create_organisation(actor) or actor.user_id is None:
        raise AuthenticationRequired("sign in to register an organisation")
    clean = _validated_organisation(data)
    organisation = Organisation(
        name=clean.name,
        name_key=search_key(clean.name),
        kind=clean.kind,
        country=clean.country,
        siret=clean.siret,
        finess=clean.finess,
        registry_id=clean.registry_id,
        created_at=now,
    )
    session.add(organisation)
    await session.flush()
    session.add(
        Membership(
            user_id=actor.user_id,
            organisation_id=organisation.id,
            role=MembershipRole.ADMIN,
            created_at=now,
        )
    )
    await audit.record(
        session,
        actor=actor,
        action="organisation.created",
        object_type="organisation",
        object_id=organisation.id,
        now=now,
        after=organisation.model_dump(mode="json"),
    )
    return organisation


async def add_member(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    email: str,
    role: MembershipRole,
    now: datetime,
) -> Membership:
    """An organisation admin adds an existing account as a member. Audited."""
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None or not can_read_organisation(actor, organisation_id):
        raise NotFound("no such organisation")
    own = (
        await queries.membership(session, user_id=actor.user_id, organisation_id=organisation_id)
        if actor.user_id
        else None
    )
    is_org_admin = own is not None and own.role is MembershipRole.ADMIN
    if not can_manage_organisation(actor, organisation_id, is_org_admin=is_org_admin):
        raise PermissionDenied("only the organisation's admins add members")
    user = await queries.user_by_email(session, email)
    if user is None:
        raise InvalidInput.single("email", "no account uses this address", "UNKNOWN_USER")
    if await queries.membership(session, user_id=user.id, organisation_id=organisation_id):
        raise AlreadyMember()
    member = Membership(user_id=user.id, organisation_id=organisation_id, role=role, created_at=now)
    session.add(member)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="organisation.member_added",
        object_type="organisation",
        object_id=organisation_id,
        now=now,
        after={"user_id": user.id, "role": role.value},
    )
    return member
