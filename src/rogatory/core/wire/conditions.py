"""The conditions that bind the evidence of a case, read from its communications: the
conditions the requesting State accepted (UNTOC art. 18(26)), the confidentiality it asked for
(art. 18(20)) and the limits on using the evidence in other proceedings (art. 18(19)).

Pure: the caller passes what was said on the case, oldest first, and shows the result beside
each evidence file, in the API and on the download.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from rogatory.core.wire.communication import CommunicationKind

K = CommunicationKind


class ConditionKind(StrEnum):
    # Conditions the requested State set and the requesting State accepted (UNTOC art. 18(26)).
    CONDITIONS_ACCEPTED = "conditions_accepted"
    # Proposed and not yet accepted: the evidence is not to be relied on until they are.
    CONDITIONS_PROPOSED = "conditions_proposed"
    # The requesting State asked that the request and its contents be kept confidential
    # (UNTOC art. 18(20)) ...
    CONFIDENTIALITY = "confidentiality"
    # ... and the requested State said it cannot comply.
    CONFIDENTIALITY_NOT_KEPT = "confidentiality_not_kept"
    # Evidence is not used for proceedings other than those stated in the request without the
    # requested State's prior consent (UNTOC art. 18(19)).
    USE_LIMITED = "use_limited"
    USE_CONSENTED = "use_consented"


BASIS: dict[ConditionKind, str] = {
    ConditionKind.CONDITIONS_ACCEPTED: "UNTOC art. 18(26)",
    ConditionKind.CONDITIONS_PROPOSED: "UNTOC art. 18(26)",
    ConditionKind.CONFIDENTIALITY: "UNTOC art. 18(20)",
    ConditionKind.CONFIDENTIALITY_NOT_KEPT: "UNTOC art. 18(20)",
    ConditionKind.USE_LIMITED: "UNTOC art. 18(19)",
    ConditionKind.USE_CONSENTED: "UNTOC art. 18(19)",
}


@dataclass(frozen=True, slots=True)
class Said:
    """One communication of the case, as far as its conditions go."""

    kind: str
    text: str
    at: datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""


@dataclass(frozen=True, slots=True)
class Condition:
    kind: ConditionKind
    # The words of the communication that set it ("" for the standing rule of art. 18(19)).
    text: str = ""
    at: datetime | None = None

    @property
    def basis(self) -> str:
        return BASIS[self.kind]


def conditions_of(said: Sequence[Said], *, untoc: bool) -> list[Condition]:
    """What binds the evidence of the case now, in the order it was said.

    ``untoc``: the request rests on UNTOC, whose art. 18(19) limits the use of the evidence
    even when nothing was said about it.
    """
    accepted = {s.in_reply_to for s in said if s.kind == K.CONDITIONS_ACCEPTED and s.in_reply_to}
    confidential_at = [s.at for s in said if s.kind == K.CONFIDENTIALITY_REQUIRED]
    found: list[Condition] = []
    if untoc:
        found.append(Condition(ConditionKind.USE_LIMITED))
    for s in said:
        if s.kind == K.CONDITIONS_PROPOSED:
            kind = (
                ConditionKind.CONDITIONS_ACCEPTED
                if s.message_id and s.message_id in accepted
                else ConditionKind.CONDITIONS_PROPOSED
            )
            found.append(Condition(kind, s.text, s.at))
        elif s.kind == K.CONFIDENTIALITY_REQUIRED:
            found.append(Condition(ConditionKind.CONFIDENTIALITY, s.text, s.at))
        elif s.kind == K.CONFIDENTIALITY_CANNOT and confidential_at:
            found.append(Condition(ConditionKind.CONFIDENTIALITY_NOT_KEPT, s.text, s.at))
        elif s.kind == K.USE_CONSENT:
            found.append(Condition(ConditionKind.USE_CONSENTED, s.text, s.at))
    return found
