"""The hearing body of communication 1.2: round trip, strict types, older readers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import HearingKind, ParticipantRole
from rogatory.core.hearings.scheduling import Slot
from rogatory.core.hearings.wire import HearingBody, ParticipantNote, body_from_wire, body_to_wire
from rogatory.core.wire.communication import (
    SCHEMA,
    Communication,
    CommunicationKind,
    communication_check,
    communication_from_wire,
    communication_to_wire,
)
from rogatory.core.workflow import Direction

BODY = HearingBody(
    hearing="ab" * 16,
    kind=HearingKind.CONSENT_TO_SURRENDER,
    reason_not_in_person="Detained abroad",
    language="ru",
    zone="America/New_York",
    slots=(Slot(datetime(2026, 3, 10, 22, tzinfo=UTC), 60),),
    participants=(ParticipantNote(ParticipantRole.PRESIDING_JUDGE, "Judge Rivera", "XA"),),
)


def test_a_proposal_round_trips_through_the_communication_wire() -> None:
    data = Communication(CommunicationKind.HEARING_PROPOSAL, body=body_to_wire(BODY))
    wire = communication_to_wire(data)
    assert wire["schema"] == SCHEMA == "rogatory.communication/1.4"
    back = communication_from_wire(wire)
    assert back == data
    assert body_from_wire(back.body) == BODY


def test_a_1_1_message_has_no_body_and_an_old_kind_sends_none() -> None:
    wire = {"schema": "rogatory.communication/1.1", "kind": "closure", "text": "Closed."}
    assert communication_from_wire(wire).body == {}
    assert "body" not in communication_to_wire(Communication(CommunicationKind.CLOSURE))


def test_either_state_may_send_a_hearing_kind_and_each_needs_its_body() -> None:
    # (only the requested State sends minutes: held by the hearings services, see
    # apps/hearings/tests/test_flow.py)
    proposal = Communication(CommunicationKind.HEARING_PROPOSAL, body={"hearing": "x"})
    for side in Direction:
        communication_check(proposal, sender_direction=side)
    with pytest.raises(DomainError) as empty:
        communication_check(
            Communication(CommunicationKind.HEARING_PROPOSAL), sender_direction=Direction.INCOMING
        )
    assert empty.value.params == {"field": "body"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hearing": "not-hex"}, "body.hearing"),
        ({"sequence": True}, "body.sequence"),
        ({"kind": "trial"}, "body.kind"),
        ({"slots": [{"start": "2026-03-10T22:00:00", "minutes": 60}]}, "body.slots[0].start"),
        ({"slots": [{"start": 5, "minutes": 60}]}, "body.slots[0]"),
        ({"participants": [{"role": "king", "name": "x"}]}, "body.participants[0].role"),
        ({"minutes_sha256": "zz"}, "body.minutes_sha256"),
    ],
)
def test_a_malformed_body_is_refused_naming_the_member(
    change: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        body_from_wire({**body_to_wire(BODY), **change})
    assert (refused.value.code, refused.value.params) == ("wire.invalid", {"field": field})
