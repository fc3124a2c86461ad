"""R6: the outbox and the inbox only take allowed transitions, under any interleaving.

A Hypothesis ``RuleBasedStateMachine`` drives the in-process services. This test database is
node B (``xb-central``, the ``network`` fixture) and plays **both ends**: B's outbox sends to
B's own inbox (the registry lists B, so B can address itself), so both the sender's rows and
the receiver's rows are real. Requests go through ``federation.fake.FakeTransport`` into the
Django test client (the node's real views and services), whatever their shape. One fake clock
(``django.utils.timezone.now``) drives sender, receiver and retry policy alike.

Rules: submit; run the worker; peer down / up; lose the reply of B's next POST (a receipt lost
on the way back); B crashes (caches lost, the request in flight never handled); a duplicate
commit; advance the clock (30 s, 5 min, 1 h, 1 day); manual resend (and a refused resend);
A crashes right after claiming (between its DB commit and the HTTP send) or right after B's
answer arrived (before the receipt is recorded); a worker that pauses after claiming and resumes
later with its in-memory rows (also after its lease has passed); a late receipt (pull-mode
answer) for a message A gave up on.
A crash discards the machine's in-memory state (paused workers) and the node's caches; the
invariants are always re-read from the database.

Sized by ROGATORY_R6_EXAMPLES × ROGATORY_R6_STEPS (defaults 50 × 30 for CI; protocol.md's
size is 300 × 60).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from rogatory.apps.exchange.models import (
    Evidence,
    InboxDocument,
    InboxMessage,
    OutboxMessage,
)
from rogatory.apps.exchange.services.inbox import message_commit
from rogatory.apps.exchange.services.keys import forget_cached_keys
from rogatory.apps.exchange.services.outbox import (
    message_enqueue,
    outbox_claim_due,
    outbox_process_due,
    outbox_resend,
    outbox_send,
    retry_policy,
)
from rogatory.apps.exchange.services.pull import outbox_accept_signal
from rogatory.apps.exchange.services.registry import forget_cached_registry
from rogatory.core.envelope.header import EnvelopeHeader
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.receipts import check_receipt_for, verify_receipt
from rogatory.core.envelope.seal import Document
from rogatory.core.errors import DomainError
from rogatory.federation.fake import FakeTransport
from rogatory.federation.transport import Response, TransportError
from tests.exchange.conftest import Network

pytestmark = pytest.mark.django_db

NODE = "xb-central"
EXAMPLES = int(os.environ.get("ROGATORY_R6_EXAMPLES", "50"))
STEPS = int(os.environ.get("ROGATORY_R6_STEPS", "30"))
# The retry policy's give-up period (72 h in production): shorter by default so that a run of
# 30 steps reaches FAILED, resends and late receipts often; 72 gives the protocol's schedule.
GIVE_UP_HOURS = int(os.environ.get("ROGATORY_R6_GIVE_UP_HOURS", "6"))
# The test registry expires 20 days after the test starts: stay well inside it.
CLOCK_LIMIT = timedelta(days=14)


class SenderCrash(BaseException):
    """A dies here: nothing after this point of the send runs (not an error it could catch)."""


@dataclass
class Clock:
    start: datetime
    current: datetime

    def now(self) -> datetime:
        return self.current


@dataclass
class PeerB:
    """The wire between A's worker and B's views, with the faults the rules arm."""

    client: Client
    lost_replies: int = 0  # POSTs B handles whose answer never reaches A
    resets: int = 0  # requests lost before B handles them (B crashed)
    crash_sender_after_reply: bool = False

    def __call__(self, method: str, url: str, body: bytes, headers: Mapping[str, str]) -> Response:
        if self.resets:
            self.resets -= 1
            raise TransportError("transport.connection", "B crashed")
        parts = urlsplit(url)
        reply = self.client.generic(
            method,
            parts.path + (f"?{parts.query}" if parts.query else ""),
            data=body,
            content_type=headers.get("Content-Type", "application/octet-stream"),
            headers={
                k: v
                for k, v in headers.items()
                if k.lower() not in ("content-type", "content-length")
            },
        )
        if method == "POST" and self.crash_sender_after_reply:
            self.crash_sender_after_reply = False
            raise SenderCrash
        if method == "POST" and self.lost_replies:
            self.lost_replies -= 1
            raise TransportError("transport.connection", "reply lost")
        return Response(reply.status_code, reply.get("Content-Type", ""), reply.content)


class Alerts(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Seen:
    """What the invariants last saw of one outbox row (to check each transition)."""

    state: str
    attempts: int
    queued_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    receipt_jws: str
    conflict: bool


@dataclass
class Context:
    network: Network
    clock: Clock
    alerts: Alerts = field(default_factory=Alerts)


class OutboxMachine(RuleBasedStateMachine):
    context: ClassVar[Context]
    # What the run reached, over all examples (printed; the main paths are checked).
    reached: ClassVar[Counter[str]] = Counter()

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.savepoint_create()
        self.clock = self.context.clock
        self.clock.current = self.clock.start
        self.alerts = self.context.alerts
        self.alerts.messages.clear()
        self.peer = PeerB(self.context.network.client)
        self.transport = FakeTransport(self.peer)
        self.documents: dict[str, int] = {}  # message id -> documents submitted
        self.paused: list[OutboxMessage] = []  # rows a paused worker holds in memory
        self.seen: dict[str, Seen] = {}
        self.resent: set[str] = set()  # resent during the current step
        self.registry_jwks = self.context.network.b_node.public_jwks
        self.reached["examples"] += 1

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)
        forget_cached_keys()
        forget_cached_registry()

    # --- helpers ------------------------------------------------------------------------

    def _ids(self, **filters: Any) -> list[str]:
        return sorted(OutboxMessage.objects.filter(**filters).values_list("message_id", flat=True))

    def _advance(self, delta: timedelta) -> bool:
        if self.clock.current + delta >= self.clock.start + CLOCK_LIMIT:
            return False
        self.clock.current += delta
        return True

    # --- rules --------------------------------------------------------------------------

    @rule(sizes=st.lists(st.integers(min_value=0, max_value=300), max_size=2))
    def submit(self, sizes: list[int]) -> None:
        self.reached["rule submit"] += 1
        with transaction.atomic():
            row = message_enqueue(
                case=None,
                kind="ping",
                payload={"n": len(self.documents)},
                documents=[
                    Document(io.BytesIO(os.urandom(size)), f"d{i}.bin")
                    for i, size in enumerate(sizes)
                ],
                recipient_node=NODE,
            )
        assert (row.state, row.queued_at, row.attempts) == ("pending", self.clock.current, 0)
        self.documents[row.message_id] = len(sizes)
        self.reached["submitted"] += 1

    @rule(passes=st.integers(min_value=1, max_value=3))
    def worker_runs(self, passes: int) -> None:
        self.reached["rule worker_runs"] += 1
        for _ in range(passes):
            outbox_process_due(transport=self.transport)

    @rule(event=st.sampled_from(["B down", "B up", "next reply lost", "B crashes"]))
    def network_changes(self, event: str) -> None:
        self.reached["rule network_changes"] += 1
        if event in ("B down", "B up"):
            self.transport.down = event == "B down"
        elif event == "next reply lost":
            # B handles A's next POST, and its answer (the receipt) is lost on the way back
            self.peer.lost_replies = 1
        else:
            # B's caches are lost, and so is the request it was handling
            forget_cached_keys()
            forget_cached_registry()
            self.peer.resets = 1

    @rule(hours=st.sampled_from([1, 6, 24]))
    def b_is_down_for_a_while(self, hours: int) -> None:
        self.reached["rule b_is_down_for_a_while"] += 1
        # an outage: the worker keeps trying every hour; then B is back
        self.transport.down = True
        for _ in range(hours):
            if not self._advance(timedelta(hours=1)):
                break
            outbox_process_due(transport=self.transport)
        self.transport.down = False

    @rule(step=st.sampled_from([30, 300, 3600, 86400]))
    def clock_advances(self, step: int) -> None:
        self.reached["rule clock_advances"] += 1
        self._advance(timedelta(seconds=step))

    @precondition(lambda self: bool(self.documents))
    @rule(data=st.data())
    def duplicate_commit_arrives(self, data: st.DataObject) -> None:
        self.reached["rule duplicate_commit_arrives"] += 1
        message_id = data.draw(st.sampled_from(sorted(self.documents)))
        header = OutboxMessage.objects.get(message_id=message_id).header_jws
        before = InboxMessage.objects.filter(sender_node=NODE, message_id=message_id).first()
        outcome = message_commit(message_id=message_id, header_jws=header.encode("ascii"))
        if before is None:
            return  # a first commit, late: accepted, rejected or refused like any other
        # a commit of a message B already decided gets the stored answer, byte for byte
        self.reached[f"duplicate commit of a message {before.state} at B"] += 1
        if before.state == "accepted":
            assert (outcome.status, outcome.body) == (200, before.receipt_jws.encode("ascii"))
        else:
            assert (outcome.status, outcome.body) == (
                before.rejection_status,
                bytes(before.rejection_body),
            )

    @precondition(lambda self: OutboxMessage.objects.filter(state="failed").exists())
    @rule(data=st.data())
    def operator_resends(self, data: st.DataObject) -> None:
        self.reached["rule operator_resends"] += 1
        message_id = data.draw(st.sampled_from(self._ids(state="failed")))
        row = outbox_resend(message_id=message_id)
        self.resent.add(message_id)
        self.reached["manual resend"] += 1
        assert (row.message_id, row.state, row.attempts, row.queued_at) == (
            message_id,
            "pending",
            0,
            self.clock.current,
        )

    @precondition(lambda self: OutboxMessage.objects.exclude(state="failed").exists())
    @rule(data=st.data())
    def operator_resends_a_message_not_failed(self, data: st.DataObject) -> None:
        self.reached["rule operator_resends_a_message_not_failed"] += 1
        message_id = data.draw(
            st.sampled_from(self._ids(state__in=["pending", "sending", "delivered"]))
        )
        before = OutboxMessage.objects.values().get(message_id=message_id)
        with pytest.raises(DomainError) as refused:
            outbox_resend(message_id=message_id)
        assert refused.value.code == "exchange.not_resendable"
        assert OutboxMessage.objects.values().get(message_id=message_id) == before

    @rule(moment=st.sampled_from(["idle", "after claiming", "before recording the answer"]))
    def a_crashes(self, moment: str) -> None:
        self.reached["rule a_crashes"] += 1
        if moment == "after claiming":
            # killed between the committed claim and the HTTP send
            outbox_claim_due(now=timezone.now())
        elif moment == "before recording the answer":
            # killed after B's answer to a POST arrived, before A records it
            self.peer.crash_sender_after_reply = True
            with contextlib.suppress(SenderCrash):
                outbox_process_due(transport=self.transport)
            self.peer.crash_sender_after_reply = False
        self.paused = []
        forget_cached_keys()
        forget_cached_registry()

    @rule()
    def a_worker_pauses_after_claiming(self) -> None:
        self.reached["rule a_worker_pauses_after_claiming"] += 1
        self.paused.extend(outbox_claim_due(now=timezone.now()))

    @precondition(lambda self: bool(self.paused))
    @rule()
    def the_paused_worker_resumes(self) -> None:
        self.reached["rule the_paused_worker_resumes"] += 1
        paused, self.paused = self.paused, []
        for message in paused:
            outbox_send(message=message, transport=self.transport)

    @precondition(
        lambda self: OutboxMessage.objects.filter(
            state="failed",
            message_id__in=InboxMessage.objects.filter(state="accepted").values("message_id"),
        ).exists()
    )
    @rule(data=st.data())
    def a_late_receipt_arrives(self, data: st.DataObject) -> None:
        self.reached["rule a_late_receipt_arrives"] += 1
        accepted = InboxMessage.objects.filter(state="accepted").values("message_id")
        message_id = data.draw(st.sampled_from(self._ids(state="failed", message_id__in=accepted)))
        token = InboxMessage.objects.get(sender_node=NODE, message_id=message_id).receipt_jws
        state = outbox_accept_signal(
            message_id=message_id,
            content_type="application/jose",
            body=token.encode("ascii"),
            peer=None,
        )
        # recorded, still failed, flagged as a conflict and alerted, never dropped
        row = OutboxMessage.objects.get(message_id=message_id)
        assert (state, row.state, row.conflict, row.receipt_jws) == (
            "failed",
            "failed",
            True,
            token,
        )
        assert f"exchange.late_receipt message={message_id}" in self.alerts.messages

    # --- invariants ---------------------------------------------------------------------

    @invariant()
    def outbox_rows_take_allowed_transitions_only(self) -> None:
        self.reached["steps (and initial checks)"] += 1
        now = self.clock.current
        give_up = retry_policy().give_up_after
        rows = list(OutboxMessage.objects.all())
        assert sorted(r.message_id for r in rows) == sorted(self.documents)
        for row in rows:
            before = self.seen.get(row.message_id)
            resent = row.message_id in self.resent
            assert row.state in ("pending", "sending", "delivered", "failed")
            if before is not None:
                # a terminal state is left only by a manual resend of a failed message
                if before.state == "delivered":
                    assert row.state == "delivered", (row.message_id, before, row.state)
                    assert (row.delivered_at, row.receipt_jws) == (
                        before.delivered_at,
                        before.receipt_jws,
                    )
                if before.state == "failed" and row.state != "failed":
                    assert resent, (row.message_id, before, row.state)
                    assert row.state in ("pending", "sending", "delivered")
                # monotonic timestamps and counters (a resend starts a new period)
                if not resent:
                    assert row.queued_at == before.queued_at
                    assert row.attempts >= before.attempts
                    if before.next_attempt_at is not None and row.next_attempt_at is not None:
                        assert row.next_attempt_at >= before.next_attempt_at
                else:
                    assert row.queued_at >= before.queued_at
            if row.state == "pending":
                assert row.next_attempt_at is not None
                assert row.queued_at <= row.next_attempt_at <= row.queued_at + give_up
            if row.state == "sending":
                assert row.claimed_until is not None
            if row.state == "delivered":
                assert row.receipt_jws
                assert row.delivered_at is not None
                assert row.queued_at <= row.delivered_at <= now
                assert (row.failure_reason, row.next_attempt_at, row.claimed_until) == (
                    "",
                    None,
                    None,
                )
            if row.state == "failed":
                assert row.failure_reason
                assert (row.delivered_at, row.next_attempt_at, row.claimed_until) == (
                    None,
                    None,
                    None,
                )
                newly = before is None or before.state != "failed" or resent
                if newly and row.failure_reason == "non-delivery":
                    # FAILED only once the give-up period has passed
                    assert now >= row.queued_at + give_up, (row.message_id, row.queued_at, now)
                if row.failure_reason != "non-delivery":
                    rejected = InboxMessage.objects.get(sender_node=NODE, message_id=row.message_id)
                    assert (rejected.state, rejected.rejection_code) == (
                        "rejected",
                        row.failure_reason,
                    )
            newly_in = before is None or before.state != row.state or resent
            if newly_in and row.state in ("delivered", "failed"):
                self.reached[f"{row.state}: {row.failure_reason or 'receipt'}"] += 1
            if row.conflict and (before is None or not before.conflict):
                self.reached["late receipt recorded as a conflict"] += 1
            if row.conflict:
                assert row.receipt_jws
                assert f"exchange.late_receipt message={row.message_id}" in self.alerts.messages
            self.seen[row.message_id] = Seen(
                row.state,
                row.attempts,
                row.queued_at,
                row.next_attempt_at,
                row.delivered_at,
                row.receipt_jws,
                row.conflict,
            )
        self.resent.clear()

    @invariant()
    def a_receipt_at_a_means_the_message_is_in_bs_inbox(self) -> None:
        inbox = {r.message_id: r for r in InboxMessage.objects.filter(sender_node=NODE)}
        for row in OutboxMessage.objects.exclude(receipt_jws=""):
            arrived = inbox.get(row.message_id)
            assert arrived is not None, row.message_id
            assert arrived.state == "accepted", row.message_id
            # the very receipt B issued, signed by B and bound to this header
            assert row.receipt_jws == arrived.receipt_jws
            receipt = verify_receipt(row.receipt_jws, jwks=self.registry_jwks, expected_issuer=NODE)
            header = EnvelopeHeader.from_payload(
                parse_compact(row.header_jws, typ="rogatory-envelope+jws").payload
            )
            check_receipt_for(receipt, header_jws=row.header_jws, header=header)
            assert receipt.received_at <= (row.delivered_at or self.clock.current)

    @invariant()
    def b_holds_each_message_at_most_once(self) -> None:
        arrived = list(
            InboxMessage.objects.values_list(
                "sender_node", "message_id", "state", "received_at", "id"
            )
        )
        assert len({(s, m) for s, m, *_ in arrived}) == len(arrived)
        for sender, message_id, state, received_at, pk in arrived:
            assert sender == NODE
            assert message_id in self.documents
            assert received_at <= self.clock.current
            receipts = list(
                Evidence.objects.filter(kind="receipt", message_id=message_id).values_list(
                    "token", flat=True
                )
            )
            if state == "accepted":
                # one receipt ever issued, and the documents stored once
                assert receipts == [InboxMessage.objects.get(pk=pk).receipt_jws]
                assert (
                    InboxDocument.objects.filter(inbox_id=pk).count() == self.documents[message_id]
                )
            else:
                assert receipts == []


def test_the_outbox_and_inbox_hold_their_invariants_under_any_interleaving(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given one clock for both ends, starting now, and B's alerts captured
    start = datetime.now(UTC).replace(microsecond=0)
    clock = Clock(start, start)
    monkeypatch.setattr(timezone, "now", clock.now)
    monkeypatch.setenv("ROGATORY_EXCHANGE_GIVE_UP_SECONDS", str(GIVE_UP_HOURS * 3600))
    context = Context(network, clock)
    logger = logging.getLogger("rogatory.security")
    logger.addHandler(context.alerts)
    OutboxMachine.context = context
    OutboxMachine.reached.clear()
    try:
        # when Hypothesis runs random interleavings of the rules / then every invariant holds
        run_state_machine_as_test(
            OutboxMachine,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        logger.removeHandler(context.alerts)
    print(
        f"\nR6 {EXAMPLES} x {STEPS}, give-up {GIVE_UP_HOURS} h, "
        f"reached: {dict(sorted(OutboxMachine.reached.items()))}"
    )
    # and the run was not vacuous: the worker took messages to a terminal state
    reached = OutboxMachine.reached
    assert reached["delivered: receipt"] + reached["failed: non-delivery"] > 0, reached


def test_a_worker_whose_claim_lapsed_never_fails_a_delivered_message(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a message queued at T and B down until the last attempt, due at T + give-up
    start = datetime.now(UTC).replace(microsecond=0)
    clock = Clock(start, start)
    monkeypatch.setattr(timezone, "now", clock.now)
    transport = FakeTransport(PeerB(network.client), down=True)
    with transaction.atomic():
        row = message_enqueue(case=None, kind="ping", payload={}, documents=[], recipient_node=NODE)
    deadline = start + retry_policy().give_up_after
    clock.current = deadline - timedelta(minutes=1)
    outbox_process_due(transport=transport)
    # and worker 1 claims it at the deadline, then stalls (a long batch, a pause) past its lease
    clock.current = deadline
    stalled = outbox_claim_due(now=deadline)
    clock.current = deadline + timedelta(minutes=6)
    # when B is back, worker 2 takes the lapsed claim and delivers, then B goes down again and
    # worker 1 resumes with its in-memory row
    transport.down = False
    outbox_process_due(transport=transport)
    delivered = OutboxMessage.objects.values_list("state", "receipt_jws").get(pk=row.pk)
    transport.down = True
    for message in stalled:
        outbox_send(message=message, transport=transport)
    # then the message stays delivered with its receipt, and no non-delivery is signed for it
    assert (len(stalled), delivered[0]) == (1, "delivered")
    assert OutboxMessage.objects.values_list("state", "receipt_jws").get(pk=row.pk) == delivered
    assert not Evidence.objects.filter(kind="non-delivery", message_id=row.message_id).exists()
