"""A stored case as the plain record it was entered as (``rogatory.core.wire``): the one
converter from the case file's rows to what travels to the other State."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.models import Person as PersonRow
from rogatory.core.wire import (
    CaseData,
    DocumentNote,
    IdDocument,
    Measure,
    Name,
    Offence,
    Person,
    to_wire,
)


def person_data(person: PersonRow) -> Person:
    """All of a person: every name, nationality and identity document, in entry order."""
    return Person(
        role=person.role,
        names=[Name(n.full_name, n.role, n.latin) for n in person.names.all()],
        gender=person.gender,
        birth_date=person.birth_date_text,
        birth_place=person.birth_place,
        location=person.location,
        nationalities=[n.state_id for n in person.nationalities.all()],
        documents=[
            IdDocument(d.type, d.number, d.issuing_state_id) for d in person.documents.all()
        ],
        father_name=person.father_name,
        mother_name=person.mother_name,
        physical_description=person.physical_description,
    )


def case_data(case: Case) -> CaseData:
    """The whole request (no internal ids, officers, grants or sealing)."""
    persons = list(
        case.persons.order_by("id").prefetch_related("names", "nationalities", "documents")
    )
    # A file identifying a person names it by its place in the list that travels (schema 1.2).
    place = {p.pk: i for i, p in enumerate(persons)}
    return CaseData(
        kind=case.kind,
        legal_bases=list(case.legal_bases),
        title=case.title,
        treaty=case.treaty,
        subject=case.subject,
        facts=case.facts,
        urgency=case.urgency,
        urgency_reason=case.urgency_reason,
        custody=case.custody,
        confidential=case.confidential,
        requested_by=case.requested_by,
        persons=[person_data(p) for p in persons],
        offences=[
            Offence(
                o.description,
                o.legal_provisions,
                o.max_penalty_months,
                o.max_penalty_life,
                o.place,
                o.committed_on,
                o.legal_qualification,
            )
            for o in case.offences.all()
        ],
        measures=[
            Measure(m.type, m.description, m.purpose, m.procedure) for m in case.measures.all()
        ],
        documents=[
            DocumentNote(
                d.sha256,
                d.title,
                d.language,
                place.get(d.person_id) if d.person_id is not None else None,
                d.person_file if d.person_id is not None else "",
            )
            for d in case.documents.all()
        ],
        requesting_authority=case.requesting_authority_name,
        translation_languages=list(case.translation_languages),
        **{name: getattr(case, name) for name in DETAILS if name != "translation_languages"},
    )


# The request fields of wire schema 1.1 stored under the same name on ``Case`` (the requesting
# authority is ``requesting_authority_name`` there: ``requesting_authority`` is the directory
# entry, which does not travel).
DETAILS = (
    "proceedings_authority",
    "proceedings_authority_functions",
    "request_language",
    "translation_languages",
    "contact_name",
    "contact_function",
    "contact_phone",
    "contact_email",
    "dual_criminality",
    "use_limits",
    "warrant_kind",
    "warrant_date",
    "warrant_court",
    "warrant_enforceable",
    "extradition_purpose",
    "sentence_remaining",
    "assurance_death_penalty",
    "assurance_speciality",
    "interpol_notice",
)


def details_of(data: CaseData) -> dict[str, Any]:
    """The schema 1.1 fields of a received request, as ``case_open`` keyword arguments."""
    return {
        "requesting_authority_name": data.requesting_authority,
        **{name: getattr(data, name) for name in DETAILS},
    }


def canonical_hash(case: Case) -> str:
    """SHA-256 of the request's canonical wire payload (sorted keys, no spaces): the version a
    supervisor approves. Documents enter by their hashes, so a changed file changes it too."""
    payload = json.dumps(
        to_wire(case_data(case)), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()
