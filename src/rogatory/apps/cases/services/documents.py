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

# The first bytes ("magic numbers") that a file of each claimed type always starts with, from
# each format's own specification: ISO 32000-2 §7.5.2 (PDF header "%PDF-"), PNG (ISO/IEC 15948
# §5.2 signature), JPEG (ITU-T T.81 SOI marker FF D8, then a marker FF), GIF87a/GIF89a, TIFF
# (byte order "II*\0" or "MM\0*"), ZIP local file header "PK\3\4" (ECMA-376 Office Open XML
# and OASIS ODF documents are ZIP packages), the OLE2 compound file header of legacy Office
# files, and RIFF....WEBP. Read with the standard library: a dozen fixed prefixes need neither
# libmagic nor a dependency, and a claim without an entry here (plain text, octet-stream) is
# not checked; active content whatever its claim is served as an attachment anyway
# (rogatory.apps.cases.downloads).
# No media type is registered for ANSI/NIST-ITL fingerprint files; this private one names them.
ANSI_NIST_TYPE = "application/x-ansi-nist-itl"
_ZIP = (b"PK\x03\x04",)
_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
    "application/zip": _ZIP,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _ZIP,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _ZIP,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _ZIP,
    "application/vnd.oasis.opendocument.text": _ZIP,
    "application/vnd.oasis.opendocument.spreadsheet": _ZIP,
    "application/msword": _OLE2,
    "application/vnd.ms-excel": _OLE2,
    "application/vnd.ms-powerpoint": _OLE2,
    # RIFF container; bytes 8-11 must also say WEBP (checked in _matches).
    "image/webp": (b"RIFF",),
    # ANSI/NIST-ITL 1-2011 traditional encoding (.an2, and the FBI's EBTS .eft): a transaction
    # opens with its Type-1 record, whose first field is 1.001 (the record's length).
    ANSI_NIST_TYPE: (b"1.001:",),
}
# What a mismatching file looks like, for the message (first match wins).
_KNOWN = (
    ("PDF", (b"%PDF-",)),
    ("PNG", (b"\x89PNG",)),
    ("JPEG", (b"\xff\xd8\xff",)),
    ("GIF", (b"GIF8",)),
    ("ZIP", _ZIP),
    ("OLE2", _OLE2),
    ("HTML/XML", (b"<",)),
)
_HEAD = 16


def _base_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _looks_like(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for name, prefixes in _KNOWN:
        if start.startswith(prefixes):
            return name
    return "unknown"


def _matches(head: bytes, prefixes: tuple[bytes, ...], content_type: str) -> bool:
    if content_type == "image/webp":
        return head.startswith(prefixes) and head[8:12] == b"WEBP"
    return head.startswith(prefixes)


def check_magic(stream: IO[bytes], content_type: str) -> None:
    """Refuse a file whose first bytes are not those of the type it claims (issue 14 item 3):
    a page or a script uploaded as "image/png" or "application/pdf" is not stored as one."""
    claimed = _base_type(content_type)
    prefixes = SIGNATURES.get(claimed)
    if prefixes is None:
        return
    head = stream.read(_HEAD)
    stream.seek(0)
    if not _matches(head, prefixes, claimed):
        raise DomainError("document.type_mismatch", claimed=claimed[:100], found=_looks_like(head))


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
    check_magic(stream, content_type)
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
