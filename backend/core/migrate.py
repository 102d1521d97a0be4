"""Run Alembic programmatically, so ``aap migrate`` and the tests share one path."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["configure_logging"] = False
    if database_url:
        config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str | None = None, revision: str = "head") -> list[str]:
    """Apply the migrations up to ``revision``; returns those applied, oldest first (each as
    "<revision> <description>"), so a caller can say what happened rather than guess."""
    applied: list[str] = []

    def record(*, step: Any, **_: Any) -> None:
        applied.append(f"{step.up_revision_id} {step.up_revision.doc}".strip())

    config = alembic_config(database_url)
    config.attributes["on_version_apply"] = [record]
    command.upgrade(config, revision)
    return applied


def check(database_url: str | None = None) -> None:
    """Fail when the models and the migrations disagree (``alembic check``)."""
    command.check(alembic_config(database_url))


@functools.cache
def head_revision() -> str | None:
    """The newest migration the code knows (read from the scripts, not the database; once per
    process, since the scripts ship with the code)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
