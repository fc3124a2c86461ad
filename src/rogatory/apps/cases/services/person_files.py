"""The photograph and fingerprints of a person of a request (issue 17).

ETS 24 art. 12(2)(c) asks for "as accurate a description as possible of the person claimed";
the UN Model Treaty on Extradition art. 5(2)(a) adds "any other information that may help to
establish that person's identity, nationality and location", and INTERPOL notices carry a
photograph and fingerprints. Each file is a case document (same storage, same SHA-256, same
type check on its first bytes) linked to the person it identifies, so it is listed among the
letter's annexes and travels with the request to the requested State.

A fingerprint file in ANSI/NIST-ITL traditional encoding (.an2, .eft) is kept as an opaque
binary with its type; nothing here parses it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.choices import PersonFileKind
from rogatory.apps.cases.models import Document, Person
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.documents import ANSI_NIST_TYPE, document_add
from rogatory.apps.cases.services.drafts import draft_for_write
from rogatory.core.errors import DomainError

# A photograph for identification is a few hundred kilobytes; a ten-print ANSI/NIST-ITL
# transaction with its images may reach tens of megabytes.
MAX_BYTES: dict[str, int] = {
    PersonFileKind.PHOTOGRAPH: 10 * 1024 * 1024,
    PersonFileKind.FINGERPRINTS: 50 * 1024 * 1024,
}
_IMAGES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
_ANSI_NIST_SUFFIXES = frozenset({".an2", ".eft"})
ACCEPTED: dict[str, str] = {
    PersonFileKind.PHOTOGRAPH: ".jpg, .jpeg, .png",
    PersonFileKind.FINGERPRINTS: ".jpg, .jpeg, .png, .an2, .eft",
}


def _media_type(kind: str, filename: str, content_type: str) -> str:
    """The type the file is stored with: a JPEG or PNG image (its first bytes are checked by
    ``document_add``), or, for fingerprints, an ANSI/NIST-ITL file named by its suffix."""
    suffix = PurePath(filename).suffix.lower()
    claimed = content_type.split(";", 1)[0].strip().lower()
    if kind == PersonFileKind.FINGERPRINTS and suffix in _ANSI_NIST_SUFFIXES:
        return ANSI_NIST_TYPE
    if claimed in ("image/jpeg", "image/png"):
        return claimed
    if suffix in _IMAGES and claimed in ("", "application/octet-stream"):
        return _IMAGES[suffix]
    raise DomainError("person_file.type", field="file", accepted=ACCEPTED[kind])


def _size(stream: IO[bytes]) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def _title(kind: str, person: Person) -> str:
    name = person.display_name
    if kind == PersonFileKind.PHOTOGRAPH:
        return _("Photograph of %(name)s") % {"name": name}
    return _("Fingerprints of %(name)s") % {"name": name}


def person_file_add(
    *,
    actor: Any,
    case_id: int,
    person_id: int,
    kind: str,
    filename: str,
    stream: IO[bytes],
    content_type: str = "application/octet-stream",
    title: str = "",
) -> Document:
    """Store a photograph or fingerprints of a person of a draft request as a case document
    linked to that person. Like every change to the request's content, it is refused once the
    request is submitted, and withdraws an approval (four eyes on a version)."""
    validation.choice(kind, PersonFileKind.values, "kind")
    media = _media_type(kind, filename, content_type)
    limit = MAX_BYTES[kind]
    if _size(stream) > limit:
        raise DomainError("document.too_large", field="file", max_bytes=limit)
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="person.file_add")
        person = Person.objects.filter(case=case, pk=person_id).prefetch_related("names").first()
        if person is None:
            raise DomainError("person.not_found", person_id=person_id)
        doc = document_add(
            actor=actor,
            case_id=case.pk,
            title=title.strip() or _title(kind, person),
            filename=filename,
            stream=stream,
            content_type=media,
        )
        doc.person, doc.person_file = person, kind
        doc.save(update_fields=["person", "person_file"])
        audit_record(
            actor=actor,
            action="person.file_add",
            obj=doc,
            case_id=case.pk,
            changes={
                "person": person.pk,
                "kind": kind,
                "content_type": media,
                "sha256": doc.sha256,
                "size": doc.size,
            },
        )
    return doc
