"""Where the instrument requires a consultation before a refusal (UNTOC arts. 16(16),
18(26); UNCAC arts. 44(17), 46(26))."""

import pytest

from rogatory.core.extradition.consultation import consultation_article
from rogatory.core.workflow import CaseKind, CaseState, Direction

IN, OUT = Direction.INCOMING, Direction.OUTGOING


@pytest.mark.parametrize(
    ("direction", "kind", "target", "bases", "article"),
    [
        (IN, CaseKind.EXTRADITION, CaseState.REFUSED, ["untoc"], "UNTOC art. 16(16)"),
        (IN, CaseKind.PROVISIONAL_ARREST, CaseState.REFUSED, ["untoc"], "UNTOC art. 16(16)"),
        (IN, CaseKind.EXTRADITION, CaseState.REFUSED, ["uncac"], "UNCAC art. 44(17)"),
        (IN, CaseKind.MLA, CaseState.REFUSED, ["untoc"], "UNTOC art. 18(26)"),
        (IN, CaseKind.MLA, CaseState.POSTPONED, ["untoc", "treaty"], "UNTOC art. 18(26)"),
        (IN, CaseKind.MLA, CaseState.POSTPONED, ["uncac"], "UNCAC art. 46(26)"),
        # nothing to consult: the other State refused, another step, or no convention basis
        (OUT, CaseKind.EXTRADITION, CaseState.REFUSED, ["untoc"], None),
        (IN, CaseKind.EXTRADITION, CaseState.EXTRADITION_GRANTED, ["untoc"], None),
        (IN, CaseKind.MLA, CaseState.REFUSED, ["treaty"], None),
        (IN, CaseKind.EXTRADITION, CaseState.POSTPONED, ["untoc"], None),
    ],
)
def test_the_article_that_requires_a_consultation(
    direction: Direction,
    kind: CaseKind,
    target: CaseState,
    bases: list[str],
    article: str | None,
) -> None:
    assert (
        consultation_article(direction=direction, kind=kind, target=target, legal_bases=bases)
        == article
    )
