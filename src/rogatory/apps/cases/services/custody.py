"""Chain of custody of a case's files: what left for the other State in which message, and
every later read of a file as an audited event carrying its SHA-256.

The audit trail is a hash chain (``apps.audit``), so ``rogatory audit verify`` covers these
events like every other: a download removed or altered afterwards breaks the chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from django.conf import settings

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, Communication, Document
from rogatory.apps.cases.selectors import document_get_for

_BLOCK = 1024 * 1024


class ReadChannel(StrEnum):
    """Where a file was read from, kept on its audit event."""

    WEB = "web"
    API = "api"


def document_open(
    *, actor: User, case_id: int, document_id: int, channel: ReadChannel = ReadChannel.WEB
) -> Document:
    """The document, once the actor may read it, with its read audited (hash, size, name).

    Evidence returned by the other State is handed on to courts and defence; each read is a
    link of its chain of custody, so the hash read is recorded with who read it and when.
    """
    doc = document_get_for(actor=actor, case_id=case_id, document_id=document_id)
    audit_record(
        actor=actor,
        action="document.download",
        obj=doc,
        case_id=case_id,
        changes={
            "filename": doc.filename,
            "sha256": doc.sha256,
            "size": doc.size,
            "received": doc.received,
            "message_id": doc.message_id,
            "channel": channel.value,
        },
    )
    return doc


def documents_mark_sent(
    *,
    case: Case,
    documents: Sequence[Document],
    message_id: str,
    at: datetime,
    communication: Communication | None = None,
) -> int:
    """Record that ``documents`` left with exchange message ``message_id`` (caller's
    transaction); a file already sent keeps the message that first carried it."""
    if not message_id:
        return 0
    return Document.objects.filter(
        case=case, pk__in=[d.pk for d in documents], message_id=""
    ).update(message_id=message_id, sent_at=at, communication=communication)


def stored_sha256(relative_path: str) -> str:
    """The SHA-256 of a file under MEDIA_ROOT, read in blocks (a data set may be large)."""
    digest = hashlib.sha256()
    with (Path(settings.MEDIA_ROOT) / relative_path).open("rb") as stream:
        while block := stream.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()
