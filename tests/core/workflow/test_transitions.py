import pytest

from rogatory.core.workflow import (
    TRANSITIONS,
    CaseKind,
    CaseState,
    Direction,
    RefusalGround,
    Role,
    TransitionError,
    allowed_transitions,
    check,
    initial_state,
)

S = CaseState


def test_outgoing_requests_start_as_drafts_and_incoming_as_received() -> None:
    assert initial_state(Direction.OUTGOING) is S.DRAFT
    assert initial_state(Direction.INCOMING) is S.RECEIVED


def test_only_a_supervisor_approves_a_draft() -> None:
    # given a draft outgoing MLA request
    # when an officer and then a supervisor try to approve it
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.OUTGOING,
            kind=CaseKind.MLA,
            source=S.DRAFT,
            target=S.APPROVED,
            role=Role.CASE_OFFICER,
        )
    row = check(
        direction=Direction.OUTGOING,
        kind=CaseKind.MLA,
        source=S.DRAFT,
        target=S.APPROVED,
        role=Role.SUPERVISOR,
    )
    # then only the supervisor's move is allowed
    assert err.value.code == "transition.role_not_allowed"
    assert row.target is S.APPROVED


def test_refusal_requires_a_ground() -> None:
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            source=S.UNDER_EXECUTION,
            target=S.REFUSED,
            role=Role.SUPERVISOR,
            reason="Execution would prejudice essential interests",
        )
    assert err.value.code == "transition.ground_required"


def test_refusal_requires_reasons_even_with_a_ground() -> None:
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            source=S.UNDER_EXECUTION,
            target=S.REFUSED,
            role=Role.SUPERVISOR,
            ground=RefusalGround.MLA_ESSENTIAL_INTERESTS,
        )
    assert err.value.code == "transition.reason_required"


def test_an_extradition_ground_cannot_refuse_an_mla_request() -> None:
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            source=S.UNDER_EXECUTION,
            target=S.REFUSED,
            role=Role.SUPERVISOR,
            reason="national",
            ground=RefusalGround.EXTRADITION_NATIONALITY,
        )
    assert err.value.code == "transition.ground_not_applicable"


def test_extradition_steps_exist_only_for_extradition_cases() -> None:
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            source=S.ASSIGNED,
            target=S.EXTRADITION_HEARING,
            role=Role.SUPERVISOR,
        )
    row = check(
        direction=Direction.INCOMING,
        kind=CaseKind.EXTRADITION,
        source=S.ASSIGNED,
        target=S.EXTRADITION_HEARING,
        role=Role.SUPERVISOR,
    )
    assert err.value.code == "transition.not_allowed"
    assert row.source is S.ASSIGNED


def test_auditors_and_administrators_never_move_a_case() -> None:
    for row in TRANSITIONS:
        assert Role.AUDITOR not in row.roles
        assert Role.ADMINISTRATOR not in row.roles


def test_every_refusal_row_requires_ground_and_reason() -> None:
    refusals = [t for t in TRANSITIONS if t.target is S.REFUSED]
    assert refusals
    assert all(t.ground_required and t.reason_required for t in refusals)


def test_closed_is_terminal() -> None:
    assert [t for t in TRANSITIONS if t.source is S.CLOSED] == []


def test_every_state_but_closed_can_reach_closed() -> None:
    # given the table, for each direction and kind
    for direction in Direction:
        for kind in CaseKind:
            start = initial_state(direction)
            seen = {start}
            frontier = [start]
            while frontier:
                s = frontier.pop()
                for role in Role:
                    for t in allowed_transitions(
                        direction=direction, kind=kind, source=s, role=role
                    ):
                        if t.target not in seen:
                            seen.add(t.target)
                            frontier.append(t.target)
            # then every reachable state leads on to closed
            assert S.CLOSED in seen, (direction, kind)
            for s in seen - {S.CLOSED}:
                assert any(
                    allowed_transitions(direction=direction, kind=kind, source=s, role=r)
                    for r in Role
                ), (direction, kind, s)


def test_each_direction_has_its_own_states() -> None:
    from rogatory.core.workflow import states_of

    assert S.DRAFT in states_of(Direction.OUTGOING)
    assert S.DRAFT not in states_of(Direction.INCOMING)
    assert S.RECEIVED not in states_of(Direction.OUTGOING)
    assert S.CLOSED in states_of(Direction.OUTGOING) & states_of(Direction.INCOMING)
