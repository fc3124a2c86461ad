import hashlib
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Document
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.errors import DomainError

CHUNK = 1024 * 1024


def _digest(stream: IO[bytes]) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    limit = settings.ROGATORY_MAX_DOCUMENT_BYTES
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise DomainError("document.too_large", max_bytes=limit)
        h.update(chunk)
    stream.seek(0)
    return h.hexdigest(), size


def document_add(
    *,
    actor: Any,
    case_id: int,
    title: str,
    filename: str,
    stream: IO[bytes],
    content_type: str = "application/octet-stream",
    language: str = "",
) -> Document:
    """Store a document with its SHA-256 and size; the file is read in chunks, never whole."""
    title = validation.required(title, "title", 300)
    filename = validation.required(filename.replace("/", "_").replace("\\", "_"), "file", 255)
    sha256, size = _digest(stream)
    if size == 0:
        raise DomainError("document.empty")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="document.add", lock=False)
        doc = Document(
            case=case,
            title=title,
            filename=filename,
            content_type=content_type[:100],
            language=language[:8],
            sha256=sha256,
            size=size,
            uploaded_by=actor,
        )
        doc.file.save(sha256, File(stream), save=False)
        # If the rows cannot be written, the stored file is removed again.
        try:
            doc.save()
            audit_record(
                actor=actor,
                action="document.add",
                obj=doc,
                case_id=case.pk,
                changes={"title": title, "filename": filename, "sha256": sha256, "size": size},
            )
        except Exception:
            doc.file.delete(save=False)
            raise
    return doc
