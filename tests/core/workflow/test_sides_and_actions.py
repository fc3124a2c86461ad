"""Who may take a step (requesting or requested State), and what the step is called."""

import pytest

from rogatory.core.workflow import (
    RESERVED_TO,
    TRANSITIONS,
    Action,
    CaseKind,
    CaseState,
    Direction,
    RefusalGround,
    Role,
    Side,
    TransitionError,
    allowed_transitions,
    check,
)

S = CaseState
_DESK = (Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR)


def _targets(direction: Direction, source: CaseState, role: Role) -> set[CaseState]:
    rows = allowed_transitions(direction=direction, kind=CaseKind.MLA, source=source, role=role)
    return {t.target for t in rows}


def test_the_drafting_officer_can_submit_a_draft_for_approval() -> None:
    # given a draft outgoing request, when its officer looks at the steps open to them
    targets = _targets(Direction.OUTGOING, S.DRAFT, Role.CASE_OFFICER)
    # then submitting for approval is one of them, and approving is not
    assert S.PENDING_APPROVAL in targets
    assert S.APPROVED not in targets


def test_a_supervisor_approves_or_returns_a_submitted_draft() -> None:
    targets = _targets(Direction.OUTGOING, S.PENDING_APPROVAL, Role.SUPERVISOR)
    assert targets == {S.APPROVED, S.DRAFT, S.WITHDRAWN}
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.OUTGOING,
            kind=CaseKind.MLA,
            source=S.PENDING_APPROVAL,
            target=S.APPROVED,
            role=Role.CASE_OFFICER,
        )
    assert err.value.code == "transition.role_not_allowed"


def test_returning_a_submitted_draft_needs_reasons() -> None:
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.OUTGOING,
            kind=CaseKind.MLA,
            source=S.PENDING_APPROVAL,
            target=S.DRAFT,
            role=Role.SUPERVISOR,
        )
    assert err.value.code == "transition.reason_required"


@pytest.mark.parametrize("role", _DESK)
@pytest.mark.parametrize("source", [S.RECEIVED, S.REGISTERED, S.UNDER_EXECUTION])
def test_the_requested_state_is_never_offered_to_withdraw(role: Role, source: CaseState) -> None:
    """XB's clerk was offered "Withdrawn" on a request only the requesting State may withdraw."""
    assert S.WITHDRAWN not in _targets(Direction.INCOMING, source, role)


@pytest.mark.parametrize("role", _DESK)
@pytest.mark.parametrize("source", [S.TRANSMITTED, S.ACKNOWLEDGED, S.PARTIALLY_EXECUTED])
def test_the_requesting_state_is_never_offered_to_refuse(role: Role, source: CaseState) -> None:
    """The requesting State's supervisor was offered "Refused" on its own outgoing request."""
    assert S.REFUSED not in _targets(Direction.OUTGOING, source, role)


def test_check_refuses_the_other_states_decision_whatever_the_role() -> None:
    # given the requested State's node and the requesting State's node
    with pytest.raises(TransitionError) as withdraw:
        check(
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            source=S.REGISTERED,
            target=S.WITHDRAWN,
            role=Role.SUPERVISOR,
            reason="No longer needed",
        )
    with pytest.raises(TransitionError) as refuse:
        check(
            direction=Direction.OUTGOING,
            kind=CaseKind.MLA,
            source=S.ACKNOWLEDGED,
            target=S.REFUSED,
            role=Role.SUPERVISOR,
            reason="Essential interests",
            ground=RefusalGround.MLA_ESSENTIAL_INTERESTS,
        )
    # then neither may take the decision that belongs to the other State
    assert withdraw.value.code == "transition.other_state_decides"
    assert refuse.value.code == "transition.other_state_decides"


def test_each_side_still_takes_its_own_decision() -> None:
    withdrawn = check(
        direction=Direction.OUTGOING,
        kind=CaseKind.MLA,
        source=S.TRANSMITTED,
        target=S.WITHDRAWN,
        role=Role.SUPERVISOR,
        reason="The suspect died",
    )
    refused = check(
        direction=Direction.INCOMING,
        kind=CaseKind.MLA,
        source=S.UNDER_EXECUTION,
        target=S.REFUSED,
        role=Role.SUPERVISOR,
        reason="Essential interests",
        ground=RefusalGround.MLA_ESSENTIAL_INTERESTS,
    )
    assert (withdrawn.action, withdrawn.reserved_to) == (Action.WITHDRAW, Side.REQUESTING)
    assert (refused.action, refused.reserved_to) == (Action.REFUSE, Side.REQUESTED)


def test_the_other_states_decision_is_recorded_only_from_its_message() -> None:
    # given a withdrawal message from the requesting State, on the requested State's node
    row = check(
        direction=Direction.INCOMING,
        kind=CaseKind.MLA,
        source=S.REGISTERED,
        target=S.WITHDRAWN,
        role=Role.REGISTRY_CLERK,
        reason="Assistance no longer required",
        from_other_state=True,
    )
    assert row.action is Action.RECORD_WITHDRAWAL
    # and a message may not stand in for this node's own decisions
    with pytest.raises(TransitionError) as err:
        check(
            direction=Direction.INCOMING,
            kind=CaseKind.MLA,
            source=S.RECEIVED,
            target=S.REGISTERED,
            role=Role.REGISTRY_CLERK,
            from_other_state=True,
        )
    assert err.value.code == "transition.not_allowed"


def test_every_reserved_row_follows_the_reserved_table() -> None:
    for t in TRANSITIONS:
        expected = RESERVED_TO.get(t.target)
        assert t.reserved_to is (expected[0] if expected else None), t


def test_steps_are_named_by_what_they_do() -> None:
    def action(direction: Direction, source: CaseState, target: CaseState) -> Action:
        rows = [
            t
            for t in TRANSITIONS
            if (t.direction, t.source, t.target) == (direction, source, target)
        ]
        assert rows
        return rows[0].action

    out, inc = Direction.OUTGOING, Direction.INCOMING
    assert action(out, S.DRAFT, S.PENDING_APPROVAL) is Action.SUBMIT_FOR_APPROVAL
    assert action(out, S.PENDING_APPROVAL, S.APPROVED) is Action.APPROVE
    assert action(out, S.APPROVED, S.TRANSMITTED) is Action.TRANSMIT
    assert action(inc, S.RECEIVED, S.REGISTERED) is Action.REGISTER
    assert action(inc, S.REGISTERED, S.ASSIGNED) is Action.ASSIGN
    assert action(inc, S.POSTPONED, S.UNDER_EXECUTION) is Action.RESUME_EXECUTION
    assert action(inc, S.ASSIGNED, S.UNDER_EXECUTION) is Action.START_EXECUTION


def test_no_two_steps_from_one_state_share_a_name() -> None:
    # A button label must say which step it takes.
    seen: dict[tuple[Direction, CaseState, CaseKind, Action], CaseState] = {}
    for t in TRANSITIONS:
        for kind in CaseKind:
            if not t.applies_to(kind):
                continue
            key = (t.direction, t.source, kind, t.action)
            assert seen.setdefault(key, t.target) is t.target, t
