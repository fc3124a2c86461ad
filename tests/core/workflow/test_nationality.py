"""Nationality flags on the date of the decision (ETS 24 art. 6(1)(c)); no database."""

from datetime import date
from typing import Any

from rogatory.core.workflow.nationality import (
    NationalityFlag,
    NationalityRecord,
    assess,
)

F = NationalityFlag
DECISION = date(2026, 6, 15)


def flags_of(
    *records: NationalityRecord, bars: bool = False, on: date = DECISION
) -> tuple[Any, ...]:
    found = assess(
        records,
        requesting_state="XA",
        requested_state="XB",
        on=on,
        requested_state_bars_nationals=bars,
    )
    return found.flags, found.held, found.barred, found.consular_states


def test_no_nationality_recorded_is_flagged_as_unknown() -> None:
    assert flags_of() == ((F.NONE_RECORDED,), (), False, ())


def test_a_national_of_the_requested_state_with_a_bar_in_its_law_is_barred() -> None:
    # UNTOC art. 16(10), ETS 24 art. 6(1)(a): the requested State may refuse its national.
    assert flags_of(NationalityRecord("XB"), bars=True) == (
        (F.REQUESTED_STATE_NATIONAL,),
        ("XB",),
        True,
        (),
    )


def test_a_national_of_the_requested_state_without_a_bar_is_flagged_but_not_barred() -> None:
    assert flags_of(NationalityRecord("XB"), bars=False)[0:3] == (
        (F.REQUESTED_STATE_NATIONAL,),
        ("XB",),
        False,
    )


def test_a_dual_national_of_both_states_keeps_the_requested_states_protection() -> None:
    # Hague Convention 1930 art. 3: the requested State treats the person as its own national.
    flags, held, barred, consular = flags_of(
        NationalityRecord("XA"), NationalityRecord("XB"), bars=True
    )
    assert flags == (F.REQUESTED_STATE_NATIONAL, F.DUAL_NATIONAL_BOTH_STATES)
    assert held == ("XA", "XB")
    assert barred is True
    assert consular == ("XA",)


def test_a_third_state_national_is_owed_consular_notification() -> None:
    # Vienna Convention on Consular Relations art. 36(1)(b).
    assert flags_of(NationalityRecord("XA"), NationalityRecord("FR")) == (
        (F.REQUESTING_STATE_NATIONAL, F.THIRD_STATE_NATIONAL),
        ("FR", "XA"),
        False,
        ("FR", "XA"),
    )


def test_nationality_acquired_after_the_decision_does_not_count() -> None:
    # ETS 24 art. 6(1)(c): judged at the time of the decision.
    later = NationalityRecord("XB", acquired_on=date(2026, 6, 16))
    assert flags_of(later, bars=True)[0:3] == ((F.NONE_RECORDED,), (), False)


def test_nationality_acquired_on_the_day_of_the_decision_counts() -> None:
    same_day = NationalityRecord("XB", acquired_on=DECISION)
    assert flags_of(same_day, bars=True)[0:3] == ((F.REQUESTED_STATE_NATIONAL,), ("XB",), True)


def test_nationality_lost_before_or_on_the_decision_does_not_count() -> None:
    lost = NationalityRecord("XB", acquired_on=date(2000, 1, 1), lost_on=DECISION)
    assert flags_of(lost, NationalityRecord("XA"), bars=True)[0:3] == (
        (F.REQUESTING_STATE_NATIONAL,),
        ("XA",),
        False,
    )


def test_nationality_lost_after_the_decision_still_counts() -> None:
    lost_later = NationalityRecord("XB", lost_on=date(2026, 6, 16))
    assert flags_of(lost_later, bars=True)[2] is True


def test_each_finding_cites_its_article() -> None:
    found = assess(
        [NationalityRecord("XA"), NationalityRecord("XB"), NationalityRecord("FR")],
        requesting_state="XA",
        requested_state="XB",
        on=DECISION,
        requested_state_bars_nationals=False,
    )
    assert [(f.flag, f.article, f.states) for f in found.findings] == [
        (
            F.REQUESTED_STATE_NATIONAL,
            "UNTOC art. 16(10); ETS 24 art. 6(1)(a) and 6(2)",
            ("XB",),
        ),
        (
            F.DUAL_NATIONAL_BOTH_STATES,
            "ETS 24 art. 6(1)(c); Hague Convention on Conflict of Nationality Laws (1930) art. 3",
            ("XB", "XA"),
        ),
        (
            F.THIRD_STATE_NATIONAL,
            "Vienna Convention on Consular Relations art. 36(1)(b)",
            ("FR",),
        ),
    ]
