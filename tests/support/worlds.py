"""The worlds tests run in, composed of ``tests.support.factories``, built once per run.

- :func:`build_scenario`: one actor of each kind, for authorization and query-count tests;
  :func:`build_candidacy_scenario` adds open and closed calls and candidacies.
- :func:`build_world`: a *deadline world*, an OPEN call with its managers, applicant
  organisations (each with members) and candidacies, for the worker and reliability tests.

Building a world through the services costs tenths of a second, and hundreds of tests ask
for the same few. So :func:`once_per_run` builds each (world, arguments, database) once, in
an empty database, keeps every row it wrote and the world object it returned, and for the
next test (whose database ``session_factory`` has emptied) inserts the same rows back and
hands out a fresh copy of the world: the same database, row for row, as building it again.
A world asked for in a database that is not empty is built through the services.
"""

from __future__ import annotations

import functools
import io
import pickle
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel, col, select
from strawberry.relay import GlobalID

from backend.accounts.enums import Role
from backend.accounts.models import Organisation, User
from backend.calls.enums import CallStatus
from backend.calls.inputs import TimelineInput
from backend.calls.models import Call, Funder, Programme
from backend.candidacies.models import Candidacy
from backend.core.audit import AuditEntry
from backend.core.auth import TOKEN_PREFIX_SESSION, Actor
from backend.core.clock import FrozenClock
from backend.core.db import SessionFactory, read_session, unit_of_work
from backend.core.i18n import Language
from backend.core.settings import Settings
from backend.lifecycle import calls as lifecycle
from backend.notifications.models import Notification
from tests.support import factories as f
from tests.support.audit import seal_all, sealed_chain
from tests.support.tables import tables_holding_rows

W = TypeVar("W")

# --- built once, restored by copying rows -----------------------------------------------------


@dataclass(frozen=True)
class _Snapshot:
    rows: dict[str, list[dict[str, Any]]]
    world: bytes


_SNAPSHOTS: dict[tuple[Any, ...], _Snapshot] = {}


async def once_per_run(
    factory: SessionFactory,
    key: tuple[Any, ...],
    build: Callable[[], Awaitable[W]],
    *,
    clock: FrozenClock | None = None,
) -> W:
    """``build()``'s world; built through the services the first time ``key`` is asked for in
    an empty database, restored from its rows afterwards.

    ``key`` must name everything the world depends on (its builder, ``now``, its
    arguments). The world object may hold ``factory`` and ``clock``: a restored copy holds
    the caller's.
    """
    engine: AsyncEngine = factory.kw["bind"]
    key = (str(engine.url), *key)
    if not await _is_empty(engine):
        return await build()
    snapshot = _SNAPSHOTS.get(key)
    if snapshot is not None:
        await _insert_rows(engine, snapshot.rows)
        return _thaw(snapshot.world, {"factory": factory, "clock": clock})
    world = await build()
    frozen = _freeze(world, {id(factory): "factory", id(clock): "clock"})
    _SNAPSHOTS[key] = _Snapshot(await _all_rows(engine), frozen)
    return world


def _tables() -> list[sa.Table]:
    return list(SQLModel.metadata.sorted_tables)


async def _is_empty(engine: AsyncEngine) -> bool:
    """No rows but the audit chain's genesis head (what ``session_factory`` leaves)."""
    head = SQLModel.metadata.tables["audit_head"]
    occupied = [
        sa.exists(sa.select(sa.literal(1)).select_from(t)) for t in _tables() if t is not head
    ]
    occupied.append(sa.exists(sa.select(head.c.seq).where(head.c.seq != 0)))
    async with engine.connect() as conn:
        return not any((await conn.execute(sa.select(*occupied))).one())


async def _all_rows(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    async with engine.connect() as conn:
        return {
            t.name: [dict(row._mapping) for row in await conn.execute(sa.select(t))]
            for t in _tables()
        }


async def _insert_rows(engine: AsyncEngine, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Parents before children, in one transaction; the snapshot's head replaces genesis."""
    async with engine.begin() as conn:
        await conn.execute(SQLModel.metadata.tables["audit_head"].delete())
        for table in _tables():
            if rows[table.name]:
                await conn.execute(table.insert(), rows[table.name])


class _Freezer(pickle.Pickler):
    def __init__(self, file: io.BytesIO, live: dict[int, str]) -> None:
        super().__init__(file)
        self.live = live

    def persistent_id(self, obj: Any) -> str | None:
        return self.live.get(id(obj))


class _Thawer(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, live: dict[str, Any]) -> None:
        super().__init__(file)
        self.live = live

    def persistent_load(self, pid: Any) -> Any:
        return self.live[pid]


def _freeze(world: Any, live: dict[int, str]) -> bytes:
    """The world as bytes, its live objects (session factory, clock) left out by name."""
    buffer = io.BytesIO()
    _Freezer(buffer, live).dump(world)
    return buffer.getvalue()


def _thaw(frozen: bytes, live: dict[str, Any]) -> Any:
    return _Thawer(io.BytesIO(frozen), live).load()


# --- the scenario: one actor of each kind -----------------------------------------------------

ANONYMOUS = "anonymous"
SIGNED_ACTORS = (
    "admin",
    "manager_a",
    "manager_b",
    "viewer_a",
    "expert",
    "applicant_x",
    "member_x",
    "applicant_y",
)
ACTORS = (ANONYMOUS, *SIGNED_ACTORS)
CANDIDACY_ACTORS = (*ACTORS, "applicant_z")
"""``ACTORS`` plus the admin of organisation Z, a partner (never the lead) of X's candidacy."""
LEAD_SHARE = f.LEAD_SHARE
PARTNER_SHARE = f.PARTNER_SHARE


@dataclass
class Scenario:
    """Funders A and B each have a programme and a manager; A also has a viewer. There is a
    platform admin, an expert, and applicants: the admin and a plain member of organisation
    X, and the admin of organisation Y (who is not in X). Calls: a DRAFT of A, a DRAFT of B,
    a PUBLISHED call of A."""

    funder_a: Funder
    funder_b: Funder
    programme_a: Programme
    programme_b: Programme
    org_x: Organisation
    org_y: Organisation
    draft_a: Call
    draft_b: Call
    published_a: Call
    users: dict[str, f.Signed] = field(default_factory=dict)

    def headers(self, actor: str) -> dict[str, str]:
        return {} if actor == ANONYMOUS else self.users[actor].headers

    def user(self, actor: str) -> User:
        return self.users[actor].user

    def call(self, name: str) -> Call:
        return {"draft_a": self.draft_a, "draft_b": self.draft_b, "published_a": self.published_a}[
            name
        ]

    def organisation(self, name: str) -> Organisation:
        return {"org_x": self.org_x, "org_y": self.org_y}[name]


async def build_scenario(factory: SessionFactory, now: datetime) -> Scenario:
    return await once_per_run(factory, ("scenario", now), lambda: _build_scenario(factory, now))


async def _build_scenario(factory: SessionFactory, now: datetime) -> Scenario:
    """The whole world in one unit of work (one commit is much faster than thirty)."""
    async with unit_of_work(factory) as uow:
        s = uow.session
        funder_a = await f.make_funder(s, now, name="Funder A")
        funder_b = await f.make_funder(s, now, name="Funder B")
        programme_a = await f.make_programme(s, now, funder_a)
        programme_b = await f.make_programme(s, now, funder_b)
        users = {name: await f.make_signed_user(s, now, name) for name in SIGNED_ACTORS}
        for actor, role, funder in (
            ("admin", Role.PLATFORM_ADMIN, None),
            ("manager_a", Role.PROGRAMME_MANAGER, funder_a),
            ("manager_b", Role.PROGRAMME_MANAGER, funder_b),
            ("viewer_a", Role.FUNDER_VIEWER, funder_a),
            ("expert", Role.EXPERT, None),
        ):
            await f.grant(s, now, users[actor].user, role, funder)
        org_x = await f.make_organisation(s, now, users["applicant_x"].user, name="Org X")
        await f.add_member(s, now, org_x, users["applicant_x"].user, users["member_x"].user)
        org_y = await f.make_organisation(s, now, users["applicant_y"].user, name="Org Y")
        draft_a = await f.make_call(s, now, programme_a, funder_a, co_funders_accept=False)
        draft_b = await f.make_call(s, now, programme_b, funder_b, co_funders_accept=False)
        published_a = await f.make_call(
            s, now, programme_a, funder_a, status=CallStatus.PUBLISHED, co_funders_accept=False
        )
    return Scenario(
        funder_a=funder_a,
        funder_b=funder_b,
        programme_a=programme_a,
        programme_b=programme_b,
        org_x=org_x,
        org_y=org_y,
        draft_a=draft_a,
        draft_b=draft_b,
        published_a=published_a,
        users=users,
    )


@dataclass
class CandidacyScenario:
    """``build_scenario``'s world, plus what candidacies need.

    OPEN calls of A and of B; a CLOSED call of A (deadline passed yesterday); organisation Z,
    whose admin is ``applicant_z``. Candidacies: ``x_a`` (X leads, Z is a partner; complete,
    a DRAFT) to A's open call, ``x_b`` (X, SUBMITTED) to B's, ``y_a`` (Y, a DRAFT) to A's, and
    ``x_closed`` (X, SUBMITTED before the deadline) to A's closed call.
    """

    base: Scenario
    org_z: Organisation
    open_a: Call
    open_b: Call
    closed_a: Call
    candidacies: dict[str, Candidacy]

    def headers(self, actor: str) -> dict[str, str]:
        return self.base.headers(actor)

    def user(self, actor: str) -> User:
        return self.base.user(actor)

    def call(self, name: str) -> Call:
        extra = {"open_a": self.open_a, "open_b": self.open_b, "closed_a": self.closed_a}
        return extra[name] if name in extra else self.base.call(name)

    def organisation(self, name: str) -> Organisation:
        return self.org_z if name == "org_z" else self.base.organisation(name)

    def candidacy(self, name: str) -> Candidacy:
        return self.candidacies[name]


async def build_candidacy_scenario(factory: SessionFactory, now: datetime) -> CandidacyScenario:
    return await once_per_run(
        factory, ("candidacy_scenario", now), lambda: _build_candidacy_scenario(factory, now)
    )


async def _build_candidacy_scenario(factory: SessionFactory, now: datetime) -> CandidacyScenario:
    base = await build_scenario(factory, now)
    users = base.users
    x = f.applicant(users["applicant_x"].user, base.org_x)
    y = f.applicant(users["applicant_y"].user, base.org_y)
    past = now - timedelta(days=20)
    async with unit_of_work(factory) as uow:
        s = uow.session
        users["applicant_z"] = await f.make_signed_user(s, now, "applicant_z")
        org_z = await f.make_organisation(s, now, users["applicant_z"].user, name="Org Z")
        open_a = await f.open_call(s, now, base.programme_a, base.funder_a)
        open_b = await f.open_call(s, now, base.programme_b, base.funder_b)
        closed_a = await f.open_call(
            s,
            past,
            base.programme_a,
            base.funder_a,
            opens_at=past - timedelta(days=1),
            deadline_at=now - timedelta(days=1),
        )
        x_closed = await f.prepare_candidacy(s, past, x, closed_a, base.org_x)
        await f.submit_candidacy(s, past + timedelta(days=1), x, x_closed)
        await lifecycle.close_call(s, call_id=closed_a.id, now=now - timedelta(days=1))
        x_a = await f.prepare_candidacy(s, now, x, open_a, base.org_x, org_z)
        x_b = await f.prepare_candidacy(s, now, x, open_b, base.org_x)
        await f.submit_candidacy(s, now, x, x_b)
        y_a = await f.make_candidacy(s, now, y, open_a, base.org_y, title="Y")
        await s.refresh(closed_a)
    return CandidacyScenario(
        base=base,
        org_z=org_z,
        open_a=open_a,
        open_b=open_b,
        closed_a=closed_a,
        candidacies={"x_a": x_a, "x_b": x_b, "y_a": y_a, "x_closed": x_closed},
    )


# --- deadline worlds: an OPEN call and its candidacies ----------------------------------------

SHARE_CENTS = 50_000_00


@dataclass
class Applicant:
    organisation: Organisation
    members: list[f.Signed]

    @property
    def actor(self) -> Actor:
        return f.applicant(self.members[0].user, self.organisation)

    @property
    def users(self) -> list[User]:
        return [m.user for m in self.members]


@dataclass
class DeadlineWorld:
    factory: SessionFactory
    clock: FrozenClock
    funder: Funder
    programme: Programme
    managers: list[User]
    call: Call
    applicants: list[Applicant] = field(default_factory=list)
    drafts: list[Candidacy] = field(default_factory=list)
    submitted: list[Candidacy] = field(default_factory=list)

    @property
    def now(self) -> datetime:
        return self.clock.now()

    @property
    def deadline(self) -> datetime:
        return self.call.deadline_at

    def draft_members(self) -> list[tuple[Candidacy, User]]:
        """Every (draft, member of its lead organisation): who gets a reminder."""
        by_org = {a.organisation.id: a.users for a in self.applicants}
        return [(c, u) for c in self.drafts for u in by_org[c.lead_organisation_id]]

    def ctx(self, settings: Settings, jobs: Any = None) -> dict[str, Any]:
        """What a worker's ``startup`` puts in ``ctx``, with this world's clock and database."""
        return {
            "settings": settings,
            "session_factory": self.factory,
            "clock": self.clock,
            "jobs": jobs,
        }


async def build_world(
    factory: SessionFactory,
    clock: FrozenClock,
    *,
    opened: timedelta = timedelta(days=20),
    deadline_in: timedelta = timedelta(days=10),
    drafts: int = 2,
    submitted: int = 1,
    members: int = 2,
    offsets: list[int] | None = None,
) -> DeadlineWorld:
    """An OPEN call (opened ``opened`` ago, published now), with candidacies made now.

    Two managers (French and English) manage the call's funder; each applicant organisation
    has ``members`` members and leads one candidacy: ``drafts`` DRAFTs, then ``submitted``
    SUBMITTED ones.
    """
    shape = (opened, deadline_in, drafts, submitted, members, offsets and tuple(offsets))
    return await once_per_run(
        factory,
        ("deadline_world", clock.now(), *shape),
        functools.partial(
            _build_world, factory, clock, opened, deadline_in, drafts, submitted, members, offsets
        ),
        clock=clock,
    )


async def _build_world(
    factory: SessionFactory,
    clock: FrozenClock,
    opened: timedelta,
    deadline_in: timedelta,
    drafts: int,
    submitted: int,
    members: int,
    offsets: list[int] | None,
) -> DeadlineWorld:
    now = clock.now()
    funder = await f.make_funder(factory, now)
    programme = await f.make_programme(factory, now, funder)
    managers = []
    for language in (Language.FR, Language.EN):
        manager = await f.make_signed_user(factory, now, "manager", language=language)
        await f.grant(factory, now, manager.user, Role.PROGRAMME_MANAGER, funder)
        managers.append(manager.user)
    call = await f.make_call(
        factory,
        now,
        programme,
        funder,
        status=CallStatus.OPEN,
        timeline=TimelineInput(
            timezone="Europe/Paris", opens_at=now - opened, deadline_at=now + deadline_in
        ),
    )
    if offsets is not None:
        call = await set_offsets(factory, call, offsets)
    world = DeadlineWorld(factory, clock, funder, programme, managers, call)
    for i in range(drafts + submitted):
        applicant = await make_applicant(world, members=members)
        candidacy = await start_candidacy(world, applicant, title=f"Projet {i + 1}")
        if i < drafts:
            world.drafts.append(candidacy)
        else:
            world.submitted.append(await submit(world, applicant, candidacy))
    return world


async def set_offsets(factory: SessionFactory, call: Call, offsets: list[int]) -> Call:
    async with unit_of_work(factory) as uow:
        row = await uow.session.get(Call, call.id)
        assert row is not None
        row.reminder_offsets_days = offsets
        uow.session.add(row)
    return row


async def make_applicant(world: DeadlineWorld, *, members: int = 2) -> Applicant:
    """An organisation of ``members`` signed-in users (the first its admin), in ``world``."""
    now = world.now
    people = [await f.make_signed_user(world.factory, now, "applicant") for _ in range(members)]
    org = await f.make_organisation(world.factory, now, people[0].user)
    for other in people[1:]:
        await f.add_member(world.factory, now, org, people[0].user, other.user)
    applicant = Applicant(org, people)
    world.applicants.append(applicant)
    return applicant


async def start_candidacy(world: DeadlineWorld, applicant: Applicant, *, title: str) -> Candidacy:
    return await f.make_candidacy(
        world.factory, world.now, applicant.actor, world.call, applicant.organisation, title=title
    )


async def complete(world: DeadlineWorld, applicant: Applicant, candidacy: Candidacy) -> None:
    """Answer the form and give a budget (the lead alone), so the candidacy can be submitted."""
    await f.complete_candidacy(
        world.factory,
        world.now,
        applicant.actor,
        candidacy,
        applicant.organisation,
        lead_share=SHARE_CENTS,
        summary="Un résumé.",
    )


async def submit(world: DeadlineWorld, applicant: Applicant, candidacy: Candidacy) -> Candidacy:
    await complete(world, applicant, candidacy)
    return await f.submit_candidacy(world.factory, world.now, applicant.actor, candidacy)


# --- reading the world back -------------------------------------------------------------------


def gid(type_name: str, obj: Any) -> str:
    """The relay global ID of a row, as a client sees it."""
    return str(GlobalID(type_name, str(obj.id)))


def unguessable() -> str:
    """A well-formed bearer token that was never issued."""
    return TOKEN_PREFIX_SESSION + secrets.token_urlsafe(32)


async def database_fingerprint(factory: SessionFactory) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, sorted: equal fingerprints mean nothing at all changed (one
    statement finds the tables holding rows; only those are read)."""
    tables = SQLModel.metadata.sorted_tables
    snapshot: dict[str, list[tuple[str, ...]]] = {table.name: [] for table in tables}
    async with read_session(factory) as session:
        connection = await session.connection()
        for table in await tables_holding_rows(connection):
            rows = (await connection.execute(sa.select(table))).all()
            snapshot[table.name] = sorted(tuple(repr(v) for v in row) for row in rows)
    return snapshot


async def row_count(factory: SessionFactory, model: type[SQLModel]) -> int:
    async with read_session(factory) as session:
        return (await session.exec(select(sa.func.count()).select_from(model))).one()


async def reload(factory: SessionFactory, model: type[SQLModel], row_id: Any) -> Any:
    async with read_session(factory) as session:
        return await session.get(model, row_id)


async def reload_call(factory: SessionFactory, call_id: uuid.UUID) -> Call:
    async with factory() as session:
        call = await session.get(Call, call_id)
        assert call is not None
        return call


async def candidacies_of(factory: SessionFactory, call_id: uuid.UUID) -> list[Candidacy]:
    async with factory() as session:
        stmt = select(Candidacy).where(col(Candidacy.call_id) == call_id)
        return list((await session.exec(stmt)).all())


async def notifications(factory: SessionFactory, template: str | None = None) -> list[Notification]:
    async with factory() as session:
        stmt = select(Notification).order_by(col(Notification.dedupe_key))
        if template is not None:
            stmt = stmt.where(col(Notification.template) == template)
        return list((await session.exec(stmt)).all())


async def audit_actions(factory: SessionFactory, object_id: uuid.UUID) -> list[str]:
    """The object's audit actions in chain order (what is pending is sealed first)."""
    await seal_all(factory)
    async with factory() as session:
        stmt = (
            select(AuditEntry.action)
            .where(col(AuditEntry.object_id) == str(object_id))
            .order_by(col(AuditEntry.seq))
        )
        return list((await session.exec(stmt)).all())


async def audit_chain_problems(factory: SessionFactory) -> list[Any]:
    """Seal what is pending, as the worker's ``seal_audit`` would, then verify the chain."""
    return await sealed_chain(factory)
