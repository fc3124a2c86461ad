"""Work queues: which cases wait for which desk, read with the access rules.

A queue of cases waiting for a step is defined by that step in the transition table, so the
roles that see a queue are exactly the roles that may take its step (four eyes: a supervisor
approves; the registry registers; a supervisor assigns). Every read starts from
`case_queryset_for`, so no count includes a sealed case or another authority's case that the
actor could not open.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from rogatory.apps.cases.models import Case, WorkQueue
from rogatory.apps.cases.selectors import case_queryset_for
from rogatory.core.workflow import TRANSITIONS, CaseState, Direction, Role


@dataclass(frozen=True, slots=True)
class QueueStep:
    direction: Direction
    source: CaseState
    target: CaseState

    @property
    def roles(self) -> frozenset[Role]:
        """Who may take the step, from the one transition table."""
        roles: set[Role] = set()
        for t in TRANSITIONS:
            if (t.direction, t.source, t.target) == (self.direction, self.source, self.target):
                roles |= t.roles
        return frozenset(roles)


# The queues that hold cases waiting for one step of the workflow.
STEP_QUEUES: dict[WorkQueue, QueueStep] = {
    WorkQueue.APPROVE: QueueStep(
        Direction.OUTGOING, CaseState.PENDING_APPROVAL, CaseState.APPROVED
    ),
    WorkQueue.REGISTER: QueueStep(Direction.INCOMING, CaseState.RECEIVED, CaseState.REGISTERED),
    WorkQueue.ASSIGN: QueueStep(Direction.INCOMING, CaseState.REGISTERED, CaseState.ASSIGNED),
}

# The queues fed by something else than a status, and the roles that work them.
OTHER_QUEUE_ROLES: dict[WorkQueue, frozenset[Role]] = {
    # The officer's own cases.
    WorkQueue.MINE: frozenset({Role.CASE_OFFICER, Role.SUPERVISOR}),
    # The registry dispatches outgoing messages; a supervisor answers for them.
    WorkQueue.FAILED_MESSAGES: frozenset({Role.REGISTRY_CLERK, Role.SUPERVISOR}),
    # A possible same person is decided by those who work the case.
    WorkQueue.MATCHES: frozenset({Role.CASE_OFFICER, Role.SUPERVISOR}),
    # A time limit about to expire reminds those who work the case; one that passed is
    # escalated to the supervisors (services/deadline_alerts.py).
    WorkQueue.DEADLINE_SOON: frozenset({Role.CASE_OFFICER, Role.SUPERVISOR}),
    WorkQueue.DEADLINE_PASSED: frozenset({Role.SUPERVISOR}),
}

# Outcomes after which a case needs no more work from its officer beyond closing it.
_DONE = (CaseState.CLOSED, CaseState.WITHDRAWN, CaseState.REFUSED)


def queue_roles(queue: WorkQueue) -> frozenset[Role]:
    step = STEP_QUEUES.get(queue)
    return step.roles if step is not None else OTHER_QUEUE_ROLES[queue]


def queue_for_status(direction: Direction, status: CaseState) -> WorkQueue | None:
    """The step queue a case in this status waits in, if any."""
    for queue, step in STEP_QUEUES.items():
        if (step.direction, step.source) == (direction, status):
            return queue
    return None


def step_queue_for(*, actor: Any, queue: WorkQueue) -> QuerySet[Case]:
    """Visible cases waiting for the queue's step, oldest first; none if the actor's role may
    not take that step."""
    step = STEP_QUEUES[queue]
    if getattr(actor, "role", None) not in step.roles:
        return Case.objects.none()
    return (
        case_queryset_for(actor=actor)
        .filter(direction=step.direction, status=step.source)
        .select_related("requesting_state", "requested_state")
        .order_by("updated_at", "id")
    )


def my_queue_for(*, actor: Any) -> QuerySet[Case]:
    """The actor's own open cases, soonest deadline first and those without one last (NULLs
    sort first on SQLite and last on PostgreSQL unless told)."""
    if getattr(actor, "role", None) not in OTHER_QUEUE_ROLES[WorkQueue.MINE]:
        return Case.objects.none()
    return (
        case_queryset_for(actor=actor)
        .filter(officer_id=actor.pk)
        .exclude(status__in=[s.value for s in _DONE])
        .order_by(F("due_at").asc(nulls_last=True), "id")
    )
