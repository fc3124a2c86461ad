"""The safeguard steps as data, in order, each with its article."""

from __future__ import annotations

import pytest

from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import KIND_RULES, HearingKind
from rogatory.core.hearings.safeguards import (
    STEPS,
    SafeguardStep,
    next_step,
    safeguard_check,
    steps_for,
)

S = SafeguardStep


def test_every_step_names_its_article() -> None:
    assert all(step.basis and "art" in step.basis for step in STEPS)


def test_a_witness_has_no_consent_nor_lawyer_step_and_a_consent_hearing_has_all() -> None:
    assert steps_for(HearingKind.WITNESS) == (
        S.ATTENDANCE,
        S.IDENTITY,
        S.INTERPRETER,
        S.RIGHTS,
        S.DECLARATIONS,
        S.CLOSED,
    )
    assert steps_for(HearingKind.CONSENT_TO_SURRENDER) == tuple(S)


def test_suspects_and_extradition_kinds_require_consent() -> None:
    # ETS 182 art. 9(8); Directive 2014/41/EU art. 24(2)(a)
    assert {k for k, r in KIND_RULES.items() if r.consent_required} == {
        HearingKind.SUSPECT_ACCUSED,
        HearingKind.DETENTION,
        HearingKind.CONSENT_TO_SURRENDER,
        HearingKind.EXTRADITION,
    }


@pytest.mark.parametrize("kind", list(HearingKind))
def test_each_step_is_refused_until_every_earlier_step_is_recorded(kind: HearingKind) -> None:
    steps = steps_for(kind)
    for i, step in enumerate(steps):
        done = set(steps[:i])
        for later in steps[i + 1 :]:
            with pytest.raises(DomainError) as refused:
                safeguard_check(kind, done, later)
            assert refused.value.params["missing"] == step.value
        safeguard_check(kind, done, step)
    assert next_step(kind, set(steps)) is None


def test_a_step_twice_or_one_not_applicable_is_refused() -> None:
    with pytest.raises(DomainError) as twice:
        safeguard_check(HearingKind.WITNESS, {S.ATTENDANCE}, S.ATTENDANCE)
    with pytest.raises(DomainError) as foreign:
        safeguard_check(HearingKind.WITNESS, set(), S.SURRENDER_CONSENT)
    assert (twice.value.code, foreign.value.code) == (
        "hearing.safeguard_done",
        "hearing.safeguard_not_applicable",
    )
