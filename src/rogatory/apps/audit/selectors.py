from typing import Any

from django.db.models import Q, QuerySet

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.audit.services import access_denied
from rogatory.core.errors import DomainError
from rogatory.core.workflow import Role


def audit_events_for(
    *, actor: Any, case_ids: QuerySet[Any] | None = None, case_id: int | None = None
) -> QuerySet[AuditEvent]:
    """Audit events an auditor may read: those of the cases visible to them.

    `case_ids` is the queryset of case ids the actor may see (from the cases selectors), so
    this app needs no knowledge of case access rules.
    """
    if getattr(actor, "role", None) != Role.AUDITOR:
        access_denied(actor=actor, action="audit.read", object_type="audit", object_id="*")
        raise DomainError("audit.forbidden")
    qs = AuditEvent.objects.order_by("-seq")
    if case_id is not None:
        qs = qs.filter(case_id=case_id)
    if case_ids is not None:
        # Node-wide events (users, directory) carry no case; case events only when visible.
        qs = qs.filter(Q(case_id__isnull=True) | Q(case_id__in=case_ids))
    return qs
