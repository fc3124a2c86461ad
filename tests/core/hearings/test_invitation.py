"""Invitations parse with icalendar and with vobject (a second, independent parser)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import vobject

from rogatory.core.hearings.invitation import Invitation, Method, invitation_ics
from rogatory.core.hearings.scheduling import Slot

STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SECRET_CANARY = "canary-secret-6b1f"


def _invitation(sequence: int = 0) -> Invitation:
    return Invitation(
        uid="0123456789abcdef0123456789abcdef@xa.rogatory",
        sequence=sequence,
        # 18:00 in New York on 10 March 2026 (EDT) is 07:00 on 11 March in Tokyo
        slot=Slot(datetime(2026, 3, 10, 22, 0, tzinfo=UTC), 60),
        zone="America/New_York",
        summary="Hearing by video — XA/EXT/2026/000001",
        description="Join from the hearing's page in Rogatory.",
        organiser=("Judge Rivera", "rivera@court.xa.example"),
        attendees=[("Judge Sato", "sato@court.xb.example")],
    )


def test_a_request_parses_with_icalendar_in_its_zone_with_a_reminder() -> None:
    data = invitation_ics(_invitation(), method=Method.REQUEST, stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (str(start.tzinfo), start.hour, start.date().isoformat()) == (
        "America/New_York",
        18,
        "2026-03-10",
    )
    assert start.astimezone(UTC) == datetime(2026, 3, 10, 22, 0, tzinfo=UTC)
    assert event["SEQUENCE"] == 0
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(minutes=30)


def test_a_change_and_a_cancellation_parse_with_vobject() -> None:
    changed = invitation_ics(_invitation(sequence=1), method=Method.REQUEST, stamp=STAMP)
    cancelled = invitation_ics(_invitation(sequence=2), method=Method.CANCEL, stamp=STAMP)
    first = vobject.readOne(changed.decode())
    second = vobject.readOne(cancelled.decode())
    assert first.method.value == "REQUEST"
    assert second.method.value == "CANCEL"
    assert (first.vevent.uid.value, first.vevent.sequence.value) == (
        "0123456789abcdef0123456789abcdef@xa.rogatory",
        "1",
    )
    assert second.vevent.sequence.value == "2"
    assert second.vevent.status.value == "CANCELLED"
    assert first.vevent.dtstart.value.astimezone(UTC) == datetime(2026, 3, 10, 22, tzinfo=UTC)
    assert first.vevent.dtend.value - first.vevent.dtstart.value == timedelta(hours=1)


def test_an_invitation_carries_no_join_link_nor_token() -> None:
    data = invitation_ics(_invitation(), method=Method.REQUEST, stamp=STAMP).decode()
    assert "jwt=" not in data
    assert "checksum=" not in data
    assert "http" not in data
