"""Signing up with a confirmed address, and resetting a forgotten password.

Both mail a one-time code to the address, inside a link to the web application
(``{public_url}/confirm-email#code=...``, ``/reset-password#code=...``: in the fragment, which
browsers send to no server and no ``Referer`` carries). Neither tells whether an address has
an account: asking answers the same either way, and the mailbox's owner learns what happened
(a second sign-up with a used address mails its owner instead). A code is stored as its
SHA-256, works once and expires; asking again within :data:`RESEND_AFTER` sends nothing new.

Every function takes the caller's session and never commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.accounts import queries as account_queries
from backend.accounts import services as accounts
from backend.accounts.errors import EmailAlreadyUsed
from backend.accounts.models import User
from backend.accounts.throttle import LoginThrottle
from backend.core.auth import hash_password, hash_token, new_token
from backend.core.errors import InvalidInput
from backend.core.i18n import Language
from backend.core.settings import get_settings
from backend.core.text import one_line
from backend.notifications import services as notifications
from backend.registration.errors import InvalidCode
from backend.registration.models import PasswordReset, SignUpRequest

SIGN_UP_CODE_TTL = timedelta(hours=48)
RESET_CODE_TTL = timedelta(hours=1)
RESEND_AFTER = timedelta(minutes=5)
"""One mail per address and purpose in this time, however often it is asked for."""

CODE_PREFIX = "aapc_"


def _link(path: str, code: str) -> str:
    return f"{get_settings().web_url(path)}#code={code}"


def _window(now: datetime) -> str:
    """The dedupe window a request falls in (see :data:`RESEND_AFTER`)."""
    return str(int(now.timestamp() // RESEND_AFTER.total_seconds()))


async def sign_up(
    session: AsyncSession,
    *,
    throttle: LoginThrottle,
    address: str | None,
    email: str,
    full_name: str,
    password: str,
    language: Language,
    now: datetime,
) -> None:
    """Ask for an account: mail a confirmation link to ``email`` (the account is created when
    it is followed, :func:`confirm_sign_up`), or, when the address already has an account,
    mail its owner that someone tried. Raises :class:`InvalidInput` for bad details, whatever
    the address, and :class:`TooManyAttempts` past the login throttle's limits (each request
    counts as a failed login would: every one may send a mail). Side effects: a
    ``sign_up_request`` row and one queued mail (none when the same address asked within
    :data:`RESEND_AFTER`)."""
    email = account_queries.normalise_email(email)
    full_name = one_line(full_name)
    problems = accounts.check_sign_up(email, full_name, password)
    if problems:
        raise InvalidInput(problems)
    await throttle.admit(address=address, email=email, now=now)  # counts: mails cost
    owner = await account_queries.user_by_email(session, email)
    if owner is not None:
        await notifications.enqueue(
            session,
            user=owner,
            template="sign_up_address_taken",
            context={"sign_in_link": get_settings().web_url("/sign-in")},
            dedupe_key=f"sign-up-taken:{owner.id}:{_window(now)}",
            now=now,
        )
        return
    code = new_token(CODE_PREFIX)
    request = SignUpRequest(
        email=email,
        full_name=full_name,
        password_hash=hash_password(password),
        language=language,
        code_hash=hash_token(code),
        created_at=now,
        expires_at=now + SIGN_UP_CODE_TTL,
    )
    created = await notifications.enqueue_to_address(
        session,
        email=email,
        language=language,
        template="sign_up_confirmation",
        context={"link": _link("/confirm-email", code), "full_name": full_name},
        dedupe_key=f"sign-up:{hash_token(email)[:32]}:{_window(now)}",
        now=now,
    )
    if created is not None:  # else a mail for this address went out moments ago
        session.add(request)


async def confirm_sign_up(session: AsyncSession, *, code: str, now: datetime) -> User:
    """Create the account a confirmation link was mailed for. Raises :class:`InvalidCode`
    for an unknown, used or expired code, or when the address got an account since. Side
    effects: the account (audited), the request used."""
    request = (
        await session.exec(
            select(SignUpRequest).where(col(SignUpRequest.code_hash) == hash_token(code.strip()))
        )
    ).first()
    if request is None or request.used_at is not None or request.expires_at <= now:
        raise InvalidCode()
    request.used_at = now
    session.add(request)
    try:
        return await accounts.register_user(
            session,
            email=request.email,
            full_name=request.full_name,
            password_hash=request.password_hash,
            language=request.language,
            now=now,
        )
    except EmailAlreadyUsed as exc:
        raise InvalidCode() from exc


async def request_password_reset(
    session: AsyncSession,
    *,
    throttle: LoginThrottle,
    address: str | None,
    email: str,
    now: datetime,
) -> None:
    """Mail a reset link to the account of ``email``, if there is an active one; answer the
    same otherwise. Raises :class:`TooManyAttempts` past the login throttle's limits (each
    request counts as a failed login would). Side effects: a ``password_reset`` row and one
    queued mail (none when asked within :data:`RESEND_AFTER` of the last one)."""
    email = account_queries.normalise_email(email)
    await throttle.admit(address=address, email=email, now=now)
    user = await account_queries.user_by_email(session, email)
    if user is None or not user.is_active:
        return
    code = new_token(CODE_PREFIX)
    created = await notifications.enqueue(
        session,
        user=user,
        template="password_reset",
        context={"link": _link("/reset-password", code)},
        dedupe_key=f"password-reset:{user.id}:{_window(now)}",
        now=now,
    )
    if created is not None:
        session.add(
            PasswordReset(
                user_id=user.id,
                code_hash=hash_token(code),
                created_at=now,
                expires_at=now + RESET_CODE_TTL,
            )
        )


async def reset_password(session: AsyncSession, *, code: str, password: str, now: datetime) -> User:
    """Set a new password with a mailed code. Raises :class:`InvalidInput` for a password
    too weak (before the code is looked at) and :class:`InvalidCode` for an unknown, used or
    expired one. Side effects: the password, every session of the user ended, the code used,
    audited."""
    problems = accounts.check_new_password(password)
    if problems:
        raise InvalidInput(problems)
    reset = (
        await session.exec(
            select(PasswordReset).where(col(PasswordReset.code_hash) == hash_token(code.strip()))
        )
    ).first()
    if reset is None or reset.used_at is not None or reset.expires_at <= now:
        raise InvalidCode()
    user = await session.get(User, reset.user_id)
    if user is None or not user.is_active:
        raise InvalidCode()
    reset.used_at = now
    session.add(reset)
    await accounts.set_password(session, user=user, password=password, now=now)
    return user
