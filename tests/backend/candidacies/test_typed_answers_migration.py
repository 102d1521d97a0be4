"""Migration 0007: NUMBER answers saved as decimal strings by earlier releases
become JSON numbers; other answers, and submitted snapshots (hashed), are left as they are."""

from __future__ import annotations

import asyncio
import uuid

import sqlalchemy as sa
from sqlmodel import select

from backend.calls.enums import QuestionKind
from backend.calls.models import FormQuestion
from backend.candidacies.models import CandidacyAnswer, CandidacyVersion
from backend.core import migrate
from backend.core.db import create_engine, create_session_factory, read_session, unit_of_work
from tests.support.worlds import build_candidacy_scenario


async def test_number_answers_stored_as_text_become_numbers_and_back(clock, tmp_path):
    await check_typed_answers_migration(
        f"sqlite+aiosqlite:///{tmp_path / 'answers.sqlite3'}", clock
    )


async def check_typed_answers_migration(url: str, clock) -> None:
    """On an empty database at ``url`` (also run by hand against PostgreSQL).

    The world is built at the head (its models are today's), then the database is taken back
    to the revision before this migration, where earlier releases stored numbers as strings.
    """
    await asyncio.to_thread(migrate.upgrade, url, "head")
    engine = create_engine(url)
    factory = create_session_factory(engine)
    try:
        world = await build_candidacy_scenario(factory, clock.now())
        x_a = world.candidacy("x_a")
        await engine.dispose()
        await asyncio.to_thread(_downgrade, url, "0006")
        async with unit_of_work(factory) as uow:
            for key, kind in (("patients", QuestionKind.NUMBER), ("cost", QuestionKind.NUMBER),
                              ("code", QuestionKind.TEXT)):  # fmt: skip
                uow.session.add(
                    FormQuestion(
                        call_id=x_a.call_id, position=10, key=key, kind=kind, label={"fr": key}
                    )
                )
            for key, value in (("patients", "12.50"), ("cost", "7"), ("code", "12")):
                uow.session.add(
                    CandidacyAnswer(
                        candidacy_id=x_a.id, question_key=key, value=value, updated_at=clock.now()
                    )
                )
        snapshots_before = await _snapshots(factory)

        await engine.dispose()
        await asyncio.to_thread(migrate.upgrade, url, "0007")
        upgraded = await _answers(factory, x_a.id)
        await engine.dispose()
        await asyncio.to_thread(_downgrade, url, "0006")
        downgraded = await _answers(factory, x_a.id)

        assert upgraded["patients"] == 12.5 and type(upgraded["cost"]) is int
        assert upgraded["cost"] == 7
        assert upgraded["code"] == "12"  # a TEXT answer stays text
        assert await _snapshots(factory) == snapshots_before
        assert {k: downgraded[k] for k in ("patients", "cost", "code")} == {
            "patients": "12.5", "cost": "7", "code": "12"
        }  # fmt: skip
    finally:
        await engine.dispose()


async def _answers(factory, candidacy_id: uuid.UUID) -> dict:
    async with read_session(factory) as session:
        rows = await session.exec(
            select(CandidacyAnswer).where(CandidacyAnswer.candidacy_id == candidacy_id)
        )
        return {a.question_key: a.value for a in rows.all()}


async def _snapshots(factory) -> list:
    async with read_session(factory) as session:
        rows = await session.exec(select(CandidacyVersion).order_by(sa.text("sha256")))
        return [(v.sha256, v.snapshot) for v in rows.all()]


def _downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(migrate.alembic_config(url), revision)
