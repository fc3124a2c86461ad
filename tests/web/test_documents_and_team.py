"""Documents (plain form and script upload) and the team of a case."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rogatory.apps.cases.models import CaseGrant, Document

pytestmark = pytest.mark.django_db


def _file(content: bytes = b"order of the investigating judge") -> SimpleUploadedFile:
    return SimpleUploadedFile("order.txt", content, content_type="text/plain")


def test_officer_uploads_a_document_with_the_plain_form(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("officer").post(
        f"/cases/{case.pk}/documents/new/",
        {"title": "Court order", "language": "fr", "file": _file()},
    )
    doc = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (doc.title, doc.filename, doc.size, doc.language) == (
        "Court order",
        "order.txt",
        32,
        "fr",
    )


def test_scripted_upload_gets_the_address_to_go_to(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("officer").post(
        f"/cases/{case.pk}/documents/new/",
        {"title": "Court order", "file": _file()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert json.loads(response.content) == {"redirect": f"/cases/{case.pk}/"}


def test_empty_file_is_refused_next_to_the_file_field(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case()
    before = writes()
    response = client_for("officer").post(
        f"/cases/{case.pk}/documents/new/",
        {"title": "Nothing", "file": SimpleUploadedFile("empty.txt", b"")},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["file"] == ["The submitted file is empty."]
    assert Document.objects.count() == 0
    assert writes() == before


@pytest.mark.parametrize(("who", "status"), [("colleague", 404), ("auditor", 403)])
def test_outsider_cannot_upload(
    client_for: Any, open_case: Any, writes: Any, who: str, status: int
) -> None:
    case = open_case()
    before = writes()
    response = client_for(who).post(
        f"/cases/{case.pk}/documents/new/", {"title": "Planted", "file": _file()}
    )
    assert response.status_code == status
    assert Document.objects.count() == 0
    assert writes() == before


def test_supervisor_adds_and_revokes_a_colleague(
    client_for: Any, open_case: Any, people: Any
) -> None:
    case = open_case()
    client = client_for("supervisor")
    colleague = people["colleague"]
    client.post(f"/cases/{case.pk}/team/", {"user": colleague.pk})
    assert CaseGrant.objects.filter(case=case, user=colleague, revoked_at=None).count() == 1
    client.post(f"/cases/{case.pk}/team/{colleague.pk}/revoke/")
    assert CaseGrant.objects.filter(case=case, user=colleague, revoked_at=None).count() == 0


def test_officer_cannot_change_the_team(
    client_for: Any, open_case: Any, people: Any, writes: Any
) -> None:
    case = open_case()
    before = writes()
    response = client_for("officer").post(
        f"/cases/{case.pk}/team/", {"user": people["colleague"].pk}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Only a supervisor can change the team of a case."
    ]
    assert not CaseGrant.objects.filter(user=people["colleague"]).exists()
    assert writes() == before


def test_foreign_supervisor_cannot_see_or_change_the_team(
    client_for: Any, open_case: Any, people: Any, writes: Any
) -> None:
    case = open_case()
    before = writes()
    response = client_for("foreign_supervisor").post(
        f"/cases/{case.pk}/team/{people['officer'].pk}/revoke/"
    )
    assert response.status_code == 404
    assert CaseGrant.objects.filter(case=case, revoked_at=None).count() == 1
    assert writes() == before
