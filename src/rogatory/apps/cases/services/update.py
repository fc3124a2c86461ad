from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.deadlines import case_clocks_recompute
from rogatory.apps.cases.services.indexing import case_reindex
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.services.transition import approval_withdraw
from rogatory.apps.cases.wire import DETAILS
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseState, Direction

EDITABLE = (
    "title",
    "subject",
    "facts",
    "their_reference",
    "treaty",
    "urgency",
    "urgency_reason",
    "custody",
    "confidential",
    "requested_by",
    "legal_bases",
    "requesting_authority_name",
    *DETAILS,
)
_INDEXED = {"title", "facts", "their_reference"}
# Until these, an outgoing request is our draft; afterwards the requested State holds it as
# sent, and a change goes to it as a communication (UNTOC art. 18(13)), never in place.
_BEFORE_TRANSMISSION = frozenset({CaseState.DRAFT, CaseState.PENDING_APPROVAL, CaseState.APPROVED})


def request_locked(case: Case) -> bool:
    """Whether the request has left for the requested State, so is no longer edited in place:
    the two States must keep reading the same request."""
    return case.direction == Direction.OUTGOING and case.status not in _BEFORE_TRANSMISSION


def case_update(*, actor: Any, case_id: int, changes: dict[str, Any]) -> Case:
    """Change descriptive fields (never the status: that is case_transition's job)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError("field.not_editable", field=unknown[0])
    if "title" in changes:
        changes["title"] = validation.required(changes["title"], "title", 300)
    if "legal_bases" in changes:
        changes["legal_bases"] = validation.legal_bases(changes["legal_bases"])
    if "requesting_authority_name" in changes:
        changes["requesting_authority_name"] = validation.bounded(
            changes["requesting_authority_name"] or "", "requesting_authority_name", 300
        ).strip()
    changes.update(validation.request_details({k: changes[k] for k in DETAILS if k in changes}))
    with transaction.atomic():
        case: Case = case_for_write(actor=actor, case_id=case_id, action="case.update")
        if request_locked(case):
            raise DomainError("case.transmitted", case_id=case_id)
        validation.urgency_and_custody(
            changes.get("urgency", case.urgency), changes.get("custody", case.custody)
        )
        diff = {
            k: {"from": getattr(case, k), "to": v}
            for k, v in changes.items()
            if getattr(case, k) != v
        }
        if not diff:
            return case
        # Four eyes on a version: a change to an approved request withdraws the approval.
        approval_withdraw(case=case, actor=actor, because="case.update")
        for k in diff:
            setattr(case, k, changes[k])
        fields = [*diff, "updated_at"]
        if diff.keys() & {"custody", "legal_bases"}:
            # A release ends the limits on custody (ETS 24 art. 16(4), 18(4)); the legal bases
            # may decide which instrument's limits run (UNTOC alone sets none, art. 16(9)).
            case_clocks_recompute(case=case, at=timezone.now())
            fields.append("due_at")
        case.save(update_fields=fields)
        if _INDEXED & diff.keys():
            case_reindex(case)
        audit_record(actor=actor, action="case.update", obj=case, case_id=case.pk, changes=diff)
    return case
