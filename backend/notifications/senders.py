"""Where rendered e-mails go: an SMTP server in production, ``.eml`` files in development.

A sender is the I/O edge of the outbox, the one thing tests replace with a fake. It raises on
failure; :class:`PermanentSendError` means that retrying cannot help (the server refused the
recipient for good), anything else is retried with backoff by the outbox.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import tempfile
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Protocol

import aiosmtplib

from backend.core.settings import Settings

log = logging.getLogger(__name__)

NOTIFICATION_ID_HEADER = "X-AAP-Notification-Id"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class Sender(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class PermanentSendError(Exception):
    """The message can never be delivered as it is (e.g. every recipient refused with 5xx)."""


class EmlFileSender:
    """Writes each message to ``<folder>/<Message-ID's local part>.eml`` (dev, demos).

    The outbox derives the Message-ID from the notification's dedupe key, so sending the same
    e-mail again (a worker died before recording the first send) rewrites the same file
    instead of adding a second one. The file appears whole or not at all: it is written under
    a temporary name in the same folder, flushed to disk, then renamed over the final name.
    Side effects: creates ``folder`` and one file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._write, message)

    def file_name(self, message: EmailMessage) -> str:
        """The Message-ID's local part when it is a plain token, else a digest of the whole
        Message-ID; a message without one (never from the outbox) gets a name of its own."""
        header = str(message.get("Message-ID") or "").strip()
        if not header:
            stamp = _message_date(message).strftime("%Y%m%dT%H%M%SZ")
            return f"{stamp}-{message.get(NOTIFICATION_ID_HEADER) or uuid.uuid4().hex}.eml"
        local = header.strip("<>").rpartition("@")[0]
        if _SAFE_NAME.fullmatch(local):
            return f"{local}.eml"
        return f"{hashlib.sha256(header.encode('utf-8')).hexdigest()[:32]}.eml"

    def _write(self, message: EmailMessage) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / self.file_name(message)
        fd, temp_name = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".eml.tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return target


def _message_date(message: EmailMessage) -> datetime:
    """The message's Date header in UTC (so file names follow the service clock), else now."""
    header = message.get("Date")
    if header:
        try:
            return parsedate_to_datetime(header).astimezone(UTC)
        except (TypeError, ValueError):
            pass
    return datetime.now(UTC)


class SmtpSender:
    """Sends through the SMTP server of the settings, one connection per message (aiosmtplib).

    STARTTLS is required when ``smtp_starttls`` is true (the default); credentials are sent
    only when ``smtp_user`` is set. Side effects: network I/O to ``smtp_host``.
    """

    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host:
            raise ValueError("SmtpSender needs AAP_SMTP_HOST")
        self.hostname = settings.smtp_host
        self.port = settings.smtp_port
        self.username = settings.smtp_user
        self.password = settings.smtp_password
        self.start_tls = settings.smtp_starttls
        self.timeout = settings.smtp_timeout_seconds

    async def send(self, message: EmailMessage) -> None:
        try:
            await aiosmtplib.send(
                message,
                hostname=self.hostname,
                port=self.port,
                username=self.username,
                password=self.password if self.username else None,
                start_tls=self.start_tls,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            if all(500 <= refusal.code < 600 for refusal in exc.recipients):
                raise PermanentSendError(f"recipients refused: {exc.recipients}") from exc
            raise


def sender_from_settings(settings: Settings) -> Sender:
    """SMTP when ``smtp_host`` is set, else ``.eml`` files under ``settings.outbox_dir``."""
    if settings.smtp_host:
        return SmtpSender(settings)
    if settings.is_prod:
        log.warning("AAP_SMTP_HOST is not set: e-mails are written to %s", settings.outbox_dir)
    return EmlFileSender(settings.outbox_dir)
