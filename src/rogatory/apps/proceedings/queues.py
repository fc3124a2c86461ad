"""The dashboard's work queues for one user, each with a count and its first items.

Here, above `cases`, `exchange` and `screening`, because two queues are theirs: messages of a
case that failed to send, and possible same persons that screening suggested. Every queue reads
only the cases the actor may open (`case_queryset_for`): a count never reveals a sealed case or
another authority's work.
"""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from rogatory.apps.cases.models import Case, WorkQueue
from rogatory.apps.cases.queues import (
    STEP_QUEUES,
    my_queue_for,
    queue_roles,
    step_queue_for,
)
from rogatory.apps.cases.selectors import case_queryset_for
from rogatory.apps.exchange.models import OutboxMessage, OutboxState
from rogatory.apps.screening.models import MatchStatus, PersonMatch

ITEMS = 5


@dataclass(frozen=True, slots=True)
class QueueItem:
    case: Case
    # What is waiting on this case, when it is more than the case itself (a message kind,
    # the other case of a possible same person).
    detail: str = ""
    other_case: Case | None = None


@dataclass(frozen=True, slots=True)
class Queue:
    queue: WorkQueue
    count: int
    items: list[QueueItem] = field(default_factory=list)
    # The case list's query string that shows the whole queue, when the list can.
    list_query: str = ""

    @property
    def label(self) -> str:
        return str(self.queue.label)


def _cases(queue: WorkQueue, qs: QuerySet[Case], list_query: dict[str, str]) -> Queue:
    items = [QueueItem(case=c) for c in qs[:ITEMS]]
    return Queue(queue, qs.count(), items, urlencode(list_query))


def _failed_messages(actor: Any) -> Queue:
    visible = case_queryset_for(actor=actor).values("pk")
    rows = OutboxMessage.objects.filter(state=OutboxState.FAILED, case_id__in=visible)
    first = list(rows.select_related("case").order_by("-queued_at", "-id")[:ITEMS])
    items = [
        QueueItem(case=m.case, detail=m.failure_reason or m.last_error) for m in first if m.case
    ]
    return Queue(WorkQueue.FAILED_MESSAGES, rows.count(), items)


def _matches(actor: Any) -> Queue:
    visible = case_queryset_for(actor=actor).values("pk")
    # Both sides must be visible: a match never points at a case the actor may not open.
    rows = PersonMatch.objects.filter(
        status=MatchStatus.SUGGESTED, case_id__in=visible, other_case_id__in=visible
    )
    first = list(rows.select_related("case", "other_case").order_by("-score", "id")[:ITEMS])
    items = [QueueItem(case=m.case, other_case=m.other_case) for m in first]
    return Queue(WorkQueue.MATCHES, rows.count(), items)


def work_queues_for(*, actor: Any) -> list[Queue]:
    """The queues the actor's role works, in the order of the day's work."""
    role = getattr(actor, "role", None)
    queues: list[Queue] = []
    for queue, step in STEP_QUEUES.items():
        if role in step.roles:
            query = {"direction": step.direction.value, "status": step.source.value}
            queues.append(_cases(queue, step_queue_for(actor=actor, queue=queue), query))
    if role in queue_roles(WorkQueue.MINE):
        query = {"officer": str(actor.pk), "order": "due"}
        queues.append(_cases(WorkQueue.MINE, my_queue_for(actor=actor), query))
    if role in queue_roles(WorkQueue.FAILED_MESSAGES):
        queues.append(_failed_messages(actor))
    if role in queue_roles(WorkQueue.MATCHES):
        queues.append(_matches(actor))
    return queues
