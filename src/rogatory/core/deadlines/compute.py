"""The date arithmetic that applies a time limit to the date of its triggering event.

- Calendar days; the day of the event is not counted: due = event date + N days.
- `Counting.KEEP_LAST_DAY` (limits that protect liberty): `due` stays event + N whatever day it
  is; `act_by` is the last working day on or before `due`, so the authority is never caught
  by a weekend or holiday on the last day of lawful custody.
- `Counting.NEXT_WORKING_DAY` (other periods): a `due` that is not a working day moves to the
  next working day, and `act_by` is `due`.
Dates here are calendar dates of the node's State; instants and time zones are the caller's.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from rogatory.core.deadlines.calendar import WorkingCalendar, working_calendar
from rogatory.core.deadlines.limits import Counting, TimeLimit, time_limit
from rogatory.core.errors import DomainError


@dataclass(frozen=True, slots=True)
class ComputedLimit:
    limit: TimeLimit
    start: date
    days: int
    extended: bool
    due: date
    act_by: date
    calendar: WorkingCalendar

    @property
    def source(self) -> str:
        """The article that sets the period, and the one that extends it where extended."""
        if not self.extended:
            return self.limit.source
        extension = self.limit.extension_article
        if extension is None or extension == self.limit.article:
            return f"{self.limit.source}, extended"
        return f"{self.limit.source}, extended: {extension}"


def compute_limit(
    limit: TimeLimit,
    *,
    start: date,
    calendar: WorkingCalendar,
    extended: bool = False,
) -> ComputedLimit:
    """Apply `limit` to the event of `start`; `extended` raises `deadline.no_extension`
    where the instrument allows none."""
    if extended:
        if limit.extended_days is None:
            raise DomainError("deadline.no_extension", rule=limit.code)
        days = limit.extended_days
    else:
        days = limit.days
    last_day = start + timedelta(days=days)
    if limit.counting is Counting.KEEP_LAST_DAY:
        due = last_day
        act_by = calendar.on_or_before(last_day)
    else:
        due = calendar.on_or_after(last_day)
        act_by = due
    return ComputedLimit(limit, start, days, extended, due, act_by, calendar)


def deadline_compute(
    *, rule: str, start: date, state: str | None, extended: bool = False
) -> ComputedLimit:
    """Look up `rule` and the working calendar of `state`, then compute (the command's entry)."""
    return compute_limit(
        time_limit(rule), start=start, calendar=working_calendar(state), extended=extended
    )
