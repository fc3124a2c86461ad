"""The case payload exchanged between nodes: plain records and their versioned wire form."""

from rogatory.core.wire.case import (
    SCHEMA,
    from_wire,
    person_from_wire,
    person_to_wire,
    schema_version,
    to_wire,
)
from rogatory.core.wire.records import (
    CaseData,
    DocumentNote,
    IdDocument,
    Measure,
    Name,
    Offence,
    Person,
    PersonFile,
)

__all__ = [
    "SCHEMA",
    "CaseData",
    "DocumentNote",
    "IdDocument",
    "Measure",
    "Name",
    "Offence",
    "Person",
    "PersonFile",
    "from_wire",
    "person_from_wire",
    "person_to_wire",
    "schema_version",
    "to_wire",
]
