"""Opening, editing and moving cases through the web forms; refusals write nothing."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AccessDenial
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.extradition.services.consultation import consultation_record
from rogatory.apps.proceedings.services import case_transition

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int = 1) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _mla_request(**overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Bank records of Borealis Trading",
        "requesting_state": "XA",
        "requested_state": "XB",
        "legal_bases": ["untoc"],
        "urgency": "routine",
        "custody": "not_applicable",
        "facts": "Laundering through Borealis accounts.",
        **_management("persons"),
        **_management("offences"),
        **_management("measures"),
        "persons-0-role": "suspect",
        "persons-0-full_name": "Иван Петров",
        "persons-0-latin": "Ivan Petrov",
        "persons-0-birth_date": "1975-03",
        "persons-0-nationalities": ["XB", "FR"],
        "persons-0-document_type": "passport",
        "persons-0-document_number": "AB 123 456",
        "offences-0-description": "Laundering of the proceeds of fraud.",
        "offences-0-max_penalty_months": "120",
        "measures-0-type": "records",
        "measures-0-description": "Statements of account.",
    }
    data.update(overrides)
    return data


def test_officer_opens_an_outgoing_mla_request(client_for: Any, people: Any) -> None:
    # when the officer sends a complete form
    response = client_for("officer").post("/cases/new/outgoing/mla/", _mla_request())
    # then the draft exists with its person, offence and measure, and the page says so
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.status, case.direction, case.kind, case.officer_id) == (
        "draft",
        "outgoing",
        "mla",
        people["officer"].pk,
    )
    person = case.persons.get()
    assert [(n.role, n.full_name, n.latin) for n in person.names.all()] == [
        ("original_script", "Иван Петров", "Ivan Petrov")
    ]
    assert person.birth_date_text == "1975-03"
    assert sorted(n.state_id for n in person.nationalities.all()) == ["FR", "XB"]
    assert [d.number_normalised for d in person.documents.all()] == ["AB123456"]
    assert case.offences.get().max_penalty_months == 120
    assert case.measures.get().type == "records"


def test_blank_rows_are_left_out(client_for: Any) -> None:
    data = _mla_request(**_management("persons", 2), **{"persons-1-role": "suspect"})
    client_for("officer").post("/cases/new/outgoing/mla/", data)
    assert Case.objects.get().persons.count() == 1


def test_clerk_registers_an_incoming_extradition_request(client_for: Any) -> None:
    # given the clerk's form for an incoming extradition request (no measures part)
    data = _mla_request(requesting_state="XB", requested_state="XA", custody="detained")
    data["persons-0-role"] = "person_sought"
    for key in [k for k in data if k.startswith("measures")]:
        del data[key]
    # when it is sent
    response = client_for("clerk").post("/cases/new/incoming/extradition/", data)
    # then the request is received and waits to be registered
    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.status, case.kind, case.custody) == ("received", "extradition", "detained")
    assert case.persons.get().role == "person_sought"


def test_same_state_error_is_shown_next_to_the_requested_state(
    client_for: Any, writes: Any
) -> None:
    before = writes()
    response = client_for("officer").post(
        "/cases/new/outgoing/mla/", _mla_request(requested_state="XA")
    )
    assert response.status_code == 422
    assert response.context["form"].errors["requested_state"] == [
        "The requesting and requested States must differ."
    ]
    assert Case.objects.count() == 0
    assert writes() == before


def test_partial_date_error_is_shown_on_the_person_row(client_for: Any, writes: Any) -> None:
    # given a birth date with a thirteenth month
    before = writes()
    data = _mla_request(**{"persons-0-birth_date": "1975-13"})
    # when the form is sent
    response = client_for("officer").post("/cases/new/outgoing/mla/", data)
    # then the service's error lands on that person's date of birth, and nothing is written
    person_form = response.context["formsets"]["persons"].forms[0]
    assert response.status_code == 422
    assert person_form.errors["birth_date"] == [
        "Date of birth: “1975-13” is not a date. Write day/month/year (31/12/1980) or "
        "year-month-day (1980-12-31); if only part is known, month/year (12/1980) or the "
        "year (1980)."
    ]
    assert 'href="#id_persons-0-birth_date"' in response.content.decode()
    assert Case.objects.count() == 0
    assert writes() == before


def test_error_on_a_later_row_skips_the_blank_ones(client_for: Any) -> None:
    # given a blank first person row, and the person in the second row born in the future
    data = _mla_request(**_management("persons", 2))
    for key in [k for k in data if k.startswith("persons-0-") and k != "persons-0-role"]:
        data[key.replace("persons-0-", "persons-1-")] = data.pop(key)
    data["persons-1-role"] = "suspect"
    data["persons-1-birth_date"] = "2099-02-28"
    # when the form is sent
    response = client_for("officer").post("/cases/new/outgoing/mla/", data)
    # then the error is on the second row, the one the service saw first
    rows = response.context["formsets"]["persons"].forms
    assert response.status_code == 422
    assert rows[0].errors == {}
    assert list(rows[1].errors) == ["birth_date"]
    assert Case.objects.count() == 0


def test_adding_a_row_without_script_redisplays_the_form(client_for: Any) -> None:
    data = _mla_request(add="persons")
    response = client_for("officer").post("/cases/new/outgoing/mla/", data)
    assert response.status_code == 200
    assert len(response.context["formsets"]["persons"].forms) == 2
    assert Case.objects.count() == 0


def test_formset_row_for_htmx_carries_the_new_count(client_for: Any) -> None:
    response = client_for("officer").get("/cases/new/row/persons/?index=1&kind=extradition")
    body = response.content.decode()
    assert 'name="persons-1-full_name"' in body
    assert 'id="id_persons-TOTAL_FORMS" hx-swap-oob="true"' in body
    assert 'value="2"' in body
    assert '<option value="person_sought" selected>' in body


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("auditor", "/cases/new/outgoing/mla/"),
        ("admin", "/cases/new/outgoing/mla/"),
        ("clerk", "/cases/new/outgoing/mla/"),
        ("officer", "/cases/new/incoming/mla/"),
    ],
)
def test_role_that_cannot_open_gets_403_and_nothing_is_written(
    client_for: Any, people: Any, writes: Any, who: str, url: str
) -> None:
    before = writes()
    client = client_for(who)
    assert client.get(url).status_code == 403
    data = _mla_request()
    if "incoming" in url:
        data.update(requesting_state="XB", requested_state="XA")
    response = client.post(url, data)
    assert response.status_code == 403
    assert Case.objects.count() == 0
    assert writes() == before
    assert AccessDenial.objects.filter(actor=who, action="case.open").count() == 2


def test_officer_edits_the_request(client_for: Any, open_case: Any) -> None:
    case = open_case()
    client = client_for("officer")
    data = {
        "title": "Bank and tax records",
        "legal_bases": ["untoc", "treaty"],
        "treaty": "Aurelia-Borealis MLA Treaty",
        "urgency": "urgent",
        "urgency_reason": "Limitation period ends soon.",
        "custody": "not_applicable",
        "facts": case.facts,
    }
    response = client.post(f"/cases/{case.pk}/edit/", data)
    case.refresh_from_db()
    assert response.status_code == 302
    assert (case.title, case.urgency, case.legal_bases) == (
        "Bank and tax records",
        "urgent",
        ["treaty", "untoc"],
    )


@pytest.mark.parametrize(("who", "status"), [("colleague", 404), ("auditor", 403)])
def test_outsider_cannot_edit(
    client_for: Any, open_case: Any, writes: Any, who: str, status: int
) -> None:
    case = open_case(title="Original")
    before = writes()
    response = client_for(who).post(
        f"/cases/{case.pk}/edit/",
        {
            "title": "Changed",
            "legal_bases": ["untoc"],
            "urgency": "routine",
            "custody": "not_applicable",
        },
    )
    case.refresh_from_db()
    assert response.status_code == status
    assert case.title == "Original"
    assert writes() == before


def test_officer_adds_a_person_with_two_nationalities(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("officer").post(
        f"/cases/{case.pk}/persons/new/",
        {
            "role": "witness",
            "full_name": "ليلى حداد",
            "latin": "Layla Haddad",
            "birth_date": "1980",
            "nationalities": ["XA", "XB"],
        },
    )
    assert response.status_code == 302
    person = case.persons.get(role="witness")
    assert person.display_name == "ليلى حداد"
    assert person.birth_precision == "year"


def test_supervisor_approves_a_draft(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("supervisor").post(f"/cases/{case.pk}/transition/approved/", {})
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == "approved"
    assert CaseEvent.objects.filter(case=case, to_status="approved").count() == 1


def test_htmx_transition_form_is_a_fragment(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("supervisor").get(
        f"/cases/{case.pk}/transition/withdrawn/", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="transition-form"')
    assert 'name="reason"' in body
    assert "UNTOC art. 18(24)" in body


def test_refusal_needs_a_ground_for_the_kind_of_request(
    client_for: Any, open_case: Any, people: Any, writes: Any
) -> None:
    # given a registered incoming MLA request
    case = open_case("clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    client = client_for("supervisor")
    before = writes()
    # when the supervisor refuses it on an extradition ground
    response = client.post(
        f"/cases/{case.pk}/transition/refused/",
        {"reason": "Not possible.", "ground": "extradition_nationality"},
    )
    # then the form refuses the ground, and nothing is written
    assert response.status_code == 422
    assert response.context["form"].errors["ground"] == [
        "Select a valid choice. extradition_nationality is not one of the available choices."
    ]
    assert writes() == before
    # when the requesting State has been consulted (UNTOC art. 18(26)) and an MLA ground is given
    consultation_record(
        actor=people["supervisor"],
        purpose="before_refusal",
        party="requesting_state",
        case_id=case.pk,
        not_possible_reason="Urgent measure.",
    )
    client.post(
        f"/cases/{case.pk}/transition/refused/",
        {"reason": "Not possible.", "ground": "mla_no_dual_criminality"},
    )
    case.refresh_from_db()
    assert (case.status, case.refusal_ground) == ("refused", "mla_no_dual_criminality")


def test_assignment_needs_an_officer(client_for: Any, open_case: Any, people: Any) -> None:
    case = open_case("clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    client = client_for("supervisor")
    missing = client.post(f"/cases/{case.pk}/transition/assigned/", {})
    assert missing.context["form"].errors["officer"] == ["This field is required."]
    client.post(f"/cases/{case.pk}/transition/assigned/", {"officer": people["colleague"].pk})
    case.refresh_from_db()
    assert (case.status, case.officer_id) == ("assigned", people["colleague"].pk)


def test_step_not_open_to_the_role_is_refused_without_writing(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case()
    before = writes()
    response = client_for("officer").post(f"/cases/{case.pk}/transition/approved/", {})
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == "draft"
    assert writes() == before


@pytest.mark.parametrize("who", ["colleague", "foreign_supervisor", "admin"])
def test_outsider_cannot_move_a_case(
    client_for: Any, open_case: Any, writes: Any, who: str
) -> None:
    case = open_case(sealed=True)
    before = writes()
    response = client_for(who).post(f"/cases/{case.pk}/transition/withdrawn/", {"reason": "x"})
    case.refresh_from_db()
    assert response.status_code == 404
    assert case.status == "draft"
    assert writes() == before
