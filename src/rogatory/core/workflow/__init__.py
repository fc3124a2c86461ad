"""Case states, roles and the one transition table (no Django)."""

from rogatory.core.workflow.grounds import RefusalGround, ground_info
from rogatory.core.workflow.states import (
    OPEN_STATES,
    TERMINAL_STATES,
    CaseKind,
    CaseState,
    Direction,
    Role,
)
from rogatory.core.workflow.transitions import (
    RESERVED_TO,
    TRANSITIONS,
    Action,
    Side,
    Transition,
    TransitionError,
    allowed_transitions,
    check,
    initial_state,
    own_side,
    states_of,
)

__all__ = [
    "OPEN_STATES",
    "RESERVED_TO",
    "TERMINAL_STATES",
    "TRANSITIONS",
    "Action",
    "CaseKind",
    "CaseState",
    "Direction",
    "RefusalGround",
    "Role",
    "Side",
    "Transition",
    "TransitionError",
    "allowed_transitions",
    "check",
    "ground_info",
    "initial_state",
    "own_side",
    "states_of",
]
