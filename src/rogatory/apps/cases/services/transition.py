from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.drafting_selectors import draft_check
from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant
from rogatory.apps.cases.selectors import draft_authored_by
from rogatory.apps.cases.services.deadlines import deadlines_apply
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.wire import canonical_hash
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.workflow import (
    RESERVED_TO,
    CaseKind,
    CaseState,
    Direction,
    RefusalGround,
    Role,
    check,
)
from rogatory.core.workflow.transitions import Transition, TransitionError


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


def _check_recorded(
    *,
    case: Case,
    source: CaseState,
    target: CaseState,
    reason: str,
    ground: RefusalGround | None,
) -> Transition:
    """The table row for a step the other State took: a decision reserved to it (RESERVED_TO,
    e.g. a withdrawal, UNTOC art. 18(24)), or a step some role of this node may record."""
    direction, kind = Direction(case.direction), CaseKind(case.kind)
    common: dict[str, Any] = {
        "direction": direction,
        "kind": kind,
        "source": source,
        "target": target,
        "reason": reason,
        "ground": ground,
    }
    if target in RESERVED_TO:
        return check(**common, role=Role.REGISTRY_CLERK, from_other_state=True)
    for role in Role:
        try:
            return check(**common, role=role)
        except TransitionError as exc:
            if exc.code != "transition.role_not_allowed":
                raise
    raise TransitionError("transition.not_allowed", source=source, target=target)


def case_status_change(
    *,
    actor: Any,
    case_id: int,
    target: str,
    reason: str = "",
    ground: str | None = None,
    officer_id: int | None = None,
    from_other_state: bool = False,
) -> Case:
    """The only code that changes a case's status.

    Lock the row, check the transition table, save, append the event and the audit record,
    and start or meet deadlines, all in one transaction. What the step means to the other
    State (sending the request, the signed evidence of a stage) and screening are not done
    here: callers go through ``rogatory.apps.proceedings.services.case_transition``, which
    runs them in the same transaction.

    ``from_other_state``: the step records what the other State did, from its signed message
    (``actor`` is the exchange's system user): allowed when this node's table has the step.
    """
    to = _target(target)
    refusal = _ground(ground)
    bounded_text(reason, "reason")
    with transaction.atomic():
        if from_other_state:
            # The other State's signed message is the authority for the step, not a user's
            # access to the case: the exchange's system user records it on any case it threads.
            case = Case.objects.select_for_update().get(pk=case_id)
        else:
            case = case_for_write(actor=actor, case_id=case_id, action="case.transition")
        source = CaseState(case.status)
        if from_other_state:
            _check_recorded(case=case, source=source, target=to, reason=reason, ground=refusal)
        else:
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
        version = ""
        if to is CaseState.APPROVED and not from_other_state:
            _require_second_pair_of_eyes(case=case, actor=actor)
            _require_complete(case)
            # Four eyes on a version (issue 17): the supervisor approves this content, named
            # by the hash of its canonical payload; any later change withdraws the approval.
            version = canonical_hash(case)
            case.approved_hash, case.approved_by = version, actor
            fields += ["approved_hash", "approved_by"]
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
                **({"version": version} if version else {}),
            },
        )
    return case


def _require_complete(case: Case) -> None:
    """Approval is refused while the request lacks an element its type requires or the
    requested State would refuse it (rogatory.core.drafting); the list names each one."""
    found = draft_check(case).blocking
    if found:
        raise DomainError(
            "drafting.incomplete",
            count=len(found),
            missing=", ".join(dict.fromkeys(f.code for f in found)),
        )


def approval_withdraw(*, case: Case, actor: Any, because: str) -> None:
    """An approved request that changes goes back to drafting: the supervisor approved
    another version (issue 17, four eyes on a version). ``case`` is locked by the caller, who
    saves the change in the same transaction. Audited with the version withdrawn."""
    if case.status != CaseState.APPROVED or case.direction != Direction.OUTGOING:
        return
    now = timezone.now()
    withdrawn = case.approved_hash
    case.status = CaseState.DRAFT.value
    case.approved_hash, case.approved_by = "", None
    deadlines_apply(case=case, state=CaseState.DRAFT, at=now)
    case.save(update_fields=["status", "approved_hash", "approved_by", "due_at", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        at=now,
        actor=actor,
        kind="approval_withdrawn",
        from_status=CaseState.APPROVED.value,
        to_status=CaseState.DRAFT.value,
        reason=because,
    )
    audit_record(
        actor=actor,
        action="case.approval_withdrawn",
        obj=case,
        case_id=case.pk,
        changes={"version": withdrawn, "because": because},
    )


def _require_second_pair_of_eyes(*, case: Case, actor: Any) -> None:
    """Four eyes on an outgoing request: whoever opened the draft or submitted it for approval
    cannot also approve it (issue 14 finding 7: a supervisor drafted and approved alone)."""
    if draft_authored_by(case=case, actor=actor):
        raise DomainError("transition.four_eyes")
