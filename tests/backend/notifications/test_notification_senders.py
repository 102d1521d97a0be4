"""Senders: .eml files written whole, SMTP through a real server on the loopback."""

from __future__ import annotations

import email
import re
import socket
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

import aiosmtplib
import pytest

from backend.notifications.senders import (
    NOTIFICATION_ID_HEADER,
    EmlFileSender,
    PermanentSendError,
    SmtpSender,
    sender_from_settings,
)
from tests.backend.notifications.outbox_support import SmtpTestServer

MESSAGE_ID = "<5d41402abc4b2a76b9719d911017c592@example.org>"


def _message(
    notification_id: str = "0b7e3c1e-0000-4000-8000-000000000001",
    *,
    message_id: str | None = MESSAGE_ID,
    sent_at: datetime = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC),
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Accusé de réception de votre candidature"
    message["From"] = "Appels à projets <no-reply@example.org>"
    message["To"] = "lea@example.org"
    message["Date"] = format_datetime(sent_at)
    if message_id is not None:
        message["Message-ID"] = message_id
    message[NOTIFICATION_ID_HEADER] = notification_id
    message.set_content("Bonjour,\n\nNous accusons réception de votre candidature.\n")
    message.add_alternative("<p>Nous accusons réception</p>", subtype="html")
    return message


@pytest.fixture
async def smtp_server():
    server = await SmtpTestServer().start()
    yield server
    await server.stop()


def _smtp_settings(settings, server: SmtpTestServer, **kw):
    return settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_starttls": False, **kw}
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- .eml files ---------------------------------------------------------------------------


async def test_eml_sender_writes_parseable_file_named_by_message_id(tmp_path):
    # Arrange
    folder = tmp_path / "outbox"

    # Act
    await EmlFileSender(folder).send(_message())

    # Assert
    files = list(folder.iterdir())
    assert [f.name for f in files] == ["5d41402abc4b2a76b9719d911017c592.eml"]
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["To"] == "lea@example.org"
    assert parsed["Subject"] == "Accusé de réception de votre candidature"
    assert "Nous accusons réception" in parsed.get_body(("plain",)).get_content()


async def test_eml_sender_same_message_sent_again_later_rewrites_its_one_file(tmp_path):
    # Arrange: the worker died after the first write; the retry comes minutes later.
    sender = EmlFileSender(tmp_path)
    await sender.send(_message())

    # Act
    await sender.send(_message(sent_at=datetime(2026, 3, 2, 9, 12, 0, tzinfo=UTC)))

    # Assert
    [only] = tmp_path.iterdir()
    assert only.name == "5d41402abc4b2a76b9719d911017c592.eml"
    parsed = email.message_from_bytes(only.read_bytes(), policy=policy.default)
    assert parsed["Date"].datetime == datetime(2026, 3, 2, 9, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "message_id",
    ["<../../etc/passwd@example.org>", "<.hidden@example.org>", f"<{'a' * 150}@example.org>"],
)
async def test_eml_sender_unusual_message_id_gives_a_safe_stable_name(tmp_path, message_id):
    # Act
    await EmlFileSender(tmp_path).send(_message(message_id=message_id))
    await EmlFileSender(tmp_path).send(_message(message_id=message_id))

    # Assert
    [only] = tmp_path.iterdir()
    assert re.fullmatch(r"[0-9a-f]{32}\.eml", only.name)


async def test_eml_sender_message_without_message_id_is_named_by_time_and_id(tmp_path):
    await EmlFileSender(tmp_path).send(_message(message_id=None))

    assert [f.name for f in tmp_path.iterdir()] == [
        "20260302T090005Z-0b7e3c1e-0000-4000-8000-000000000001.eml"
    ]


async def test_eml_sender_leaves_no_temporary_file_when_writing_fails(tmp_path, monkeypatch):
    # Arrange: the rename fails, as it would on a full or read-only disk.
    def broken_replace(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("backend.notifications.senders.os.replace", broken_replace)

    # Act
    with pytest.raises(OSError, match="disk full"):
        await EmlFileSender(tmp_path).send(_message())

    # Assert
    assert list(tmp_path.iterdir()) == []


# --- SMTP ---------------------------------------------------------------------------------


async def test_smtp_sender_delivers_to_local_server(settings, smtp_server):
    # Arrange
    sender = SmtpSender(_smtp_settings(settings, smtp_server))

    # Act
    await sender.send(_message())

    # Assert
    [mail] = smtp_server.mails
    assert mail.sender == "no-reply@example.org"
    assert mail.recipients == ["lea@example.org"]
    parsed = email.message_from_bytes(mail.data, policy=policy.default)
    assert parsed["Subject"] == "Accusé de réception de votre candidature"
    assert "Nous accusons réception" in parsed.get_body(("plain",)).get_content()
    assert smtp_server.logins == []


async def test_smtp_sender_logs_in_when_a_user_is_set(settings, smtp_server):
    # Arrange
    sender = SmtpSender(
        _smtp_settings(settings, smtp_server, smtp_user="aap", smtp_password="s3cret")
    )

    # Act
    await sender.send(_message())

    # Assert
    assert smtp_server.logins == [("aap", "s3cret")]
    assert len(smtp_server.mails) == 1


async def test_smtp_sender_refused_recipient_is_permanent(settings):
    # Arrange
    server = await SmtpTestServer(refuse_recipients=True).start()
    sender = SmtpSender(_smtp_settings(settings, server))

    # Act / Assert
    try:
        with pytest.raises(PermanentSendError, match="recipients refused"):
            await sender.send(_message())
    finally:
        await server.stop()
    assert server.mails == []


async def test_smtp_sender_unreachable_server_is_a_transient_error(settings):
    # Arrange: a loopback port with nobody listening.
    sender = SmtpSender(
        settings.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": _free_port(), "smtp_starttls": False}
        )
    )

    # Act / Assert
    with pytest.raises(aiosmtplib.SMTPConnectError):
        await sender.send(_message())


# --- choice from the settings -------------------------------------------------------------


def test_sender_from_settings_without_smtp_host_writes_files_under_var(settings):
    # Act
    sender = sender_from_settings(settings)

    # Assert
    assert isinstance(sender, EmlFileSender)
    assert sender.folder == settings.var_dir / "outbox"


def test_sender_from_settings_with_smtp_host_uses_smtp(settings):
    # Act
    sender = sender_from_settings(settings.model_copy(update={"smtp_host": "mail.example.org"}))

    # Assert
    assert isinstance(sender, SmtpSender)
    assert (sender.hostname, sender.port, sender.start_tls) == ("mail.example.org", 587, True)
