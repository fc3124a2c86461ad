from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, IdentityDocument, Nationality, Person, PersonName
from rogatory.apps.cases.search import script_of
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.indexing import case_reindex
from rogatory.apps.cases.services.inputs import PersonInput
from rogatory.apps.cases.services.permissions import case_for_write


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
    )
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
    return person


def person_summary(data: PersonInput) -> dict[str, Any]:
    return {
        "role": data.role,
        "names": [n.full_name for n in data.names],
        "birth_date": data.birth_date,
        "nationalities": list(data.nationalities),
        "documents": [f"{d.type}:{d.number}" for d in data.documents],
    }


def person_add(*, actor: Any, case_id: int, data: PersonInput) -> Person:
    validation.person(data, "person")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="person.add")
        person = person_create_rows(case=case, data=data)
        case_reindex(case)
        audit_record(
            actor=actor,
            action="person.add",
            obj=person,
            case_id=case.pk,
            changes=person_summary(data),
        )
    return person
