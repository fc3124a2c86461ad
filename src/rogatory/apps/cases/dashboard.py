"""Read-only selectors for the dashboard and the case page's team panel.

Each takes the actor and starts from `selectors.case_queryset_for`, so the access rules stay in
one place: a dashboard never shows a case, deadline or event the actor could not open.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant, Deadline
from rogatory.apps.cases.selectors import case_queryset_for

DUE_SOON = timedelta(days=7)


def deadlines_for(
    *, actor: Any, now: datetime | None = None, soon: timedelta = DUE_SOON, limit: int = 50
) -> tuple[list[Deadline], list[Deadline]]:
    """Open deadlines of visible cases: (overdue, due within `soon`), soonest first."""
    now = now or timezone.now()
    visible = case_queryset_for(actor=actor).values("pk")
    rows = list(
        Deadline.objects.filter(case_id__in=visible, met_at__isnull=True, due_at__lte=now + soon)
        .select_related("case")
        .order_by("due_at", "id")[:limit]
    )
    return [d for d in rows if d.due_at < now], [d for d in rows if d.due_at >= now]


def recent_events_for(*, actor: Any, limit: int = 15) -> list[CaseEvent]:
    """The latest timeline events of the cases the actor may see."""
    visible = case_queryset_for(actor=actor).values("pk")
    return list(
        CaseEvent.objects.filter(case_id__in=visible)
        .select_related("case", "actor")
        .order_by("-at", "-id")[:limit]
    )


def case_visible_for(*, actor: Any, case_id: int) -> bool:
    """Whether the actor may still open the case; unlike `case_get_for`, not seeing it is
    an expected answer here (after a step that hands the case on), so no denial is logged."""
    return case_queryset_for(actor=actor).filter(pk=case_id).exists()


def case_team_for(*, actor: Any, case: Case) -> QuerySet[User]:
    """Members of the team of a case already fetched through `case_get_for`."""
    if not case_queryset_for(actor=actor).filter(pk=case.pk).exists():
        return User.objects.none()
    members = CaseGrant.objects.filter(case_id=case.pk, revoked_at=None).values("user_id")
    return User.objects.filter(pk__in=members).order_by("username")
