"""Schema 1.4: the requested State's dated steps of an extradition carry their date in the
body ({"date": "YYYY-MM-DD"}), read strictly (issue 15)."""

from datetime import date
from typing import Any

import pytest

from rogatory.core.deadlines.events import EventKind
from rogatory.core.errors import DomainError
from rogatory.core.wire.communication import (
    RULES,
    SCHEMA,
    SENT_WITH_EVENT_DATE,
    Communication,
    CommunicationKind,
    communication_check,
    communication_from_wire,
    communication_to_wire,
    event_date_body,
    event_date_of,
)
from rogatory.core.workflow import Direction

K = CommunicationKind


@pytest.mark.parametrize(
    ("kind", "event"),
    [
        (K.PROVISIONAL_ARREST_CONFIRMED, EventKind.ARREST),
        (K.SURRENDER_DATE_AGREED, EventKind.SURRENDER_DATE_AGREED),
    ],
)
def test_a_dated_kind_round_trips_with_its_date(kind: CommunicationKind, event: EventKind) -> None:
    # given a dated communication of the requested State
    sent = Communication(
        kind=kind, reference="XB/EXT/2026/000002", body=event_date_body(date(2026, 3, 2))
    )
    # when it is written and read back
    wire = communication_to_wire(sent)
    read = communication_from_wire(wire)
    # then schema 1.4 carries the date in the body, and the reader gets it back as it was sent
    assert wire["schema"] == SCHEMA == "rogatory.communication/1.4"
    assert wire["body"] == {"date": "2026-03-02"}
    assert read == sent
    assert event_date_of(read) == date(2026, 3, 2)
    # and the kind is the requested State's, told with the record of that event
    assert RULES[kind].event_date is event
    assert SENT_WITH_EVENT_DATE[(Direction.INCOMING, event)] is kind


def test_the_wire_values_fit_the_timeline_line() -> None:
    # the receiving case's timeline line "received_<kind>" is at most 32 characters
    assert K.PROVISIONAL_ARREST_CONFIRMED.value == "arrest_confirmed"
    dated = (K.PROVISIONAL_ARREST_CONFIRMED, K.SURRENDER_DATE_AGREED)
    assert max(len(f"received_{k.value}") for k in dated) <= 32


@pytest.mark.parametrize(
    "body",
    [
        None,
        {},
        {"date": None},
        {"date": 20260302},
        {"date": "2026-02-30"},
        {"date": "2026-13-01"},
        {"date": "2026-3-2"},
        {"date": "02/03/2026"},
        {"date": "2026-03-02T10:00:00Z"},
        {"day": "2026-03-02"},
    ],
)
def test_a_dated_kind_without_a_calendar_date_is_refused_naming_the_field(body: Any) -> None:
    wire: dict[str, Any] = {"schema": SCHEMA, "kind": "arrest_confirmed"}
    if body is not None:
        wire["body"] = body
    with pytest.raises(DomainError) as refused:
        communication_from_wire(wire)
    assert (refused.value.code, refused.value.params) == ("wire.invalid", {"field": "body.date"})


def test_a_1_3_reader_s_kinds_still_read_without_a_body() -> None:
    # a kind without a date (schema 1.3) needs no body
    read = communication_from_wire(
        {"schema": "rogatory.communication/1.3", "kind": "surrender", "text": "Done."}
    )
    assert (read.kind, dict(read.body)) == (K.SURRENDER, {})


def test_only_the_requested_state_sends_a_dated_kind_and_never_without_its_date() -> None:
    dated = Communication(kind=K.SURRENDER_DATE_AGREED, body=event_date_body(date(2026, 3, 16)))
    communication_check(dated, sender_direction=Direction.INCOMING)
    with pytest.raises(DomainError) as wrong_side:
        communication_check(dated, sender_direction=Direction.OUTGOING)
    assert wrong_side.value.code == "communication.wrong_side"
    with pytest.raises(DomainError) as missing:
        communication_check(
            Communication(kind=K.SURRENDER_DATE_AGREED), sender_direction=Direction.INCOMING
        )
    assert (missing.value.code, missing.value.params) == ("field.required", {"field": "body"})
    with pytest.raises(DomainError) as bad:
        communication_check(
            Communication(kind=K.SURRENDER_DATE_AGREED, body={"date": "2026-02-30"}),
            sender_direction=Direction.INCOMING,
        )
    assert (bad.value.code, bad.value.params) == ("wire.invalid", {"field": "body.date"})
