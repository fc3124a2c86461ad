"""The one transition table for every kind of case, incoming and outgoing.

`check` is the only gate: the cases service calls it before changing a status, and the web and
API edges call `allowed_transitions` to offer only what the actor may do.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rogatory.core.errors import DomainError
from rogatory.core.workflow.grounds import RefusalGround, ground_info
from rogatory.core.workflow.states import CaseKind, CaseState, Direction, Role

S = CaseState
IN = Direction.INCOMING
OUT = Direction.OUTGOING
CLERK = Role.REGISTRY_CLERK
OFFICER = Role.CASE_OFFICER
SUPERVISOR = Role.SUPERVISOR


class Scope(StrEnum):
    ALL = "all"
    EXTRADITION = "extradition"  # extradition and provisional arrest
    ASSISTANCE = "assistance"  # every other kind


@dataclass(frozen=True, slots=True)
class Transition:
    source: CaseState
    target: CaseState
    direction: Direction
    roles: frozenset[Role]
    scope: Scope = Scope.ALL
    reason_required: bool = False
    ground_required: bool = False
    basis: str = ""

    def applies_to(self, kind: CaseKind) -> bool:
        if self.scope is Scope.EXTRADITION:
            return kind.is_extradition
        if self.scope is Scope.ASSISTANCE:
            return not kind.is_extradition
        return True


class TransitionError(DomainError):
    """A refused transition; `code` is stable and translated at the edges."""


def _rows(
    sources: Iterable[CaseState],
    target: CaseState,
    direction: Direction,
    roles: Iterable[Role],
    *,
    scope: Scope = Scope.ALL,
    reason: bool = False,
    ground: bool = False,
    basis: str = "",
) -> list[Transition]:
    return [
        Transition(s, target, direction, frozenset(roles), scope, reason, ground, basis)
        for s in sources
    ]


_OFFICERS = (OFFICER, SUPERVISOR)
_DESK = (CLERK, OFFICER, SUPERVISOR)

_OUT_PENDING = (S.TRANSMITTED, S.ACKNOWLEDGED, S.ADDITIONAL_INFORMATION_REQUESTED)
_IN_EXECUTING = (S.UNDER_EXECUTION, S.ADDITIONAL_INFORMATION_REQUESTED, S.POSTPONED)
_IN_EXTRADITION = (S.PROVISIONALLY_ARRESTED, S.EXTRADITION_HEARING)
_OUTCOMES = (S.EXECUTED, S.REFUSED, S.WITHDRAWN, S.SURRENDERED)

TRANSITIONS: tuple[Transition, ...] = tuple(
    # ---- Outgoing: we are the requesting State. ----
    # Four eyes: an officer drafts, a supervisor approves.
    _rows([S.DRAFT], S.APPROVED, OUT, [SUPERVISOR])
    + _rows([S.APPROVED], S.DRAFT, OUT, _OFFICERS, reason=True)
    + _rows([S.APPROVED], S.TRANSMITTED, OUT, _DESK, basis="UNTOC art. 18(13)")
    + _rows([S.TRANSMITTED], S.ACKNOWLEDGED, OUT, _DESK)
    + _rows(
        [S.TRANSMITTED, S.ACKNOWLEDGED, S.PARTIALLY_EXECUTED],
        S.ADDITIONAL_INFORMATION_REQUESTED,
        OUT,
        _OFFICERS,
        reason=True,
        basis="UNTOC art. 18(16)",
    )
    + _rows([S.ADDITIONAL_INFORMATION_REQUESTED], S.ACKNOWLEDGED, OUT, _OFFICERS, reason=True)
    + _rows([S.ACKNOWLEDGED], S.PARTIALLY_EXECUTED, OUT, _OFFICERS, scope=Scope.ASSISTANCE)
    + _rows(
        [S.ACKNOWLEDGED, S.PARTIALLY_EXECUTED], S.EXECUTED, OUT, _OFFICERS, scope=Scope.ASSISTANCE
    )
    + _rows([S.ACKNOWLEDGED], S.EXTRADITION_GRANTED, OUT, _OFFICERS, scope=Scope.EXTRADITION)
    + _rows([S.EXTRADITION_GRANTED], S.SURRENDERED, OUT, _OFFICERS, scope=Scope.EXTRADITION)
    # The requested State's refusal is recorded with its ground (UNTOC art. 18(23)).
    + _rows(
        [*_OUT_PENDING, S.PARTIALLY_EXECUTED],
        S.REFUSED,
        OUT,
        _OFFICERS,
        reason=True,
        ground=True,
        basis="UNTOC art. 18(23)",
    )
    # The requesting State says promptly when assistance is no longer needed (art. 18(24)).
    + _rows(
        [S.DRAFT, S.APPROVED, *_OUT_PENDING, S.PARTIALLY_EXECUTED, S.EXTRADITION_GRANTED],
        S.WITHDRAWN,
        OUT,
        [SUPERVISOR],
        reason=True,
        basis="UNTOC art. 18(24)",
    )
    + _rows(_OUTCOMES, S.CLOSED, OUT, _DESK)
    # ---- Incoming: we are the requested State. ----
    + _rows([S.RECEIVED], S.REGISTERED, IN, [CLERK, SUPERVISOR])
    + _rows([S.REGISTERED], S.ASSIGNED, IN, [SUPERVISOR])
    + _rows([S.ASSIGNED], S.UNDER_EXECUTION, IN, _OFFICERS, scope=Scope.ASSISTANCE)
    + _rows(
        [S.UNDER_EXECUTION, S.PARTIALLY_EXECUTED],
        S.ADDITIONAL_INFORMATION_REQUESTED,
        IN,
        _OFFICERS,
        scope=Scope.ASSISTANCE,
        reason=True,
        basis="UNTOC art. 18(16)",
    )
    + _rows(
        [S.ADDITIONAL_INFORMATION_REQUESTED, S.POSTPONED],
        S.UNDER_EXECUTION,
        IN,
        _OFFICERS,
        scope=Scope.ASSISTANCE,
    )
    + _rows(
        [S.UNDER_EXECUTION],
        S.POSTPONED,
        IN,
        [SUPERVISOR],
        scope=Scope.ASSISTANCE,
        reason=True,
        basis="UNTOC art. 18(25)",
    )
    + _rows([S.UNDER_EXECUTION], S.PARTIALLY_EXECUTED, IN, _OFFICERS, scope=Scope.ASSISTANCE)
    + _rows(
        [S.UNDER_EXECUTION, S.PARTIALLY_EXECUTED],
        S.EXECUTED,
        IN,
        _OFFICERS,
        scope=Scope.ASSISTANCE,
    )
    # Extradition: custody (UNTOC art. 16(9)), hearing, decision, surrender.
    + _rows(
        [S.REGISTERED, S.ASSIGNED],
        S.PROVISIONALLY_ARRESTED,
        IN,
        _OFFICERS,
        scope=Scope.EXTRADITION,
        basis="UNTOC art. 16(9)",
    )
    + _rows(
        [S.ASSIGNED, S.PROVISIONALLY_ARRESTED, S.ADDITIONAL_INFORMATION_REQUESTED],
        S.EXTRADITION_HEARING,
        IN,
        _OFFICERS,
        scope=Scope.EXTRADITION,
    )
    + _rows(
        _IN_EXTRADITION,
        S.ADDITIONAL_INFORMATION_REQUESTED,
        IN,
        _OFFICERS,
        scope=Scope.EXTRADITION,
        reason=True,
        basis="UNTOC art. 16(8)",
    )
    + _rows(
        [S.EXTRADITION_HEARING],
        S.EXTRADITION_GRANTED,
        IN,
        [SUPERVISOR],
        scope=Scope.EXTRADITION,
        reason=True,
    )
    + _rows([S.EXTRADITION_GRANTED], S.SURRENDERED, IN, _OFFICERS, scope=Scope.EXTRADITION)
    # Refusal needs a ground and reasons (UNTOC arts. 16(7), 18(21), 18(23)).
    + _rows(
        [S.REGISTERED, S.ASSIGNED, *_IN_EXECUTING, S.PARTIALLY_EXECUTED, *_IN_EXTRADITION],
        S.REFUSED,
        IN,
        [SUPERVISOR],
        reason=True,
        ground=True,
        basis="UNTOC art. 18(23)",
    )
    + _rows(
        [
            S.RECEIVED,
            S.REGISTERED,
            S.ASSIGNED,
            *_IN_EXECUTING,
            S.PARTIALLY_EXECUTED,
            *_IN_EXTRADITION,
            S.EXTRADITION_GRANTED,
        ],
        S.WITHDRAWN,
        IN,
        _DESK,
        reason=True,
        basis="UNTOC art. 18(24)",
    )
    + _rows(_OUTCOMES, S.CLOSED, IN, _DESK)
)

_INDEX: dict[tuple[Direction, CaseState, CaseState], list[Transition]] = {}
for _t in TRANSITIONS:
    _INDEX.setdefault((_t.direction, _t.source, _t.target), []).append(_t)


def states_of(direction: Direction) -> frozenset[CaseState]:
    """Every state a case of this direction can be in."""
    return frozenset(
        {initial_state(direction)} | {t.target for t in TRANSITIONS if t.direction is direction}
    )


def initial_state(direction: Direction) -> CaseState:
    return S.DRAFT if direction is Direction.OUTGOING else S.RECEIVED


def _find(direction: Direction, kind: CaseKind, source: CaseState, target: CaseState) -> Transition:
    for t in _INDEX.get((direction, source, target), []):
        if t.applies_to(kind):
            return t
    raise TransitionError("transition.not_allowed", source=source, target=target)


def check(
    *,
    direction: Direction,
    kind: CaseKind,
    source: CaseState,
    target: CaseState,
    role: Role,
    reason: str = "",
    ground: RefusalGround | None = None,
) -> Transition:
    """Return the table row that permits this move, or raise TransitionError."""
    t = _find(direction, kind, source, target)
    if role not in t.roles:
        raise TransitionError("transition.role_not_allowed", role=role, target=target)
    if t.reason_required and not reason.strip():
        raise TransitionError("transition.reason_required", target=target)
    if t.ground_required:
        if ground is None:
            raise TransitionError("transition.ground_required", target=target)
        if ground_info(ground).extradition != kind.is_extradition:
            raise TransitionError("transition.ground_not_applicable", ground=ground)
    elif ground is not None:
        raise TransitionError("transition.ground_not_expected", target=target)
    return t


def allowed_transitions(
    *, direction: Direction, kind: CaseKind, source: CaseState, role: Role
) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS
        if t.direction is direction
        and t.source is source
        and role in t.roles
        and t.applies_to(kind)
    ]
