"""The case wire schema: what is written is read back whole; newer minor versions are read,
their unknown fields ignored; an unknown major version is refused before anything else."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rogatory.core.errors import DomainError
from rogatory.core.wire import (
    SCHEMA,
    CaseData,
    DocumentNote,
    IdDocument,
    Measure,
    Name,
    Offence,
    Person,
    from_wire,
    person_from_wire,
    to_wire,
)

text = st.text(max_size=40)
codes = st.sampled_from(["XA", "XB", "FR", "RU", "CN"])
names = st.builds(Name, full_name=st.text(min_size=1, max_size=40), role=text, latin=text)
id_documents = st.builds(IdDocument, type=text, number=text, issuing_state=st.none() | codes)
persons = st.builds(
    Person,
    role=text,
    names=st.lists(names, max_size=3),
    gender=text,
    birth_date=text,
    birth_place=text,
    location=text,
    nationalities=st.lists(codes, max_size=3),
    documents=st.lists(id_documents, max_size=3),
)
offences = st.builds(
    Offence,
    description=text,
    legal_provisions=text,
    max_penalty_months=st.none() | st.integers(min_value=0, max_value=10_000),
    max_penalty_life=st.booleans(),
    place=text,
    committed_on=st.none() | st.dates(),
)
measures = st.builds(Measure, type=text, description=text, purpose=text, procedure=text)
offsets = st.sampled_from([UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5))])
# A node writes instants that exist in UTC: a day's margin at both ends of the calendar.
moments = st.datetimes(
    min_value=datetime(1, 1, 2),  # noqa: DTZ001 (hypothesis takes naive bounds)
    max_value=datetime(9999, 12, 30),  # noqa: DTZ001
    timezones=offsets,
)
cases = st.builds(
    CaseData,
    kind=text,
    legal_bases=st.lists(text, max_size=3),
    title=text,
    treaty=text,
    subject=text,
    facts=text,
    urgency=text,
    urgency_reason=text,
    custody=text,
    confidential=st.booleans(),
    requested_by=st.none() | moments,
    persons=st.lists(persons, max_size=3),
    offences=st.lists(offences, max_size=3),
    measures=st.lists(measures, max_size=3),
    documents=st.lists(
        st.builds(DocumentNote, sha256=st.text(min_size=1), title=text, language=text)
        # Schema 1.2: a file may identify a person of the request (photograph, fingerprints).
        | st.builds(
            DocumentNote,
            sha256=st.text(min_size=1),
            title=text,
            language=text,
            person=st.integers(min_value=0, max_value=5),
            person_file=st.sampled_from(["photograph", "fingerprints"]),
        ),
        max_size=3,
    ),
)


@given(cases)
def test_a_case_written_then_read_through_json_is_the_same_case(case: CaseData) -> None:
    # given any case, when it is written, sent as JSON and read back, then nothing is lost
    assert from_wire(json.loads(json.dumps(to_wire(case)))) == case


@given(persons)
def test_a_person_written_then_read_is_the_same_person(person: Person) -> None:
    from rogatory.core.wire import person_to_wire

    assert person_from_wire(json.loads(json.dumps(person_to_wire(person)))) == person


def _minimal(**fields: Any) -> dict[str, Any]:
    return {"schema": SCHEMA, "kind": "mla", "title": "Bank records", **fields}


def test_the_payload_names_its_schema_and_version() -> None:
    assert to_wire(CaseData(kind="mla", legal_bases=[], title="t"))["schema"] == (
        "rogatory.case/1.2"
    )


def test_a_newer_minor_version_is_read_and_its_unknown_fields_are_ignored() -> None:
    # given a payload from a node on schema 1.7 with fields this reader has never heard of
    payload = _minimal(
        schema="rogatory.case/1.7",
        liaison_magistrate={"name": "M. Dupont"},
        persons=[{"role": "suspect", "names": [{"full_name": "Ivan", "nickname": "V"}]}],
    )
    # when it is read, then the known fields are kept and the unknown ones ignored
    case = from_wire(payload)
    assert (case.kind, case.title) == ("mla", "Bank records")
    assert case.persons == [Person("suspect", [Name("Ivan")])]


@pytest.mark.parametrize("schema", ["rogatory.case/2.0", "rogatory.case/0.9"])
def test_an_unknown_major_version_is_refused_naming_both_versions(schema: str) -> None:
    with pytest.raises(DomainError) as refused:
        from_wire(_minimal(schema=schema))
    assert refused.value.code == "wire.schema_unsupported"
    assert refused.value.params == {"schema": schema, "supported": "rogatory.case/1.2"}


def test_a_payload_without_schema_is_read_as_the_first_version() -> None:
    # nodes released before the field existed sent the 1.0 shape without naming it
    assert from_wire({"kind": "mla", "title": "t"}).title == "t"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (_minimal(schema="case/1.0"), "schema"),
        (_minimal(title=None), "title"),
        (_minimal(confidential="yes"), "confidential"),
        (
            _minimal(persons=[{"role": "suspect", "names": [{"full_name": 7}]}]),
            "persons[0].names[0].full_name",
        ),
        (
            _minimal(offences=[{"description": "d", "max_penalty_months": True}]),
            "offences[0].max_penalty_months",
        ),
        (
            _minimal(offences=[{"description": "d", "committed_on": "yesterday"}]),
            "offences[0].committed_on",
        ),
        (_minimal(requested_by="2026-12-24T10:00:00"), "requested_by"),
        # Offsets that take the instant outside the calendar once in UTC.
        (_minimal(requested_by="9999-12-31T23:59:59-14:00"), "requested_by"),
        (_minimal(requested_by="0001-01-01T00:00:00+14:00"), "requested_by"),
        (_minimal(persons=["Ivan"]), "persons[0]"),
    ],
)
def test_a_malformed_field_is_refused_naming_its_path(payload: Any, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        from_wire(payload)
    assert (refused.value.code, refused.value.params) == ("wire.invalid", {"field": field})


def test_dates_keep_their_meaning_across_nodes() -> None:
    # UNTOC art. 18(24): the requested date is an instant, whatever the nodes' time zones
    moment = datetime(2026, 12, 24, 10, 0, tzinfo=timezone(timedelta(hours=3)))
    case = CaseData(
        kind="mla",
        legal_bases=["untoc"],
        title="t",
        requested_by=moment,
        offences=[Offence("fraud", committed_on=date(2025, 1, 31))],
    )
    read = from_wire(json.loads(json.dumps(to_wire(case))))
    assert read.requested_by == datetime(2026, 12, 24, 7, 0, tzinfo=UTC)
    assert read.offences[0].committed_on == date(2025, 1, 31)


def test_a_photograph_travels_linked_to_its_person_under_schema_1_2() -> None:
    # given a request whose second person has a photograph annexed
    photo = DocumentNote("ab" * 32, "Photograph", "", person=1, person_file="photograph")
    other = DocumentNote("cd" * 32, "Warrant", "en")
    case = CaseData(
        kind="extradition",
        legal_bases=[],
        title="t",
        persons=[Person("witness", [Name("A")]), Person("person_sought", [Name("B")])],
        documents=[photo, other],
    )
    # when it is written
    payload = to_wire(case)
    # then the photograph names its person and kind, the other file is written as before 1.2
    assert payload["documents"] == [
        {
            "sha256": "ab" * 32,
            "title": "Photograph",
            "language": "",
            "person": 1,
            "person_file": "photograph",
        },
        {"sha256": "cd" * 32, "title": "Warrant", "language": "en"},
    ]
    # and it reads back the same
    assert from_wire(json.loads(json.dumps(payload))).documents == [photo, other]


def test_a_1_1_payload_reads_its_files_as_linked_to_no_person() -> None:
    payload = _minimal(
        schema="rogatory.case/1.1", documents=[{"sha256": "ab", "title": "Photo", "language": ""}]
    )
    assert from_wire(payload).documents == [DocumentNote("ab", "Photo", "")]


@pytest.mark.parametrize("person", [-1, "0", True])
def test_a_file_naming_no_valid_person_place_is_refused_naming_the_field(person: Any) -> None:
    payload = _minimal(documents=[{"sha256": "ab", "person": person, "person_file": "photograph"}])
    with pytest.raises(DomainError) as refused:
        from_wire(payload)
    assert refused.value.code == "wire.invalid"
    assert refused.value.params == {"field": "documents[0].person"}
