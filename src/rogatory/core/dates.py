"""Dates as officers type them, and the sanity checks of the dates in a request.

Pure Python, no Django. A date in a request is often only partly known (a year of birth, a
month), and officers of different States write it differently, so one parser reads the common
forms and every edge (web forms, API, services) uses it:

* year first, as ISO 8601: ``1980``, ``1980-12``, ``1980-12-31`` (also with ``/`` or ``.``);
* day first, as most of the world writes it: ``31/12/1980``, ``31.12.1980``, ``31-12-1980``,
  and ``12/1980`` when only the month is known.

Month-first (United States) order is never guessed: ``03/12/2026`` is 3 December. Digits of
any script are read (``١٩٨٠`` is 1980), and the direction marks that an Arabic page puts around
a copied date are ignored. Every refusal is a :class:`DomainError` whose ``field`` names the
input, so the edge can say which field is wrong in the reader's language.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from rogatory.core.errors import DomainError

# No one alive was born before this year; an earlier year is a typing error.
EARLIEST_BIRTH_YEAR = 1900
# The calendar date is already "tomorrow" in UTC+14 (Kiribati) while it is still "today" in
# UTC: a date is only in the future when it is later than the latest date anywhere on Earth.
_EARTH_AHEAD_OF_UTC = timedelta(hours=14)
# Long enough for any form with spaces around the separators; longer text is not a date.
_MAX_LENGTH = 32
# Left-to-right and right-to-left marks, embeddings, overrides and isolates (Unicode TR 9),
# which a date copied from a right-to-left page carries.
_BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
)

_SEP = r"\s*([-/.])\s*"
_YEAR = re.compile(r"(\d{4})", re.ASCII)
_YEAR_MONTH = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})", re.ASCII)
_YEAR_MONTH_DAY = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})\s*\2\s*(\d{{1,2}})", re.ASCII)
_MONTH_YEAR = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{4}})", re.ASCII)
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}})\s*\2\s*(\d{{4}})", re.ASCII)
_TWO_DIGIT_YEAR = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}})(?:\s*\2\s*(\d{{2}}))?", re.ASCII)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day (month and day are None when unknown)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``1980``, ``1980-12`` or ``1980-12-31``: the form stored and sent on the wire."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def full(self) -> date | None:
        """The date itself when the day is known."""
        return self.earliest() if self.day is not None else None


def _normalise(text: str) -> str:
    """Digits of any script as ASCII digits, direction marks dropped, spaces trimmed."""
    out = []
    for ch in text.translate(_BIDI_CONTROLS):
        if ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out).strip()


def _shown(text: str) -> str:
    """The user's text as quoted back in a message: one line, never a page long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_LENGTH else flat[: _MAX_LENGTH - 1] + "…"


def _build(year: int, month: int | None, day: int | None, text: str, field: str) -> PartialDate:
    if year == 0:
        raise DomainError("date.year_zero", field=field, value=_shown(text))
    if month is not None and not 1 <= month <= 12:
        raise DomainError("date.invalid", field=field, value=_shown(text))
    if (
        day is not None
        and month is not None
        and not 1 <= day <= calendar.monthrange(year, month)[1]
    ):
        raise DomainError("date.invalid", field=field, value=_shown(text))
    return PartialDate(year, month, day)


def parse_partial_date(text: str, *, field: str) -> PartialDate | None:
    """The date ``text`` gives, to the precision it gives; None when it is blank.

    Raises DomainError (and nothing else, whatever the string) when it is not a date:
    ``date.invalid``, ``date.year_zero`` or ``date.two_digit_year``.
    """
    if not isinstance(text, str):
        raise DomainError("date.invalid", field=field, value=_shown(str(text)))
    clean = _normalise(text)
    if not clean:
        return None
    if len(clean) > _MAX_LENGTH:
        raise DomainError("date.invalid", field=field, value=_shown(text))
    if m := _YEAR.fullmatch(clean):
        return _build(int(m[1]), None, None, text, field)
    if m := _YEAR_MONTH.fullmatch(clean):
        return _build(int(m[1]), int(m[3]), None, text, field)
    if m := _YEAR_MONTH_DAY.fullmatch(clean):
        return _build(int(m[1]), int(m[3]), int(m[4]), text, field)
    if m := _MONTH_YEAR.fullmatch(clean):
        return _build(int(m[3]), int(m[1]), None, text, field)
    if m := _DAY_MONTH_YEAR.fullmatch(clean):
        return _build(int(m[4]), int(m[3]), int(m[1]), text, field)
    if _TWO_DIGIT_YEAR.fullmatch(clean):
        # "31/12/80" or "12/80": the century is a guess we do not make.
        raise DomainError("date.two_digit_year", field=field, value=_shown(text))
    raise DomainError("date.invalid", field=field, value=_shown(text))


def parse_full_date(text: str, *, field: str) -> date | None:
    """A date known to the day (``date.day_required`` otherwise); None when blank."""
    found = parse_partial_date(text, field=field)
    if found is None:
        return None
    day = found.full()
    if day is None:
        raise DomainError("date.day_required", field=field, value=_shown(text))
    return day


def latest_today(now: datetime) -> date:
    """The latest calendar date anywhere on Earth at the instant ``now`` (aware)."""
    return (now.astimezone(UTC) + _EARTH_AHEAD_OF_UTC).date()


def check_birth(value: PartialDate, *, field: str, today: date) -> None:
    """A date of birth is not in the future and not before 1900.

    ``today`` is :func:`latest_today`, so no officer's "today" is ever refused.
    """
    if value.earliest() > today:
        raise DomainError("date.birth_in_future", field=field, value=value.iso())
    if value.year < EARLIEST_BIRTH_YEAR:
        raise DomainError(
            "date.birth_too_early", field=field, value=value.iso(), year=EARLIEST_BIRTH_YEAR
        )


def check_offence(value: date, *, field: str, today: date, request_day: date | None = None) -> None:
    """An offence was committed before the request that describes it, so neither in the future
    nor after the date of the request (UNTOC art. 18(15)(c) and ETS 24 art. 12(2)(b): a request
    describes offences already committed)."""
    if value > today:
        raise DomainError("date.offence_in_future", field=field, value=value.isoformat())
    if request_day is not None and value > request_day:
        raise DomainError(
            "date.offence_after_request",
            field=field,
            value=value.isoformat(),
            request_date=request_day.isoformat(),
        )


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset, as another node wrote it, in UTC.

    Raises ValueError for text that is not one, for a local time without its offset (it would
    mean different instants on the two nodes) and for an instant that leaves the calendar once
    in UTC (``9999-12-31T23:59:59-14:00``, ``0001-01-01T00:00:00+14:00``): such a value was not
    written by a node, and comparing or storing it would raise OverflowError far from here.
    """
    moment = datetime.fromisoformat(text)
    if moment.utcoffset() is None:
        raise ValueError("an instant needs its UTC offset")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("an instant outside the calendar in UTC") from None
