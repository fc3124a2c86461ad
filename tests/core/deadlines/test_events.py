"""Which legal clocks a case runs, from its basis, its side and the event dates (pure)."""

from datetime import date

from rogatory.core.deadlines import working_calendar
from rogatory.core.deadlines.events import (
    ClockBasis,
    EventKind,
    NoClock,
    basis_from_case,
    no_clock_reason,
    plan_clocks,
    specs_for,
)
from rogatory.core.deadlines.limits import Side, time_limit_from_data

FR = working_calendar("FR")
E = EventKind


def test_untoc_alone_runs_no_clock_and_says_art_16_9_sets_no_period() -> None:
    basis = basis_from_case(["untoc"], "")
    assert basis is ClockBasis.UNTOC
    assert no_clock_reason(basis) is NoClock.UNTOC_SETS_NO_PERIOD
    plan = plan_clocks(
        basis=basis,
        side=Side.REQUESTED,
        dates={E.ARREST: date(2026, 3, 2)},
        released=False,
        calendar=FR,
    )
    assert plan == []


def test_a_treaty_among_the_bases_needs_the_officer_to_name_the_instrument() -> None:
    assert basis_from_case(["untoc", "treaty"], "") is None
    assert no_clock_reason(None) is NoClock.NO_BASIS
    assert basis_from_case(["treaty"], "ets-24") is ClockBasis.ETS_24


def test_ets24_18_days_stop_on_receipt_of_the_request() -> None:
    # ETS 24 art. 16(4): arrest Friday 26 June 2026; request received 8 July
    plan = plan_clocks(
        basis=ClockBasis.ETS_24,
        side=Side.REQUESTED,
        dates={E.ARREST: date(2026, 6, 26), E.REQUEST_RECEIVED: date(2026, 7, 8)},
        released=False,
        calendar=FR,
    )
    assert [(p.spec.code, p.computed.due, p.computed.act_by, p.stopped_on) for p in plan] == [
        ("ece-provisional-arrest", date(2026, 7, 14), date(2026, 7, 13), date(2026, 7, 8)),
        ("ece-provisional-arrest-max", date(2026, 8, 5), date(2026, 8, 5), date(2026, 7, 8)),
    ]


def test_the_requesting_side_runs_the_limits_that_bind_both_states_only() -> None:
    # FD 2002/584 art. 17 binds the executing State; art. 23(2) both
    requesting = [s.code for s in specs_for(ClockBasis.EAW, Side.REQUESTING)]
    requested = [s.code for s in specs_for(ClockBasis.EAW, Side.REQUESTED)]
    assert requesting == ["eaw-surrender"]
    assert requested == ["eaw-decision", "eaw-decision-consent", "eaw-surrender"]


def test_release_ends_limits_on_custody_but_not_the_eaw_decision_period() -> None:
    arrest = {E.ARREST: date(2026, 1, 5)}
    ets = plan_clocks(
        basis=ClockBasis.ETS_24, side=Side.REQUESTED, dates=arrest, released=True, calendar=FR
    )
    eaw = plan_clocks(
        basis=ClockBasis.EAW, side=Side.REQUESTED, dates=arrest, released=True, calendar=FR
    )
    assert [p.running for p in ets] == [False, False]
    assert [(p.spec.code, p.running, p.computed.due) for p in eaw] == [
        ("eaw-decision", True, date(2026, 3, 6))
    ]


def test_a_bilateral_treaty_period_from_data_runs_when_the_data_exists() -> None:
    treaty = time_limit_from_data(
        {
            "code": "xa-xb-1998",
            "instrument": "XA-XB Extradition Treaty 1998",
            "article": "art. 10(4)",
            "trigger": "arrest",
            "days": 60,
            "counting": "keep-last-day",
        }
    )
    assert no_clock_reason(ClockBasis.BILATERAL_TREATY) is NoClock.NO_TREATY_DATA
    assert no_clock_reason(ClockBasis.BILATERAL_TREATY, treaty) is None
    plan = plan_clocks(
        basis=ClockBasis.BILATERAL_TREATY,
        side=Side.REQUESTING,
        dates={E.ARREST: date(2026, 3, 2)},
        released=False,
        calendar=FR,
        treaty=treaty,
    )
    assert [(p.spec.source, p.computed.due) for p in plan] == [
        ("XA-XB Extradition Treaty 1998 art. 10(4)", date(2026, 5, 1))
    ]
    # 1 May 2026 is Labour Day, a Friday: act by Thursday 30 April
    assert plan[0].computed.act_by == date(2026, 4, 30)


def test_an_arrest_after_the_request_arrived_starts_no_provisional_arrest_clock() -> None:
    # ETS 24 art. 16(1): provisional arrest is the urgent step pending the request
    plan = plan_clocks(
        basis=ClockBasis.ETS_24,
        side=Side.REQUESTED,
        dates={E.REQUEST_RECEIVED: date(2026, 3, 2), E.ARREST: date(2026, 3, 9)},
        released=False,
        calendar=FR,
    )
    assert plan == []
