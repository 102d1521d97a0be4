"""Which tables hold rows: one statement, so per-test cleanups and fingerprints skip the rest."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel


async def tables_holding_rows(connection: AsyncConnection) -> list[sa.Table]:
    """The metadata's tables that hold at least one row, parents before children."""
    tables = SQLModel.metadata.sorted_tables
    holds_rows = sa.select(*(sa.exists(sa.select(1).select_from(t)) for t in tables))
    flags = (await connection.execute(holds_rows)).one()
    return [table for table, has_rows in zip(tables, flags, strict=True) if has_rows]
