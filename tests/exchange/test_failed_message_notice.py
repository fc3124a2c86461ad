"""A message the worker gives up on reaches the desk that works failed messages (issue 13:
the "messages that failed to send" queue existed but nobody was told)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction

from rogatory.apps.cases.models import Notification, WorkQueue
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.exchange.services.outbox import message_enqueue, outbox_process_due
from rogatory.federation.fake import FakeTransport
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db


def test_a_message_given_up_notifies_the_supervisor_who_may_see_the_case(
    network: Network, open_case: Any, people: dict[str, Any]
) -> None:
    # given a case's message queued for a peer that stays down
    case = open_case("officer")
    queued = datetime.now(UTC).replace(microsecond=0)
    with transaction.atomic():
        message = message_enqueue(
            case=case,
            kind="ping",
            payload={"n": 1},
            documents=[],
            recipient_node="xa-central",
            now=queued,
        )
    transport = FakeTransport(down=True)
    before = Notification.objects.count()

    # when the worker runs at every due time until it gives up
    clock = queued
    while message.state != "failed":
        outbox_process_due(transport=transport, now=clock)
        message = OutboxMessage.objects.get(pk=message.pk)
        clock = message.next_attempt_at or clock

    # then the supervisor gets one notice in the failed-messages queue; the clerk works that
    # queue too but may not see this officer's outgoing draft, so is not told of it
    notices = Notification.objects.filter(queue=WorkQueue.FAILED_MESSAGES, case=case)
    assert before == 0
    assert [n.user.username for n in notices] == ["supervisor"]
