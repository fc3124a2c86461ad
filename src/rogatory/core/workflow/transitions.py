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


class Side(StrEnum):
    """The State whose act a step is, seen from the request."""

    REQUESTING = "requesting"
    REQUESTED = "requested"


def own_side(direction: Direction) -> Side:
    """The side this node is on for a case: it sends its outgoing requests."""
    return Side.REQUESTING if direction is Direction.OUTGOING else Side.REQUESTED


class Action(StrEnum):
    """What the person taking a step does, named as the button says it (labels in apps)."""

    SUBMIT_FOR_APPROVAL = "submit_for_approval"
    APPROVE = "approve"
    RETURN_TO_DRAFTING = "return_to_drafting"
    TRANSMIT = "transmit"
    RECORD_ACKNOWLEDGEMENT = "record_acknowledgement"
    RECORD_INFORMATION_REQUEST = "record_information_request"
    RECORD_INFORMATION_SUPPLIED = "record_information_supplied"
    RECORD_POSTPONEMENT = "record_postponement"
    RECORD_RESUMPTION = "record_resumption"
    RECORD_PARTIAL_EXECUTION = "record_partial_execution"
    RECORD_EXECUTION = "record_execution"
    RECORD_EXTRADITION_GRANTED = "record_extradition_granted"
    RECORD_SURRENDER = "record_surrender"
    RECORD_REFUSAL = "record_refusal"
    RECORD_WITHDRAWAL = "record_withdrawal"
    WITHDRAW = "withdraw"
    REGISTER = "register"
    ASSIGN = "assign"
    START_EXECUTION = "start_execution"
    RESUME_EXECUTION = "resume_execution"
    REQUEST_INFORMATION = "request_information"
    POSTPONE = "postpone"
    RECORD_PROVISIONAL_ARREST = "record_provisional_arrest"
    REFER_TO_HEARING = "refer_to_hearing"
    GRANT_EXTRADITION = "grant_extradition"
    REFUSE = "refuse"
    CLOSE = "close"


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
    action: Action = Action.CLOSE
    # A decision the law leaves to one State only (see `RESERVED_TO`); None for the steps
    # either node records as the request moves on.
    reserved_to: Side | None = None

    def open_to(self, side: Side) -> bool:
        """Whether a user of a node on `side` may take this step."""
        return self.reserved_to is None or self.reserved_to is side

    def applies_to(self, kind: CaseKind) -> bool:
        if self.scope is Scope.EXTRADITION:
            return kind.is_extradition
        if self.scope is Scope.ASSISTANCE:
            return not kind.is_extradition
        return True


class TransitionError(DomainError):
    """A refused transition; `code` is stable and translated at the edges."""


# Decisions that only one State may take, whatever the other State's node shows. The other
# node learns them from that State's message and records them; its users are never offered
# them, and `check` refuses them.
RESERVED_TO: dict[CaseState, tuple[Side, str]] = {
    # Only the requested State refuses: assistance on the grounds of UNTOC art. 18(21),
    # extradition on those of its law or the applicable treaty (UNTOC art. 16(7)).
    CaseState.REFUSED: (Side.REQUESTED, "UNTOC art. 18(21); UNTOC art. 16(7)"),
    # Only the requesting State can say its request is no longer needed (UNTOC art. 18(24)).
    CaseState.WITHDRAWN: (Side.REQUESTING, "UNTOC art. 18(24)"),
    # Only the requested State postpones its execution of the request (UNTOC art. 18(25)).
    CaseState.POSTPONED: (Side.REQUESTED, "UNTOC art. 18(25)"),
}

# The action that reaches a state, per direction; `_ACTION_FROM` names the exceptions that
# depend on where the case comes from.
_ACTIONS: dict[tuple[Direction, CaseState], Action] = {
    (OUT, CaseState.PENDING_APPROVAL): Action.SUBMIT_FOR_APPROVAL,
    (OUT, CaseState.APPROVED): Action.APPROVE,
    (OUT, CaseState.DRAFT): Action.RETURN_TO_DRAFTING,
    (OUT, CaseState.TRANSMITTED): Action.TRANSMIT,
    (OUT, CaseState.ACKNOWLEDGED): Action.RECORD_ACKNOWLEDGEMENT,
    (OUT, CaseState.ADDITIONAL_INFORMATION_REQUESTED): Action.RECORD_INFORMATION_REQUEST,
    (OUT, CaseState.POSTPONED): Action.RECORD_POSTPONEMENT,
    (OUT, CaseState.PARTIALLY_EXECUTED): Action.RECORD_PARTIAL_EXECUTION,
    (OUT, CaseState.EXECUTED): Action.RECORD_EXECUTION,
    (OUT, CaseState.EXTRADITION_GRANTED): Action.RECORD_EXTRADITION_GRANTED,
    (OUT, CaseState.SURRENDERED): Action.RECORD_SURRENDER,
    (OUT, CaseState.REFUSED): Action.RECORD_REFUSAL,
    (OUT, CaseState.WITHDRAWN): Action.WITHDRAW,
    (OUT, CaseState.CLOSED): Action.CLOSE,
    (IN, CaseState.REGISTERED): Action.REGISTER,
    (IN, CaseState.ASSIGNED): Action.ASSIGN,
    (IN, CaseState.UNDER_EXECUTION): Action.START_EXECUTION,
    (IN, CaseState.ADDITIONAL_INFORMATION_REQUESTED): Action.REQUEST_INFORMATION,
    (IN, CaseState.POSTPONED): Action.POSTPONE,
    (IN, CaseState.PARTIALLY_EXECUTED): Action.RECORD_PARTIAL_EXECUTION,
    (IN, CaseState.EXECUTED): Action.RECORD_EXECUTION,
    (IN, CaseState.PROVISIONALLY_ARRESTED): Action.RECORD_PROVISIONAL_ARREST,
    (IN, CaseState.EXTRADITION_HEARING): Action.REFER_TO_HEARING,
    (IN, CaseState.EXTRADITION_GRANTED): Action.GRANT_EXTRADITION,
    (IN, CaseState.SURRENDERED): Action.RECORD_SURRENDER,
    (IN, CaseState.REFUSED): Action.REFUSE,
    (IN, CaseState.WITHDRAWN): Action.RECORD_WITHDRAWAL,
    (IN, CaseState.CLOSED): Action.CLOSE,
}
_ACTION_FROM: dict[tuple[Direction, CaseState, CaseState], Action] = {
    (OUT, CaseState.ADDITIONAL_INFORMATION_REQUESTED, CaseState.ACKNOWLEDGED): (
        Action.RECORD_INFORMATION_SUPPLIED
    ),
    (IN, CaseState.ADDITIONAL_INFORMATION_REQUESTED, CaseState.UNDER_EXECUTION): (
        Action.RESUME_EXECUTION
    ),
    (IN, CaseState.POSTPONED, CaseState.UNDER_EXECUTION): Action.RESUME_EXECUTION,
    (OUT, CaseState.POSTPONED, CaseState.ACKNOWLEDGED): Action.RECORD_RESUMPTION,
}


def _action(direction: Direction, source: CaseState, target: CaseState) -> Action:
    return _ACTION_FROM.get((direction, source, target)) or _ACTIONS[(direction, target)]


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
    reserved = RESERVED_TO.get(target)
    return [
        Transition(
            s,
            target,
            direction,
            frozenset(roles),
            scope,
            reason,
            ground,
            basis,
            action=_action(direction, s, target),
            reserved_to=reserved[0] if reserved else None,
        )
        for s in sources
    ]


_OFFICERS = (OFFICER, SUPERVISOR)
_DESK = (CLERK, OFFICER, SUPERVISOR)

_OUT_PENDING = (S.TRANSMITTED, S.ACKNOWLEDGED, S.ADDITIONAL_INFORMATION_REQUESTED)
_IN_EXECUTING = (S.UNDER_EXECUTION, S.ADDITIONAL_INFORMATION_REQUESTED, S.POSTPONED)
_IN_EXTRADITION = (S.PROVISIONALLY_ARRESTED, S.EXTRADITION_HEARING)
_OUTCOMES = (S.EXECUTED, S.REFUSED, S.WITHDRAWN, S.SURRENDERED)
_EXTRADITION_REFUSAL = "UNTOC art. 16(7), 16(16)"
_IN_REFUSABLE = (
    S.REGISTERED,
    S.ASSIGNED,
    *_IN_EXECUTING,
    S.PARTIALLY_EXECUTED,
    *_IN_EXTRADITION,
)

TRANSITIONS: tuple[Transition, ...] = tuple(
    # ---- Outgoing: we are the requesting State. ----
    # Four eyes: an officer drafts and submits, a supervisor approves or returns the draft.
    _rows([S.DRAFT], S.PENDING_APPROVAL, OUT, _OFFICERS)
    + _rows([S.DRAFT, S.PENDING_APPROVAL], S.APPROVED, OUT, [SUPERVISOR])
    + _rows([S.PENDING_APPROVAL, S.APPROVED], S.DRAFT, OUT, _OFFICERS, reason=True)
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
    # The requested State's postponement (UNTOC art. 18(25)), with its reasons, shows on the
    # requesting State's case; only that State decides it (`RESERVED_TO`), so this node records
    # it from its message, and the request is back in hand when execution resumes.
    + _rows(
        [*_OUT_PENDING, S.PARTIALLY_EXECUTED],
        S.POSTPONED,
        OUT,
        _OFFICERS,
        scope=Scope.ASSISTANCE,
        reason=True,
        basis="UNTOC art. 18(25)",
    )
    + _rows([S.POSTPONED], S.ACKNOWLEDGED, OUT, _OFFICERS, basis="UNTOC art. 18(25)")
    + _rows([S.ACKNOWLEDGED], S.PARTIALLY_EXECUTED, OUT, _OFFICERS, scope=Scope.ASSISTANCE)
    + _rows(
        [S.ACKNOWLEDGED, S.PARTIALLY_EXECUTED], S.EXECUTED, OUT, _OFFICERS, scope=Scope.ASSISTANCE
    )
    + _rows([S.ACKNOWLEDGED], S.EXTRADITION_GRANTED, OUT, _OFFICERS, scope=Scope.EXTRADITION)
    + _rows([S.EXTRADITION_GRANTED], S.SURRENDERED, OUT, _OFFICERS, scope=Scope.EXTRADITION)
    # The requested State's refusal is recorded with its ground: reasons are given for a
    # refusal of assistance (UNTOC art. 18(23)); an extradition refusal rests on art. 16(7).
    + _rows(
        [*_OUT_PENDING, S.PARTIALLY_EXECUTED, S.POSTPONED],
        S.REFUSED,
        OUT,
        _OFFICERS,
        scope=Scope.ASSISTANCE,
        reason=True,
        ground=True,
        basis="UNTOC art. 18(23)",
    )
    + _rows(
        [*_OUT_PENDING, S.PARTIALLY_EXECUTED, S.POSTPONED],
        S.REFUSED,
        OUT,
        _OFFICERS,
        scope=Scope.EXTRADITION,
        reason=True,
        ground=True,
        basis=_EXTRADITION_REFUSAL,
    )
    # The requesting State says promptly when assistance is no longer needed (art. 18(24)).
    + _rows(
        [
            S.DRAFT,
            S.PENDING_APPROVAL,
            S.APPROVED,
            *_OUT_PENDING,
            S.PARTIALLY_EXECUTED,
            S.POSTPONED,
            S.EXTRADITION_GRANTED,
        ],
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
    # Refusal needs a ground and reasons: assistance under UNTOC arts. 18(21) and 18(23);
    # extradition under art. 16(7), after consulting the requesting State (art. 16(16)).
    + _rows(
        _IN_REFUSABLE,
        S.REFUSED,
        IN,
        [SUPERVISOR],
        scope=Scope.ASSISTANCE,
        reason=True,
        ground=True,
        basis="UNTOC art. 18(23)",
    )
    + _rows(
        _IN_REFUSABLE,
        S.REFUSED,
        IN,
        [SUPERVISOR],
        scope=Scope.EXTRADITION,
        reason=True,
        ground=True,
        basis=_EXTRADITION_REFUSAL,
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
    from_other_state: bool = False,
) -> Transition:
    """Return the table row that permits this move, or raise TransitionError.

    `from_other_state` records a decision reserved to the other State (`RESERVED_TO`) from
    that State's own message; it permits nothing else, and needs no role on this node.
    """
    t = _find(direction, kind, source, target)
    side = own_side(direction)
    if from_other_state:
        if t.reserved_to is None or t.reserved_to is side:
            raise TransitionError("transition.not_allowed", source=source, target=target)
    elif not t.open_to(side):
        raise TransitionError("transition.other_state_decides", target=target)
    elif role not in t.roles:
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
    """The steps a user with `role` may take: never a decision reserved to the other State."""
    side = own_side(direction)
    return [
        t
        for t in TRANSITIONS
        if t.direction is direction
        and t.source is source
        and role in t.roles
        and t.applies_to(kind)
        and t.open_to(side)
    ]
