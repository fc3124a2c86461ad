"""Time limits of the steps (Procedures, res. 9/1) and the 70 % rule (Procedures, para. 10)."""

from datetime import date
from fractions import Fraction

import pytest

from rogatory.core.errors import DomainError
from rogatory.core.review.steps import (
    StepKind,
    Urgency,
    add_months,
    all_due_dates,
    due_on,
    urgency,
)
from rogatory.core.review.symbols import check_symbol
from rogatory.core.review.threshold import SOURCE, needed_for, threshold

START = date(2024, 1, 31)


def test_focal_point_two_weeks_experts_four_weeks_self_assessment_six_months() -> None:
    assert due_on(StepKind.FOCAL_POINT, started=START) == date(2024, 2, 14)
    assert due_on(StepKind.EXPERTS, started=START) == date(2024, 2, 28)
    # 31 January + 6 months: 31 July.
    assert due_on(StepKind.SELF_ASSESSMENT, started=START) == date(2024, 7, 31)


def test_written_feedback_runs_six_months_from_the_answers() -> None:
    assert due_on(StepKind.WRITTEN_FEEDBACK, started=START) is None
    assert due_on(
        StepKind.WRITTEN_FEEDBACK, started=START, previous_done=date(2024, 8, 31)
    ) == date(2025, 2, 28)


def test_list_of_observations_and_summary_have_no_time_limit() -> None:
    assert due_on(StepKind.LIST_OF_OBSERVATIONS, started=START, previous_done=START) is None
    assert due_on(StepKind.SUMMARY, started=START, previous_done=START) is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 1, 1), 12, date(2025, 1, 1)),
    ],
)
def test_months_land_on_the_last_day_of_a_shorter_month(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_all_due_dates_follow_what_is_done() -> None:
    states = all_due_dates(START, {StepKind.SELF_ASSESSMENT: date(2024, 6, 1)})
    by_kind = {s.kind: s.due for s in states}
    assert by_kind[StepKind.WRITTEN_FEEDBACK] == date(2024, 12, 1)


@pytest.mark.parametrize(
    ("today", "done", "expected"),
    [
        (date(2024, 2, 15), None, Urgency.OVERDUE),
        (date(2024, 2, 14), None, Urgency.DUE_SOON),
        (date(2024, 1, 31), None, Urgency.DUE_SOON),
        (date(2024, 1, 30), None, Urgency.ON_TIME),
        (date(2024, 3, 1), date(2024, 2, 10), None),
    ],
)
def test_reminder_urgency(today: date, done: date | None, expected: Urgency | None) -> None:
    assert urgency(date(2024, 2, 14), done, today) is expected


TODAY = date(2026, 1, 1)


def test_exactly_70_percent_meets_the_rule() -> None:
    t = threshold(
        scheduled=10,
        completions=[date(2025, m, 1) for m in range(1, 8)],
        phase_started=date(2024, 1, 1),
        today=TODAY,
    )
    assert (t.met, t.completed, t.needed, t.percent) == (True, 7, 7, Fraction(70))
    # Met on the day of the seventh completion.
    assert t.projected == date(2025, 7, 1)
    assert "para. 10" in t.source
    assert t.source == SOURCE


def test_69_9_percent_does_not_meet_the_rule() -> None:
    t = threshold(
        scheduled=1000,
        completions=[date(2025, 1, 1)] * 699,
        phase_started=date(2024, 1, 1),
        today=TODAY,
    )
    assert (t.met, t.needed, t.missing, t.percent_text) == (False, 700, 1, "69.9")


def test_no_review_scheduled_never_meets_the_rule_and_projects_nothing() -> None:
    t = threshold(scheduled=0, completions=[], phase_started=date(2024, 1, 1), today=TODAY)
    assert (t.met, t.needed, t.percent, t.projected) == (False, 0, Fraction(0), None)


def test_no_completion_gives_no_pace_and_no_date() -> None:
    t = threshold(scheduled=10, completions=[], phase_started=date(2025, 1, 1), today=TODAY)
    assert (t.met, t.projected) == (False, None)


def test_linear_projection_at_the_current_pace() -> None:
    # 2 of 10 done in 100 days: 0.02 a day; 5 more needed (7 - 2): 250 days after today.
    started = date(2025, 9, 23)
    assert (TODAY - started).days == 100
    t = threshold(
        scheduled=10,
        completions=[date(2025, 11, 1), date(2025, 12, 1)],
        phase_started=started,
        today=TODAY,
    )
    assert t.projected == date(2026, 9, 8)
    assert (t.projected - TODAY).days == 250


@pytest.mark.parametrize(("scheduled", "needed"), [(1, 1), (3, 3), (10, 7), (62, 44), (189, 133)])
def test_needed_is_70_percent_rounded_up(scheduled: int, needed: int) -> None:
    assert needed_for(scheduled) == needed


@pytest.mark.parametrize(
    "symbol",
    [
        "CTOC/COP/WG.3/2024/2",
        "CTOC/COP/WG.3/2024/2/Add.1",
        "CTOC/COP/WG.2/2023/CRP.1",
        "CTOC/COP/2024/1/Rev.1",
        "CTOC/COP/WG.7/2024/INF/1",
    ],
)
def test_valid_symbols(symbol: str) -> None:
    assert check_symbol(f" {symbol} ") == symbol


@pytest.mark.parametrize(
    "symbol",
    ["", "CTOC/COP/WG.3/24/2", "ctoc/cop/wg.3/2024/2", "CTOC/COP/WG.3/2024/", "A/RES/45/116"],
)
def test_invalid_symbols(symbol: str) -> None:
    with pytest.raises(DomainError) as err:
        check_symbol(symbol)
    assert err.value.code == "review.symbol_invalid"
