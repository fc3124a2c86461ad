"""The safeguards of a hearing by video as steps in a fixed order, each with its article.

A step cannot be recorded before every step ahead of it that applies to the hearing's kind
(``safeguard_check``): the official present cannot read the rights to a person not yet
identified, nor take a consent before the rights were read and counsel consulted. The steps
come from ETS 182 art. 9 and Directive 2014/41/EU art. 24 (reference: the practical safeguards
of a video hearing); interruptions are recorded whenever they happen and block nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import KIND_RULES, HearingKind


class SafeguardStep(StrEnum):
    # Who joined, from where and when: the minutes name every participant and their function.
    ATTENDANCE = "attendance"
    IDENTITY = "identity"
    INTERPRETER = "interpreter"
    RIGHTS = "rights"
    LAWYER_CHANNEL = "lawyer_channel"
    CONSENT = "consent"
    DECLARATIONS = "declarations"
    SURRENDER_CONSENT = "surrender_consent"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Step:
    step: SafeguardStep
    basis: str
    # None: every kind; otherwise only the kinds named.
    only: frozenset[HearingKind] | None = None


S = SafeguardStep
_DEFENCE = frozenset(k for k, r in KIND_RULES.items() if r.defence)
_CONSENT = frozenset(k for k, r in KIND_RULES.items() if r.consent_required)

STEPS: tuple[Step, ...] = (
    Step(S.ATTENDANCE, "ETS 182 art. 9(6); Directive 2014/41/EU art. 24(6)"),
    # The official physically present with the person identifies them.
    Step(S.IDENTITY, "ETS 182 art. 9(5); Directive 2014/41/EU art. 24(5)"),
    # The interpreter and the language used, so that the person follows every word
    # (Directive 2010/64/EU art. 2 in EU proceedings, the EAW included).
    Step(S.INTERPRETER, "ETS 182 art. 9(5); Directive 2010/64/EU art. 2"),
    # The rights, among them the right not to testify under the law of either State.
    Step(S.RIGHTS, "ETS 182 art. 9(5); Directive 2014/41/EU art. 24(5)"),
    # Counsel in both States, each consulted in confidence (Directive 2013/48/EU arts. 4, 10).
    Step(S.LAWYER_CHANNEL, "Directive 2013/48/EU arts. 4, 10", _DEFENCE),
    Step(S.CONSENT, "ETS 182 art. 9(8); Directive 2014/41/EU art. 24(2)(a)", _CONSENT),
    Step(S.DECLARATIONS, "ETS 182 art. 9(6)"),
    # The consent to surrender, given before the executing judicial authority (EAW FD art. 13),
    # whose date starts the 10-day decision clock of art. 17(2).
    Step(
        S.SURRENDER_CONSENT,
        "EAW FD 2002/584/JHA arts. 13, 17(2)",
        frozenset({HearingKind.CONSENT_TO_SURRENDER}),
    ),
    Step(S.CLOSED, "ETS 182 art. 9(6)"),
)
BASIS: dict[SafeguardStep, str] = {s.step: s.basis for s in STEPS}


def steps_for(kind: HearingKind) -> tuple[SafeguardStep, ...]:
    """The steps a hearing of ``kind`` goes through, in order."""
    return tuple(s.step for s in STEPS if s.only is None or kind in s.only)


def next_step(kind: HearingKind, done: Collection[SafeguardStep]) -> SafeguardStep | None:
    """The first step not yet recorded, None once the hearing is closed."""
    return next((s for s in steps_for(kind) if s not in done), None)


def safeguard_check(
    kind: HearingKind, done: Collection[SafeguardStep], step: SafeguardStep
) -> None:
    """Refuse a step that does not apply to the kind, one already recorded, or one with an
    earlier step still missing (``hearing.safeguard_missing`` names the first missing)."""
    steps = steps_for(kind)
    if step not in steps:
        raise DomainError("hearing.safeguard_not_applicable", step=step.value, kind=kind.value)
    if step in done:
        raise DomainError("hearing.safeguard_done", step=step.value)
    missing = next_step(kind, done)
    if missing is not None and missing is not step:
        raise DomainError("hearing.safeguard_missing", step=step.value, missing=missing.value)
