"""Every line a communication writes on the timeline fits its column: PostgreSQL refuses a
value longer than the column where SQLite keeps it, so a test on SQLite alone would not see it."""

from rogatory.apps.cases.models import CaseEvent
from rogatory.core.wire.communication import CommunicationKind


def test_each_communication_kind_fits_the_timeline_line_sent_and_received() -> None:
    # given the timeline's kind column
    width = CaseEvent._meta.get_field("kind").max_length
    assert width is not None
    # when each kind is written as sent or received, then it fits
    too_long = [
        f"{side}_{kind.value}"
        for kind in CommunicationKind
        for side in ("sent", "received")
        if len(f"{side}_{kind.value}") > width
    ]
    assert too_long == []
