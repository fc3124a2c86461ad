from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant
from rogatory.apps.cases.services.deadlines import deadlines_apply
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.exchange.services.business import case_status_evidence
from rogatory.apps.exchange.services.transmit import case_transmit
from rogatory.apps.screening.services import case_screen
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind, CaseState, Direction, RefusalGround, Role, check


def _ground(value: str | None) -> RefusalGround | None:
    if not value:
        return None
    try:
        return RefusalGround(value)
    except ValueError:
        raise DomainError("field.invalid_choice", field="ground", value=value) from None


def _target(value: str) -> CaseState:
    try:
        return CaseState(value)
    except ValueError:
        raise DomainError("field.invalid_choice", field="target", value=value) from None


def case_transition(
    *,
    actor: Any,
    case_id: int,
    target: str,
    reason: str = "",
    ground: str | None = None,
    officer_id: int | None = None,
) -> Case:
    """The only code that changes a case's status.

    Lock the row, check the transition table, save, append the event and the audit record,
    and start or meet deadlines, all in one transaction.
    """
    to = _target(target)
    refusal = _ground(ground)
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="case.transition")
        source = CaseState(case.status)
        check(
            direction=Direction(case.direction),
            kind=CaseKind(case.kind),
            source=source,
            target=to,
            role=Role(actor.role),
            reason=reason,
            ground=refusal,
        )
        fields = ["status", "due_at", "updated_at"]
        if to is CaseState.ASSIGNED:
            officer = (
                User.objects.filter(
                    pk=officer_id, authority_id=case.owner_authority_id, is_active=True
                ).first()
                if officer_id is not None
                else None
            )
            if officer is None or officer.role not in (Role.CASE_OFFICER, Role.SUPERVISOR):
                raise DomainError("transition.officer_required", field="officer_id")
            case.officer = officer
            fields.append("officer")
            if not CaseGrant.objects.filter(case=case, user=officer, revoked_at=None).exists():
                CaseGrant.objects.create(case=case, user=officer, granted_by=actor)
        if refusal is not None:
            case.refusal_ground = refusal.value
            fields.append("refusal_ground")
        now = timezone.now()
        case.status = to.value
        deadlines_apply(case=case, state=to, at=now)
        case.save(update_fields=fields)
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            kind="transition",
            from_status=source.value,
            to_status=to.value,
            reason=reason.strip(),
            ground=refusal.value if refusal else "",
        )
        if to is CaseState.TRANSMITTED:
            # The outbox row is written in this transaction (transactional outbox): the
            # request leaves exactly when its status says it has.
            case_transmit(case=case)
        if to in (CaseState.REGISTERED, CaseState.REFUSED, CaseState.EXECUTED):
            # The requesting State's node receives a signed business evidence of the stage
            # (shared cross-border status); a case that did not come by exchange sends none.
            case_status_evidence(
                case=case, status=to.value, reason=refusal.value if refusal else None
            )
        if to is CaseState.REGISTERED and CaseKind(case.kind).is_extradition:
            # Several States may want the same person: screen at registration (see
            # apps.screening); suggestions are written in this same transaction.
            case_screen(actor=actor, case=case)
        audit_record(
            actor=actor,
            action="case.transition",
            obj=case,
            case_id=case.pk,
            changes={
                "from": source.value,
                "to": to.value,
                "reason": reason.strip(),
                "ground": refusal.value if refusal else "",
                "officer": case.officer_id if to is CaseState.ASSIGNED else None,
            },
        )
    return case
