"""Uploads are checked by their first bytes against the type they claim (issue 14 item 3)."""

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Document
from rogatory.apps.cases.services import document_add
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
DOCX = b"PK\x03\x04\x14\x00\x06\x00word/document.xml"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "


def _add(people: Any, case: Any, body: bytes, content_type: str) -> Document:
    return document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Evidence",
        filename="evidence.bin",
        stream=BytesIO(body),
        content_type=content_type,
    )


@pytest.mark.parametrize(
    ("body", "claimed"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\x00", "image/gif"),
        (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (WEBP, "image/webp"),
        (PDF, "Application/PDF; name=order.pdf"),
        # No signature to check: stored as claimed (and served as attachments if active).
        (b"Plain words", "text/plain"),
        (b"\x00\x01anything", "application/octet-stream"),
    ],
)
def test_a_file_of_the_type_it_claims_is_stored(
    open_case: Any, people: Any, body: bytes, claimed: str
) -> None:
    case = open_case()
    doc = _add(people, case, body, claimed)
    assert (doc.size, doc.content_type) == (len(body), claimed)


@pytest.mark.parametrize(
    ("body", "claimed", "found"),
    [
        (b"<svg onload=alert(1)>", "image/png", "HTML/XML"),
        (b"  <html><script>alert(1)</script>", "application/pdf", "HTML/XML"),
        (PNG, "application/pdf", "PNG"),
        (b"MZ\x90\x00 executable", "application/vnd.ms-excel", "unknown"),
        (b"%PDF", "application/pdf", "unknown"),  # too short to be a PDF header
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "image/webp", "unknown"),
        (PDF, "application/zip", "PDF"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_written(
    open_case: Any, people: Any, writes: Any, body: bytes, claimed: str, found: str
) -> None:
    case = open_case()
    before, files = writes(), Document.objects.count()
    with pytest.raises(DomainError) as caught:
        _add(people, case, body, claimed)
    assert caught.value.code == "document.type_mismatch"
    assert caught.value.params == {"claimed": claimed.split(";")[0].lower(), "found": found}
    assert writes() == before
    assert Document.objects.count() == files
    assert not AuditEvent.objects.filter(action="document.add").exists()


def test_the_upload_form_says_why_a_disguised_file_is_refused(
    client_for: Any, open_case: Any
) -> None:
    case = open_case()
    upload = SimpleUploadedFile("order.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client_for("officer").post(
        f"/cases/{case.pk}/documents/new/", {"title": "Order", "file": upload}
    )
    assert response.status_code in (200, 400, 422)
    assert "not of the type it claims (application/pdf)" in response.content.decode()
    assert not Document.objects.exists()


def test_the_api_refuses_a_disguised_file_with_a_4xx(client_for: Any, open_case: Any) -> None:
    case = open_case()
    upload = SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>", "image/png")
    response = client_for("officer").post(
        f"/api/v1/cases/{case.pk}/documents", {"title": "Photo", "file": upload}
    )
    assert 400 <= response.status_code < 500
    assert not Document.objects.exists()
