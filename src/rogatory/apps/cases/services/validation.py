"""Checks of case input that raise DomainError naming the field, before anything is written."""

import calendar
import re

from rogatory.apps.cases.choices import (
    Custody,
    DocumentType,
    LegalBasis,
    MeasureType,
    NameRole,
    PersonRole,
    Urgency,
)
from rogatory.apps.cases.services.inputs import MeasureInput, OffenceInput, PersonInput
from rogatory.apps.directory.models import State
from rogatory.core.errors import DomainError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def choice(value: str, allowed: list[str], field: str) -> str:
    if value not in allowed:
        raise DomainError("field.invalid_choice", field=field, value=str(value))
    return value


def required(value: str, field: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError("field.required", field=field)
    if max_length is not None and len(value) > max_length:
        raise DomainError("field.too_long", field=field, max_length=max_length)
    return value


def states_exist(codes: set[str], field: str) -> None:
    found = set(State.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = sorted(codes - found)
    if missing:
        raise DomainError("field.unknown_state", field=field, value=missing[0])


def partial_date(text: str, field: str) -> tuple[int | None, int | None, int | None]:
    if not text:
        return None, None, None
    m = _DATE.match(text.strip())
    if not m:
        raise DomainError("field.invalid_partial_date", field=field, value=text)
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise DomainError("field.invalid_partial_date", field=field, value=text)
    if (
        day is not None
        and year is not None
        and month is not None
        and not 1 <= day <= calendar.monthrange(year, month)[1]
    ):
        raise DomainError("field.invalid_partial_date", field=field, value=text)
    return year, month, day


def legal_bases(values: list[str]) -> list[str]:
    if not values:
        raise DomainError("field.required", field="legal_bases")
    for v in values:
        choice(v, LegalBasis.values, "legal_bases")
    return sorted(set(values))


def person(p: PersonInput, where: str) -> None:
    choice(p.role, PersonRole.values, f"{where}.role")
    if not p.names:
        raise DomainError("field.required", field=f"{where}.names")
    for j, n in enumerate(p.names):
        required(n.full_name, f"{where}.names[{j}].full_name", 300)
        choice(n.role, NameRole.values, f"{where}.names[{j}].role")
    if p.gender not in ("", "m", "f", "x"):
        raise DomainError("field.invalid_choice", field=f"{where}.gender", value=p.gender)
    partial_date(p.birth_date, f"{where}.birth_date")
    states_exist(set(p.nationalities), f"{where}.nationalities")
    for j, d in enumerate(p.documents):
        choice(d.type, DocumentType.values, f"{where}.documents[{j}].type")
        required(d.number, f"{where}.documents[{j}].number", 64)
        if d.issuing_state:
            states_exist({d.issuing_state}, f"{where}.documents[{j}].issuing_state")


def offence(o: OffenceInput, where: str) -> None:
    required(o.description, f"{where}.description")
    if o.max_penalty_months is not None and not 0 <= o.max_penalty_months <= 12 * 200:
        raise DomainError("field.out_of_range", field=f"{where}.max_penalty_months")


def measure(m: MeasureInput, where: str) -> None:
    choice(m.type, MeasureType.values, f"{where}.type")
    required(m.description, f"{where}.description")


def urgency_and_custody(urgency: str, custody: str) -> None:
    choice(urgency, Urgency.values, "urgency")
    choice(custody, Custody.values, "custody")


def normalise_document_number(number: str) -> str:
    # Machine-readable zones confuse O/0 and I/1; separators vary between records.
    compact = re.sub(r"[^0-9A-Za-z]", "", number).upper()
    return compact.replace("O", "0").replace("I", "1")
