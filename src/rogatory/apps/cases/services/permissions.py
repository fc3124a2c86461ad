"""Who may write what. Reads are checked in the selectors; writes check here as well."""

from typing import Any

from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.selectors import case_get_for
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseState, Direction, Role

_WRITERS = {Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR}
_OPENERS = {
    Direction.OUTGOING: {Role.CASE_OFFICER, Role.SUPERVISOR},
    Direction.INCOMING: {Role.REGISTRY_CLERK, Role.SUPERVISOR},
}


def require_can_open(*, actor: Any, direction: Direction) -> None:
    if getattr(actor, "role", None) not in _OPENERS[direction] or actor.authority_id is None:
        access_denied(actor=actor, action="case.open", object_type="case", object_id="new")
        raise DomainError("case.open_forbidden", direction=direction)


def case_for_write(*, actor: Any, case_id: int, action: str, lock: bool = True) -> Case:
    """The case, locked for update, if the actor may change it."""
    case_get_for(actor=actor, case_id=case_id, action=action)
    if actor.role not in _WRITERS:
        access_denied(actor=actor, action=action, object_type="case", object_id=case_id)
        raise DomainError("case.write_forbidden", case_id=case_id)
    qs = Case.objects.select_for_update() if lock else Case.objects
    case = qs.get(pk=case_id)
    if case.status == CaseState.CLOSED:
        raise DomainError("case.closed", case_id=case_id)
    return case
