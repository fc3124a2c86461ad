"""Consultation of the requesting State before a refusal, where the instrument requires it.

- UNTOC art. 16(16) (UNCAC art. 44(17)): before refusing extradition the requested State
  consults the requesting State, where appropriate, to let it present its opinions and
  information.
- UNTOC art. 18(26) (UNCAC art. 46(26)): before refusing assistance under art. 18(21) or
  postponing it under art. 18(25), the requested State consults the requesting State to see
  whether assistance may be given on terms and conditions.

"Where appropriate" leaves room to record why a consultation was not possible; the step is
then open, with the reason kept. Other legal bases (a treaty, reciprocity, domestic law) carry
no such duty here: a treaty's own consultation clause would be directory data.
"""

from collections.abc import Iterable
from enum import StrEnum

from rogatory.core.workflow import CaseKind, CaseState, Direction


class ConsultationPurpose(StrEnum):
    BEFORE_REFUSAL = "before_refusal"
    COMPETING_REQUESTS = "competing_requests"


_CONVENTIONS = {"untoc", "uncac"}


def consultation_article(
    *, direction: Direction, kind: CaseKind, target: CaseState, legal_bases: Iterable[str]
) -> str | None:
    """The article that requires a consultation before this step, or None."""
    if direction is not Direction.INCOMING or not _CONVENTIONS & set(legal_bases):
        return None
    uncac = "uncac" in set(legal_bases) and "untoc" not in set(legal_bases)
    if kind.is_extradition:
        if target is CaseState.REFUSED:
            return "UNCAC art. 44(17)" if uncac else "UNTOC art. 16(16)"
        return None
    if target in (CaseState.REFUSED, CaseState.POSTPONED):
        return "UNCAC art. 46(26)" if uncac else "UNTOC art. 18(26)"
    return None
