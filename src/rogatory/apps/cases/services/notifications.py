"""Notices that work landed in a user's queue, written by the service that put it there."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case, Notification, WorkQueue
from rogatory.apps.cases.queues import queue_for_status, queue_roles
from rogatory.apps.cases.selectors import visible_cases_q
from rogatory.core.workflow import CaseState, Direction


def _recipients(case: Case, queue: WorkQueue) -> list[User]:
    if queue is WorkQueue.MINE:
        officer = case.officer
        candidates = [officer] if officer is not None and officer.is_active else []
    else:
        candidates = list(
            User.objects.filter(
                authority_id=case.owner_authority_id,
                is_active=True,
                role__in=[r.value for r in queue_roles(queue)],
            ).order_by("id")
        )
    # Only those who may open the case: a sealed case notifies its team alone.
    return [
        u
        for u in candidates
        if u.role in queue_roles(queue)
        and Case.objects.filter(visible_cases_q(u), pk=case.pk).exists()
    ]


def queue_notify(
    *, case: Case, queue: WorkQueue, actor: Any = None, at: datetime | None = None
) -> list[Notification]:
    """Notify each user who works `queue` and may see `case`, except the actor who put it
    there; a user who has an unread notice of the same case in the same queue gets no second.
    """
    at = at or timezone.now()
    actor_id = getattr(actor, "pk", None)
    users = [u for u in _recipients(case, queue) if u.pk != actor_id]
    unread = set(
        Notification.objects.filter(
            case=case, queue=queue, read_at=None, user__in=users
        ).values_list("user_id", flat=True)
    )
    rows = [
        Notification(user=u, case=case, queue=queue, created_at=at)
        for u in users
        if u.pk not in unread
    ]
    # Under row security the actor sees only their own notices, so a colleague's unread one
    # may be missing from `unread`: the unique rule on unread notices keeps it single.
    return Notification.objects.bulk_create(rows, ignore_conflicts=True)


def case_queued_notify(*, case: Case, actor: Any = None) -> list[Notification]:
    """After a case arrived or changed status: notify the desk whose queue it now waits in
    (a supervisor for a submitted draft, the registry for an arrival, a supervisor to assign,
    the officer a case was assigned to)."""
    status = CaseState(case.status)
    queue = (
        WorkQueue.MINE
        if status is CaseState.ASSIGNED
        else queue_for_status(Direction(case.direction), status)
    )
    if queue is None:
        return []
    return queue_notify(case=case, queue=queue, actor=actor)


def notifications_read(*, actor: Any, notification_id: int | None = None) -> int:
    """Mark one of the actor's notices, or all of them, as read; returns how many changed.
    Another user's notice is never touched (the filter is on the actor)."""
    with transaction.atomic():
        rows = Notification.objects.filter(user_id=actor.pk, read_at=None)
        if notification_id is not None:
            rows = rows.filter(pk=notification_id)
        return rows.update(read_at=timezone.now())
