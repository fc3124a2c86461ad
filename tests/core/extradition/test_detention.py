"""Detention conditions: personal space read against Muršić and the CPT standard, the two
steps of Aranyosi and Căldăraru, and the Othman checklist."""

from datetime import date
from decimal import Decimal

import pytest

from rogatory.core.extradition.detention import (
    Answer,
    Gate,
    GeneralRisk,
    IndividualRisk,
    OthmanFactor,
    SpaceReading,
    TwoStep,
    checklist_from,
    gate,
    may_conclude_individual,
    space_reading,
)

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("m2", "multi", "reading"),
    [
        # Muršić §§ 136-138: under 3 m² in a shared cell, a strong presumption of art. 3.
        ("2.99", True, SpaceReading.STRONG_PRESUMPTION),
        ("0", True, SpaceReading.STRONG_PRESUMPTION),
        # Muršić § 139: 3 to 4 m² is a factor weighed with the other conditions.
        ("3", True, SpaceReading.RELEVANT_FACTOR),
        ("3.99", True, SpaceReading.RELEVANT_FACTOR),
        # CPT/Inf (2015) 44: 4 m² per prisoner shared, 6 m² in a single cell.
        ("4", True, SpaceReading.MEETS_CPT_STANDARD),
        ("5.5", False, SpaceReading.BELOW_CPT_STANDARD),
        ("6", False, SpaceReading.MEETS_CPT_STANDARD),
    ],
)
def test_personal_space_is_read_against_the_source_that_sets_the_threshold(
    m2: str, multi: bool, reading: SpaceReading
) -> None:
    assert space_reading(Decimal(m2), multi_occupancy=multi) is reading


def test_a_negative_space_is_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        space_reading(Decimal("-1"))


def test_given_no_assessment_of_the_general_risk_then_the_decision_waits() -> None:
    assert gate(TwoStep(GeneralRisk.NOT_ASSESSED), TODAY) is Gate.GENERAL_RISK_NOT_ASSESSED


def test_given_no_general_risk_then_step_two_is_not_needed() -> None:
    assert gate(TwoStep(GeneralRisk.NO_GENERAL_RISK), TODAY) is Gate.OPEN


def test_given_a_general_risk_then_information_must_be_asked() -> None:
    assert gate(TwoStep(GeneralRisk.GENERAL_RISK), TODAY) is Gate.INFORMATION_NOT_REQUESTED


def test_information_asked_and_not_in_before_its_time_limit_postpones_the_decision() -> None:
    step = TwoStep(
        GeneralRisk.GENERAL_RISK, requested_on=date(2026, 11, 20), deadline=date(2026, 12, 3)
    )
    # the last day of the time limit is still the requesting State's
    assert gate(step, TODAY) is Gate.AWAITING_INFORMATION
    assert not may_conclude_individual(step, TODAY)
    # the day after it the executing authority may conclude on what it has
    assert gate(step, date(2026, 12, 4)) is Gate.INDIVIDUAL_RISK_NOT_ASSESSED
    assert may_conclude_individual(step, date(2026, 12, 4))


def test_information_in_lets_step_two_conclude_and_then_the_decision_is_open() -> None:
    step = TwoStep(
        GeneralRisk.GENERAL_RISK,
        requested_on=date(2026, 11, 20),
        deadline=date(2026, 12, 20),
        received_on=date(2026, 12, 1),
    )
    assert may_conclude_individual(step, TODAY)
    assert gate(step, TODAY) is Gate.INDIVIDUAL_RISK_NOT_ASSESSED
    done = TwoStep(
        GeneralRisk.GENERAL_RISK,
        IndividualRisk.RULED_OUT,
        date(2026, 11, 20),
        date(2026, 12, 20),
        date(2026, 12, 1),
    )
    assert gate(done, TODAY) is Gate.OPEN


def test_the_othman_checklist_reads_answers_and_names_the_factors_against() -> None:
    raw = {
        "terms_disclosed": {"answer": "yes", "note": "Published note verbale"},
        "objectively_verifiable": {"answer": "no", "note": "No consular access"},
        "not_a_factor": {"answer": "yes"},
        "specific": {"answer": "maybe"},
    }
    checklist = checklist_from(raw)
    assert checklist.answers[OthmanFactor.TERMS_DISCLOSED] is Answer.YES
    assert checklist.answers[OthmanFactor.SPECIFIC] is Answer.UNKNOWN
    assert checklist.against == (OthmanFactor.OBJECTIVELY_VERIFIABLE,)
    assert not checklist.complete
    assert len(OthmanFactor) == 11
