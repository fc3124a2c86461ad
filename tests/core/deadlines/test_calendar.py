from datetime import date

import pytest

from rogatory.core.deadlines import working_calendar
from rogatory.core.errors import DomainError


def test_without_a_state_only_weekends_are_closed() -> None:
    cal = working_calendar(None)
    # Friday 1 May 2026 is Labour Day in many States, but no State is given
    assert cal.is_working_day(date(2026, 5, 1))
    assert not cal.is_working_day(date(2026, 5, 2))
    assert not cal.is_working_day(date(2026, 5, 3))


def test_a_states_national_holidays_are_closed() -> None:
    assert not working_calendar("FR").is_working_day(date(2026, 7, 14))
    assert working_calendar("DE").is_working_day(date(2026, 7, 14))
    assert not working_calendar("de").is_working_day(date(2025, 10, 3))


def test_regional_holidays_are_ignored() -> None:
    # Epiphany is a holiday only in some German Länder, not nationally
    assert working_calendar("DE").is_working_day(date(2026, 1, 6))


def test_moving_both_ways_skips_weekends_and_holidays() -> None:
    fr = working_calendar("FR")
    # Friday 1 May 2026 (Fête du Travail), then the weekend
    assert fr.on_or_after(date(2026, 5, 1)) == date(2026, 5, 4)
    assert fr.on_or_before(date(2026, 5, 3)) == date(2026, 4, 30)


@pytest.mark.parametrize("state", ["XA", "ZZ", "FRA", ""])
def test_an_unknown_state_is_a_domain_error(state: str) -> None:
    with pytest.raises(DomainError) as err:
        working_calendar(state)
    assert (err.value.code, err.value.params) == ("deadline.unknown_state", {"state": state})


def test_a_lenient_calendar_treats_an_unknown_state_as_weekends_only() -> None:
    # the demo's user-assigned codes have no holiday calendar
    assert working_calendar("XA", strict=False) == working_calendar(None)
