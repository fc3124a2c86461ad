"""Canonical person records (design R1) and their parsing from plain dictionaries.

A record is immutable and hashable-free on purpose: it is analysed once (``analysis``) and the
analysis is what the index and the scorer use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any


class RecordError(ValueError):
    """A person dictionary that cannot be turned into a record (the message names the field)."""


class NameRole(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    ORIGINAL_SCRIPT = "original_script"
    PATRONYMIC = "patronymic"


class DatePrecision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


_COMPACT_DATE = re.compile(r"\d{8}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A birth date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also ``YYYYMMDD``)."""
        value = text.strip()
        if _COMPACT_DATE.fullmatch(value):
            value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
        match = _PARTIAL_DATE.fullmatch(value)
        if match is None:
            raise RecordError(f"birth_date: not a partial ISO date: {text!r}")
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise RecordError(f"birth_date: month out of range: {text!r}")
        if day is not None and not 1 <= day <= 31:
            raise RecordError(f"birth_date: day out of range: {text!r}")
        return cls(year, month, day)


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    role: NameRole = NameRole.PRIMARY
    provenance: str | None = None


_MRZ_CONFUSABLES = str.maketrans({"O": "0", "I": "1"})


def normalise_document_number(number: str) -> str:
    """Upper-case, drop separators and fold the MRZ confusables O->0 and I->1.

    The fold is applied to every character: document numbers are compared as keys, and a
    clerk's O for 0 (or I for 1) is the most frequent keying error on machine-readable zones.
    """
    folded = unicodedata.normalize("NFKC", number).upper()
    kept = "".join(ch for ch in folded if ch.isalnum())
    return kept.translate(_MRZ_CONFUSABLES)


@dataclass(frozen=True, slots=True)
class Document:
    type: str
    number: str
    country: str | None = None
    # The normalised number that comparisons use; set from ``number``.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", normalise_document_number(self.number))


@dataclass(frozen=True, slots=True)
class Person:
    names: tuple[Name, ...]
    birth_date: PartialDate | None = None
    nationalities: frozenset[str] = field(default_factory=frozenset)
    gender: str | None = None
    documents: tuple[Document, ...] = ()
    birth_place: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The PERSON wire format (see docs/matching.md); inverse of ``person_from_dict``."""
        data: dict[str, Any] = {"names": [n.text for n in self.names]}
        if self.id is not None:
            data["id"] = self.id
        roles = [n.role.value for n in self.names]
        if any(r != NameRole.PRIMARY for r in roles[:1]) or any(
            r != NameRole.ALIAS for r in roles[1:]
        ):
            data["name_roles"] = roles
        if self.birth_date is not None:
            data["birth_date"] = self.birth_date.isoformat()
        if self.nationalities:
            data["nationalities"] = sorted(self.nationalities)
        if self.gender is not None:
            data["gender"] = self.gender
        if self.documents:
            data["documents"] = [
                {"type": d.type, "number": d.number, "country": d.country} for d in self.documents
            ]
        if self.birth_place:
            data["birth_place"] = self.birth_place
        return data


_GENDERS = {"m": "m", "male": "m", "f": "f", "female": "f"}


def _country(value: object, field_name: str) -> str:
    if isinstance(value, str):
        code = value.strip()
        # Two ASCII letters (``isalpha`` alone would let any script's letters through).
        if len(code) == 2 and code.isascii() and code.isalpha():
            return code.upper()
    raise RecordError(f"{field_name}: expected an ISO 3166 alpha-2 code, got {value!r}")


def _names(raw: object) -> tuple[Name, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, Sequence) or not raw:
        raise RecordError("names: expected a non-empty list of strings")
    names: list[Name] = []
    for index, item in enumerate(raw):
        if isinstance(item, Mapping):
            text = item.get("text")
            role = NameRole(item.get("role", "primary" if index == 0 else "alias"))
            provenance = item.get("provenance")
        else:
            text, role, provenance = item, NameRole.PRIMARY if index == 0 else NameRole.ALIAS, None
        if not isinstance(text, str) or not text.strip():
            raise RecordError(f"names[{index}]: expected a non-empty string")
        names.append(Name(text.strip(), role, provenance if isinstance(provenance, str) else None))
    return tuple(names)


def person_from_dict(data: Mapping[str, Any]) -> Person:
    """Build a ``Person`` from the PERSON wire format; raises ``RecordError`` on bad input."""
    if not isinstance(data, Mapping):
        raise RecordError("person: expected a JSON object")
    names = _names(data.get("names"))
    roles = data.get("name_roles")
    if isinstance(roles, Sequence) and not isinstance(roles, str) and len(roles) == len(names):
        names = tuple(
            Name(n.text, NameRole(r), n.provenance) for n, r in zip(names, roles, strict=True)
        )
    birth = data.get("birth_date")
    birth_date = None
    if birth not in (None, ""):
        if not isinstance(birth, str | int):
            raise RecordError("birth_date: expected a string")
        birth_date = PartialDate.parse(str(birth))
    nationalities = frozenset(_country(c, "nationalities") for c in data.get("nationalities") or ())
    gender_raw = data.get("gender")
    gender = None
    if gender_raw is not None:
        if not isinstance(gender_raw, str) or gender_raw.lower() not in _GENDERS:
            raise RecordError(f"gender: expected 'm', 'f' or null, got {gender_raw!r}")
        gender = _GENDERS[gender_raw.lower()]
    documents = []
    for index, doc in enumerate(data.get("documents") or ()):
        if not isinstance(doc, Mapping) or not isinstance(doc.get("number"), str | int):
            raise RecordError(f"documents[{index}]: expected an object with a number")
        country = doc.get("country")
        documents.append(
            Document(
                type=str(doc.get("type") or "document").lower(),
                number=str(doc["number"]),
                country=_country(country, f"documents[{index}].country") if country else None,
            )
        )
    place = data.get("birth_place")
    person_id = data.get("id")
    return Person(
        names=names,
        birth_date=birth_date,
        nationalities=nationalities,
        gender=gender,
        documents=tuple(d for d in documents if d.key),
        birth_place=place.strip() if isinstance(place, str) and place.strip() else None,
        id=str(person_id) if person_id is not None else None,
    )
