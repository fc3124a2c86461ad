"""Work queues per role and the notices that tell a user work landed in one."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from rogatory.apps.cases.models import Case, Notification, WorkQueue
from rogatory.apps.cases.notices import notifications_for, unread_count_for
from rogatory.apps.cases.services.notifications import notifications_read
from rogatory.apps.exchange.models import OutboxMessage, OutboxState
from rogatory.apps.proceedings.queues import Queue, work_queues_for
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.screening.models import PersonMatch

pytestmark = pytest.mark.django_db


def _queues(actor: Any) -> dict[WorkQueue, Queue]:
    return {q.queue: q for q in work_queues_for(actor=actor)}


def _refs(queue: Queue) -> list[str]:
    return [i.case.our_reference for i in queue.items]


def _submitted(open_case: Any, people: Any, **fields: Any) -> Case:
    case: Case = open_case("officer", **fields)
    case_transition(actor=people["officer"], case_id=case.pk, target="pending_approval")
    return case


def test_each_role_works_its_own_queues(people: Any) -> None:
    assert list(_queues(people["clerk"])) == [
        WorkQueue.REGISTER,
        WorkQueue.FAILED_MESSAGES,
    ]
    assert list(_queues(people["officer"])) == [WorkQueue.MINE, WorkQueue.MATCHES]
    assert list(_queues(people["supervisor"])) == [
        WorkQueue.APPROVE,
        WorkQueue.REGISTER,
        WorkQueue.ASSIGN,
        WorkQueue.MINE,
        WorkQueue.FAILED_MESSAGES,
        WorkQueue.MATCHES,
    ]
    assert work_queues_for(actor=people["auditor"]) == []
    assert work_queues_for(actor=people["admin"]) == []


def test_a_submitted_draft_waits_for_the_supervisors_approval(open_case: Any, people: Any) -> None:
    # given a draft submitted for approval, and another still in drafting
    submitted = _submitted(open_case, people)
    open_case("officer")
    # then it is the one draft in the supervisor's queue, and in no other authority's
    approve = _queues(people["supervisor"])[WorkQueue.APPROVE]
    assert (approve.count, _refs(approve)) == (1, [submitted.our_reference])
    assert approve.list_query == "direction=outgoing&status=pending_approval"
    assert _queues(people["foreign_supervisor"])[WorkQueue.APPROVE].count == 0


def test_a_sealed_draft_is_counted_only_for_its_team(open_case: Any, people: Any) -> None:
    _submitted(open_case, people, sealed=True)
    assert _queues(people["supervisor"])[WorkQueue.APPROVE].count == 0


def test_arrivals_wait_for_the_registry_then_for_assignment(open_case: Any, people: Any) -> None:
    # given an incoming request entered by a supervisor
    case = open_case("supervisor", direction="incoming")
    assert _refs(_queues(people["clerk"])[WorkQueue.REGISTER]) == [case.our_reference]
    # when the clerk registers it
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    # then it leaves the registry's queue and waits for a supervisor to assign it
    assert _queues(people["clerk"])[WorkQueue.REGISTER].count == 0
    assign = _queues(people["supervisor"])[WorkQueue.ASSIGN]
    assert (assign.count, _refs(assign)) == (1, [case.our_reference])


def test_my_cases_put_the_nearest_deadline_first_and_none_last(open_case: Any, people: Any) -> None:
    # given three of the officer's cases: no deadline, a late one, an early one, and one
    # withdrawn
    none, late, early, withdrawn = (open_case("officer") for _ in range(4))
    now = timezone.now()
    Case.objects.filter(pk=none.pk).update(due_at=None)
    Case.objects.filter(pk=late.pk).update(due_at=now + timedelta(days=9))
    Case.objects.filter(pk=early.pk).update(due_at=now + timedelta(days=2))
    case_transition(
        actor=people["supervisor"], case_id=withdrawn.pk, target="withdrawn", reason="Not needed"
    )
    mine = _queues(people["officer"])[WorkQueue.MINE]
    assert _refs(mine) == [early.our_reference, late.our_reference, none.our_reference]
    assert mine.count == 3


def _failed(case: Case, n: int) -> OutboxMessage:
    return OutboxMessage.objects.create(
        message_id=f"00000000-0000-7000-8000-{n:012d}",
        recipient_node="xb-node",
        case=case,
        kind="request",
        header_jws="h",
        header_sha256="0" * 64,
        part_count=1,
        state=OutboxState.FAILED,
        queued_at=timezone.now(),
        failure_reason="non-delivery",
    )


def test_failed_messages_count_only_cases_the_user_may_see(open_case: Any, people: Any) -> None:
    # given a failed message on an open case and one on a sealed case of another team
    visible = open_case("officer")
    sealed = open_case("colleague", sealed=True)
    _failed(visible, 1)
    _failed(sealed, 2)
    # then the supervisor's queue shows only the first
    failed = _queues(people["supervisor"])[WorkQueue.FAILED_MESSAGES]
    assert (failed.count, _refs(failed)) == (1, [visible.our_reference])
    assert failed.items[0].detail == "non-delivery"
    assert _queues(people["clerk"])[WorkQueue.FAILED_MESSAGES].count == 0


def test_matches_to_review_never_point_at_a_case_the_user_may_not_see(
    open_case: Any, people: Any
) -> None:
    a, b = open_case("officer"), open_case("officer")
    sealed = open_case("colleague", sealed=True)
    for other in (b, sealed):
        PersonMatch.objects.create(
            person=a.persons.get(),
            case=a,
            other_person=other.persons.get(),
            other_case=other,
            score=0.97,
        )
    matches = _queues(people["officer"])[WorkQueue.MATCHES]
    assert matches.count == 1
    assert matches.items[0].other_case == b


def test_submitting_a_draft_notifies_the_supervisors_not_the_submitter(
    open_case: Any, people: Any
) -> None:
    case = _submitted(open_case, people)
    rows = Notification.objects.filter(case=case)
    assert [(n.user.username, n.queue) for n in rows] == [("supervisor", WorkQueue.APPROVE)]
    assert unread_count_for(actor=people["supervisor"]) == 1
    assert unread_count_for(actor=people["officer"]) == 0
    assert unread_count_for(actor=people["foreign_supervisor"]) == 0


def test_each_step_notifies_the_next_desk(open_case: Any, people: Any) -> None:
    # an arrival tells the registry; registration tells the supervisors; assignment the officer
    case = open_case("supervisor", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    got = [(n.user.username, n.queue) for n in Notification.objects.order_by("id")]
    assert got == [
        ("clerk", WorkQueue.REGISTER),
        ("supervisor", WorkQueue.ASSIGN),
        ("officer", WorkQueue.MINE),
    ]


def test_a_sealed_arrival_notifies_no_one_outside_its_team(open_case: Any, people: Any) -> None:
    open_case("supervisor", direction="incoming", sealed=True)
    assert Notification.objects.count() == 0


def test_a_notice_of_a_case_since_sealed_is_neither_listed_nor_counted(
    open_case: Any, people: Any
) -> None:
    case = _submitted(open_case, people)
    Case.objects.filter(pk=case.pk).update(sealed=True)
    assert unread_count_for(actor=people["supervisor"]) == 0
    assert list(notifications_for(actor=people["supervisor"])) == []


def test_marking_read_touches_only_the_users_own_notices(open_case: Any, people: Any) -> None:
    # given notices for the supervisor and for the clerk
    _submitted(open_case, people)
    open_case("supervisor", direction="incoming")
    mine = Notification.objects.get(user=people["supervisor"])
    # when the clerk tries to mark the supervisor's notice read, then the supervisor does
    assert notifications_read(actor=people["clerk"], notification_id=mine.pk) == 0
    assert unread_count_for(actor=people["supervisor"]) == 1
    assert notifications_read(actor=people["supervisor"], notification_id=mine.pk) == 1
    # then only the supervisor's notice is read
    assert unread_count_for(actor=people["supervisor"]) == 0
    assert unread_count_for(actor=people["clerk"]) == 1
