"""A stored case as the plain record it was entered as (``rogatory.core.wire``): the one
converter from the case file's rows to what travels to the other State."""

from __future__ import annotations

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
    )


def case_data(case: Case) -> CaseData:
    """The whole request (no internal ids, officers, grants or sealing)."""
    persons = case.persons.order_by("id").prefetch_related("names", "nationalities", "documents")
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
            )
            for o in case.offences.all()
        ],
        measures=[
            Measure(m.type, m.description, m.purpose, m.procedure) for m in case.measures.all()
        ],
        documents=[DocumentNote(d.sha256, d.title, d.language) for d in case.documents.all()],
    )
