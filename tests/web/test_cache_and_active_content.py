"""Case data is never kept in a cache; uploaded active content never runs in the node's origin;
free text has a bound (issue 14 finding 11)."""

from io import BytesIO
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.cases.services import document_add
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _document(case: Case, actor: Any, filename: str, content_type: str, body: bytes) -> Any:
    return document_add(
        actor=actor,
        case_id=case.pk,
        title=filename,
        filename=filename,
        stream=BytesIO(body),
        content_type=content_type,
    )


def test_case_pages_api_data_and_downloads_are_not_stored(
    client_for: Any, open_case: Any, people: Any
) -> None:
    case = open_case()
    doc = _document(case, people["officer"], "order.pdf", "application/pdf", b"%PDF-1.7 order")
    client = client_for("officer")
    for path in (
        "/",
        f"/cases/{case.pk}/",
        f"/api/v1/cases/{case.pk}",
        f"/cases/{case.pk}/documents/{doc.pk}/",
        f"/api/v1/cases/{case.pk}/documents/{doc.pk}/content",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


@pytest.mark.parametrize(
    ("filename", "claimed"),
    [
        ("page.html", "text/html"),
        ("drawing.svg", "image/svg+xml"),
        ("data.xml", "application/xml"),
        ("feed.atom", "application/atom+xml"),
        ("innocent.txt", "text/html; charset=utf-8"),
    ],
)
def test_active_content_is_a_neutral_attachment(
    client_for: Any, open_case: Any, people: Any, filename: str, claimed: str
) -> None:
    # given an uploaded file a browser would run as a page in the node's origin
    case = open_case()
    doc = _document(case, people["officer"], filename, claimed, b"<svg onload=alert(1)>")
    for path in (
        f"/cases/{case.pk}/documents/{doc.pk}/",
        f"/api/v1/cases/{case.pk}/documents/{doc.pk}/content",
    ):
        # when an officer downloads it (page or API)
        response = client_for("officer").get(path)
        # then it comes as an attachment of a neutral type that the browser may not sniff
        assert response["Content-Type"] == "application/octet-stream", path
        assert response["Content-Disposition"].startswith("attachment;"), path
        assert response["X-Content-Type-Options"] == "nosniff", path


def test_a_pdf_keeps_its_type(client_for: Any, open_case: Any, people: Any) -> None:
    case = open_case()
    doc = _document(case, people["officer"], "order.pdf", "application/pdf", b"%PDF-1.7")
    response = client_for("officer").get(f"/cases/{case.pk}/documents/{doc.pk}/")
    assert response["Content-Type"] == "application/pdf"


def test_a_five_megabyte_reason_is_refused_before_the_audit_chain(
    open_case: Any, people: Any
) -> None:
    # given a draft and the number of events in the chain and on the timeline
    case = open_case()
    audits, events = AuditEvent.objects.count(), CaseEvent.objects.count()
    # when a 5 MB reason comes with a step
    with pytest.raises(DomainError) as err:
        case_transition(
            actor=people["officer"],
            case_id=case.pk,
            target="pending_approval",
            reason="x" * (5 * 1024 * 1024),
        )
    # then the step is refused naming the field, and nothing was written
    assert (err.value.code, err.value.params) == (
        "field.too_long",
        {"field": "reason", "max_length": 10_000},
    )
    case.refresh_from_db()
    assert case.status == "draft"
    assert (AuditEvent.objects.count(), CaseEvent.objects.count()) == (audits, events)


def test_the_reason_limit_is_shown_on_the_step_form(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("officer").post(
        f"/cases/{case.pk}/transition/pending_approval/", {"reason": "x" * 10_001}
    )
    assert response.status_code in (409, 422)
    assert "longer than 10000 characters" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "draft"


def test_a_communication_text_beyond_the_limit_is_refused_before_any_write(
    open_case: Any, people: Any
) -> None:
    from rogatory.apps.cases.models import Communication
    from rogatory.apps.proceedings.services import communication_send

    case = open_case()
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        communication_send(
            actor=people["officer"],
            case_id=case.pk,
            kind="information_request",
            text="x" * 10_001,
        )
    assert (err.value.code, err.value.params) == (
        "field.too_long",
        {"field": "text", "max_length": 10_000},
    )
    assert Communication.objects.filter(case=case).count() == 0
    assert AuditEvent.objects.count() == audits
