"""A slot proposed for a hearing, seen from each participant's time zone, and what stands in
its way: another hearing at the same time, a public holiday in either State, an interpreter
who is not available.

Times are kept in UTC; each participant sees the slot in their own IANA zone (zoneinfo), so a
hearing at 23:30 UTC is on the next calendar day in Tokyo and on the same day in Paris, and a
daylight-saving change between the proposal and the hearing moves nobody's UTC time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import holidays

from rogatory.core.errors import DomainError

# A hearing longer than a working day is split by the judges, not booked as one slot.
MAX_MINUTES = 8 * 60
# The connection test is booked this long before the hearing (reference: the practical
# safeguards; the minutes record the technical conditions, ETS 182 art. 9(6)).
CONNECTION_TEST_BEFORE = timedelta(days=1)
CONNECTION_TEST_MINUTES = 30


class Flag(StrEnum):
    CLASH = "clash"
    HOLIDAY = "holiday"
    INTERPRETER_UNAVAILABLE = "interpreter_unavailable"
    OUTSIDE_WORKING_HOURS = "outside_working_hours"
    LOCAL_DATE_DIFFERS = "local_date_differs"


@dataclass(frozen=True, slots=True)
class Slot:
    start: datetime  # aware, any zone; compared in UTC
    minutes: int

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    def overlaps(self, other: Slot) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class LocalTime:
    who: str
    zone: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class SlotWarning:
    flag: Flag
    detail: str


def zone(name: str, *, field: str = "time_zone") -> ZoneInfo:
    """An IANA zone by name; anything else is refused (never a bare UTC offset)."""
    if not name or name not in _zones():
        raise DomainError("hearing.time_zone_unknown", field=field, value=name[:64])
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - listed but unreadable
        raise DomainError("hearing.time_zone_unknown", field=field, value=name[:64]) from None


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def slot_check(slot: Slot, *, now: datetime) -> None:
    if slot.start.tzinfo is None:
        raise DomainError("hearing.naive_time", field="start")
    if not 15 <= slot.minutes <= MAX_MINUTES:
        raise DomainError("hearing.duration_invalid", field="minutes", max_minutes=MAX_MINUTES)
    if slot.start <= now:
        raise DomainError("hearing.in_past", field="start")


def local_times(slot: Slot, zones: Iterable[tuple[str, str]]) -> list[LocalTime]:
    """The slot in each ``(who, zone name)``'s wall-clock time."""
    shown = []
    for who, name in zones:
        tz = zone(name)
        shown.append(LocalTime(who, name, slot.start.astimezone(tz), slot.end.astimezone(tz)))
    return shown


@cache
def _calendar(state: str, year: int) -> holidays.HolidayBase | None:
    if state not in holidays.list_supported_countries():
        # A State the package does not know (the demo's XA, XB) has no holidays on file.
        return None
    return holidays.country_holidays(state, years=year)


def holiday_name(state: str, day: date) -> str | None:
    calendar = _calendar(state, day.year)
    if calendar is None:
        return None
    name = calendar.get(day)
    return str(name) if name else None


def slot_warnings(
    slot: Slot,
    *,
    states: Sequence[tuple[str, str]],
    participants: Sequence[tuple[str, str]],
    booked: Iterable[Slot] = (),
    interpreter_free: Sequence[tuple[str, Sequence[Slot]]] = (),
    working_hours: tuple[int, int] = (8, 18),
) -> list[SlotWarning]:
    """What stands in the slot's way. ``states``: (State code, zone of its court) for both
    States, each checked against its own public holidays on its own local date;
    ``participants``: (name, zone); ``booked``: other hearings of the same people or room;
    ``interpreter_free``: (interpreter, the slots they said they are free)."""
    found: list[SlotWarning] = []
    for other in booked:
        if slot.overlaps(other):
            found.append(SlotWarning(Flag.CLASH, other.start.astimezone(UTC).isoformat()))
    dates = set()
    for state, name in states:
        tz = zone(name)
        start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
        dates.add(start.date())
        for day in sorted({start.date(), end.date()}):
            if (holiday := holiday_name(state, day)) is not None:
                found.append(SlotWarning(Flag.HOLIDAY, f"{state} {day.isoformat()} {holiday}"))
    if len(dates) > 1:
        found.append(SlotWarning(Flag.LOCAL_DATE_DIFFERS, ", ".join(sorted(map(str, dates)))))
    first, last = working_hours
    for who, name in participants:
        local = slot.start.astimezone(zone(name))
        local_end = slot.end.astimezone(zone(name))
        if (
            local.hour < first
            or (local_end.hour, local_end.minute) > (last, 0)
            or (local_end.date() != local.date())
        ):
            found.append(SlotWarning(Flag.OUTSIDE_WORKING_HOURS, f"{who} {local.isoformat()}"))
    for who, free in interpreter_free:
        if not any(f.start <= slot.start and slot.end <= f.end for f in free):
            found.append(SlotWarning(Flag.INTERPRETER_UNAVAILABLE, who))
    return found


def connection_test_slot(slot: Slot) -> Slot:
    """The connection test booked before the hearing, at the same time of day."""
    return Slot(slot.start - CONNECTION_TEST_BEFORE, CONNECTION_TEST_MINUTES)
