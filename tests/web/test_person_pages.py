"""Persons, offences and measures edited and removed from the case page while a draft
(issue 13: "persons cannot be edited or removed in the UI")."""

from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, IdentityDocument, Offence, Person
from rogatory.apps.cases.services import offence_add
from rogatory.apps.cases.services.inputs import OffenceInput

pytestmark = pytest.mark.django_db


def _person_post(**extra: str) -> dict[str, str]:
    data = {
        "role": "suspect",
        "full_name": "Иван Петров",
        "latin": "Ivan Petrov",
        "gender": "m",
        "birth_date": "1975-03",
        "nationalities": "XB",
        "documents-TOTAL_FORMS": "2",
        "documents-INITIAL_FORMS": "0",
        "documents-0-type": "passport",
        "documents-0-number": "XB1234567",
        "documents-0-issuing_state": "XB",
        "documents-1-type": "national_id",
        "documents-1-number": "ID-99",
    }
    data.update(extra)
    return data


def test_the_edit_page_shows_the_person_with_each_document(
    client_for: Any, open_case: Any, people: Any
) -> None:
    case = open_case()
    person = case.persons.get()
    client = client_for("officer")
    client.post(f"/cases/{case.pk}/persons/{person.pk}/edit/", _person_post())
    response = client.get(f"/cases/{case.pk}/persons/{person.pk}/edit/")
    assert response.status_code == 200
    documents = response.context["documents"]
    assert [f.initial for f in documents.forms[:2]] == [
        {"type": "passport", "number": "XB1234567", "issuing_state": "XB"},
        {"type": "national_id", "number": "ID-99", "issuing_state": None},
    ]
    assert response.context["form"].initial["latin"] == "Ivan Petrov"


def test_an_officer_edits_a_person_with_two_documents(client_for: Any, open_case: Any) -> None:
    # given a draft with one person and no document
    case = open_case()
    person = case.persons.get()
    # when the officer saves the person with a passport and an identity card
    response = client_for("officer").post(
        f"/cases/{case.pk}/persons/{person.pk}/edit/", _person_post(full_name="Иван Петрович")
    )
    # then both documents are stored, the change audited, and the officer is back on the case
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert list(
        IdentityDocument.objects.filter(person=person).order_by("id").values_list("type", "number")
    ) == [("passport", "XB1234567"), ("national_id", "ID-99")]
    assert AuditEvent.objects.filter(action="person.update", case_id=case.pk).count() == 1
    body = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert "Иван Петрович" in body


def test_adding_a_document_row_keeps_what_was_typed(client_for: Any, open_case: Any) -> None:
    case = open_case()
    response = client_for("officer").post(
        f"/cases/{case.pk}/persons/new/", _person_post(add="documents")
    )
    assert response.status_code == 200
    assert len(response.context["documents"].forms) == 3
    assert Person.objects.filter(case=case).count() == 1


def test_a_document_without_a_number_is_refused_next_to_its_row(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case()
    before = writes()
    response = client_for("officer").post(
        f"/cases/{case.pk}/persons/new/", _person_post(**{"documents-1-number": ""})
    )
    assert response.status_code == 422
    assert response.context["documents"].forms[1].errors["number"] == ["Give the document number."]
    assert Person.objects.filter(case=case).count() == 1
    assert writes() == before


def test_an_officer_removes_a_person_after_confirming(client_for: Any, open_case: Any) -> None:
    case = open_case()
    person = case.persons.get()
    client = client_for("officer")
    page = client.get(f"/cases/{case.pk}/persons/{person.pk}/remove/")
    assert page.status_code == 200
    assert "Иван Петров" in page.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    response = client.post(f"/cases/{case.pk}/persons/{person.pk}/remove/")
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(action="person.remove").count() == 1


def test_a_sent_request_offers_no_edit_and_refuses_one(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    # given a request that has left drafting
    case = open_case()
    person = case.persons.get()
    Case.objects.filter(pk=case.pk).update(status="transmitted")
    client = client_for("officer")
    # then its page offers no edit, and a forged post is refused with nothing written
    assert f"/persons/{person.pk}/edit/" not in client.get(f"/cases/{case.pk}/").content.decode()
    before = writes()
    response = client.post(f"/cases/{case.pk}/persons/{person.pk}/remove/")
    assert response.status_code == 409
    assert "has left drafting" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    assert writes() == before


def test_the_draft_page_offers_edit_and_remove(client_for: Any, open_case: Any) -> None:
    case = open_case()
    person = case.persons.get()
    body = client_for("officer").get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/persons/{person.pk}/edit/" in body
    assert f"/cases/{case.pk}/persons/{person.pk}/remove/" in body


def test_an_offence_is_edited_and_removed_from_its_pages(
    client_for: Any, open_case: Any, people: Any
) -> None:
    case = open_case()
    offence = offence_add(actor=people["officer"], case_id=case.pk, data=OffenceInput("Fraud"))
    client = client_for("officer")
    assert f"/offences/{offence.pk}/edit/" in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(f"/cases/{case.pk}/offences/{offence.pk}/edit/")
    assert page.context["form"].initial["description"] == "Fraud"
    response = client.post(
        f"/cases/{case.pk}/offences/{offence.pk}/edit/",
        {"description": "Money laundering", "place": "Port Aurel"},
    )
    assert response.status_code == 302
    offence.refresh_from_db()
    assert (offence.description, offence.place) == ("Money laundering", "Port Aurel")
    client.post(f"/cases/{case.pk}/offences/{offence.pk}/remove/")
    assert not Offence.objects.filter(pk=offence.pk).exists()


def test_an_outsider_cannot_open_the_edit_page(
    client_for: Any, open_case: Any, writes: Any
) -> None:
    case = open_case()
    person = case.persons.get()
    before = writes()
    client = client_for("colleague")
    assert client.get(f"/cases/{case.pk}/persons/{person.pk}/edit/").status_code == 404
    assert (
        client.post(f"/cases/{case.pk}/persons/{person.pk}/edit/", _person_post()).status_code
        == 404
    )
    assert [n.full_name for n in Person.objects.get(pk=person.pk).names.all()] == ["Иван Петров"]
    assert writes()[1] == before[1]
