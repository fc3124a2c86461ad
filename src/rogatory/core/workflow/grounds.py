"""Grounds on which a request may be refused, per instrument, each with its article and force.

A ground is `mandatory` where the instrument says extradition "shall not be granted" and
`optional` where the requested State "may refuse". Reasons are given for any refusal of
assistance (UNTOC art. 18(23)); an extradition refusal is recorded with the art. 16 (or treaty)
article that allows it, after consulting the requesting State where appropriate (UNTOC art.
16(16)).

What is deliberately not a ground:
- UNTOC art. 16(10) is the duty that follows a refusal on nationality (aut dedere aut
  judicare): submit the case for domestic prosecution at the requesting State's request. It is
  the nationality ground's `follow_up`, never a ground of its own.
- Fiscal matters alone are never a ground (UNTOC arts. 16(15) and 18(22)); see `NOT_GROUNDS`.
- Under UNTOC a ground that the Convention itself does not name (political or military
  offence, ne bis in idem, lapse of time, death penalty) rests on the requested State's law or
  the applicable treaty: UNTOC art. 16(7).
"""

from dataclasses import dataclass
from enum import StrEnum


class RefusalGround(StrEnum):
    # Mutual legal assistance, UNTOC art. 18.
    MLA_NOT_CONFORMING = "mla_not_conforming"
    MLA_ESSENTIAL_INTERESTS = "mla_essential_interests"
    MLA_DOMESTIC_LAW_PROHIBITS = "mla_domestic_law_prohibits"
    MLA_CONTRARY_TO_LEGAL_SYSTEM = "mla_contrary_to_legal_system"
    MLA_NO_DUAL_CRIMINALITY = "mla_no_dual_criminality"
    # Extradition.
    EXTRADITION_NO_DUAL_CRIMINALITY = "extradition_no_dual_criminality"
    EXTRADITION_DOMESTIC_LAW_OR_TREATY = "extradition_domestic_law_or_treaty"
    EXTRADITION_INSUFFICIENT_EVIDENCE = "extradition_insufficient_evidence"
    EXTRADITION_NATIONALITY = "extradition_nationality"
    EXTRADITION_DISCRIMINATION = "extradition_discrimination"
    EXTRADITION_HUMAN_RIGHTS_RISK = "extradition_human_rights_risk"
    EXTRADITION_POLITICAL_OFFENCE = "extradition_political_offence"
    EXTRADITION_MILITARY_OFFENCE = "extradition_military_offence"
    EXTRADITION_PLACE_OF_COMMISSION = "extradition_place_of_commission"
    EXTRADITION_PENDING_PROCEEDINGS = "extradition_pending_proceedings"
    EXTRADITION_FINAL_JUDGMENT = "extradition_final_judgment"
    EXTRADITION_PROCEEDINGS_DISCONTINUED = "extradition_proceedings_discontinued"
    EXTRADITION_LAPSE_OF_TIME = "extradition_lapse_of_time"
    EXTRADITION_DEATH_PENALTY = "extradition_death_penalty"
    EXTRADITION_IN_ABSENTIA = "extradition_in_absentia"
    EXTRADITION_SPECIAL_COURT = "extradition_special_court"
    EXTRADITION_HUMANITARIAN = "extradition_humanitarian"


class Instrument(StrEnum):
    """The instrument whose refusal rules apply to the request."""

    UNTOC = "untoc"
    # European Convention on Extradition, Paris 13 December 1957.
    ETS_24 = "ets-24"
    # UN Model Treaty on Extradition, GA res. 45/116 (amended by res. 52/88).
    UN_MODEL_TREATY = "un-model-treaty"


class Force(StrEnum):
    MANDATORY = "mandatory"
    OPTIONAL = "optional"


class FollowUp(StrEnum):
    # Aut dedere aut judicare: UNTOC art. 16(10), ETS 24 art. 6(2), UN Model Treaty art. 4(a).
    SUBMIT_FOR_DOMESTIC_PROSECUTION = "submit_for_domestic_prosecution"


@dataclass(frozen=True, slots=True)
class GroundInfo:
    ground: RefusalGround
    article: str
    extradition: bool
    force: Force = Force.OPTIONAL
    instrument: Instrument = Instrument.UNTOC
    # A refusal on this ground obliges a follow-up step, under `follow_up_article`.
    follow_up: FollowUp | None = None
    follow_up_article: str | None = None


G = RefusalGround
_MUST = Force.MANDATORY  # "shall not be granted"
_MAY = Force.OPTIONAL  # "may be refused"
_UNTOC_LAW = "UNTOC art. 16(7)"
# Universal bases of non-refoulement, binding whatever the extradition instrument.
_NON_REFOULEMENT = "Convention against Torture art. 3; ICCPR art. 7"


def _mla(ground: RefusalGround, article: str) -> GroundInfo:
    return GroundInfo(ground, article, extradition=False, force=_MAY)


def _x(
    instrument: Instrument,
    ground: RefusalGround,
    article: str,
    force: Force,
    follow_up_article: str | None = None,
) -> GroundInfo:
    follow_up = None if follow_up_article is None else FollowUp.SUBMIT_FOR_DOMESTIC_PROSECUTION
    return GroundInfo(ground, article, True, force, instrument, follow_up, follow_up_article)


_U = Instrument.UNTOC
_E = Instrument.ETS_24
_T = Instrument.UN_MODEL_TREATY

GROUNDS: tuple[GroundInfo, ...] = (
    # ---- UNTOC art. 18: assistance may be refused only on these (art. 18(21)). ----
    _mla(G.MLA_NOT_CONFORMING, "UNTOC art. 18(21)(a)"),
    _mla(G.MLA_ESSENTIAL_INTERESTS, "UNTOC art. 18(21)(b)"),
    _mla(G.MLA_DOMESTIC_LAW_PROHIBITS, "UNTOC art. 18(21)(c)"),
    _mla(G.MLA_CONTRARY_TO_LEGAL_SYSTEM, "UNTOC art. 18(21)(d)"),
    _mla(G.MLA_NO_DUAL_CRIMINALITY, "UNTOC art. 18(9)"),
    # ---- UNTOC art. 16. ----
    # Art. 16(1): the duty to extradite exists only where the conduct is punishable in both
    # States; without it the Convention obliges nothing.
    _x(_U, G.EXTRADITION_NO_DUAL_CRIMINALITY, "UNTOC art. 16(1)", _MAY),
    # Art. 16(7): conditions and grounds of the requested State's law or applicable treaties.
    _x(_U, G.EXTRADITION_DOMESTIC_LAW_OR_TREATY, _UNTOC_LAW, _MAY),
    # Art. 16(7) makes evidentiary requirements a matter of domestic law; art. 16(8) asks States
    # to simplify them, so a refusal for want of evidence cites both.
    _x(_U, G.EXTRADITION_INSUFFICIENT_EVIDENCE, "UNTOC art. 16(7), 16(8)", _MAY),
    # The Convention does not bar the extradition of nationals; a bar comes from domestic law
    # (art. 16(7)), and refusing on it alone triggers art. 16(10).
    _x(_U, G.EXTRADITION_NATIONALITY, _UNTOC_LAW, _MAY, "UNTOC art. 16(10)"),
    # Art. 16(14): "nothing ... shall be interpreted as imposing an obligation to extradite".
    _x(_U, G.EXTRADITION_DISCRIMINATION, "UNTOC art. 16(14)", _MAY),
    # CAT art. 3 forbids extradition to a risk of torture; ICCPR art. 7 as read by the Human
    # Rights Committee; art. 16(13) guarantees fair treatment at all stages.
    _x(_U, G.EXTRADITION_HUMAN_RIGHTS_RISK, f"{_NON_REFOULEMENT}; UNTOC art. 16(13)", _MUST),
    _x(_U, G.EXTRADITION_POLITICAL_OFFENCE, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_MILITARY_OFFENCE, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_PLACE_OF_COMMISSION, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_PENDING_PROCEEDINGS, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_FINAL_JUDGMENT, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_PROCEEDINGS_DISCONTINUED, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_LAPSE_OF_TIME, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_DEATH_PENALTY, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_IN_ABSENTIA, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_SPECIAL_COURT, _UNTOC_LAW, _MAY),
    _x(_U, G.EXTRADITION_HUMANITARIAN, _UNTOC_LAW, _MAY),
    # ---- ETS 24, European Convention on Extradition. ----
    # Art. 2(1): the duty covers offences punishable under the law of both Parties by at least a
    # year; outside it the Convention obliges nothing (as UNTOC art. 16(1) above).
    _x(_E, G.EXTRADITION_NO_DUAL_CRIMINALITY, "ETS 24 art. 2(1)", _MAY),
    # Art. 3(1): "shall not be granted" for a political offence; art. 3(2): nor where the
    # request aims at punishment on account of race, religion, nationality or political opinion.
    _x(_E, G.EXTRADITION_POLITICAL_OFFENCE, "ETS 24 art. 3(1)", _MUST),
    _x(_E, G.EXTRADITION_DISCRIMINATION, "ETS 24 art. 3(2)", _MUST),
    # Art. 4: purely military offences are excluded.
    _x(_E, G.EXTRADITION_MILITARY_OFFENCE, "ETS 24 art. 4", _MUST),
    # Art. 6(1)(a): a Party may refuse its nationals; art. 6(2): it then submits the case to
    # its authorities for prosecution at the requesting Party's request.
    _x(_E, G.EXTRADITION_NATIONALITY, "ETS 24 art. 6(1)(a)", _MAY, "ETS 24 art. 6(2)"),
    # Art. 7(1)-(2): offence committed in the requested Party, or outside the requesting Party
    # where the requested Party's law would not allow prosecution.
    _x(_E, G.EXTRADITION_PLACE_OF_COMMISSION, "ETS 24 art. 7", _MAY),
    # Art. 8: proceedings for the same offences pending in the requested Party.
    _x(_E, G.EXTRADITION_PENDING_PROCEEDINGS, "ETS 24 art. 8", _MAY),
    # Art. 9: final judgment in the requested Party bars extradition; a decision not to
    # prosecute or to end proceedings allows refusal.
    _x(_E, G.EXTRADITION_FINAL_JUDGMENT, "ETS 24 art. 9", _MUST),
    _x(_E, G.EXTRADITION_PROCEEDINGS_DISCONTINUED, "ETS 24 art. 9", _MAY),
    # Art. 10: immunity from prosecution or punishment by lapse of time under either law.
    _x(_E, G.EXTRADITION_LAPSE_OF_TIME, "ETS 24 art. 10", _MUST),
    # Art. 11: may be refused unless sufficient assurance that the death penalty will not be
    # carried out.
    _x(_E, G.EXTRADITION_DEATH_PENALTY, "ETS 24 art. 11", _MAY),
    # ECHR art. 3 as applied in Soering v. United Kingdom, next to the universal bases.
    _x(_E, G.EXTRADITION_HUMAN_RIGHTS_RISK, f"{_NON_REFOULEMENT}; ECHR art. 3", _MUST),
    # The Convention's grounds are closed: a further ground of domestic law applies only
    # through the requested Party's reservation (art. 26).
    _x(_E, G.EXTRADITION_DOMESTIC_LAW_OR_TREATY, "ETS 24 art. 26", _MAY),
    # ---- UN Model Treaty on Extradition: art. 3 mandatory, art. 4 optional grounds. ----
    _x(_T, G.EXTRADITION_NO_DUAL_CRIMINALITY, "UN Model Treaty art. 2(1)", _MAY),
    _x(_T, G.EXTRADITION_POLITICAL_OFFENCE, "UN Model Treaty art. 3(a)", _MUST),
    _x(_T, G.EXTRADITION_DISCRIMINATION, "UN Model Treaty art. 3(b)", _MUST),
    _x(_T, G.EXTRADITION_MILITARY_OFFENCE, "UN Model Treaty art. 3(c)", _MUST),
    _x(_T, G.EXTRADITION_FINAL_JUDGMENT, "UN Model Treaty art. 3(d)", _MUST),
    _x(_T, G.EXTRADITION_LAPSE_OF_TIME, "UN Model Treaty art. 3(e)", _MUST),
    _x(
        _T,
        G.EXTRADITION_HUMAN_RIGHTS_RISK,
        f"{_NON_REFOULEMENT}; UN Model Treaty art. 3(f)",
        _MUST,
    ),
    _x(_T, G.EXTRADITION_IN_ABSENTIA, "UN Model Treaty art. 3(g)", _MUST),
    _x(
        _T,
        G.EXTRADITION_NATIONALITY,
        "UN Model Treaty art. 4(a)",
        _MAY,
        "UN Model Treaty art. 4(a)",
    ),
    _x(_T, G.EXTRADITION_PROCEEDINGS_DISCONTINUED, "UN Model Treaty art. 4(b)", _MAY),
    _x(_T, G.EXTRADITION_PENDING_PROCEEDINGS, "UN Model Treaty art. 4(c)", _MAY),
    _x(_T, G.EXTRADITION_DEATH_PENALTY, "UN Model Treaty art. 4(d)", _MAY),
    _x(_T, G.EXTRADITION_PLACE_OF_COMMISSION, "UN Model Treaty art. 4(e), 4(f)", _MAY),
    _x(_T, G.EXTRADITION_SPECIAL_COURT, "UN Model Treaty art. 4(g)", _MAY),
    _x(_T, G.EXTRADITION_HUMANITARIAN, "UN Model Treaty art. 4(h)", _MAY),
)

# Reasons that may never carry a refusal on their own, with the article that says so.
NOT_GROUNDS: tuple[tuple[str, str], ...] = (
    ("fiscal_matters", "UNTOC art. 16(15)"),
    ("fiscal_matters_assistance", "UNTOC art. 18(22)"),
    ("bank_secrecy", "UNTOC art. 18(8)"),
)

_BY_KEY: dict[tuple[Instrument, RefusalGround], GroundInfo] = {
    (g.instrument, g.ground): g for g in GROUNDS
}


def ground_info(ground: RefusalGround, instrument: Instrument = Instrument.UNTOC) -> GroundInfo:
    """The ground as `instrument` states it; UNTOC (which covers every ground) by default.

    A ground that `instrument` does not name falls back to the UNTOC row, whose article then
    says what it rests on (art. 16(7): domestic law or treaty).
    """
    return _BY_KEY.get((instrument, ground)) or _BY_KEY[(Instrument.UNTOC, ground)]


def grounds_for(
    *, extradition: bool, instrument: Instrument = Instrument.UNTOC
) -> list[GroundInfo]:
    """The grounds offered for a refusal under `instrument`, mandatory ones first."""
    rows = [g for g in GROUNDS if g.instrument is instrument and g.extradition == extradition]
    if not rows and not extradition:
        # The regional extradition treaties here do not govern assistance: UNTOC art. 18 does.
        rows = [g for g in GROUNDS if g.instrument is Instrument.UNTOC and not g.extradition]
    return sorted(rows, key=lambda g: g.force is not Force.MANDATORY)
