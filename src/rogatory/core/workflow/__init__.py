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
    TRANSITIONS,
    Transition,
    TransitionError,
    allowed_transitions,
    check,
    initial_state,
    states_of,
)

__all__ = [
    "OPEN_STATES",
    "TERMINAL_STATES",
    "TRANSITIONS",
    "CaseKind",
    "CaseState",
    "Direction",
    "RefusalGround",
    "Role",
    "Transition",
    "TransitionError",
    "allowed_transitions",
    "check",
    "ground_info",
    "initial_state",
    "states_of",
]
