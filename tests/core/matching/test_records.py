"""Person records: parsing of the PERSON wire format and document normalisation."""

import pytest

from rogatory.core.matching import DatePrecision, PartialDate, RecordError, person_from_dict
from rogatory.core.matching.records import NameRole, normalise_document_number


def test_partial_birth_dates_keep_their_precision() -> None:
    # given / when
    year, month, day = (PartialDate.parse(t) for t in ("1970", "1970-05", "1970-05-17"))

    # then
    assert (year.precision, month.precision, day.precision) == (
        DatePrecision.YEAR,
        DatePrecision.MONTH,
        DatePrecision.DAY,
    )
    assert day.isoformat() == "1970-05-17"


def test_compact_birth_date_is_read_as_iso() -> None:
    assert PartialDate.parse("19700517") == PartialDate(1970, 5, 17)


def test_document_numbers_drop_separators_and_fold_mrz_confusables() -> None:
    # given a number keyed with spaces, a dash, lower case and O/I for 0/1
    raw = "ab 12-O4I"

    # when
    key = normalise_document_number(raw)

    # then
    assert key == "AB12041"


def test_person_from_dict_reads_every_field() -> None:
    # given
    data = {
        "id": "x1",
        "names": ["Wang Wei", "王伟"],
        "birth_date": "1970-05",
        "nationalities": ["cn"],
        "gender": "M",
        "documents": [{"type": "Passport", "number": "E 123 456", "country": "CN"}],
        "birth_place": " Beijing ",
    }

    # when
    person = person_from_dict(data)

    # then
    assert person.id == "x1"
    assert [(n.text, n.role) for n in person.names] == [
        ("Wang Wei", NameRole.PRIMARY),
        ("王伟", NameRole.ALIAS),
    ]
    assert person.birth_date == PartialDate(1970, 5)
    assert person.nationalities == frozenset({"CN"})
    assert person.gender == "m"
    assert person.documents[0].type == "passport"
    assert person.documents[0].key == "E123456"
    assert person.birth_place == "Beijing"


def test_only_names_are_required() -> None:
    person = person_from_dict({"names": ["Olaf Scholz"]})

    assert person.birth_date is None
    assert person.nationalities == frozenset()
    assert person.documents == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "names"),
        ({"names": []}, "names"),
        ({"names": ["A"], "birth_date": "17/05/1970"}, "birth_date"),
        ({"names": ["A"], "birth_date": "1970-13"}, "birth_date"),
        ({"names": ["A"], "nationalities": ["IRQ"]}, "nationalities"),
        ({"names": ["A"], "gender": "x"}, "gender"),
        ({"names": ["A"], "documents": [{"type": "passport"}]}, "documents[0]"),
    ],
)
def test_invalid_person_names_the_bad_field(data: dict[str, object], message: str) -> None:
    with pytest.raises(RecordError, match=message.replace("[", r"\[")):
        person_from_dict(data)


def test_to_dict_round_trips() -> None:
    # given
    data = {
        "id": "p",
        "names": ["Ivan Petrov", "Иван Петров"],
        "birth_date": "1961",
        "nationalities": ["RU"],
        "gender": "m",
        "documents": [{"type": "passport", "number": "7201", "country": "RU"}],
        "birth_place": "Tula",
    }

    # when
    again = person_from_dict(person_from_dict(data).to_dict())

    # then
    assert again == person_from_dict(data)
