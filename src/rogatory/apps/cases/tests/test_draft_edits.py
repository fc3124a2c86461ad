"""Persons, offences and measures corrected or removed while the request is a draft (issue 13)."""

from datetime import date
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, IdentityDocument, Measure, Offence, Person, SearchTerm
from rogatory.apps.cases.services import (
    measure_add,
    measure_remove,
    measure_update,
    offence_add,
    offence_remove,
    offence_update,
    person_remove,
    person_update,
)
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    MeasureInput,
    NameInput,
    OffenceInput,
    PersonInput,
)
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _sent(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(status="transmitted")


def _person(name: str = "Ivan Petrova", *documents: IdDocumentInput) -> PersonInput:
    return PersonInput(
        role="suspect",
        names=[NameInput(name)],
        gender="f",
        birth_date="1976-04-02",
        nationalities=["XB"],
        documents=list(documents),
    )


def test_a_person_of_a_draft_is_replaced_with_two_documents_and_audited(
    open_case: Any, people: Any
) -> None:
    # given a draft with one person
    case = open_case()
    person = case.persons.get()
    # when the officer corrects the name and records a passport and an identity card
    person_update(
        actor=people["officer"],
        case_id=case.pk,
        person_id=person.pk,
        data=_person(
            "Ivana Petrova",
            IdDocumentInput("passport", "XB1234567", "XB"),
            IdDocumentInput("national_id", "ID-99", None),
        ),
    )
    # then the stored person is the new one, the search finds the new name, and the audit
    # event holds the values before and after
    person.refresh_from_db()
    assert [n.full_name for n in person.names.all()] == ["Ivana Petrova"]
    assert (person.gender, person.birth_year, person.birth_month, person.birth_day) == (
        "f",
        1976,
        4,
        2,
    )
    assert sorted(
        IdentityDocument.objects.filter(person=person).values_list("number", flat=True)
    ) == [
        "ID-99",
        "XB1234567",
    ]
    assert SearchTerm.objects.filter(case=case, term="ivana").exists()
    event = AuditEvent.objects.get(action="person.update")
    assert event.case_id == case.pk
    assert event.changes["before"]["names"] == ["Иван Петров"]
    assert event.changes["after"]["names"] == ["Ivana Petrova"]
    assert event.changes["after"]["documents"] == ["passport:XB1234567", "national_id:ID-99"]


def test_a_person_of_a_draft_is_removed_and_audited(open_case: Any, people: Any) -> None:
    case = open_case()
    person = case.persons.get()
    person_remove(actor=people["officer"], case_id=case.pk, person_id=person.pk)
    assert not Person.objects.filter(case=case).exists()
    event = AuditEvent.objects.get(action="person.remove")
    assert (event.object_id, event.changes["names"]) == (str(person.pk), ["Иван Петров"])


@pytest.mark.parametrize("change", ["update", "remove"])
def test_a_person_of_a_sent_request_cannot_change_and_nothing_is_written(
    open_case: Any, people: Any, change: str
) -> None:
    # given a request that has left drafting
    case = open_case()
    person = case.persons.get()
    _sent(case)
    audits = AuditEvent.objects.count()

    # when the officer tries to change the person
    def attempt() -> None:
        if change == "update":
            person_update(
                actor=people["officer"], case_id=case.pk, person_id=person.pk, data=_person()
            )
        else:
            person_remove(actor=people["officer"], case_id=case.pk, person_id=person.pk)

    with pytest.raises(DomainError) as err:
        attempt()
    # then it is refused and the person, the search terms and the audit chain are unchanged
    assert err.value.code == "case.not_draft"
    assert [n.full_name for n in Person.objects.get(pk=person.pk).names.all()] == ["Иван Петров"]
    assert AuditEvent.objects.count() == audits


def test_an_outsider_cannot_remove_a_person_and_nothing_is_written(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    person = case.persons.get()
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        person_remove(actor=people["colleague"], case_id=case.pk, person_id=person.pk)
    assert err.value.code == "case.not_found"
    assert Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.count() == audits


def test_a_person_of_another_case_is_not_found(open_case: Any, people: Any) -> None:
    case, other = open_case(), open_case()
    with pytest.raises(DomainError) as err:
        person_remove(actor=people["officer"], case_id=case.pk, person_id=other.persons.get().pk)
    assert err.value.code == "person.not_found"
    assert Person.objects.filter(case=other).count() == 1


def test_an_offence_of_a_draft_is_edited_with_the_change_audited(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    offence = offence_add(
        actor=people["officer"], case_id=case.pk, data=OffenceInput("Fraud", place="Port Aurel")
    )
    offence_update(
        actor=people["officer"],
        case_id=case.pk,
        offence_id=offence.pk,
        data=OffenceInput("Money laundering", place="Port Aurel", committed_on=date(2025, 6, 30)),
    )
    offence.refresh_from_db()
    assert (offence.description, offence.committed_on) == ("Money laundering", date(2025, 6, 30))
    assert AuditEvent.objects.get(action="offence.update").changes == {
        "description": {"from": "Fraud", "to": "Money laundering"},
        "committed_on": {"from": None, "to": "2025-06-30"},
    }
    offence_remove(actor=people["officer"], case_id=case.pk, offence_id=offence.pk)
    assert not Offence.objects.filter(case=case).exists()
    assert AuditEvent.objects.get(action="offence.remove").changes["description"] == (
        "Money laundering"
    )


def test_a_measure_of_a_sent_request_cannot_be_edited_and_nothing_is_written(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    measure = measure_add(
        actor=people["officer"], case_id=case.pk, data=MeasureInput("records", "Bank records")
    )
    measure_update(
        actor=people["officer"],
        case_id=case.pk,
        measure_id=measure.pk,
        data=MeasureInput("records", "Bank records 2019-2021"),
    )
    _sent(case)
    audits = AuditEvent.objects.count()
    for attempt in (
        lambda: measure_update(
            actor=people["officer"],
            case_id=case.pk,
            measure_id=measure.pk,
            data=MeasureInput("records", "Everything"),
        ),
        lambda: measure_remove(actor=people["officer"], case_id=case.pk, measure_id=measure.pk),
    ):
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == "case.not_draft"
    assert Measure.objects.get(pk=measure.pk).description == "Bank records 2019-2021"
    assert AuditEvent.objects.count() == audits


def test_an_offence_description_beyond_the_limit_is_refused_before_any_write(
    open_case: Any, people: Any
) -> None:
    case = open_case()
    audits = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        offence_add(actor=people["officer"], case_id=case.pk, data=OffenceInput("x" * 10_001))
    assert (err.value.code, err.value.params) == (
        "field.too_long",
        {"field": "offence.description", "max_length": 10_000},
    )
    assert not Offence.objects.filter(case=case).exists()
    assert AuditEvent.objects.count() == audits
