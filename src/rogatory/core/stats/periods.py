"""Periods of the figures: months, quarters and years, and the age bands of the backlog."""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rogatory.core.errors import DomainError


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Whole calendar months from the month of `first` to the month of `last`."""
    return (last.year - first.year) * 12 + last.month - first.month


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str, *, field: str) -> date:
    match = _MONTH.match(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1900:
        raise DomainError("stats.bad_month", field=field, value=text[:20])
    return date(int(match[1]), int(match[2]), 1)


class Grain(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def bucket_of(month: date, grain: Grain) -> date:
    if grain is Grain.YEAR:
        return date(month.year, 1, 1)
    if grain is Grain.QUARTER:
        return date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
    return month_of(month)


def bucket_label(bucket: date, grain: Grain) -> str:
    """Language-neutral labels (ISO-like), read the same in every script."""
    if grain is Grain.YEAR:
        return f"{bucket.year}"
    if grain is Grain.QUARTER:
        return f"{bucket.year}-Q{(bucket.month - 1) // 3 + 1}"
    return f"{bucket.year}-{bucket.month:02d}"


@dataclass(frozen=True, slots=True)
class Period:
    """From the first day of `first` to the last day of `last`, both months included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise DomainError("stats.bad_period", first=str(self.first), last=str(self.last))
        if months_between(self.first, self.last) > 240:
            raise DomainError("stats.period_too_long", months=240)

    @property
    def months(self) -> int:
        return months_between(self.first, self.last) + 1

    def grain(self) -> Grain:
        """Months for up to two years, quarters up to six, years beyond: a chart stays legible."""
        if self.months <= 24:
            return Grain.MONTH
        if self.months <= 72:
            return Grain.QUARTER
        return Grain.YEAR

    def buckets(self) -> list[date]:
        grain = self.grain()
        out: list[date] = []
        month = self.first
        while month <= self.last:
            b = bucket_of(month, grain)
            if not out or out[-1] != b:
                out.append(b)
            month = add_months(month, 1)
        return out


def last_months(today: date, n: int = 12) -> Period:
    last = month_of(today)
    return Period(add_months(last, -(n - 1)), last)


class AgeBand(StrEnum):
    """Age of a pending request, in calendar months since the month it was opened."""

    UNDER_3 = "0-2"
    UNDER_6 = "3-5"
    UNDER_12 = "6-11"
    UNDER_24 = "12-23"
    OLDER = "24+"


def age_band(opened_month: date, this_month: date) -> AgeBand:
    age = months_between(opened_month, this_month)
    if age < 3:
        return AgeBand.UNDER_3
    if age < 6:
        return AgeBand.UNDER_6
    if age < 12:
        return AgeBand.UNDER_12
    if age < 24:
        return AgeBand.UNDER_24
    return AgeBand.OLDER


def band_months(band: AgeBand, this_month: date) -> tuple[date | None, date]:
    """The opening months (first, last) of a band; None: no lower bound."""
    bounds = {
        AgeBand.UNDER_3: (2, 0),
        AgeBand.UNDER_6: (5, 3),
        AgeBand.UNDER_12: (11, 6),
        AgeBand.UNDER_24: (23, 12),
    }
    if band is AgeBand.OLDER:
        return None, add_months(this_month, -24)
    oldest, newest = bounds[band]
    return add_months(this_month, -oldest), add_months(this_month, -newest)
