"""One person the matching engine cannot read never stops a node (issue 13 item 1), and the
index follows persons edited or removed while their case is a draft."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case, Person
from rogatory.apps.cases.services.inputs import NameInput, PersonInput
from rogatory.apps.cases.services.persons import person_remove, person_update
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.screening.index import current_index, skipped_persons
from rogatory.apps.screening.models import PersonMatch
from rogatory.apps.screening.records import person_record
from rogatory.core.matching import Person as MatchPerson
from rogatory.core.matching import person_from_dict

pytestmark = pytest.mark.django_db


def _sought(name: str, born: str = "1975-03-14") -> PersonInput:
    return PersonInput(
        role="person_sought", names=[NameInput(name, "primary", "")], birth_date=born
    )


def real_person(name: str) -> MatchPerson:
    return person_from_dict({"names": [name], "birth_date": "1975-03-14"})


def _register_incoming(open_case: Any, people: Any, *persons: PersonInput) -> Case:
    case: Case = open_case(
        actor="clerk",
        direction="incoming",
        kind="extradition",
        title="Request from Borealis",
        persons=list(persons),
    )
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("name", ["ا", "آ", "ااا", "ء"])
def test_a_case_naming_a_person_with_a_bare_alif_does_not_stop_registration(
    name: str, open_case: Any, people: Any
) -> None:
    # given a case whose person is named with letters the romaniser reads as nothing
    open_case(kind="extradition", title="Odd name", persons=[_sought(name)])

    # when two incoming extradition requests are registered, one naming the same person
    first = _register_incoming(open_case, people, _sought("Ivan Petrov"))
    second = _register_incoming(open_case, people, _sought(name))

    # then both are registered, and the node keeps working
    assert first.status == "registered"
    assert second.status == "registered"
    assert skipped_persons() == {}


def test_a_person_that_cannot_be_analysed_is_skipped_and_reported_and_the_rest_still_match(
    open_case: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two stored persons, one whose record the engine cannot read
    broken = open_case(kind="extradition", title="Broken", persons=[_sought("Broken Row")])
    sought = open_case(kind="extradition", title="Sought", persons=[_sought("Ivan Petrov")])
    broken_id = broken.persons.get().pk

    def record(person: Person) -> Any:
        if person.pk == broken_id:
            raise IndexError("tuple index out of range")
        return person_record(person)

    monkeypatch.setattr("rogatory.apps.screening.index.person_record", record)

    # when a request for the other person is registered
    incoming = _register_incoming(open_case, people, _sought("Иван Петров"))

    # then the registration holds, the match is found, and the bad row is reported
    assert incoming.status == "registered"
    assert list(PersonMatch.objects.filter(case=incoming).values_list("other_case", flat=True)) == [
        sought.pk
    ]
    assert skipped_persons() == {str(broken_id): "IndexError"}


def test_a_renamed_person_is_found_under_the_new_name_and_not_the_old(
    open_case: Any, people: Any
) -> None:
    # given an indexed draft whose person is then renamed
    draft = open_case(kind="extradition", title="Draft", persons=[_sought("Olaf Nilsen")])
    current_index()
    person = draft.persons.get()
    person_update(
        actor=people["officer"], case_id=draft.pk, person_id=person.pk, data=_sought("Ivan Petrov")
    )

    # when
    index = current_index()

    # then
    assert [c.person_id for c in index.search_scored(real_person("Ivan Petrov"), 5)][:1] == [
        str(person.pk)
    ]
    assert str(person.pk) not in [
        c.person_id for c in index.search_scored(real_person("Olaf Nilsen"), 5) if c.pair.match
    ]


def test_a_removed_person_leaves_the_index(open_case: Any, people: Any) -> None:
    # given an indexed draft whose person is then removed
    draft = open_case(kind="extradition", title="Draft", persons=[_sought("Olaf Nilsen")])
    key = str(draft.persons.get().pk)
    assert key in current_index()
    person_remove(actor=people["officer"], case_id=draft.pk, person_id=int(key))

    # when
    index = current_index()

    # then
    assert key not in index
