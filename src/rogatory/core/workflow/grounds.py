"""Grounds on which a request may be refused, each with the article that allows it.

A refusal must name one of these (UNTOC art. 18(23): reasons are given for any refusal).
Fiscal matters alone are never a ground (UNTOC arts. 16(15) and 18(22)), and so they are not
in this list.
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
    # Extradition, UNTOC art. 16.
    EXTRADITION_NO_DUAL_CRIMINALITY = "extradition_no_dual_criminality"
    EXTRADITION_DOMESTIC_LAW_OR_TREATY = "extradition_domestic_law_or_treaty"
    EXTRADITION_NATIONALITY = "extradition_nationality"
    EXTRADITION_DISCRIMINATION = "extradition_discrimination"
    EXTRADITION_HUMAN_RIGHTS_RISK = "extradition_human_rights_risk"


@dataclass(frozen=True, slots=True)
class GroundInfo:
    ground: RefusalGround
    article: str
    extradition: bool
    # A refusal on this ground obliges a follow-up step (e.g. aut dedere aut judicare).
    follow_up: str | None = None


_GROUNDS: dict[RefusalGround, GroundInfo] = {
    g.ground: g
    for g in (
        GroundInfo(RefusalGround.MLA_NOT_CONFORMING, "UNTOC art. 18(21)(a)", extradition=False),
        GroundInfo(RefusalGround.MLA_ESSENTIAL_INTERESTS, "UNTOC art. 18(21)(b)", False),
        GroundInfo(RefusalGround.MLA_DOMESTIC_LAW_PROHIBITS, "UNTOC art. 18(21)(c)", False),
        GroundInfo(RefusalGround.MLA_CONTRARY_TO_LEGAL_SYSTEM, "UNTOC art. 18(21)(d)", False),
        GroundInfo(RefusalGround.MLA_NO_DUAL_CRIMINALITY, "UNTOC art. 18(9)", False),
        GroundInfo(RefusalGround.EXTRADITION_NO_DUAL_CRIMINALITY, "UNTOC art. 16(1)", True),
        GroundInfo(RefusalGround.EXTRADITION_DOMESTIC_LAW_OR_TREATY, "UNTOC art. 16(7)", True),
        # Refusing solely because the person is a national obliges submission of the case to
        # the prosecuting authorities at the requesting State's request.
        GroundInfo(
            RefusalGround.EXTRADITION_NATIONALITY,
            "UNTOC art. 16(10)",
            True,
            follow_up="submit_for_domestic_prosecution",
        ),
        GroundInfo(RefusalGround.EXTRADITION_DISCRIMINATION, "UNTOC art. 16(14)", True),
        GroundInfo(
            RefusalGround.EXTRADITION_HUMAN_RIGHTS_RISK, "ECHR art. 3; UNTOC art. 16(13)", True
        ),
    )
}


def ground_info(ground: RefusalGround) -> GroundInfo:
    return _GROUNDS[ground]


def grounds_for(*, extradition: bool) -> list[GroundInfo]:
    return [g for g in _GROUNDS.values() if g.extradition == extradition]
