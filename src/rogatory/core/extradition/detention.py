"""Detention conditions in the requesting State and the assurances it gives: pure rules.

The assessment follows CJEU Aranyosi and Căldăraru, C-404/15 and C-659/15 PPU (5 April 2016):
step 1, a general risk shown by objective, reliable, specific and properly updated evidence of
deficiencies in the requesting State's detention system; step 2, only if step 1 finds one,
whether *this person* would run a real risk in the facility where he or she would actually be
held (CJEU ML, C-220/18 PPU). For step 2 the executing authority asks the issuing authority
for supplementary information (FD 2002/584/JHA art. 15(2)) with a time limit, and postpones its
decision until the information is in; if the risk cannot be ruled out within a reasonable
time it decides whether to end the procedure. The risk is never balanced against the
seriousness of the offence (CJEU Dorobantu, C-128/18).

Personal space: under 3 m² per detainee in a multi-occupancy cell raises a strong presumption
of a violation of ECHR art. 3 (ECtHR Muršić v. Croatia [GC], no. 7334/13, 20 October 2016,
followed by Dorobantu); 3 to 4 m² weighs with other poor conditions. The CPT standard is
higher (CPT/Inf (2015) 44): 4 m² per prisoner in a multi-occupancy cell, 6 m² in a single
cell, sanitary annex excluded. Both are encoded, each labelled with its source.

Assurances are weighed with the factors of ECtHR Othman (Abu Qatada) v. United Kingdom,
no. 8139/09, 17 January 2012, § 189.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

MURSIC = "ECtHR Muršić v. Croatia [GC], no. 7334/13, 20 Oct 2016"
CPT_STANDARD = "CPT/Inf (2015) 44"
ARANYOSI = "CJEU C-404/15 and C-659/15 PPU Aranyosi and Căldăraru"
FD_ART_15_2 = "FD 2002/584/JHA art. 15(2)"
# The source shown beside the deadline row of the supplementary information: the requested
# information is given within the time limit set in the request (Aranyosi § 97).
INFORMATION_DEADLINE_SOURCE = f"{ARANYOSI} § 97; {FD_ART_15_2}"
INFORMATION_DEADLINE_CODE = "detention-information"
OTHMAN = "ECtHR Othman (Abu Qatada) v. United Kingdom, no. 8139/09, § 189"

# ECtHR/CJEU threshold and the CPT's higher standards, in m² per detainee, sanitary annex
# excluded.
STRONG_PRESUMPTION_BELOW = Decimal("3")
RELEVANT_FACTOR_BELOW = Decimal("4")
CPT_MULTI_OCCUPANCY = Decimal("4")
CPT_SINGLE_CELL = Decimal("6")


class SpaceReading(StrEnum):
    """What a personal-space figure says, each with its source."""

    STRONG_PRESUMPTION = "strong_presumption"  # < 3 m² shared: Muršić §§ 136-138
    RELEVANT_FACTOR = "relevant_factor"  # 3-4 m² shared: Muršić § 139
    BELOW_CPT_STANDARD = "below_cpt_standard"  # single cell under 6 m²
    MEETS_CPT_STANDARD = "meets_cpt_standard"


SPACE_SOURCES: dict[SpaceReading, str] = {
    SpaceReading.STRONG_PRESUMPTION: f"{MURSIC}; CJEU C-128/18 Dorobantu",
    SpaceReading.RELEVANT_FACTOR: MURSIC,
    SpaceReading.BELOW_CPT_STANDARD: CPT_STANDARD,
    SpaceReading.MEETS_CPT_STANDARD: CPT_STANDARD,
}


def space_reading(square_metres: Decimal, *, multi_occupancy: bool = True) -> SpaceReading:
    """The reading of the personal space per detainee (sanitary annex excluded)."""
    if square_metres < 0:
        raise ValueError("personal space cannot be negative")
    if multi_occupancy:
        if square_metres < STRONG_PRESUMPTION_BELOW:
            return SpaceReading.STRONG_PRESUMPTION
        if square_metres < RELEVANT_FACTOR_BELOW:
            return SpaceReading.RELEVANT_FACTOR
        return SpaceReading.MEETS_CPT_STANDARD
    # A single cell is not "multi-occupancy"; Muršić's presumption does not apply, the CPT's
    # minimum does.
    if square_metres < CPT_SINGLE_CELL:
        return SpaceReading.BELOW_CPT_STANDARD
    return SpaceReading.MEETS_CPT_STANDARD


class GeneralRisk(StrEnum):
    """Aranyosi step 1, on the requesting State's system."""

    NOT_ASSESSED = "not_assessed"
    NO_GENERAL_RISK = "no_general_risk"
    GENERAL_RISK = "general_risk"


class IndividualRisk(StrEnum):
    """Aranyosi step 2, for this person in the facility where he or she would be held."""

    PENDING = "pending"
    RULED_OUT = "ruled_out"
    REAL_RISK = "real_risk"
    # The risk could not be ruled out within a reasonable time (Aranyosi § 104).
    NOT_RULED_OUT_IN_TIME = "not_ruled_out_in_time"


class Gate(StrEnum):
    """Whether the decision on surrender may be taken, as far as detention is concerned."""

    OPEN = "open"
    # No assessment opened on the case, though this node's evidence on the requesting State
    # shows a risk (Aranyosi § 88: the authority in possession of such evidence must assess).
    ASSESSMENT_NOT_OPENED = "assessment_not_opened"
    # Step 1 not done: the general risk must be assessed first.
    GENERAL_RISK_NOT_ASSESSED = "general_risk_not_assessed"
    # A general risk is found: supplementary information must be asked (art. 15(2)).
    INFORMATION_NOT_REQUESTED = "information_not_requested"
    # Asked and neither in nor its time limit passed: the decision is postponed.
    AWAITING_INFORMATION = "awaiting_information"
    # Information in (or its time passed) and step 2 not concluded.
    INDIVIDUAL_RISK_NOT_ASSESSED = "individual_risk_not_assessed"


@dataclass(frozen=True, slots=True)
class TwoStep:
    general: GeneralRisk
    individual: IndividualRisk = IndividualRisk.PENDING
    requested_on: date | None = None
    deadline: date | None = None
    received_on: date | None = None

    def information_in_or_lapsed(self, today: date) -> bool:
        if self.received_on is not None:
            return True
        return self.deadline is not None and today > self.deadline


def gate(step: TwoStep, today: date) -> Gate:
    """The first thing that still stands in the way of the decision, or OPEN.

    Step 2 may be concluded (ruled out, or a real risk found) only once the supplementary
    information is in or the time limit set for it has passed: before then the executing
    authority must postpone (Aranyosi §§ 95-98)."""
    if step.general is GeneralRisk.NOT_ASSESSED:
        return Gate.GENERAL_RISK_NOT_ASSESSED
    if step.general is GeneralRisk.NO_GENERAL_RISK:
        return Gate.OPEN
    if step.requested_on is None:
        return Gate.INFORMATION_NOT_REQUESTED
    if not step.information_in_or_lapsed(today):
        return Gate.AWAITING_INFORMATION
    if step.individual is IndividualRisk.PENDING:
        return Gate.INDIVIDUAL_RISK_NOT_ASSESSED
    return Gate.OPEN


def evidence_of_risk(*, readings: list[SpaceReading], general_risk_found: bool) -> bool:
    """This node's evidence on the requesting State calls for the two-step assessment: a
    general risk already found on that State's system in another case, or a dossier or
    source recording under 3 m² per detainee in shared cells (Muršić § 137; CJEU Dorobantu,
    C-128/18). Aranyosi § 88: the executing authority "in possession of evidence of a real
    risk" is bound to assess it before deciding."""
    return general_risk_found or SpaceReading.STRONG_PRESUMPTION in readings


def gate_with_evidence(
    step: TwoStep | None, today: date, *, evidence: bool, assurance_accepted: bool
) -> Gate:
    """The gate of `gate`, where no assessment may also hold the decision: with evidence of
    a risk, the decision waits until the individual risk is concluded or an assurance is
    accepted (CJEU ML, C-220/18 PPU § 112: the executing authority may rely on an assurance
    it has weighed)."""
    found = gate(step, today) if step is not None else Gate.OPEN
    if step is None and evidence:
        found = Gate.ASSESSMENT_NOT_OPENED
    if found is not Gate.OPEN and assurance_accepted:
        return Gate.OPEN
    return found


def may_conclude_individual(step: TwoStep, today: date) -> bool:
    """Step 2 may be concluded: a general risk found, information asked, and in or lapsed."""
    return (
        step.general is GeneralRisk.GENERAL_RISK
        and step.requested_on is not None
        and step.information_in_or_lapsed(today)
    )


class OthmanFactor(StrEnum):
    """The factors of Othman v. United Kingdom § 189 for weighing assurances, in its order."""

    TERMS_DISCLOSED = "terms_disclosed"
    SPECIFIC = "specific"
    GIVER_CAN_BIND_STATE = "giver_can_bind_state"
    LOCAL_AUTHORITIES_WILL_ABIDE = "local_authorities_will_abide"
    TREATMENT_LEGAL_IN_STATE = "treatment_legal_in_state"
    GIVEN_BY_CONTRACTING_STATE = "given_by_contracting_state"
    RELATIONS_AND_COMPLIANCE_RECORD = "relations_and_compliance_record"
    OBJECTIVELY_VERIFIABLE = "objectively_verifiable"
    EFFECTIVE_PROTECTION_SYSTEM = "effective_protection_system"
    NOT_PREVIOUSLY_ILL_TREATED = "not_previously_ill_treated"
    RELIABILITY_EXAMINED_BY_COURTS = "reliability_examined_by_courts"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Checklist:
    answers: dict[OthmanFactor, Answer]

    @property
    def complete(self) -> bool:
        return all(self.answers.get(f, Answer.UNKNOWN) is not Answer.UNKNOWN for f in OthmanFactor)

    @property
    def against(self) -> tuple[OthmanFactor, ...]:
        """Factors that weigh against relying on the assurance."""
        return tuple(f for f in OthmanFactor if self.answers.get(f) is Answer.NO)

    @property
    def accepted(self) -> bool:
        """Every Othman factor weighed and none against: the assurance may be relied on."""
        return self.complete and not self.against


def checklist_from(raw: dict[str, dict[str, str]]) -> Checklist:
    """Read a stored checklist; unknown keys are dropped, missing factors count as unknown."""
    answers: dict[OthmanFactor, Answer] = {}
    for factor in OthmanFactor:
        entry = raw.get(factor.value) or {}
        try:
            answers[factor] = Answer(entry.get("answer", Answer.UNKNOWN.value))
        except ValueError:
            answers[factor] = Answer.UNKNOWN
    return Checklist(answers)
