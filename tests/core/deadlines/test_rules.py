from datetime import UTC, datetime, timedelta

import pytest

from rogatory.core.deadlines import deadlines_on_entering
from rogatory.core.deadlines.rules import stops
from rogatory.core.workflow import CaseKind, CaseState, Direction

ARREST = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_provisional_arrest_starts_the_18_and_40_day_clocks_of_ece_16_4() -> None:
    # when a person is provisionally arrested for extradition
    due = deadlines_on_entering(
        state=CaseState.PROVISIONALLY_ARRESTED,
        direction=Direction.INCOMING,
        kind=CaseKind.EXTRADITION,
        in_custody=True,
        at=ARREST,
    )
    # then two clocks run from the arrest, each naming its source
    assert {(d.rule.code, d.due_at) for d in due} == {
        ("formal_request_after_provisional_arrest", ARREST + timedelta(days=18)),
        ("provisional_arrest_maximum", ARREST + timedelta(days=40)),
    }
    assert all("ECE art. 16(4)" in d.rule.source for d in due)


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


def test_hearing_meets_the_provisional_arrest_clock() -> None:
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
