"""Input records for the case services: the API, web forms, demo data and the exchange build
these. They are the pure records of ``rogatory.core.wire`` under the names the services use,
so a request is entered, validated, stored and sent with one definition of its fields."""

from rogatory.core.wire.records import CaseData
from rogatory.core.wire.records import DocumentNote as DocumentNoteInput
from rogatory.core.wire.records import IdDocument as IdDocumentInput
from rogatory.core.wire.records import Measure as MeasureInput
from rogatory.core.wire.records import Name as NameInput
from rogatory.core.wire.records import Offence as OffenceInput
from rogatory.core.wire.records import Person as PersonInput

__all__ = [
    "CaseData",
    "DocumentNoteInput",
    "IdDocumentInput",
    "MeasureInput",
    "NameInput",
    "OffenceInput",
    "PersonInput",
]
