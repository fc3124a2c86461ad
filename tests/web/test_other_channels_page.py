"""The case page's other-channels section (issue 15, deliverable 5): the request as a zip of
files with their SHA-256, a dispatch recorded by hand, and an answer received on paper joining
the conversation; a refused form writes nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, Communication
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.cases.services import document_add
from rogatory.apps.proceedings.models import ChannelRecord
from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db


def _transmitted(open_case: Any, people: Any) -> Case:
    case = open_case()
    document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Letter of request",
        filename="letter.pdf",
        stream=io.BytesIO(b"%PDF-1.7 letter"),
        content_type="application/pdf",
    )
    for target in ("approved", "transmitted"):
        case_transition(actor=people["supervisor"], case_id=case.pk, target=target)
    return case


def test_the_case_page_offers_the_package_and_both_forms(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    case = _transmitted(open_case, people)
    page = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert 'id="channels-title"' in page
    assert f"/cases/{case.pk}/package/" in page
    assert f'action="/cases/{case.pk}/dispatch/"' in page
    assert f'action="/cases/{case.pk}/received-by-other-channel/"' in page


def test_the_package_downloads_as_a_zip_and_is_audited(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    case = _transmitted(open_case, people)
    response = client_for("officer").get(f"/cases/{case.pk}/package/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist()[0] == "request.json"
        assert "SHA256SUMS" in archive.namelist()
    assert AuditEvent.objects.filter(action="case.package", case_id=case.pk).count() == 1


def test_a_draft_has_no_package_and_the_url_refuses_it(
    open_case: Any, client_for: Callable[[str], Client]
) -> None:
    case = open_case()
    client = client_for("officer")
    assert f"/cases/{case.pk}/package/" not in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.get(f"/cases/{case.pk}/package/")
    assert response.status_code == 422
    assert not AuditEvent.objects.filter(action="case.package").exists()


def test_the_dispatch_form_records_it_on_the_case(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    case = _transmitted(open_case, people)
    response = client_for("officer").post(
        f"/cases/{case.pk}/dispatch/",
        {
            "dispatch-channel": "interpol",
            "dispatch-on": "01/12/2026",
            "dispatch-tracking_reference": "I-24/7 2026/991",
        },
        follow=True,
    )
    assert response.status_code == 200
    row = ChannelRecord.objects.get(case=case)
    assert (row.channel, row.on.isoformat(), row.tracking_reference) == (
        "interpol",
        "2026-12-01",
        "I-24/7 2026/991",
    )
    page = response.content.decode()
    assert "The dispatch was recorded." in page
    assert "I-24/7 2026/991" in page


def test_a_dispatch_form_without_a_date_writes_nothing(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    case = _transmitted(open_case, people)
    audited = AuditEvent.objects.count()
    response = client_for("officer").post(
        f"/cases/{case.pk}/dispatch/", {"dispatch-channel": "post", "dispatch-on": ""}
    )
    assert response.status_code == 302
    assert not ChannelRecord.objects.exists()
    assert AuditEvent.objects.count() == audited


def test_an_answer_received_on_paper_joins_the_conversation_with_its_scan(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    case = _transmitted(open_case, people)
    response = client_for("officer").post(
        f"/cases/{case.pk}/received-by-other-channel/",
        {
            "paper-kind": "acknowledgement",
            "paper-channel": "diplomatic",
            "paper-on": "2026-12-02",
            "paper-reference": "XB/MLA/2026/42",
            "paper-attachments": [
                SimpleUploadedFile("note.pdf", b"%PDF-1.7 note", content_type="application/pdf")
            ],
        },
        follow=True,
    )
    assert response.status_code == 200
    received = Communication.objects.get(case=case, sent=False)
    assert (received.kind, received.reference) == ("acknowledgement", "XB/MLA/2026/42")
    doc = CaseDocument.objects.get(case=case, received=True)
    assert (doc.filename, doc.communication_id) == ("note.pdf", received.pk)
    case.refresh_from_db()
    assert (case.status, case.their_reference) == ("acknowledged", "XB/MLA/2026/42")
    assert "The communication received was added to the conversation." in (
        response.content.decode()
    )
    # and the conversation says it came by another channel, with no signed receipt
    assert "Received by another channel" in response.content.decode()


def test_an_answer_the_other_state_cannot_send_is_refused_and_nothing_written(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    case = _transmitted(open_case, people)
    response = client_for("officer").post(
        f"/cases/{case.pk}/received-by-other-channel/",
        {"paper-kind": "withdrawal", "paper-channel": "post", "paper-on": "2026-12-02"},
        follow=True,
    )
    assert response.status_code == 200
    assert "is sent by this authority, not received from the other State" in (
        response.content.decode()
    )
    assert not Communication.objects.filter(case=case).exists()
    assert not ChannelRecord.objects.exists()
