"""Issue 17 in the browser's terms: the checklist of what a request needs, live on the form
and on the case page; the supervisor's approval refused with the reason shown."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.directory.services import requirements_load_shipped
from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db

DUAL = "Laundering is an offence under XB's law too."


def _form(**fields: Any) -> dict[str, Any]:
    data = {
        "title": "Bank records of Borealis Trading",
        "requesting_state": "XA",
        "requested_state": "XB",
        "legal_bases": ["untoc"],
        "urgency": "routine",
        "custody": "not_applicable",
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-0-role": "suspect",
        "offences-TOTAL_FORMS": "0",
        "offences-INITIAL_FORMS": "0",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "0",
        "measures-0-type": "records",
        "measures-0-description": "Statements of accounts 2019-2021",
    }
    data.update(fields)
    return data


def test_the_live_checklist_names_what_is_missing_with_its_article(client_for: Any) -> None:
    # given an officer filling in a new MLA request with no facts, subject or language
    client = client_for("officer")
    # when the form changes (htmx posts it to the check)
    response = client.post("/cases/new/outgoing/mla/check/", _form(), HTTP_HX_REQUEST="true")
    # then the fragment lists each missing element and the article requiring it
    body = response.content.decode()
    assert response.status_code == 200
    assert "Summarise the relevant facts." in body
    assert "UNTOC art. 18(15)(c)" in body
    assert "Give the language of the request." in body
    assert "Measure 1: say for what purpose it is sought." in body
    assert "UNTOC art. 18(15)(f)" in body
    assert "<html" not in body


def test_the_live_checklist_stops_a_request_in_a_language_xb_does_not_accept(
    client_for: Any,
) -> None:
    # given XB's published requirements (French or English only)
    requirements_load_shipped()
    # when the officer drafts a request to XB in Spanish
    response = client_for("officer").post(
        "/cases/new/outgoing/mla/check/",
        _form(request_language="es"),
        HTTP_HX_REQUEST="true",
    )
    # then the checklist says XB does not accept Spanish and which languages it does
    body = response.content.decode()
    assert "The requested State does not accept requests in es; it accepts: en, fr." in body
    assert "Not accepted" in body


def test_the_supervisor_is_refused_approval_of_a_spanish_request_to_xb_and_told_why(
    client_for: Any, open_case: Any, people: Any, writes: Any
) -> None:
    # given XB's requirements and a submitted request to XB in Spanish
    requirements_load_shipped()
    case = open_case(request_language="es", dual_criminality=DUAL)
    case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")
    before = writes()
    # when the supervisor approves it on the web
    response = client_for("supervisor").post(f"/cases/{case.pk}/transition/approved/", {})
    # then the approval is refused with the reason, and nothing is written
    assert response.status_code == 422
    assert "The request cannot be approved yet." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "pending_approval"
    assert writes() == before
    # and the case's checklist names the language
    checklist = client_for("supervisor").get(f"/cases/{case.pk}/checklist/", HTTP_HX_REQUEST="true")
    assert "does not accept requests in es" in checklist.content.decode()


def test_the_case_page_loads_the_checklist_and_the_full_page_works_without_htmx(
    client_for: Any, open_case: Any
) -> None:
    case = open_case()
    client = client_for("officer")
    page = client.get(f"/cases/{case.pk}/")
    assert f"/cases/{case.pk}/checklist/" in page.content.decode()
    full = client.get(f"/cases/{case.pk}/checklist/")
    assert full.status_code == 200
    assert "<html" in full.content.decode()


def test_an_outsider_gets_no_checklist(client_for: Any, open_case: Any) -> None:
    case = open_case()
    assert client_for("colleague").get(f"/cases/{case.pk}/checklist/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"persons-TOTAL_FORMS": "x", "measures-TOTAL_FORMS": "100000"},
        {"requested_state": "ZZ", "request_language": "klingon"},
        {},
    ],
)
def test_bad_input_to_the_live_check_is_never_a_500(client_for: Any, data: Any) -> None:
    response = client_for("officer").post("/cases/new/outgoing/mla/check/", data)
    assert response.status_code == 200


def test_the_live_check_refuses_an_unknown_kind_and_a_get(client_for: Any) -> None:
    client = client_for("officer")
    assert client.post("/cases/new/outgoing/nonsense/check/", {}).status_code == 404
    assert client.get("/cases/new/outgoing/mla/check/").status_code == 405


def test_opening_an_extradition_request_stores_the_warrant_and_offers_no_deadline(
    client_for: Any,
) -> None:
    client = client_for("officer")
    form = client.get("/cases/new/outgoing/extradition/").content.decode()
    assert 'name="requested_by"' not in form
    assert 'name="warrant_court"' in form
    response = client.post(
        "/cases/new/outgoing/extradition/",
        {
            "title": "Extradition of Wang Wei",
            "requesting_state": "XA",
            "requested_state": "XB",
            "legal_bases": ["untoc"],
            "urgency": "routine",
            "custody": "not_applicable",
            "request_language": "en",
            "warrant_kind": "arrest_warrant",
            "warrant_date": "2025-06-02",
            "warrant_court": "Criminal Court of XA",
            "extradition_purpose": "prosecution",
            "persons-TOTAL_FORMS": "1",
            "persons-INITIAL_FORMS": "0",
            "persons-0-role": "person_sought",
            "persons-0-full_name": "وانغ وي",
            "persons-0-father_name": "لي",
            "offences-TOTAL_FORMS": "1",
            "offences-INITIAL_FORMS": "0",
            "offences-0-description": "Fraud against investors",
            "offences-0-legal_qualification": "Fraud",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(title="Extradition of Wang Wei")
    assert (case.warrant_kind, case.warrant_court, str(case.warrant_date)) == (
        "arrest_warrant",
        "Criminal Court of XA",
        "2025-06-02",
    )
    assert case.requesting_authority_name == "Central Authority of XA"
    assert case.persons.get().father_name == "لي"
    assert case.offences.get().legal_qualification == "Fraud"


def test_the_translation_page_records_a_translation_beside_its_original(
    client_for: Any, open_case: Any, people: Any
) -> None:
    import io

    from rogatory.apps.cases.models import DocumentTranslation
    from rogatory.apps.cases.services import document_add

    case = open_case()
    order = document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Court order",
        filename="order.txt",
        stream=io.BytesIO(b"order"),
        language="es",
    )
    client = client_for("officer")
    assert client.get(f"/cases/{case.pk}/translations/").status_code == 200
    response = client.post(
        f"/cases/{case.pk}/translations/", {"document": order.pk, "target_language": "fr"}
    )
    assert response.status_code == 302
    row = DocumentTranslation.objects.get()
    response = client.post(
        f"/cases/{case.pk}/translations/{row.pk}/step/",
        {f"t{row.pk}-status": "in_translation", f"t{row.pk}-translator": "J. Martin"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.translator) == ("in_translation", "J. Martin")
    page = client.get(f"/cases/{case.pk}/translations/").content.decode()
    assert "Court order" in page
    assert "J. Martin" in page


def test_bad_input_to_the_translation_pages_is_a_4xx(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case()
    client = client_for("officer")
    before = writes()
    assert (
        client.post(
            f"/cases/{case.pk}/translations/", {"document": "x", "target_language": "zz9"}
        ).status_code
        == 422
    )
    assert client.post(f"/cases/{case.pk}/translations/999/step/", {}).status_code == 302
    assert client_for("colleague").get(f"/cases/{case.pk}/translations/").status_code == 404
    assert writes() == before
