"""Reads of a user's notifications, with the access rules: a notice about a case the user may
no longer open (sealed since, grant revoked) is neither listed nor counted."""

from typing import Any

from django.db.models import QuerySet

from rogatory.apps.cases.models import Notification
from rogatory.apps.cases.selectors import case_queryset_for


def notifications_for(*, actor: Any, unread_only: bool = False) -> QuerySet[Notification]:
    if actor is None or not actor.is_authenticated:
        return Notification.objects.none()
    rows = Notification.objects.filter(
        user_id=actor.pk, case_id__in=case_queryset_for(actor=actor).values("pk")
    )
    if unread_only:
        rows = rows.filter(read_at=None)
    return rows.select_related("case").order_by("-created_at", "-id")


def unread_count_for(*, actor: Any) -> int:
    return notifications_for(actor=actor, unread_only=True).count()
