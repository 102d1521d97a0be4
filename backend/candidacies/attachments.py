"""Files answering a candidacy's FILE questions.

The upload is inspected (size, type from the content, SHA-256) before anything is stored;
the stored name is ours (``attachments/<uuid>``), never the uploader's.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import queries as call_queries
from backend.calls.enums import QuestionKind
from backend.candidacies import queries
from backend.candidacies.models import Attachment, Candidacy, CandidacyVersion
from backend.candidacies.rules import (
    may_read_attachment,
    may_read_contents,
)
from backend.candidacies.services import editable_candidacy, may_edit, record_edit
from backend.core.auth import Actor
from backend.core.errors import InvalidInput, NotFound, PermissionDenied
from backend.core.storage import Storage, new_key
from backend.core.uploads import InspectedUpload

log = logging.getLogger(__name__)


async def attach_file(
    session: AsyncSession,
    *,
    actor: Actor,
    storage: Storage,
    candidacy_id: uuid.UUID,
    question_key: str,
    upload: InspectedUpload,
    now: datetime,
) -> Attachment:
    """Store ``upload`` as the answer to a FILE question, superseding any previous file.

    Side effects: the object written to storage (deleted again if the transaction fails
    before returning); an ``attachment`` row; the previous file marked superseded (kept, a
    submitted version may name it); audited.
    """
    candidacy, call = await editable_candidacy(
        session, actor=actor, candidacy_id=candidacy_id, now=now, content=True
    )
    questions = await call_queries.form_of(session, call)
    if not any(q.key == question_key and q.kind is QuestionKind.FILE for q in questions):
        raise InvalidInput.single("questionKey", "not a file question of this call", "NOT_FILE")
    key = new_key("attachments")
    await storage.put(key, upload.content, content_type=upload.content_type)
    try:
        return await _record(session, actor, candidacy, question_key, upload, key, now)
    except BaseException:
        await _forget(storage, key)
        raise


async def _record(
    session: AsyncSession,
    actor: Actor,
    candidacy: Candidacy,
    question_key: str,
    upload: InspectedUpload,
    key: str,
    now: datetime,
) -> Attachment:
    assert actor.user_id is not None  # editable_candidacy admitted a member of an editor
    for previous in (await queries.attachments_by_candidacy(session, [candidacy.id])).get(
        candidacy.id, []
    ):
        if previous.question_key == question_key:
            previous.superseded_at = now
            session.add(previous)
    attachment = Attachment(
        candidacy_id=candidacy.id,
        question_key=question_key,
        original_name=upload.display_name,
        storage_key=key,
        content_type=upload.content_type,
        size_bytes=upload.size,
        sha256=upload.sha256,
        uploaded_by_user_id=actor.user_id,
        created_at=now,
    )
    session.add(attachment)
    await record_edit(
        session,
        actor,
        "candidacy.file_attached",
        candidacy,
        now,
        after={"question_key": question_key, "sha256": upload.sha256, "size": upload.size},
    )
    return attachment


async def _forget(storage: Storage, key: str) -> None:
    try:
        await storage.delete(key)
    except Exception:
        log.exception("could not delete orphan upload %s", key)


async def check_may_attach(session: AsyncSession, *, actor: Actor, candidacy_id: uuid.UUID) -> None:
    """Refuse early, before a large upload is read and parsed, whoever may not attach files.

    ``attach_file`` checks again (with the row lock and the deadline); this cheap look is only
    so that strangers cannot keep the PDF parser busy.
    """
    candidacy = await queries.readable_candidacy(session, actor, candidacy_id)
    if candidacy is None:
        raise NotFound("no such candidacy")
    if not await may_edit(session, actor, candidacy, content=True):
        raise PermissionDenied("only members of the lead organisation edit a candidacy")


async def readable_attachment(
    session: AsyncSession, *, actor: Actor, attachment_id: uuid.UUID
) -> Attachment | None:
    """The attachment, if the actor may read its candidacy's contents and this file (the same
    rules, not weaker ones): a draft's files are its applicants' until they are submitted."""
    attachment = await session.get(Attachment, attachment_id)
    if attachment is None:
        return None
    candidacy = await queries.readable_candidacy(session, actor, attachment.candidacy_id)
    if candidacy is None:
        return None
    readable = await _readable_files(session, actor, [candidacy], [attachment])
    return attachment if attachment.id in readable else None


async def readable_version(
    session: AsyncSession, *, actor: Actor, version_id: uuid.UUID
) -> tuple[CandidacyVersion, Candidacy] | None:
    """A submitted version with its candidacy, if the actor may read them: its document is
    submitted work, so the candidacy's read rule is the whole rule."""
    version = await session.get(CandidacyVersion, version_id)
    if version is None:
        return None
    candidacy = await queries.readable_candidacy(session, actor, version.candidacy_id)
    return (version, candidacy) if candidacy is not None else None


async def readable_attachments_by_id(
    session: AsyncSession, *, actor: Actor, attachment_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Attachment]:
    """The attachments among ``attachment_ids`` whose candidacy the actor may read: the rule
    of :func:`readable_attachment`, for many ids in two statements."""
    stmt = select(Attachment).where(col(Attachment.id).in_(attachment_ids))
    attachments = list((await session.exec(stmt)).all())
    candidacy_ids = {a.candidacy_id for a in attachments}
    readable = await queries.readable_candidacies_by_id(session, actor, list(candidacy_ids))
    return await _readable_files(session, actor, list(readable.values()), attachments)


async def _readable_files(
    session: AsyncSession,
    actor: Actor,
    candidacies: Sequence[Candidacy],
    attachments: Sequence[Attachment],
) -> dict[uuid.UUID, Attachment]:
    """Which of ``attachments`` (files of ``candidacies``, which the actor may read) the actor
    may open: the rules of a candidacy's contents (:func:`rules.may_read_contents`,
    :func:`rules.may_read_attachment`), with each candidacy's versions and partners read in
    two statements."""
    ids = [c.id for c in candidacies]
    versions = await queries.versions_by_candidacy(session, ids)
    partners = await queries.partners_by_candidacy(session, ids)
    by_id = {c.id: c for c in candidacies}
    found = {}
    for attachment in attachments:
        candidacy = by_id.get(attachment.candidacy_id)
        if candidacy is None:
            continue
        own_partners = partners.get(candidacy.id, [])
        if may_read_contents(actor, candidacy, own_partners) and may_read_attachment(
            actor, candidacy, attachment, versions.get(candidacy.id, []), own_partners
        ):
            found[attachment.id] = attachment
    return found


async def readable_receipt(
    session: AsyncSession, *, actor: Actor, version_id: uuid.UUID
) -> tuple[CandidacyVersion, Candidacy] | None:
    """A rendered receipt's version with its candidacy, if the actor may read them."""
    version = await session.get(CandidacyVersion, version_id)
    if version is None or version.receipt_storage_key is None:
        return None
    candidacy = await queries.readable_candidacy(session, actor, version.candidacy_id)
    return (version, candidacy) if candidacy is not None else None
