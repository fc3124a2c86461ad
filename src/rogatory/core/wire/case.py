"""The versioned wire schema of a case payload: one ``to_wire`` / ``from_wire`` pair.

A payload names its schema, ``"rogatory.case/<major>.<minor>"``. A reader accepts every minor
version of a major it knows and ignores the fields it does not know: a newer sender may add
optional fields in a minor version and older readers still open the case. A new major version
is a change older readers cannot take safely (a field removed, renamed or given a new meaning):
they refuse the message before storing anything (``wire.schema_unsupported``), and the inbox
answers with a signed rejection (docs/protocol.md §14).

A payload without a ``schema`` field is read as 1.0: nodes released before the field existed
sent exactly that shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from rogatory.core.dates import parse_instant
from rogatory.core.errors import DomainError
from rogatory.core.wire.records import (
    CaseData,
    DocumentNote,
    IdDocument,
    Measure,
    Name,
    Offence,
    Person,
)

SCHEMA_NAME = "rogatory.case"
MAJOR = 1
MINOR = 2
SCHEMA = f"{SCHEMA_NAME}/{MAJOR}.{MINOR}"

_SCHEMA_RE = re.compile(r"^rogatory\.case/(\d{1,4})\.(\d{1,4})$")
T = TypeVar("T")


def schema_version(payload: Mapping[str, Any]) -> tuple[int, int]:
    """The (major, minor) a payload declares; refused unless this reader knows the major."""
    declared = payload.get("schema", f"{SCHEMA_NAME}/1.0")
    match = _SCHEMA_RE.match(declared) if isinstance(declared, str) else None
    if match is None:
        raise DomainError("wire.invalid", field="schema")
    major, minor = int(match.group(1)), int(match.group(2))
    if major != MAJOR:
        raise DomainError("wire.schema_unsupported", schema=declared, supported=SCHEMA)
    return major, minor


# The plain-text fields schema 1.1 added to the request (rogatory.core.wire.records.CaseData).
_TEXTS_1_1 = (
    "requesting_authority",
    "proceedings_authority",
    "proceedings_authority_functions",
    "request_language",
    "contact_name",
    "contact_function",
    "contact_phone",
    "contact_email",
    "dual_criminality",
    "use_limits",
    "warrant_kind",
    "warrant_court",
    "extradition_purpose",
    "sentence_remaining",
    "assurance_death_penalty",
    "assurance_speciality",
    "interpol_notice",
)


# --- writing -------------------------------------------------------------------------------


def _name(n: Name) -> dict[str, Any]:
    return {"full_name": n.full_name, "role": n.role, "latin": n.latin}


def person_to_wire(p: Person) -> dict[str, Any]:
    return {
        "role": p.role,
        "names": [_name(n) for n in p.names],
        "gender": p.gender,
        "birth_date": p.birth_date,
        "birth_place": p.birth_place,
        "location": p.location,
        "nationalities": list(p.nationalities),
        "documents": [
            {"type": d.type, "number": d.number, "issuing_state": d.issuing_state}
            for d in p.documents
        ],
        "father_name": p.father_name,
        "mother_name": p.mother_name,
        "physical_description": p.physical_description,
    }


def document_to_wire(d: DocumentNote) -> dict[str, Any]:
    """A file's note; the person link (schema 1.2) only when the file identifies a person, so
    that the payload, and the hash a supervisor approved, of every other file stay as they were."""
    note: dict[str, Any] = {"sha256": d.sha256, "title": d.title, "language": d.language}
    if d.person is not None:
        note["person"] = d.person
        note["person_file"] = d.person_file
    return note


def to_wire(case: CaseData) -> dict[str, Any]:
    """The JSON-ready payload of ``case`` under the current schema."""
    return {
        "schema": SCHEMA,
        "kind": case.kind,
        "legal_bases": list(case.legal_bases),
        "title": case.title,
        "treaty": case.treaty,
        "subject": case.subject,
        "facts": case.facts,
        "urgency": case.urgency,
        "urgency_reason": case.urgency_reason,
        "custody": case.custody,
        "confidential": case.confidential,
        "requested_by": case.requested_by.isoformat() if case.requested_by else None,
        "persons": [person_to_wire(p) for p in case.persons],
        "offences": [
            {
                "description": o.description,
                "legal_provisions": o.legal_provisions,
                "max_penalty_months": o.max_penalty_months,
                "max_penalty_life": o.max_penalty_life,
                "place": o.place,
                "committed_on": o.committed_on.isoformat() if o.committed_on else None,
                "legal_qualification": o.legal_qualification,
            }
            for o in case.offences
        ],
        "measures": [
            {
                "type": m.type,
                "description": m.description,
                "purpose": m.purpose,
                "procedure": m.procedure,
            }
            for m in case.measures
        ],
        "documents": [document_to_wire(d) for d in case.documents],
        **{name: getattr(case, name) for name in _TEXTS_1_1},
        "translation_languages": list(case.translation_languages),
        "warrant_date": case.warrant_date.isoformat() if case.warrant_date else None,
        "warrant_enforceable": case.warrant_enforceable,
    }


# --- reading -------------------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object; every refusal names the field's path."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, Mapping):
            raise DomainError("wire.invalid", field=where or "payload")
        self.data = data
        self.where = where

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _get(self, key: str, kind: type[T] | tuple[type, ...], default: Any, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise DomainError("wire.invalid", field=self._path(key))
            return default
        value = self.data[key]
        # bool is an int in Python: a flag is never a number and a number never a flag.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise DomainError("wire.invalid", field=self._path(key))
        return value

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        return str(self._get(key, str, default, required))

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, str, None, False)
        return value if value is None else str(value)

    def flag(self, key: str) -> bool:
        return bool(self._get(key, bool, False, False))

    def number(self, key: str) -> int | None:
        value = self._get(key, int, None, False)
        return value if value is None else int(value)

    def texts(self, key: str) -> list[str]:
        items = self._get(key, list, [], False)
        if not all(isinstance(i, str) for i in items):
            raise DomainError("wire.invalid", field=self._path(key))
        return [str(i) for i in items]

    def records(self, key: str, read: Callable[[_Reader], T]) -> list[T]:
        items = self._get(key, list, [], False)
        return [read(_Reader(item, f"{self._path(key)}[{i}]")) for i, item in enumerate(items)]

    def day(self, key: str) -> date | None:
        value = self.optional_text(key)
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            raise DomainError("wire.invalid", field=self._path(key)) from None

    def moment(self, key: str) -> datetime | None:
        value = self.optional_text(key)
        if not value:
            return None
        try:
            return parse_instant(value)
        except ValueError:
            raise DomainError("wire.invalid", field=self._path(key)) from None


def _read_name(r: _Reader) -> Name:
    return Name(r.text("full_name", required=True), r.text("role", "primary"), r.text("latin"))


def _read_id_document(r: _Reader) -> IdDocument:
    return IdDocument(
        r.text("type", required=True),
        r.text("number", required=True),
        r.optional_text("issuing_state"),
    )


def _read_person(r: _Reader) -> Person:
    return Person(
        role=r.text("role", required=True),
        names=r.records("names", _read_name),
        gender=r.text("gender"),
        birth_date=r.text("birth_date"),
        birth_place=r.text("birth_place"),
        location=r.text("location"),
        nationalities=r.texts("nationalities"),
        documents=r.records("documents", _read_id_document),
        father_name=r.text("father_name"),
        mother_name=r.text("mother_name"),
        physical_description=r.text("physical_description"),
    )


def _read_offence(r: _Reader) -> Offence:
    return Offence(
        description=r.text("description", required=True),
        legal_provisions=r.text("legal_provisions"),
        max_penalty_months=r.number("max_penalty_months"),
        max_penalty_life=r.flag("max_penalty_life"),
        place=r.text("place"),
        committed_on=r.day("committed_on"),
        legal_qualification=r.text("legal_qualification"),
    )


def _read_measure(r: _Reader) -> Measure:
    return Measure(
        type=r.text("type", required=True),
        description=r.text("description", required=True),
        purpose=r.text("purpose"),
        procedure=r.text("procedure"),
    )


def _read_document(r: _Reader) -> DocumentNote:
    person = r.number("person")
    if person is not None and person < 0:
        raise DomainError("wire.invalid", field=r._path("person"))
    return DocumentNote(
        sha256=r.text("sha256", required=True),
        title=r.text("title"),
        language=r.text("language"),
        # Schema 1.2: absent from older payloads, so the file is linked to no person.
        person=person,
        person_file=r.text("person_file") if person is not None else "",
    )


def person_from_wire(data: Any, where: str = "person") -> Person:
    """One person from its wire (or API) form; ``where`` names it in a refusal."""
    return _read_person(_Reader(data, where))


def from_wire(data: Any) -> CaseData:
    """The case a payload carries. Refused (``DomainError``) for an unknown major version
    (``wire.schema_unsupported``) or a field of the wrong shape (``wire.invalid`` naming its
    path); fields this reader does not know are ignored. Business rules (known kinds, States,
    dates) are checked by the case services when the case is opened."""
    r = _Reader(data, "")
    schema_version(r.data)
    return CaseData(
        kind=r.text("kind", required=True),
        legal_bases=r.texts("legal_bases"),
        title=r.text("title", required=True),
        treaty=r.text("treaty"),
        subject=r.text("subject"),
        facts=r.text("facts"),
        urgency=r.text("urgency", "routine"),
        urgency_reason=r.text("urgency_reason"),
        custody=r.text("custody", "not_applicable"),
        confidential=r.flag("confidential"),
        requested_by=r.moment("requested_by"),
        persons=r.records("persons", _read_person),
        offences=r.records("offences", _read_offence),
        measures=r.records("measures", _read_measure),
        documents=r.records("documents", _read_document),
        # Schema 1.1: absent from a 1.0 payload, so each falls back to its empty default.
        **{name: r.text(name) for name in _TEXTS_1_1},
        translation_languages=r.texts("translation_languages"),
        warrant_date=r.day("warrant_date"),
        warrant_enforceable=r.flag("warrant_enforceable"),
    )
