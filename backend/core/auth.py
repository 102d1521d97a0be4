"""Who is asking: the :class:`Actor`, passwords and opaque tokens.

An actor is built once per request from the bearer token and carries everything the
permission predicates need (roles and scopes), so a predicate never queries the database.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("not-a-real-password")

TOKEN_PREFIX_SESSION = "aaps_"  # noqa: S105 - a visible prefix, not a secret
TOKEN_PREFIX_API = "aapk_"  # noqa: S105


class ActorKind(StrEnum):
    """Who acted, as the audit trail names it: a person, or which part of the platform."""

    USER = "user"
    """A signed-in person, through a session or one of their API tokens."""
    ANONYMOUS = "anonymous"
    """A caller without credentials."""
    SYSTEM = "system"
    """The platform's own commands, run by an operator: the CLI, the demo seed."""
    SCHEDULER = "scheduler"
    """The deadline jobs and sweeps: openings, closings, settling drafts."""


@dataclass(frozen=True)
class Actor:
    """Who is asking, with everything the permission predicates need.

    ``service`` names the part of the platform acting when no user does (the scheduler, the
    system); it is ignored when ``user_id`` is set, and an actor with neither is anonymous.
    """

    user_id: uuid.UUID | None = None
    email: str | None = None
    is_platform_admin: bool = False
    managed_funder_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    viewed_funder_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    organisation_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    is_expert: bool = False
    token_id: uuid.UUID | None = None
    service: ActorKind | None = None

    @property
    def kind(self) -> ActorKind:
        if self.user_id is not None:
            return ActorKind.USER
        return self.service or ActorKind.ANONYMOUS

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def readable_funder_ids(self) -> frozenset[uuid.UUID]:
        """Funders whose unpublished calls this actor may read (managers and viewers)."""
        return self.managed_funder_ids | self.viewed_funder_ids


ANONYMOUS = Actor()
SYSTEM = Actor(service=ActorKind.SYSTEM)
"""The CLI and the demo seed: an operator's command, not a request."""
SCHEDULER = Actor(service=ActorKind.SCHEDULER)
"""The deadline jobs and sweeps: what happens because the clock said so."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the account exists, so timing does not reveal emails."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


_ARGON2_THREADS = ThreadPoolExecutor(
    max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="argon2"
)


async def verify_password_off_loop(password_hash: str | None, password: str) -> bool:
    """:func:`verify_password` in a worker thread (argon2 releases the GIL).

    A verification takes a few hundred milliseconds of CPU: on the event loop it would stall
    every other request of the process for that long, once per login attempt. The pool holds
    a few threads, bounding the memory argon2 asks for (64 MiB per verification).
    """
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_ARGON2_THREADS, verify_password, password_hash, password)


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are stored only as SHA-256: they carry 256 random bits, no salt is needed."""
    return hashlib.sha256(token.encode()).hexdigest()
