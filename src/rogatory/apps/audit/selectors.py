from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.audit.services import access_denied
from rogatory.core.errors import DomainError
from rogatory.core.workflow import Role


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """What the auditor narrows the trail to; None leaves a filter off.

    ``before`` pages: events with a lower sequence number (the chain's order), so a page costs
    an index range, never a count of the whole trail.
    """

    actor: str | None = None
    since: date | None = None
    until: date | None = None
    before: int | None = None


def _day_start(day: date) -> datetime:
    # Periods are whole days in UTC, the time the chain records.
    return datetime.combine(day, time.min, tzinfo=UTC)


def audit_events_for(
    *,
    actor: Any,
    case_ids: QuerySet[Any] | None = None,
    case_id: int | None = None,
    filters: AuditFilters | None = None,
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
    f = filters or AuditFilters()
    if f.actor:
        qs = qs.filter(actor__icontains=f.actor)
    if f.since is not None:
        qs = qs.filter(at__gte=_day_start(f.since))
    if f.until is not None:
        qs = qs.filter(at__lt=_day_start(f.until) + timedelta(days=1))
    if f.before is not None:
        qs = qs.filter(seq__lt=f.before)
    return qs
