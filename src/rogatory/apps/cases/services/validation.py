"""Checks of case input that raise DomainError naming the field, before anything is written."""

import re
from datetime import date
from typing import Any

from django.utils import timezone

from rogatory.apps.cases.choices import (
    Custody,
    DocumentType,
    ExtraditionPurpose,
    LegalBasis,
    MeasureType,
    NameRole,
    PersonRole,
    Urgency,
    WarrantKind,
)
from rogatory.apps.cases.models import Person
from rogatory.apps.cases.services.inputs import MeasureInput, OffenceInput, PersonInput
from rogatory.apps.directory.models import State
from rogatory.core.dates import check_birth, check_offence, latest_today, parse_partial_date
from rogatory.core.errors import DomainError
from rogatory.core.limits import MAX_FREE_TEXT, bounded_text


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


def bounded(value: str, field: str, max_length: int) -> str:
    if not isinstance(value, str):
        raise DomainError("field.invalid_choice", field=field, value=str(value))
    bounded_text(value, field, max_length)
    return value


_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# Lengths of the columns of ``Case`` that hold the request fields of wire schema 1.1
# (None: a text column, bounded by rogatory.core.limits only).
_DETAIL_LENGTHS: dict[str, int | None] = {
    "proceedings_authority": 300,
    "proceedings_authority_functions": 300,
    "contact_name": 200,
    "contact_function": 200,
    "contact_phone": 64,
    "contact_email": 254,
    "dual_criminality": None,
    "use_limits": None,
    "warrant_court": 300,
    "sentence_remaining": 200,
    "assurance_death_penalty": None,
    "assurance_speciality": None,
    "interpol_notice": 64,
}


def language(value: str, field: str) -> str:
    """An ISO 639 code (a request may be in any language the requested State accepts)."""
    value = (value or "").strip().lower()
    if value and not _LANGUAGE.match(value):
        raise DomainError("field.invalid_choice", field=field, value=value)
    return value


def request_details(details: dict[str, Any]) -> dict[str, Any]:
    """The request fields of wire schema 1.1, checked and normalised; unknown names refused."""
    known = {
        *_DETAIL_LENGTHS,
        "request_language",
        "translation_languages",
        "warrant_kind",
        "warrant_date",
        "warrant_enforceable",
        "extradition_purpose",
    }
    unknown = sorted(set(details) - known)
    if unknown:
        raise DomainError("field.not_editable", field=unknown[0])
    out = dict(details)
    for name, length in _DETAIL_LENGTHS.items():
        if name in out:
            out[name] = bounded(out[name] or "", name, length or MAX_FREE_TEXT).strip()
    if "request_language" in out:
        out["request_language"] = language(out["request_language"], "request_language")
    if "translation_languages" in out:
        values = out["translation_languages"] or []
        if not isinstance(values, list):
            raise DomainError("field.invalid_choice", field="translation_languages", value="")
        out["translation_languages"] = sorted(
            {language(v, "translation_languages") for v in values} - {""}
        )
    if out.get("warrant_kind"):
        choice(out["warrant_kind"], WarrantKind.values, "warrant_kind")
    if out.get("extradition_purpose"):
        choice(out["extradition_purpose"], ExtraditionPurpose.values, "extradition_purpose")
    if "warrant_date" in out and out["warrant_date"] is not None:
        if not isinstance(out["warrant_date"], date):
            raise DomainError("date.invalid", field="warrant_date", value=str(out["warrant_date"]))
        if out["warrant_date"] > latest_today(timezone.now()):
            raise DomainError("drafting.warrant_in_future", field="warrant_date")
    if "warrant_enforceable" in out:
        out["warrant_enforceable"] = bool(out["warrant_enforceable"])
    return out


def persons_details(persons: list[PersonInput]) -> None:
    for i, p in enumerate(persons):
        bounded(p.father_name, f"persons[{i}].father_name", 300)
        bounded(p.mother_name, f"persons[{i}].mother_name", 300)
        bounded(p.physical_description, f"persons[{i}].physical_description", 10_000)


def person_details_save(row: Person, data: PersonInput) -> None:
    """The person fields of wire schema 1.1, on a row just written by person_create_rows."""
    row.father_name = data.father_name.strip()
    row.mother_name = data.mother_name.strip()
    row.physical_description = data.physical_description.strip()
    if row.father_name or row.mother_name or row.physical_description:
        row.save(update_fields=["father_name", "mother_name", "physical_description"])
