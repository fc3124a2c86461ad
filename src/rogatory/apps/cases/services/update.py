from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.indexing import case_reindex
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.errors import DomainError

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
)
_INDEXED = {"title", "facts", "their_reference"}


def case_update(*, actor: Any, case_id: int, changes: dict[str, Any]) -> Case:
    """Change descriptive fields (never the status: that is case_transition's job)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError("field.not_editable", field=unknown[0])
    if "title" in changes:
        changes["title"] = validation.required(changes["title"], "title", 300)
    if "legal_bases" in changes:
        changes["legal_bases"] = validation.legal_bases(changes["legal_bases"])
    with transaction.atomic():
        case: Case = case_for_write(actor=actor, case_id=case_id, action="case.update")
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
        for k in diff:
            setattr(case, k, changes[k])
        case.save(update_fields=[*diff, "updated_at"])
        if _INDEXED & diff.keys():
            case_reindex(case)
        audit_record(actor=actor, action="case.update", obj=case, case_id=case.pk, changes=diff)
    return case
