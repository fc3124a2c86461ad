"""Reminders before a deadline expires, and escalation to the supervisors once it has passed.

Run by `rogatory deadlines --notify` (from a timer or the operator). Each open deadline reminds
its case's team once when it comes within settings.DEADLINE_REMIND_DAYS, and is escalated once
when it passes; a deadline whose due time moves (a corrected date) is reminded afresh.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Deadline, WorkQueue
from rogatory.apps.cases.services.notifications import queue_notify
from rogatory.core.deadlines.rules import CLOSING


@dataclass(frozen=True, slots=True)
class AlertReport:
    reminded: int
    escalated: int
    notifications: int


def deadline_alerts_send(*, now: datetime) -> AlertReport:
    soon = now + timedelta(days=settings.DEADLINE_REMIND_DAYS)
    reminded = escalated = notices = 0
    with transaction.atomic():
        rows = (
            Deadline.objects.select_for_update()
            .filter(met_at__isnull=True, due_at__lte=soon)
            .exclude(case__status__in=[s.value for s in CLOSING])
            .select_related("case")
            .order_by("due_at", "id")
        )
        for row in rows:
            if row.due_at < now and row.escalated_at is None:
                notices += len(queue_notify(case=row.case, queue=WorkQueue.DEADLINE_PASSED, at=now))
                row.escalated_at = now
                # A passed limit on custody may mean unlawful detention: on the record.
                audit_record(
                    actor=None,
                    action="deadline.escalated",
                    obj=row,
                    case_id=row.case_id,
                    changes={"code": row.code, "due_at": row.due_at.isoformat()},
                )
                escalated += 1
            if row.reminded_at is None:
                # A limit already passed is escalated instead: no reminder after the fact.
                if row.due_at >= now:
                    notices += len(
                        queue_notify(case=row.case, queue=WorkQueue.DEADLINE_SOON, at=now)
                    )
                    reminded += 1
                row.reminded_at = now
            row.save(update_fields=["reminded_at", "escalated_at"])
    return AlertReport(reminded, escalated, notices)
