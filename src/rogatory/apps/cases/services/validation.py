"""Checks of case input that raise DomainError naming the field, before anything is written."""

import re
from datetime import date

from django.utils import timezone

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
from rogatory.core.dates import check_birth, check_offence, latest_today, parse_partial_date
from rogatory.core.errors import DomainError


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
    """Year, month and day of a date typed in any common form (rogatory.core.dates)."""
    found = parse_partial_date(text, field=field)
    if found is None:
        return None, None, None
    return found.year, found.month, found.day


def birth_date(text: str, field: str) -> None:
    found = parse_partial_date(text, field=field)
    if found is not None:
        check_birth(found, field=field, today=latest_today(timezone.now()))


def offence_date(value: date | None, field: str, request_day: date | None = None) -> None:
    """No offence in the future, nor after the request that describes it (`request_day`;
    a request being opened or drafted is dated today)."""
    if value is not None:
        check_offence(
            value, field=field, today=latest_today(timezone.now()), request_day=request_day
        )


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
    birth_date(p.birth_date, f"{where}.birth_date")
    states_exist(set(p.nationalities), f"{where}.nationalities")
    for j, d in enumerate(p.documents):
        choice(d.type, DocumentType.values, f"{where}.documents[{j}].type")
        required(d.number, f"{where}.documents[{j}].number", 64)
        if d.issuing_state:
            states_exist({d.issuing_state}, f"{where}.documents[{j}].issuing_state")


def offence(o: OffenceInput, where: str, request_day: date | None = None) -> None:
    required(o.description, f"{where}.description")
    offence_date(o.committed_on, f"{where}.committed_on", request_day)
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
