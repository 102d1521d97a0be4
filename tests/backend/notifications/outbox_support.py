"""Test helpers for the outbox: users in a language, fake senders, a tiny loopback SMTP server.

The SMTP server speaks just enough of RFC 5321 for aiosmtplib (EHLO, AUTH PLAIN, MAIL, RCPT,
DATA, RSET, NOOP, QUIT) and listens on 127.0.0.1 only, on a port the OS picks.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlmodel import select

from backend.accounts.models import User
from backend.core.db import SessionFactory, unit_of_work
from backend.core.i18n import Language
from backend.notifications.models import Notification
from backend.notifications.services import enqueue
from tests.support import factories as f

RECEIPT_CONTEXT: dict[str, Any] = {
    "call_title": "Études d'impact de l'IA",
    "candidacy_title": "Radiologie augmentée",
    "reference": "AAP-2026-0001",
    "submitted_at_local": "2 mars 2026 à 10:00 (Europe/Paris)",
    "sha256": "ab" * 32,
}
_seq = itertools.count(1)


async def make_person(
    factory: SessionFactory, now: datetime, language: Language = Language.FR
) -> User:
    return await f.make_user(
        factory,
        now,
        email=f"person{next(_seq)}-{language.value}@example.org",
        full_name="Test Person",
        language=language,
    )


async def enqueue_receipt(
    factory: SessionFactory, now: datetime, user: User, key: str | None = None
) -> Notification | None:
    async with unit_of_work(factory) as uow:
        return await enqueue(
            uow.session,
            user=user,
            template="submission_receipt",
            context=RECEIPT_CONTEXT,
            dedupe_key=key or f"receipt:{next(_seq)}",
            now=now,
        )


async def all_notifications(factory: SessionFactory) -> list[Notification]:
    async with factory() as session:
        return list((await session.exec(select(Notification))).all())


async def reload(factory: SessionFactory, notification: Notification) -> Notification:
    async with factory() as session:
        found = await session.get(Notification, notification.id)
        assert found is not None
        return found


class RecordingSender:
    """Keeps what it is given; yields to the loop first so concurrent runs interleave."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def send(self, message: EmailMessage) -> None:
        await asyncio.sleep(0)
        self.messages.append(message)

    @property
    def recipients(self) -> list[str]:
        return [str(m["To"]) for m in self.messages]


class FailingSender(RecordingSender):
    """Raises ``error`` for the first ``failures`` messages, then records like its parent."""

    def __init__(self, failures: int = 10**6, error: Exception | None = None) -> None:
        super().__init__()
        self.failures = failures
        self.error = error or ConnectionRefusedError("SMTP server down")
        self.calls = 0

    async def send(self, message: EmailMessage) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        await super().send(message)


@dataclass
class ReceivedMail:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class SmtpTestServer:
    refuse_recipients: bool = False
    mails: list[ReceivedMail] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None

    async def start(self) -> SmtpTestServer:
        self._server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state: dict[str, Any] = {"from": "", "to": []}

        async def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        await reply("220 127.0.0.1 test ESMTP")
        try:
            while line := (await reader.readline()).decode().rstrip("\r\n"):
                verb, _, arg = line.partition(" ")
                if not await self._command(verb.upper(), arg, reader, reply, state):
                    break
        finally:
            writer.close()

    async def _command(self, verb: str, arg: str, reader: Any, reply: Any, state: dict) -> bool:
        if verb == "EHLO":
            await reply("250-127.0.0.1\r\n250-8BITMIME\r\n250 AUTH PLAIN")
        elif verb == "HELO" or verb in {"NOOP", "RSET"}:
            await reply("250 OK")
        elif verb == "AUTH":
            _authzid, user, password = base64.b64decode(arg.split()[1]).decode().split("\0")
            self.logins.append((user, password))
            await reply("235 2.7.0 Authentication successful")
        elif verb == "MAIL":
            state["from"], state["to"] = _address(arg), []
            await reply("250 OK")
        elif verb == "RCPT":
            if self.refuse_recipients:
                await reply("550 5.1.1 No such user")
            else:
                state["to"].append(_address(arg))
                await reply("250 OK")
        elif verb == "DATA":
            await reply("354 End data with <CR><LF>.<CR><LF>")
            self.mails.append(ReceivedMail(state["from"], state["to"], await _read_data(reader)))
            await reply("250 2.0.0 Queued")
        elif verb == "QUIT":
            await reply("221 Bye")
            return False
        else:
            await reply("502 5.5.2 Command not implemented")
        return True


def _address(arg: str) -> str:
    match = re.search(r"<([^>]*)>", arg)
    return match.group(1) if match else ""


async def _read_data(reader: asyncio.StreamReader) -> bytes:
    lines = []
    while (line := await reader.readline()) not in (b".\r\n", b""):
        lines.append(line[1:] if line.startswith(b"..") else line)
    return b"".join(lines)
