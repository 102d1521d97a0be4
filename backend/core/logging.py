"""Structured JSON logs, one object per line, each carrying the request id when there is one."""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            payload["request_id"] = request_id
        payload.update(
            {
                k: v
                for k, v in record.__dict__.items()
                if k not in _STANDARD and not k.startswith("_")
            }
        )
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


IDLE_RESULTS = frozenset({"", "0", "None", "{}", "[]", "()", "False"})
_JOB_STARTED = "%6.2fs → %s(%s)%s"
_JOB_FINISHED = "%6.2fs ← %s ● %s"
_HEALTH_RECORDED = "recording health: %s"


class QuietIdleTicks(logging.Filter):
    """Drops arq's INFO lines for scheduled runs that did nothing.

    arq logs two lines per job run; the audit sealer runs every 5 s and three sweeps every
    minute, so an idle worker wrote about 30 lines a minute that said nothing. A cron run's
    start line is dropped, its end line kept only when the job returned something (the jobs
    log what they did themselves), and the periodic health record is dropped. Retries,
    failures and every non-cron job keep their lines.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        if record.msg == _HEALTH_RECORDED:
            return False
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) < 3 or not str(args[1]).startswith("cron:"):
            return True
        if record.msg == _JOB_STARTED:
            return False
        if record.msg == _JOB_FINISHED:
            return not _is_idle(str(args[2]))
        return True


def _is_idle(result: str) -> bool:
    """Nothing done: an empty result, or a report whose every count is zero (the deadline
    sweep returns ``{'opened': 0, 'closed': 0, ...}``)."""
    if result in IDLE_RESULTS:
        return True
    return result.startswith("{") and re.search(r"[1-9]", result) is None


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("uvicorn.access",):
        logging.getLogger(noisy).handlers[:] = []
        logging.getLogger(noisy).propagate = False
    for chatty in ("weasyprint", "fontTools"):  # a line per rendering step otherwise
        logging.getLogger(chatty).setLevel(logging.WARNING)
    arq_worker = logging.getLogger("arq.worker")
    if not any(isinstance(f, QuietIdleTicks) for f in arq_worker.filters):
        arq_worker.addFilter(QuietIdleTicks())
