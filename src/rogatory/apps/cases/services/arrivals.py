"""Writes to a case on behalf of the exchange: what arrived from the other State.

The exchange app never writes case rows itself; it calls these inside its inbox transaction
and audits the arrival as a whole (``exchange.received`` / ``exchange.evidence``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.choices import PersonFileKind
from rogatory.apps.cases.models import Case, CaseEvent, Communication, Document
from rogatory.apps.cases.services.custody import stored_sha256
from rogatory.core.wire import DocumentNote


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    """A file already stored by the inbox (``path`` under MEDIA_ROOT), hashed on arrival."""

    file_name: str
    media_type: str
    path: str
    sha256: str
    size: int


def case_event_add(
    *,
    case_id: int,
    actor: User,
    at: datetime,
    kind: str,
    reason: str = "",
    ground: str = "",
) -> CaseEvent:
    """A line on the case's timeline for something the other State did."""
    return CaseEvent.objects.create(
        case_id=case_id, at=at, actor=actor, kind=kind, reason=reason, ground=ground[:48]
    )


def received_files_attach(
    *,
    case: Case,
    actor: User,
    files: Sequence[ReceivedFile],
    notes: Sequence[DocumentNote] = (),
    message_id: str = "",
    communication: Communication | None = None,
) -> list[Document]:
    """Attach the files of a message to its case, titled as the sender titled them (matched by
    SHA-256), else by their file name.

    Each keeps the SHA-256 its sender declared in the signed manifest (as sent) and the one
    computed here from the stored file (as received): the first link of the chain of custody
    of evidence returned (UNTOC art. 18(24) execution results)."""
    by_hash = {n.sha256: n for n in notes}
    # Schema 1.2: a photograph or fingerprints name their person by place in the request's
    # list, which case_open stored in the same order.
    persons = list(case.persons.order_by("id")) if any(n.person is not None for n in notes) else []
    rows = []
    for f in files:
        note = by_hash.get(f.sha256)
        person = (
            persons[note.person]
            if note is not None
            and note.person is not None
            and note.person < len(persons)
            and note.person_file in PersonFileKind.values
            else None
        )
        rows.append(
            Document(
                case=case,
                title=(note.title if note and note.title else f.file_name)[:300],
                language=(note.language if note else "")[:8],
                filename=f.file_name,
                content_type=f.media_type[:100],
                file=f.path,
                sha256=stored_sha256(f.path),
                sent_sha256=f.sha256,
                received=True,
                message_id=message_id,
                communication=communication,
                size=f.size,
                uploaded_by=actor,
                person=person,
                person_file=note.person_file if note is not None and person is not None else "",
            )
        )
    return Document.objects.bulk_create(rows)
