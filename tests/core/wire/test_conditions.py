"""Which conditions bind the evidence of a case, from what was said on it (UNTOC art. 18(19),
18(20), 18(26))."""

import pytest

from rogatory.core.wire.conditions import ConditionKind, Said, conditions_of
from rogatory.core.workflow import CaseKind, CaseState, Direction, Role, check
from rogatory.core.workflow.transitions import TransitionError, allowed_transitions

C = ConditionKind


def test_conditions_proposed_bind_as_accepted_only_once_the_acceptance_names_them() -> None:
    # given conditions proposed twice, the first accepted
    said = [
        Said("conditions_proposed", "Only for the trial.", message_id="m1"),
        Said("conditions_proposed", "Return the originals.", message_id="m2"),
        Said("conditions_accepted", "Accepted.", message_id="m3", in_reply_to="m1"),
    ]
    # when read for a request that does not rest on UNTOC
    found = conditions_of(said, untoc=False)
    # then the first is accepted, the second still proposed, and no standing limit is added
    assert [(c.kind, c.text, c.basis) for c in found] == [
        (C.CONDITIONS_ACCEPTED, "Only for the trial.", "UNTOC art. 18(26)"),
        (C.CONDITIONS_PROPOSED, "Return the originals.", "UNTOC art. 18(26)"),
    ]


def test_an_untoc_request_always_limits_use_and_a_notice_needs_a_confidentiality_asked() -> None:
    # a "cannot keep it confidential" with nothing asked binds nothing
    said = [Said("confidentiality_cannot", "Our law requires disclosure.")]
    assert [c.kind for c in conditions_of(said, untoc=True)] == [C.USE_LIMITED]
    said = [Said("confidentiality_required", "Keep it secret."), *said]
    assert [c.kind for c in conditions_of(said, untoc=True)] == [
        C.USE_LIMITED,
        C.CONFIDENTIALITY,
        C.CONFIDENTIALITY_NOT_KEPT,
    ]


def test_only_the_requested_state_postpones_and_the_requesting_side_records_it() -> None:
    out, mla = Direction.OUTGOING, CaseKind.MLA
    # the requesting State's users are never offered a postponement
    for source in (CaseState.TRANSMITTED, CaseState.ACKNOWLEDGED):
        offered = allowed_transitions(direction=out, kind=mla, source=source, role=Role.SUPERVISOR)
        assert CaseState.POSTPONED not in {t.target for t in offered}
    # and checking one is refused as the other State's decision
    with pytest.raises(TransitionError) as refused:
        check(
            direction=out,
            kind=mla,
            source=CaseState.ACKNOWLEDGED,
            target=CaseState.POSTPONED,
            role=Role.SUPERVISOR,
            reason="x",
        )
    assert refused.value.code == "transition.other_state_decides"
    # but it is recorded from the requested State's message, with its article
    row = check(
        direction=out,
        kind=mla,
        source=CaseState.ACKNOWLEDGED,
        target=CaseState.POSTPONED,
        role=Role.REGISTRY_CLERK,
        reason="Trial in XB.",
        from_other_state=True,
    )
    assert (row.basis, row.action.value) == ("UNTOC art. 18(25)", "record_postponement")
    # and the request is back in hand when execution resumes
    back = check(
        direction=out,
        kind=mla,
        source=CaseState.POSTPONED,
        target=CaseState.ACKNOWLEDGED,
        role=Role.CASE_OFFICER,
    )
    assert back.action.value == "record_resumption"
