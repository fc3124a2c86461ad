from datetime import UTC, datetime, timedelta

import pytest

from rogatory.core.deadlines import deadlines_on_entering
from rogatory.core.deadlines.rules import stops
from rogatory.core.workflow import CaseKind, CaseState, Direction

ARREST = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_recording_a_provisional_arrest_starts_no_clock_of_its_own() -> None:
    # when a clerk records the step "provisionally arrested"
    due = deadlines_on_entering(
        state=CaseState.PROVISIONALLY_ARRESTED,
        direction=Direction.INCOMING,
        kind=CaseKind.EXTRADITION,
        in_custody=True,
        at=ARREST,
    )
    # then no clock starts from the click: ETS 24 art. 16(4) counts from the date of the
    # arrest, which the officer enters (core.deadlines.events)
    assert due == []


def test_custody_adds_an_urgent_registration_deadline() -> None:
    free = deadlines_on_entering(
        state=CaseState.RECEIVED,
        direction=Direction.INCOMING,
        kind=CaseKind.MLA,
        in_custody=False,
        at=ARREST,
    )
    held = deadlines_on_entering(
        state=CaseState.RECEIVED,
        direction=Direction.INCOMING,
        kind=CaseKind.MLA,
        in_custody=True,
        at=ARREST,
    )
    assert [d.rule.code for d in free] == ["acknowledge_incoming"]
    assert [d.rule.code for d in held] == ["acknowledge_incoming", "register_custody_case"]
    assert held[1].due_at == ARREST + timedelta(days=2)


def test_requesting_states_deadline_is_honoured_under_18_24() -> None:
    wanted = datetime(2026, 5, 1, tzinfo=UTC)
    due = deadlines_on_entering(
        state=CaseState.UNDER_EXECUTION,
        direction=Direction.INCOMING,
        kind=CaseKind.MLA,
        in_custody=False,
        at=ARREST,
        requested_by=wanted,
    )
    assert [(d.rule.code, d.due_at, d.rule.source) for d in due] == [
        ("requesting_state_deadline", wanted, "UNTOC art. 18(24)")
    ]


def test_rows_of_the_retired_state_clocks_are_still_met() -> None:
    # rows stored when the ETS 24 clocks started from the step are closed as before
    assert stops("formal_request_after_provisional_arrest", CaseState.EXTRADITION_HEARING)
    assert not stops("formal_request_after_provisional_arrest", CaseState.ASSIGNED)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        deadlines_on_entering(
            state=CaseState.RECEIVED,
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            in_custody=False,
            at=datetime(2026, 1, 1),  # noqa: DTZ001 - the naive time under test
        )
