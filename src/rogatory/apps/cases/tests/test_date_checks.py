"""Dates in a request: typed in any common form, checked for sense, refused in plain words
(issue 13 item 6). A refusal writes nothing."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, Offence
from rogatory.apps.cases.services.inputs import NameInput, OffenceInput, PersonInput
from rogatory.apps.errors import error_message
from rogatory.apps.field_labels import field_label
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _person(born: str) -> PersonInput:
    return PersonInput(role="suspect", names=[NameInput("Ivan Petrov")], birth_date=born)


def _refusal(open_case: Any, **fields: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        open_case(**fields)
    assert Case.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    return caught.value


def test_a_birth_date_written_day_first_is_stored(open_case: Any) -> None:
    # when a person's date of birth is given as 31/12/1980
    case = open_case(persons=[_person("31/12/1980")])
    # then it is stored as 31 December 1980
    person = case.persons.get()
    assert (person.birth_year, person.birth_month, person.birth_day) == (1980, 12, 31)
    assert person.birth_date_text == "1980-12-31"


@pytest.mark.parametrize(
    ("born", "code", "message"),
    [
        ("2099", "date.birth_in_future", "Date of birth of person 1: 2099 is in the future."),
        (
            "1899-12-31",
            "date.birth_too_early",
            "Date of birth of person 1: 1899-12-31 is before 1900; check the year.",
        ),
        (
            "0000",
            "date.year_zero",
            "Date of birth of person 1: there is no year 0000. Write the year in four digits, "
            "or leave the date empty if it is not known.",
        ),
    ],
)
def test_an_impossible_birth_date_is_refused_in_words(
    open_case: Any, born: str, code: str, message: str
) -> None:
    # when a request names a person born in 2099, before 1900 or in year 0000
    err = _refusal(open_case, persons=[_person(born)])
    # then it is refused, the message names the field as the form does, and nothing is written
    assert (err.code, err.params["field"]) == (code, "persons[0].birth_date")
    assert error_message(err.code, err.params) == message


def test_an_offence_in_the_future_is_refused(open_case: Any) -> None:
    later = timezone.now().date() + timedelta(days=3)
    err = _refusal(open_case, offences=[OffenceInput("Fraud", committed_on=later)])
    assert (err.code, err.params["field"]) == ("date.offence_in_future", "offences[0].committed_on")
    assert error_message(err.code, err.params) == (
        f"Date of commission of offence 1: {later.isoformat()} is in the future; give the date "
        "on which the offence was committed."
    )


def test_an_offence_committed_today_is_accepted(open_case: Any) -> None:
    today = timezone.now().date()
    case = open_case(offences=[OffenceInput("Fraud", committed_on=today)])
    assert case.offences.get().committed_on == today


def test_messages_name_the_field_in_the_readers_language() -> None:
    assert field_label("persons[0].birth_date") == "Date of birth of person 1"
    assert field_label("persons[2].documents[0].number") == "Document number of person 3"
    assert field_label("offences[1].committed_on") == "Date of commission of offence 2"
    assert field_label("person.birth_date") == "Date of birth"
    assert field_label("title") == "Title"
    # a path without a label (a command's option) is shown as it is
    assert field_label("--from") == "--from"
    with translation.override("fr"):
        assert "persons[0]" not in error_message(
            "date.birth_in_future", {"field": "persons[0].birth_date", "value": "2099"}
        )


@pytest.fixture
def officer_client(people: Any) -> Client:
    client = Client()
    client.force_login(people["officer"])
    return client


def _api_case(**changes: Any) -> dict[str, Any]:
    return {
        "direction": "outgoing",
        "kind": "mla",
        "requesting_state": "XA",
        "requested_state": "XB",
        "legal_bases": ["untoc"],
        "title": "Bank records",
        **changes,
    }


def test_the_api_reads_the_common_forms(officer_client: Client) -> None:
    person = {"role": "suspect", "names": [{"full_name": "Ivan Petrov"}], "birth_date": "12/1980"}
    offence = {"description": "Fraud", "committed_on": "30/06/2025"}
    response = officer_client.post(
        "/api/v1/cases",
        _api_case(persons=[person], offences=[offence]),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["persons"][0]["birth_date"] == "1980-12"
    assert Offence.objects.get().committed_on == date(2025, 6, 30)


def test_the_api_refuses_a_future_birth_in_words(officer_client: Client) -> None:
    person = {"role": "suspect", "names": [{"full_name": "Ivan Petrov"}], "birth_date": "2099"}
    response = officer_client.post(
        "/api/v1/cases", _api_case(persons=[person]), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json() == {
        "code": "date.birth_in_future",
        "message": "Date of birth of person 1: 2099 is in the future.",
        "params": {"field": "persons[0].birth_date", "value": "2099"},
    }
    assert Case.objects.count() == 0


def test_the_api_refuses_an_unreadable_offence_date_in_words(officer_client: Client) -> None:
    offence = {"description": "Fraud", "committed_on": "31/02/2025"}
    response = officer_client.post(
        "/api/v1/cases", _api_case(offences=[offence]), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "date.invalid"
    assert response.json()["message"].startswith("Date of commission: “31/02/2025” is not a date.")
    assert Case.objects.count() == 0
