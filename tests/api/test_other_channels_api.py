"""The other channels through the API (issue 15): the package of an approved request, a
dispatch recorded, an answer received on paper joining the conversation; refusals write
nothing and answer 4xx."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent, Communication
from rogatory.apps.proceedings.models import ChannelRecord
from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(people: dict[str, Any]) -> Callable[[str], Client]:
    def make(who: str) -> Client:
        client = Client()
        client.force_login(people[who])
        return client

    return make


def _approved(open_case: Any, people: Any) -> Case:
    case = open_case()
    return case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")


def test_the_package_of_an_approved_request_downloads_with_its_manifest_hash(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    # given an approved outgoing request
    case = _approved(open_case, people)

    # when the officer downloads its package through the API
    response = client_for("officer").get(f"/api/v1/cases/{case.pk}/package")

    # then it is a zip listing the request and the SHA-256 of every file, and it is audited
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert {"request.json", "manifest.json", "SHA256SUMS"} <= set(archive.namelist())
    audit = AuditEvent.objects.get(action="case.package", case_id=case.pk)
    assert audit.changes["manifest_sha256"] == response["X-Manifest-SHA256"]


def test_a_dispatch_is_recorded_and_listed(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    # given an approved outgoing request
    case = _approved(open_case, people)
    client = client_for("officer")

    # when its dispatch by the diplomatic channel is recorded
    response = client.post(
        f"/api/v1/cases/{case.pk}/dispatches",
        {"channel": "diplomatic", "on": "2026-11-30", "tracking_reference": "NV 12/2026"},
        content_type="application/json",
    )

    # then it is stored, on the timeline and in the list
    assert response.status_code == 201
    assert response.json()["channel"] == "diplomatic"
    assert ChannelRecord.objects.filter(case=case, sent=True).count() == 1
    listed = client.get(f"/api/v1/cases/{case.pk}/channels").json()
    assert [(r["channel"], r["tracking_reference"]) for r in listed] == [
        ("diplomatic", "NV 12/2026")
    ]


def test_a_dispatch_by_an_unknown_channel_or_of_a_draft_writes_nothing(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    # given a draft and an approved request
    draft = open_case()
    approved = _approved(open_case, people)
    client = client_for("officer")
    before = (ChannelRecord.objects.count(), CaseEvent.objects.count(), AuditEvent.objects.count())

    # when a dispatch is recorded for the draft, and by a channel that does not exist
    of_draft = client.post(
        f"/api/v1/cases/{draft.pk}/dispatches",
        {"channel": "diplomatic", "on": "2026-11-30"},
        content_type="application/json",
    )
    by_pigeon = client.post(
        f"/api/v1/cases/{approved.pk}/dispatches",
        {"channel": "pigeon", "on": "2026-11-30"},
        content_type="application/json",
    )

    # then both are refused with their codes and nothing is written
    assert (of_draft.status_code, of_draft.json()["code"]) == (422, "channel.not_approved")
    assert (by_pigeon.status_code, by_pigeon.json()["code"]) == (422, "field.invalid_choice")
    assert (
        ChannelRecord.objects.count(),
        CaseEvent.objects.count(),
        AuditEvent.objects.count(),
    ) == before


def test_an_answer_received_on_paper_joins_the_conversation_with_its_scan(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    # given a transmitted request
    case = _approved(open_case, people)
    case_transition(actor=people["supervisor"], case_id=case.pk, target="transmitted")

    # when the requested State's acknowledgement, received by post, is registered with a scan
    response = client_for("officer").post(
        f"/api/v1/cases/{case.pk}/paper-answers",
        {
            "kind": "acknowledgement",
            "channel": "post",
            "on": "2026-11-30",
            "reference": "XB/MLA/2026/77",
            "files": [SimpleUploadedFile("scan.pdf", b"%PDF-1.7 scan", "application/pdf")],
        },
    )

    # then it is a communication received, with its file, on the case
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["sent"], body["reference"]) == (
        "acknowledgement",
        False,
        "XB/MLA/2026/77",
    )
    assert [d["filename"] for d in body["documents"]] == ["scan.pdf"]
    assert Communication.objects.filter(case=case, sent=False).count() == 1


def test_another_authority_sees_no_channel_records(
    open_case: Any, people: Any, client_for: Callable[[str], Client]
) -> None:
    # given an approved request of XA's authority
    case = _approved(open_case, people)

    # when XB's supervisor asks for its records and package
    client = client_for("foreign_supervisor")
    records = client.get(f"/api/v1/cases/{case.pk}/channels")
    package = client.get(f"/api/v1/cases/{case.pk}/package")

    # then the case does not exist for them and nothing is audited as a package
    assert (records.status_code, package.status_code) == (404, 404)
    assert not AuditEvent.objects.filter(action="case.package").exists()
