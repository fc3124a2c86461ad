"""Slots across time zones and daylight-saving changes (zoneinfo), and what stands in a slot's
way: clashes, public holidays of either State, interpreter availability."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rogatory.core.errors import DomainError
from rogatory.core.hearings.scheduling import (
    Flag,
    Slot,
    connection_test_slot,
    local_times,
    slot_check,
    slot_warnings,
    zone,
)

NEW_YORK, TOKYO, PARIS, LONDON = "America/New_York", "Asia/Tokyo", "Europe/Paris", "Europe/London"


def test_a_hearing_whose_local_date_differs_between_the_two_states() -> None:
    # given a hearing at 18:00 in New York on 10 March 2026 (EDT, UTC-4 since 8 March)
    slot = Slot(datetime(2026, 3, 10, 22, 0, tzinfo=UTC), 60)
    judge, person = local_times(slot, [("judge", NEW_YORK), ("person", TOKYO)])
    # then the judge sees 10 March 18:00 and the person 11 March 07:00
    assert (judge.start.date().isoformat(), judge.start.hour) == ("2026-03-10", 18)
    assert (person.start.date().isoformat(), person.start.hour) == ("2026-03-11", 7)
    # and the slot is flagged: its local date differs between the States
    flags = slot_warnings(slot, states=[("XA", NEW_YORK), ("XB", TOKYO)], participants=[])
    assert [w.flag for w in flags] == [Flag.LOCAL_DATE_DIFFERS]
    assert flags[0].detail == "2026-03-10, 2026-03-11"


def test_the_same_utc_time_moves_in_local_time_across_the_us_and_eu_dst_gap() -> None:
    # Between the US change (8 March 2026) and the EU change (29 March 2026) New York is four
    # hours behind UTC and Paris still one ahead: five hours apart instead of six.
    gap = Slot(datetime(2026, 3, 16, 14, 0, tzinfo=UTC), 60)
    after = Slot(datetime(2026, 3, 30, 14, 0, tzinfo=UTC), 60)
    ny, paris = local_times(gap, [("a", NEW_YORK), ("b", PARIS)])
    assert (ny.start.hour, paris.start.hour) == (10, 15)
    ny, paris = local_times(after, [("a", NEW_YORK), ("b", PARIS)])
    assert (ny.start.hour, paris.start.hour) == (10, 16)


def test_a_hearing_across_the_night_the_clocks_go_forward_lasts_its_real_length() -> None:
    # 00:30 to 01:30 UTC on 29 March 2026: in Paris 01:30 CET to 03:30 CEST
    slot = Slot(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), 60)
    (paris,) = local_times(slot, [("x", PARIS)])
    assert (paris.start.hour, paris.start.minute, paris.end.hour) == (1, 30, 3)
    assert (paris.start.tzname(), paris.end.tzname()) == ("CET", "CEST")
    # (subtracting two times of one zone counts wall-clock hours: compare in UTC)
    assert paris.end - paris.start == timedelta(hours=2)
    assert paris.end.astimezone(UTC) - paris.start.astimezone(UTC) == timedelta(hours=1)


def test_the_connection_test_keeps_the_utc_time_the_day_before() -> None:
    slot = Slot(datetime(2026, 3, 29, 9, 0, tzinfo=UTC), 90)
    test = connection_test_slot(slot)
    assert (test.start, test.minutes) == (datetime(2026, 3, 28, 9, 0, tzinfo=UTC), 30)


def test_a_public_holiday_of_either_state_is_flagged_on_its_own_local_date() -> None:
    # 14 July 2026 08:00 in Paris is a French holiday; 13 July in New York is not a US one
    slot = Slot(datetime(2026, 7, 14, 6, 0, tzinfo=UTC), 60)
    flags = slot_warnings(slot, states=[("US", NEW_YORK), ("FR", PARIS)], participants=[])
    holidays = [w for w in flags if w.flag is Flag.HOLIDAY]
    assert [w.detail.split(" ")[:2] for w in holidays] == [["FR", "2026-07-14"]]
    # and a State the package does not know (a demo State) has none
    assert not [
        w
        for w in slot_warnings(slot, states=[("XA", PARIS)], participants=[])
        if w.flag is Flag.HOLIDAY
    ]


def test_clashes_and_interpreter_availability_are_flagged() -> None:
    slot = Slot(datetime(2026, 5, 5, 9, 0, tzinfo=UTC), 60)
    other = Slot(datetime(2026, 5, 5, 9, 30, tzinfo=UTC), 60)
    after = Slot(datetime(2026, 5, 5, 10, 0, tzinfo=UTC), 60)
    free = [Slot(datetime(2026, 5, 5, 8, 0, tzinfo=UTC), 120)]
    busy = [Slot(datetime(2026, 5, 5, 9, 30, tzinfo=UTC), 120)]
    flags = slot_warnings(
        slot,
        states=[],
        participants=[],
        booked=[other, after],
        interpreter_free=[("Ivanova", free), ("Dupont", busy)],
    )
    assert [(w.flag, w.detail) for w in flags] == [
        (Flag.CLASH, "2026-05-05T09:30:00+00:00"),
        (Flag.INTERPRETER_UNAVAILABLE, "Dupont"),
    ]


def test_outside_working_hours_is_flagged_per_participant() -> None:
    slot = Slot(datetime(2026, 5, 5, 12, 0, tzinfo=UTC), 60)  # 08:00 NY, 21:00 Tokyo
    flags = slot_warnings(slot, states=[], participants=[("judge", NEW_YORK), ("person", TOKYO)])
    assert [(w.flag, w.detail.split(" ")[0]) for w in flags] == [
        (Flag.OUTSIDE_WORKING_HOURS, "person")
    ]


@pytest.mark.parametrize("name", ["", "UTC+2", "Mars/Olympus", "../etc/passwd"])
def test_only_iana_zones_are_accepted(name: str) -> None:
    with pytest.raises(DomainError) as refused:
        zone(name)
    assert refused.value.code == "hearing.time_zone_unknown"


def test_a_slot_must_be_aware_in_the_future_and_of_a_sane_length() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    with pytest.raises(DomainError) as naive:
        slot_check(Slot(datetime(2026, 6, 1), 60), now=now)  # noqa: DTZ001
    with pytest.raises(DomainError) as past:
        slot_check(Slot(datetime(2026, 4, 1, tzinfo=UTC), 60), now=now)
    with pytest.raises(DomainError) as long:
        slot_check(Slot(datetime(2026, 6, 1, tzinfo=UTC), 9 * 60), now=now)
    assert [e.value.code for e in (naive, past, long)] == [
        "hearing.naive_time",
        "hearing.in_past",
        "hearing.duration_invalid",
    ]
