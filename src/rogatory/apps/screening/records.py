"""Translate stored persons into core.matching PERSON records."""

from typing import Any

from rogatory.apps.cases.models import Person
from rogatory.core.matching import Person as MatchPerson
from rogatory.core.matching import person_from_dict


def person_record(person: Person) -> MatchPerson:
    names: list[str] = []
    for n in person.names.all():
        names.append(n.full_name)
        if n.latin and n.latin != n.full_name:
            names.append(n.latin)
    data: dict[str, Any] = {
        "id": str(person.pk),
        "names": names,
        "nationalities": [n.state_id for n in person.nationalities.all()],
        "documents": [
            {"type": d.type, "number": d.number, "country": d.issuing_state_id or ""}
            for d in person.documents.all()
        ],
        "gender": person.gender or None,
    }
    if person.birth_date_text:
        data["birth_date"] = person.birth_date_text
    if person.birth_place:
        data["birth_place"] = person.birth_place
    return person_from_dict(data)


def persons_with_details() -> Any:
    return Person.objects.prefetch_related("names", "nationalities", "documents").order_by("id")
