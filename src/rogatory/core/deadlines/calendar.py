"""Working days of a State: Monday to Friday less its national public holidays.

Holidays come from the `holidays` package for the whole State (no subdivision): a central
authority acts for the State, and a regional holiday does not close it. Without a State only
weekends are non-working days.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from rogatory.core.errors import DomainError

_SATURDAY = 5
_DAY = timedelta(days=1)


@cache
def _supported() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


@cache
def _public_holidays(state: str) -> holidays.HolidayBase:
    # The object fills in each year on first lookup, so one instance serves every date.
    return holidays.country_holidays(state)


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """`state` is an ISO 3166-1 alpha-2 code, or None for weekends only."""

    state: str | None = None

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= _SATURDAY:
            return False
        return self.state is None or day not in _public_holidays(self.state)

    def on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += _DAY
        return day

    def on_or_before(self, day: date) -> date:
        while not self.is_working_day(day):
            day -= _DAY
        return day

    @property
    def label(self) -> str:
        return self.state or "weekends only"


def working_calendar(state: str | None, *, strict: bool = True) -> WorkingCalendar:
    """The calendar of `state`; an unknown State raises DomainError `deadline.unknown_state`,
    or with `strict=False` gives weekends only (user-assigned codes such as the demo's XA)."""
    if state is None:
        return WorkingCalendar()
    code = state.strip().upper()
    # ISO 3166-1 alpha-2 only: the package also knows some alpha-3 aliases.
    if len(code) != 2 or code not in _supported():
        if not strict:
            return WorkingCalendar()
        raise DomainError("deadline.unknown_state", state=state)
    return WorkingCalendar(code)
