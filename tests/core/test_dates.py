"""Reading the dates officers type, and the sanity checks of birth and offence dates."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rogatory.core.dates import (
    PartialDate,
    check_birth,
    check_offence,
    latest_today,
    parse_full_date,
    parse_instant,
    parse_partial_date,
)
from rogatory.core.errors import DomainError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980", PartialDate(1980)),
        ("1980-12", PartialDate(1980, 12)),
        ("1980-12-31", PartialDate(1980, 12, 31)),
        ("1980/12/31", PartialDate(1980, 12, 31)),
        ("1980.1.5", PartialDate(1980, 1, 5)),
        ("31/12/1980", PartialDate(1980, 12, 31)),
        ("31.12.1980", PartialDate(1980, 12, 31)),
        ("31-12-1980", PartialDate(1980, 12, 31)),
        ("3/2/1980", PartialDate(1980, 2, 3)),
        (" 31 / 12 / 1980 ", PartialDate(1980, 12, 31)),
        ("12/1980", PartialDate(1980, 12)),
        ("03.1980", PartialDate(1980, 3)),
        # day first, never the United States' month first: 3 December
        ("03/12/2026", PartialDate(2026, 12, 3)),
        # Arabic-Indic digits, and the marks a date copied from an Arabic page carries
        ("٣١/١٢/١٩٨٠", PartialDate(1980, 12, 31)),
        ("03\u200f/12\u200f/2026", PartialDate(2026, 12, 3)),
        ("2024-02-29", PartialDate(2024, 2, 29)),
    ],
)
def test_common_forms_are_read(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text, field="birth_date") == expected


@pytest.mark.parametrize("text", ["", "   ", "\u200f"])
def test_a_blank_date_is_none(text: str) -> None:
    assert parse_partial_date(text, field="birth_date") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0000", "date.year_zero"),
        ("0000-12-31", "date.year_zero"),
        ("31/12/0000", "date.year_zero"),
        ("1980-13", "date.invalid"),
        ("31/02/1980", "date.invalid"),
        ("2023-02-29", "date.invalid"),
        ("00/12/1980", "date.invalid"),
        ("1980-12/31", "date.invalid"),
        ("yesterday", "date.invalid"),
        ("31/12/80", "date.two_digit_year"),
        ("12/80", "date.two_digit_year"),
    ],
)
def test_what_is_not_a_date_is_refused_with_a_code(text: str, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_partial_date(text, field="persons[0].birth_date")
    assert caught.value.code == code
    assert caught.value.params["field"] == "persons[0].birth_date"
    assert caught.value.params["value"] == text


def test_the_text_quoted_back_is_short() -> None:
    with pytest.raises(DomainError) as caught:
        parse_partial_date("9" * 5000, field="birth_date")
    assert caught.value.params["value"] == "9" * 31 + "…"


def test_a_full_date_needs_the_day() -> None:
    assert parse_full_date("30/06/2025", field="committed_on") == date(2025, 6, 30)
    assert parse_full_date("", field="committed_on") is None
    with pytest.raises(DomainError) as caught:
        parse_full_date("2025-06", field="committed_on")
    assert caught.value.code == "date.day_required"


def _outcome(text: str) -> PartialDate | DomainError | None:
    try:
        return parse_partial_date(text, field="f")
    except DomainError as err:
        return err


@given(st.text())
def test_any_string_gives_a_date_none_or_a_domain_error(text: str) -> None:
    found = _outcome(text)
    if isinstance(found, DomainError):
        assert found.code.startswith("date.")
        assert len(str(found.params["value"])) <= 32
    else:
        assert found is None or 1 <= found.year <= 9999


@given(st.text(alphabet=st.characters(categories=["Nd", "Pd", "Po", "Zs", "Cf"]), max_size=20))
def test_digit_and_separator_soup_never_raises_anything_else(text: str) -> None:
    assert isinstance(_outcome(text), PartialDate | DomainError | None)


@given(st.dates(min_value=date(1, 1, 1)), st.sampled_from(["iso", "dmy", "ym", "my", "y"]))
def test_every_date_written_in_a_common_form_reads_back(day: date, form: str) -> None:
    text, expected = {
        "iso": (day.isoformat(), PartialDate(day.year, day.month, day.day)),
        "dmy": (f"{day.day}/{day.month}/{day.year:04d}", PartialDate(day.year, day.month, day.day)),
        "ym": (f"{day.year:04d}-{day.month:02d}", PartialDate(day.year, day.month)),
        "my": (f"{day.month:02d}/{day.year:04d}", PartialDate(day.year, day.month)),
        "y": (f"{day.year:04d}", PartialDate(day.year)),
    }[form]
    found = parse_partial_date(text, field="f")
    assert found == expected
    assert found is not None
    assert parse_partial_date(found.iso(), field="f") == found


def test_partial_dates_span_their_period() -> None:
    assert PartialDate(2024, 2).earliest() == date(2024, 2, 1)
    assert PartialDate(2024, 2).latest() == date(2024, 2, 29)
    assert PartialDate(1980).latest() == date(1980, 12, 31)
    assert PartialDate(1980, 5).iso() == "1980-05"


def test_today_is_the_latest_date_anywhere_on_earth() -> None:
    # 11:00 UTC on 3 December is already 01:00 on 4 December in UTC+14
    assert latest_today(datetime(2026, 12, 3, 11, 0, tzinfo=UTC)) == date(2026, 12, 4)
    assert latest_today(datetime(2026, 12, 3, 9, 0, tzinfo=UTC)) == date(2026, 12, 3)


TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("born", "code"),
    [
        (PartialDate(2099, 1, 1), "date.birth_in_future"),
        (PartialDate(2027), "date.birth_in_future"),
        (PartialDate(2026, 12, 4), "date.birth_in_future"),
        (PartialDate(1899, 12, 31), "date.birth_too_early"),
    ],
)
def test_impossible_births_are_refused(born: PartialDate, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        check_birth(born, field="birth_date", today=TODAY)
    assert (caught.value.code, caught.value.params["value"]) == (code, born.iso())


@pytest.mark.parametrize("born", [PartialDate(1900), PartialDate(2026), PartialDate(2026, 12, 3)])
def test_possible_births_pass(born: PartialDate) -> None:
    check_birth(born, field="birth_date", today=TODAY)


def test_an_offence_in_the_future_or_after_the_request_is_refused() -> None:
    with pytest.raises(DomainError) as future:
        check_offence(date(2027, 1, 1), field="committed_on", today=TODAY)
    with pytest.raises(DomainError) as late:
        check_offence(
            date(2026, 11, 2), field="committed_on", today=TODAY, request_day=date(2026, 11, 1)
        )
    assert future.value.code == "date.offence_in_future"
    assert late.value.code == "date.offence_after_request"
    assert late.value.params["request_date"] == "2026-11-01"
    check_offence(
        date(2026, 11, 1), field="committed_on", today=TODAY, request_day=date(2026, 11, 1)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-24T10:00:00+03:00", datetime(2026, 12, 24, 7, 0, tzinfo=UTC)),
        ("2026-12-24T10:00:00Z", datetime(2026, 12, 24, 10, 0, tzinfo=UTC)),
    ],
)
def test_an_instant_with_its_offset_is_read_in_utc(text: str, expected: datetime) -> None:
    # Given an instant written by another node, when it is read, then it is the same instant
    assert parse_instant(text) == expected
    assert parse_instant(text).tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-12-24T10:00:00", "needs its UTC offset"),  # a different instant on each node
        ("9999-12-31T23:59:59-14:00", "outside the calendar"),  # after its end once in UTC
        ("0001-01-01T00:00:00+14:00", "outside the calendar"),  # before its start once in UTC
        ("tomorrow", "Invalid isoformat"),
    ],
)
def test_an_instant_without_offset_or_outside_the_calendar_is_refused(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_instant(text)
