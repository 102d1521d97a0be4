"""A real worker process for the SIGKILL tests: the product's time-critical WorkerSettings,
run as is (its own startup, SystemClock, engine and Redis from ``AAP_*``), with four
test-only twists given through the environment, none of which lives in the product:

- ``AAP_TEST_QUEUE``: the test's own arq queue, for every job of both queues (runs sharing
  a Redis never collide), including those the jobs ask for;
- ``AAP_TEST_JOB_TIMEOUT``: a short job timeout, so a killed job's in-progress key (timeout
  + 10 s) expires within the test;
- no cron: the test enqueues the sweep itself (cron ids are global to a Redis);
- ``AAP_TEST_PAUSE_SQL`` / ``AAP_TEST_PAUSE_NTH`` / ``AAP_TEST_PAUSE_MARKER``: before the Nth
  SQL statement containing that text, write the marker file and block the whole process, so
  the test can SIGKILL it in the middle of a transaction (on SQLite the write lock is held,
  on PostgreSQL the rows are locked and the earlier statements of the transaction are done).

Run as ``python tests/reliability/worker_process.py`` from the project root.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from arq.worker import run_worker
from sqlalchemy import event
from sqlalchemy.engine import Engine

from backend.core.jobs import ArqJobQueue, Queue
from workers.settings import JOBS, TimeCriticalWorkerSettings, startup

PAUSE_SQL = os.environ.get("AAP_TEST_PAUSE_SQL")
PAUSE_NTH = int(os.environ.get("AAP_TEST_PAUSE_NTH", "1"))
PAUSE_MARKER = os.environ.get("AAP_TEST_PAUSE_MARKER")
QUEUE = os.environ["AAP_TEST_QUEUE"]
_seen = 0


def _pause_before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    global _seen
    if not PAUSE_SQL or PAUSE_SQL not in statement:
        return
    _seen += 1
    if _seen == PAUSE_NTH:
        assert PAUSE_MARKER
        Path(PAUSE_MARKER).write_text(f"{os.getpid()}\n{statement}\n")
        time.sleep(600)  # the event loop stops here, mid-transaction, until SIGKILL


async def _startup(ctx: dict[str, Any]) -> None:
    await startup(ctx)
    ctx["jobs"] = ArqJobQueue(pool=ctx["redis"], queue_names=dict.fromkeys(Queue, QUEUE))


def main() -> None:
    if PAUSE_SQL:
        event.listen(Engine, "before_cursor_execute", _pause_before)
    run_worker(
        TimeCriticalWorkerSettings,  # type: ignore[arg-type]
        functions=list(JOBS),
        on_startup=_startup,
        queue_name=QUEUE,
        job_timeout=float(os.environ.get("AAP_TEST_JOB_TIMEOUT", "5")),
        cron_jobs=[],
        poll_delay=0.1,
        health_check_interval=1,
    )


if __name__ == "__main__":
    main()
