"""Vectors for the legal time limits, each written from the article it encodes.

Counting: calendar days, the event day not counted (due = event + N). Limits protecting liberty
keep their last day and are acted on by the last working day on or before it; other periods move
a last day that is not a working day to the next working day.
"""

from datetime import date

import pytest

from rogatory.core.deadlines import (
    ArrestBasis,
    Counting,
    compute_limit,
    deadline_compute,
    time_limit,
    time_limit_from_data,
    working_calendar,
)
from rogatory.core.deadlines.limits import TIME_LIMITS, arrest_limit
from rogatory.core.errors import DomainError

D = date


def vector(
    rule: str, start: date, state: str | None = None, *, extended: bool = False
) -> tuple[date, date]:
    result = deadline_compute(rule=rule, start=start, state=state, extended=extended)
    return result.due, result.act_by


# ---- ETS 24 art. 16(4): 18 days from provisional arrest, 40 at most. ----


def test_ets24_16_4_the_arrest_day_is_not_counted() -> None:
    # given an arrest on Sunday 1 March 2026, when 18 days run, then day 18 is Thursday 19 March
    assert vector("ece-provisional-arrest", D(2026, 3, 1)) == (D(2026, 3, 19), D(2026, 3, 19))


def test_ets24_16_4_runs_across_a_month_end() -> None:
    assert vector("ece-provisional-arrest", D(2026, 1, 31)) == (D(2026, 2, 18), D(2026, 2, 18))


def test_ets24_16_4_a_saturday_last_day_is_kept_and_acted_on_the_friday_before() -> None:
    # 3 March 2026 + 18 = Saturday 21 March: custody still ends then, so act on Friday 20
    assert vector("ece-provisional-arrest", D(2026, 3, 3)) == (D(2026, 3, 21), D(2026, 3, 20))


def test_ets24_16_4_a_french_national_holiday_brings_act_by_forward() -> None:
    # 26 June 2026 + 18 = Tuesday 14 July 2026, the Fête nationale in France
    assert vector("ece-provisional-arrest", D(2026, 6, 26), "FR") == (
        D(2026, 7, 14),
        D(2026, 7, 13),
    )
    # without a State only weekends count, and a Tuesday is a working day
    assert vector("ece-provisional-arrest", D(2026, 6, 26)) == (D(2026, 7, 14), D(2026, 7, 14))


def test_ets24_16_4_extended_is_the_40_day_maximum_from_the_arrest() -> None:
    assert vector("ece-provisional-arrest", D(2026, 6, 26), extended=True) == (
        D(2026, 8, 5),
        D(2026, 8, 5),
    )


# ---- ETS 24 art. 18(4): 15 days from the date fixed for surrender, 30 at most. ----


def test_ets24_18_4_counts_from_the_date_fixed_to_the_year_end() -> None:
    assert vector("ece-surrender", D(2026, 12, 16)) == (D(2026, 12, 31), D(2026, 12, 31))


def test_ets24_18_4_extended_is_30_days_and_crosses_into_the_next_year() -> None:
    assert vector("ece-surrender", D(2026, 12, 16), extended=True) == (
        D(2027, 1, 15),
        D(2027, 1, 15),
    )


# ---- FD 2002/584 art. 17: decision on the EAW. ----


def test_fd_eaw_17_3_sixty_days_from_arrest_end_on_the_leap_day() -> None:
    # 31 December 2027 + 60 days = Tuesday 29 February 2028
    assert vector("eaw-decision", D(2027, 12, 31)) == (D(2028, 2, 29), D(2028, 2, 29))


def test_fd_eaw_17_4_extension_adds_30_days() -> None:
    # 1 January 2026 + 90 = Wednesday 1 April 2026
    assert vector("eaw-decision", D(2026, 1, 1), extended=True) == (D(2026, 4, 1), D(2026, 4, 1))


def test_fd_eaw_17_2_ten_days_from_consent_count_the_leap_day() -> None:
    # 20 February 2028 + 10 = 1 March 2028 (29 February is counted)
    assert vector("eaw-decision-consent", D(2028, 2, 20)) == (D(2028, 3, 1), D(2028, 3, 1))
    # the same consent date a common year later ends on 2 March
    assert vector("eaw-decision-consent", D(2027, 2, 20)) == (D(2027, 3, 2), D(2027, 3, 2))


def test_fd_eaw_17_2_a_german_unity_day_brings_act_by_forward() -> None:
    # 23 September 2025 + 10 = Friday 3 October 2025, Tag der Deutschen Einheit
    assert vector("eaw-decision-consent", D(2025, 9, 23), "DE") == (
        D(2025, 10, 3),
        D(2025, 10, 2),
    )


def test_fd_eaw_17_4_extended_consent_period_ending_on_a_sunday_is_acted_on_friday() -> None:
    # 1 December 2026 + 40 = Sunday 10 January 2027
    assert vector("eaw-decision-consent", D(2026, 12, 1), extended=True) == (
        D(2027, 1, 10),
        D(2027, 1, 8),
    )


# ---- FD 2002/584 art. 23(2): surrender within 10 days of the final decision. ----


def test_fd_eaw_23_2_new_years_day_is_kept_and_acted_on_by_new_years_eve() -> None:
    # 22 December 2026 + 10 = Friday 1 January 2027, a public holiday in Germany
    assert vector("eaw-surrender", D(2026, 12, 22), "DE") == (D(2027, 1, 1), D(2026, 12, 31))
    assert vector("eaw-surrender", D(2026, 12, 22)) == (D(2027, 1, 1), D(2027, 1, 1))


def test_fd_eaw_23_2_has_no_extension() -> None:
    # a new date under art. 23(3)-(4) starts a new period; it is not an extension
    with pytest.raises(DomainError) as err:
        vector("eaw-surrender", D(2026, 12, 22), extended=True)
    assert (err.value.code, err.value.params) == (
        "deadline.no_extension",
        {"rule": "eaw-surrender"},
    )


# ---- Dir. 2014/41 art. 12: recognition and execution of an EIO. ----


def test_eio_12_3_a_saturday_last_day_moves_to_monday() -> None:
    # 5 February 2026 + 30 = Saturday 7 March 2026
    assert vector("eio-recognition", D(2026, 2, 5)) == (D(2026, 3, 9), D(2026, 3, 9))


def test_eio_12_3_a_french_holiday_moves_due_to_the_next_day() -> None:
    # 14 June 2026 + 30 = Tuesday 14 July 2026
    assert vector("eio-recognition", D(2026, 6, 14), "FR") == (D(2026, 7, 15), D(2026, 7, 15))
    assert vector("eio-recognition", D(2026, 6, 14)) == (D(2026, 7, 14), D(2026, 7, 14))


def test_eio_12_5_extended_recognition_moves_past_new_year_and_the_weekend() -> None:
    # 2 November 2026 + 60 = Friday 1 January 2027, a holiday in France; then Saturday, Sunday
    assert vector("eio-recognition", D(2026, 11, 2), "FR", extended=True) == (
        D(2027, 1, 4),
        D(2027, 1, 4),
    )


def test_eio_12_4_christmas_in_germany_moves_execution_past_the_weekend() -> None:
    # 26 September 2026 + 90 = Friday 25 December 2026; 26 December is a holiday and a Saturday
    assert vector("eio-execution", D(2026, 9, 26), "DE") == (D(2026, 12, 28), D(2026, 12, 28))
    assert vector("eio-execution", D(2026, 9, 26)) == (D(2026, 12, 25), D(2026, 12, 25))


def test_eio_12_4_has_no_extension() -> None:
    with pytest.raises(DomainError, match=r"deadline\.no_extension"):
        vector("eio-execution", D(2026, 9, 26), extended=True)


# ---- ETS 185 art. 29(7) and Reg. 2023/1543 art. 11(1): preservation. ----


def test_ets185_29_7_sixty_days_run_through_february() -> None:
    # 31 January 2026 + 60 = Wednesday 1 April 2026
    assert vector("preservation", D(2026, 1, 31)) == (D(2026, 4, 1), D(2026, 4, 1))


def test_reg_2023_1543_11_1_extended_preservation_moves_past_labour_day() -> None:
    # 31 January 2026 + 90 = Friday 1 May 2026, a holiday in France; next working day Monday
    assert vector("preservation", D(2026, 1, 31), "FR", extended=True) == (
        D(2026, 5, 4),
        D(2026, 5, 4),
    )
    result = deadline_compute(rule="preservation", start=D(2026, 1, 31), state=None, extended=True)
    assert result.source == "ETS 185 art. 29(7), extended: Reg. 2023/1543 art. 11(1)"


# ---- UN Model Treaty on Extradition art. 9(4): 40 days from provisional arrest. ----


def test_un_model_treaty_9_4_forty_days_from_arrest() -> None:
    assert vector("un-model-provisional-arrest", D(2026, 3, 1)) == (
        D(2026, 4, 10),
        D(2026, 4, 10),
    )


# ---- The table itself. ----


def test_liberty_limits_keep_their_last_day_and_the_others_move() -> None:
    keep = {t.code for t in TIME_LIMITS if t.counting is Counting.KEEP_LAST_DAY}
    assert keep == {
        "ece-provisional-arrest",
        "ece-surrender",
        "eaw-decision",
        "eaw-decision-consent",
        "eaw-surrender",
        "un-model-provisional-arrest",
    }
    assert {t.code for t in TIME_LIMITS} - keep == {
        "eio-recognition",
        "eio-execution",
        "preservation",
    }


def test_every_rule_names_its_instrument_and_article() -> None:
    assert {t.code: (t.source, t.days, t.extended_days) for t in TIME_LIMITS} == {
        "ece-provisional-arrest": ("ETS 24 art. 16(4)", 18, 40),
        "ece-surrender": ("ETS 24 art. 18(4)", 15, 30),
        "eaw-decision": ("FD 2002/584 art. 17(3)", 60, 90),
        "eaw-decision-consent": ("FD 2002/584 art. 17(2)", 10, 40),
        "eaw-surrender": ("FD 2002/584 art. 23(2)", 10, None),
        "eio-recognition": ("Dir. 2014/41 art. 12(3)", 30, 60),
        "eio-execution": ("Dir. 2014/41 art. 12(4)", 90, None),
        "preservation": ("ETS 185 art. 29(7)", 60, 90),
        "un-model-provisional-arrest": ("UN Model Treaty on Extradition art. 9(4)", 40, None),
    }


def test_an_unknown_rule_is_a_domain_error() -> None:
    with pytest.raises(DomainError) as err:
        time_limit("ece-18-days")
    assert (err.value.code, err.value.params) == ("deadline.unknown_rule", {"rule": "ece-18-days"})


# ---- Legal basis and treaty data. ----


def test_the_arrest_clock_follows_the_legal_basis() -> None:
    assert arrest_limit(ArrestBasis.ETS_24) == time_limit("ece-provisional-arrest")
    assert arrest_limit(ArrestBasis.UN_MODEL_TREATY) == time_limit("un-model-provisional-arrest")
    assert arrest_limit(ArrestBasis.EAW) == time_limit("eaw-decision")
    # UNTOC art. 16(9) allows custody but sets no period
    assert arrest_limit(ArrestBasis.UNTOC) is None


def test_a_bilateral_treaty_period_is_data_and_prevails() -> None:
    # given a treaty record with a 60-day provisional-arrest period
    treaty = time_limit_from_data(
        {
            "code": "xa-xb-provisional-arrest",
            "instrument": "XA-XB Extradition Treaty 1999",
            "article": "art. 11(4)",
            "trigger": "arrest",
            "days": 60,
            "counting": "keep-last-day",
        }
    )
    # then it is the clock, whatever the multilateral basis, and counts like the others
    assert arrest_limit(ArrestBasis.UNTOC, treaty) is treaty
    assert treaty.source == "XA-XB Extradition Treaty 1999 art. 11(4)"
    result = compute_limit(treaty, start=D(2026, 3, 3), calendar=working_calendar(None))
    # 3 March 2026 + 60 = Saturday 2 May 2026
    assert (result.due, result.act_by) == (D(2026, 5, 2), D(2026, 5, 1))


@pytest.mark.parametrize(
    "bad",
    [
        {"days": 0},
        {"days": "60"},
        {"counting": "whenever"},
        {"trigger": "lunch"},
        {"extended_days": 30},
    ],
)
def test_bad_treaty_data_is_refused(bad: dict[str, object]) -> None:
    data: dict[str, object] = {
        "code": "t",
        "instrument": "T",
        "article": "art. 1",
        "trigger": "arrest",
        "days": 60,
        "counting": "keep-last-day",
    } | bad
    with pytest.raises(DomainError, match=r"deadline\.invalid_rule_data"):
        time_limit_from_data(data)
