"""Plain input records for the case services (the API and web forms build these)."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class NameInput:
    full_name: str
    role: str = "primary"
    latin: str = ""


@dataclass(frozen=True, slots=True)
class IdDocumentInput:
    type: str
    number: str
    issuing_state: str | None = None


@dataclass(frozen=True, slots=True)
class PersonInput:
    role: str
    names: list[NameInput]
    gender: str = ""
    birth_date: str = ""  # "1970", "1970-05" or "1970-05-17"
    birth_place: str = ""
    location: str = ""
    nationalities: list[str] = field(default_factory=list)
    documents: list[IdDocumentInput] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OffenceInput:
    description: str
    legal_provisions: str = ""
    max_penalty_months: int | None = None
    max_penalty_life: bool = False
    place: str = ""
    committed_on: date | None = None


@dataclass(frozen=True, slots=True)
class MeasureInput:
    type: str
    description: str
    purpose: str = ""
    procedure: str = ""
