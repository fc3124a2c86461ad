from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, IdentityDocument, Nationality, Person, PersonName
from rogatory.apps.cases.search import script_of
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.drafts import draft_for_write
from rogatory.apps.cases.services.indexing import case_reindex
from rogatory.apps.cases.services.inputs import PersonInput
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text


def person_create_rows(*, case: Case, data: PersonInput) -> Person:
    """Write one validated person with names, nationalities and documents (no audit)."""
    year, month, day = validation.partial_date(data.birth_date, "birth_date")
    person = Person.objects.create(
        case=case,
        role=data.role,
        gender=data.gender,
        birth_year=year,
        birth_month=month,
        birth_day=day,
        birth_place=data.birth_place,
        location=data.location,
        # The parents' names that Arabic naming needs to tell namesakes apart (issue 17).
        father_name=data.father_name.strip(),
        mother_name=data.mother_name.strip(),
        physical_description=data.physical_description.strip(),
    )
    _detail_rows_create(person=person, data=data)
    return person


def _detail_rows_create(*, person: Person, data: PersonInput) -> None:
    PersonName.objects.bulk_create(
        [
            PersonName(
                person=person,
                role=n.role,
                full_name=n.full_name.strip(),
                latin=n.latin.strip(),
                script=script_of(n.full_name),
            )
            for n in data.names
        ]
    )
    Nationality.objects.bulk_create(
        [Nationality(person=person, state_id=code) for code in dict.fromkeys(data.nationalities)]
    )
    IdentityDocument.objects.bulk_create(
        [
            IdentityDocument(
                person=person,
                type=d.type,
                number=d.number.strip(),
                number_normalised=validation.normalise_document_number(d.number),
                issuing_state_id=d.issuing_state or None,
            )
            for d in data.documents
        ]
    )


def person_summary(data: PersonInput) -> dict[str, Any]:
    return {
        "role": data.role,
        "names": [n.full_name for n in data.names],
        "birth_date": data.birth_date,
        "nationalities": list(data.nationalities),
        "documents": [f"{d.type}:{d.number}" for d in data.documents],
    }


def _person_checks(data: PersonInput, where: str) -> None:
    validation.person(data, where)
    # The database holds these in bounded columns; PostgreSQL would answer a longer value
    # with an error (a 500), so refuse it here, naming the field.
    bounded_text(data.birth_place, f"{where}.birth_place", 200)
    bounded_text(data.location, f"{where}.location", 300)
    bounded_text(data.father_name, f"{where}.father_name", 300)
    bounded_text(data.mother_name, f"{where}.mother_name", 300)
    bounded_text(data.physical_description, f"{where}.physical_description")


def person_add(*, actor: Any, case_id: int, data: PersonInput) -> Person:
    _person_checks(data, "person")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="person.add")
        person = person_create_rows(case=case, data=data)
        case_reindex(case)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        audit_record(
            actor=actor,
            action="person.add",
            obj=person,
            case_id=case.pk,
            changes=person_summary(data),
        )
    return person


def _person_of(case: Case, person_id: int) -> Person:
    person = Person.objects.filter(case=case, pk=person_id).first()
    if person is None:
        raise DomainError("person.not_found", person_id=person_id)
    return person


def _stored_summary(person: Person) -> dict[str, Any]:
    """What person_summary says of a stored person, to audit the values before a change."""
    return {
        "role": person.role,
        "names": [n.full_name for n in person.names.all()],
        "birth_date": "-".join(
            f"{v:02d}" if i else f"{v:04d}"
            for i, v in enumerate((person.birth_year, person.birth_month, person.birth_day))
            if v is not None
        ),
        "nationalities": [n.state_id for n in person.nationalities.all()],
        "documents": [f"{d.type}:{d.number}" for d in person.documents.all()],
    }


def person_update(*, actor: Any, case_id: int, person_id: int, data: PersonInput) -> Person:
    """Replace a person of a draft request: names, nationalities and documents as given.

    Refused with case.not_draft once the request has left drafting, and nothing is written.
    The case's ``updated_at`` is moved on, which is how the screening index learns that its
    persons changed (apps.screening.index).
    """
    _person_checks(data, "person")
    year, month, day = validation.partial_date(data.birth_date, "birth_date")
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="person.update")
        person = _person_of(case, person_id)
        before = _stored_summary(person)
        person.role = data.role
        person.gender = data.gender
        person.birth_year, person.birth_month, person.birth_day = year, month, day
        person.birth_place = data.birth_place
        person.location = data.location
        person.father_name = data.father_name.strip()
        person.mother_name = data.mother_name.strip()
        person.physical_description = data.physical_description.strip()
        person.save()
        PersonName.objects.filter(person=person).delete()
        Nationality.objects.filter(person=person).delete()
        IdentityDocument.objects.filter(person=person).delete()
        _detail_rows_create(person=person, data=data)
        case_reindex(case)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        audit_record(
            actor=actor,
            action="person.update",
            obj=person,
            case_id=case.pk,
            changes={"before": before, "after": person_summary(data)},
        )
    return person


def person_remove(*, actor: Any, case_id: int, person_id: int) -> None:
    """Remove a person from a draft request (an entry made in error, or a person dropped).

    Refused with case.not_draft once the request has left drafting, and nothing is written.
    The case's ``updated_at`` is moved on, which is how the screening index learns that its
    persons changed (apps.screening.index).
    """
    with transaction.atomic():
        case = draft_for_write(actor=actor, case_id=case_id, action="person.remove")
        person = _person_of(case, person_id)
        before = _stored_summary(person)
        audit_record(
            actor=actor, action="person.remove", obj=person, case_id=case.pk, changes=before
        )
        person.delete()
        case_reindex(case)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
