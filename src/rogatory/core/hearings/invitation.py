"""Invitations to a hearing as iCalendar (RFC 5545) with its scheduling methods (RFC 5546):
``METHOD:REQUEST`` for the invitation and each change (a higher ``SEQUENCE`` replaces the
earlier one in the attendee's calendar, the ``UID`` staying the same), ``METHOD:CANCEL`` for a
cancellation; the event in the organiser's zone with its ``VTIMEZONE``, and a reminder.

An invitation never carries the meeting secret nor a personal join link: it names the case
and says where to join in Rogatory (docs/hearings.md), so forwarding it gives no access.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from rogatory.core.hearings.scheduling import Slot, zone

PRODID = "-//Rogatory//Hearings//EN"
REMINDER_BEFORE = timedelta(minutes=30)


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True, slots=True)
class Invitation:
    uid: str
    sequence: int
    slot: Slot
    zone: str
    summary: str
    description: str
    organiser: tuple[str, str]  # (name, e-mail)
    attendees: Sequence[tuple[str, str]] = ()
    location: str = ""


def invitation_ics(invitation: Invitation, *, method: Method, stamp: datetime) -> bytes:
    """The invitation (or its cancellation) as iCalendar bytes."""
    tz = zone(invitation.zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method.value)
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", invitation.slot.start.astimezone(tz))
    event.add("dtend", invitation.slot.end.astimezone(tz))
    event.add("summary", invitation.summary)
    event.add("description", invitation.description)
    if invitation.location:
        event.add("location", invitation.location)
    name, email = invitation.organiser
    organiser = vCalAddress(f"mailto:{email}")
    organiser.params["cn"] = vText(name)
    event.add("organizer", organiser)
    for who, address in invitation.attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["cn"] = vText(who)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    if method is Method.CANCEL:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", invitation.summary)
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
    calendar.add_component(event)
    # The zone's rules only around the hearing: a VTIMEZONE with fifty years of transition
    # dates is read wrongly by some clients (dateutil's reader, under vobject, put a New York
    # hearing in March an hour off), and a short one is all an invitation needs.
    year = invitation.slot.start.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    ics: bytes = calendar.to_ical()
    return ics
