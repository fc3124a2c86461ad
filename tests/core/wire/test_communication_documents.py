"""The communication schema 1.1 names the files of the message (title and language by
SHA-256), optionally: a 1.0 message reads as before, a malformed list is refused."""

import pytest

from rogatory.core.errors import DomainError
from rogatory.core.wire import DocumentNote
from rogatory.core.wire.communication import (
    SCHEMA,
    Communication,
    CommunicationKind,
    communication_from_wire,
    communication_to_wire,
)

NOTE = DocumentNote("ab" * 32, "Bank statements 2024", "en")


def test_the_files_of_a_communication_round_trip() -> None:
    data = Communication(CommunicationKind.PARTIAL_EXECUTION, text="Part 1", documents=(NOTE,))
    wire = communication_to_wire(data)
    assert wire["schema"] == SCHEMA == "rogatory.communication/1.4"
    assert communication_from_wire(wire) == data


def test_a_1_0_message_without_files_reads_as_before() -> None:
    wire = {"schema": "rogatory.communication/1.0", "kind": "closure", "text": "Closed."}
    assert communication_from_wire(wire) == Communication(CommunicationKind.CLOSURE, "Closed.")


@pytest.mark.parametrize(
    ("documents", "field"),
    [
        ("not a list", "documents"),
        (["not a record"], "documents[0]"),
        ([{"sha256": 7}], "documents[0].sha256"),
    ],
)
def test_a_malformed_list_of_files_is_refused_naming_where(documents: object, field: str) -> None:
    wire = {"schema": SCHEMA, "kind": "closure", "documents": documents}
    with pytest.raises(DomainError) as refused:
        communication_from_wire(wire)
    assert (refused.value.code, refused.value.params["field"]) == ("wire.invalid", field)
