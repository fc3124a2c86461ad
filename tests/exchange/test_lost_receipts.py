"""R3: receipts lost on the way back are retried; duplicates are suppressed and get the
identical stored receipt (protocol.md, property R3).

One database plays both nodes, as in the state-machine test: B's outbox sends to B's own inbox
through B's real views, and the wire between them drops the answer of a random 30 % of the
commits after B has handled them. CI size: 200 messages; ``ROGATORY_R3_MESSAGES=2000`` is the
protocol's size.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from rogatory.apps.exchange.models import Evidence, InboxMessage, OutboxMessage
from rogatory.apps.exchange.services.outbox import message_enqueue, outbox_process_due
from rogatory.federation.fake import FakeTransport
from rogatory.federation.transport import Response, TransportError
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db

NODE = "xb-central"


@dataclass
class LossyWire:
    """B handles every request; the answer to a random share of the commits never arrives."""

    client: Client
    loss: float
    rng: random.Random
    lost_after_stored: int = 0  # answers lost for messages B had stored (each needs a retry)
    duplicates_answered: int = 0
    answers: dict[str, bytes] = field(default_factory=dict)

    def __call__(self, method: str, url: str, body: bytes, headers: Mapping[str, str]) -> Response:
        path = urlsplit(url).path
        reply = self.client.generic(
            method, path, data=body, content_type=headers.get("Content-Type", "")
        )
        answer = Response(reply.status_code, reply.get("Content-Type", ""), reply.content)
        results = json.loads(answer.body)["results"] if path.endswith("/batch") else []
        for item in results:
            if item["status"] == 200:  # a duplicate: B answered with what it stored
                self.duplicates_answered += 1
                assert item["body"].encode() == self.answers[item["message_id"]]
            self.answers.setdefault(item["message_id"], item["body"].encode())
        if method == "POST" and self.rng.random() < self.loss:
            self.lost_after_stored += sum(1 for item in results if item["status"] in (200, 201))
            raise TransportError("transport.connection", "answer lost")
        return answer


def test_lost_receipts_are_retried_and_every_duplicate_gets_the_identical_receipt(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given messages queued for B, and a wire that loses 30 % of the answers to commits
    total = int(os.environ.get("ROGATORY_R3_MESSAGES", "200"))
    clock = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    with transaction.atomic():
        ids = [
            message_enqueue(
                case=None, kind="ping", payload={"n": n}, documents=[], recipient_node=NODE
            ).message_id
            for n in range(total)
        ]
    wire = LossyWire(network.client, 0.3, random.Random(3))
    transport = FakeTransport(wire)
    # when the worker runs, with the retry clock moving on, until nothing is left to send
    for _ in range(200):
        outbox_process_due(transport=transport, now=clock[0], limit=50)
        if not OutboxMessage.objects.exclude(state="delivered").exists():
            break
        clock[0] += timedelta(hours=1)
    # then every message is delivered once, with exactly the receipt B stored for it
    assert wire.lost_after_stored > 0
    assert OutboxMessage.objects.filter(state="delivered").count() == total
    assert InboxMessage.objects.filter(message_id__in=ids).count() == total
    stored = dict(InboxMessage.objects.values_list("message_id", "receipt_jws"))
    held = dict(OutboxMessage.objects.values_list("message_id", "receipt_jws"))
    assert held == stored
    assert all(wire.answers[i] == stored[i].encode() for i in ids)
    assert Evidence.objects.filter(kind="receipt", message_id__in=ids).count() == total
    # and each lost answer was followed by exactly one duplicate, answered with the stored bytes
    assert wire.duplicates_answered == wire.lost_after_stored
