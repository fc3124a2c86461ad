"""The data of a request as it is entered, validated and sent: one set of plain records.

The API, the web forms, the demo data and the exchange all build these; the case services
validate and store them; the wire schema (:mod:`rogatory.core.wire.case`) serialises them.
Pure Python: no Django, no database ids, nothing that only makes sense on one node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Name:
    full_name: str
    role: str = "primary"
    latin: str = ""


@dataclass(frozen=True, slots=True)
class IdDocument:
    type: str
    number: str
    issuing_state: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    role: str
    names: list[Name]
    gender: str = ""
    birth_date: str = ""  # "1970", "1970-05" or "1970-05-17"
    birth_place: str = ""
    location: str = ""
    nationalities: list[str] = field(default_factory=list)
    documents: list[IdDocument] = field(default_factory=list)
    # Schema 1.1. Arabic names are built on the father's (and often the grandfather's) name,
    # and several States' forms ask for both parents' names to tell namesakes apart.
    father_name: str = ""
    mother_name: str = ""
    # UN Model Treaty on Extradition art. 5(2)(a): as accurate a description as possible.
    physical_description: str = ""


@dataclass(frozen=True, slots=True)
class Offence:
    description: str
    legal_provisions: str = ""
    max_penalty_months: int | None = None
    max_penalty_life: bool = False
    place: str = ""
    committed_on: date | None = None
    # Schema 1.1. The legal qualification (the name of the offence in law), apart from the facts
    # and the text of the provisions (ETS 24 art. 12(2)(b); UN Model Treaty art. 5(2)(b)).
    legal_qualification: str = ""


@dataclass(frozen=True, slots=True)
class Measure:
    type: str
    description: str
    purpose: str = ""
    procedure: str = ""


class PersonFile(StrEnum):
    """What a file tells about a person of the request: the identification that ETS 24 art.
    12(2)(c) ("as accurate a description as possible of the person claimed") and the UN Model
    Treaty on Extradition art. 5(2)(a) ("any other information that may help to establish that
    person's identity, nationality and location") ask for, as INTERPOL notices carry it."""

    PHOTOGRAPH = "photograph"
    FINGERPRINTS = "fingerprints"


@dataclass(frozen=True, slots=True)
class DocumentNote:
    """What the sender says about a file travelling in the same envelope, matched by hash."""

    sha256: str
    title: str
    language: str = ""
    # Schema 1.2: the person the file identifies (an index into ``CaseData.persons``, which
    # travel in entry order) and what it is (a ``PersonFile`` value); absent for other files.
    person: int | None = None
    person_file: str = ""


@dataclass(frozen=True, slots=True)
class CaseData:
    """Everything a request says (UNTOC art. 18(15); ETS 24 art. 12): what the requested State
    needs to open an equivalent case. References travel in the envelope header; officers,
    grants and sealing are one node's business and never travel."""

    kind: str
    legal_bases: list[str]
    title: str
    treaty: str = ""
    subject: str = ""
    facts: str = ""
    urgency: str = "routine"
    urgency_reason: str = ""
    custody: str = "not_applicable"
    # UNTOC art. 18(20): the requesting State may ask that the request be kept confidential.
    confidential: bool = False
    # UNTOC art. 18(24): the date by which the requesting State asks for execution.
    requested_by: datetime | None = None
    persons: list[Person] = field(default_factory=list)
    offences: list[Offence] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    documents: list[DocumentNote] = field(default_factory=list)
    # --- schema 1.1: all optional, so a 1.0 payload reads with these left empty. ---
    # UNTOC art. 18(15)(a): the identity of the authority making the request.
    requesting_authority: str = ""
    # UNTOC art. 18(15)(b): name and functions of the authority conducting the proceedings.
    proceedings_authority: str = ""
    proceedings_authority_functions: str = ""
    # UNTOC art. 18(14): the language of the request and of the translations attached.
    request_language: str = ""
    translation_languages: list[str] = field(default_factory=list)
    # Practice (reference §8.2 item 11): the officer the requested State may call.
    contact_name: str = ""
    contact_function: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    # UNTOC art. 18(9), art. 16(1): why the conduct is also an offence in the requested State.
    dual_criminality: str = ""
    # UNTOC art. 18(19): uses of the evidence beyond the proceedings named.
    use_limits: str = ""
    # Extradition (ETS 24 art. 12(2)(a); UN Model Treaty art. 5(2)(b)-(c)).
    warrant_kind: str = ""
    warrant_date: date | None = None
    warrant_court: str = ""
    warrant_enforceable: bool = False
    extradition_purpose: str = ""
    sentence_remaining: str = ""
    assurance_death_penalty: str = ""
    assurance_speciality: str = ""
    interpol_notice: str = ""
