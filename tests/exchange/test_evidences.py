"""Business evidences: the recipient signs each stage and queues it back to the sender, which
verifies and keeps it. This test database is node B; A and C live in the test process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.exchange.models import Evidence, InboxMessage, OutboxMessage
from rogatory.apps.exchange.selectors import evidences_for_case
from rogatory.apps.exchange.services import case_status_evidence
from rogatory.apps.exchange.services.outbox import message_enqueue, part_paths
from rogatory.core.envelope.fields import new_uuid7
from rogatory.core.envelope.header import header_sha256
from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.receipts import (
    Evidence as EvidenceSignal,
)
from rogatory.core.envelope.receipts import (
    EvidenceType,
    sign_evidence,
    verify_evidence,
)
from rogatory.core.envelope.seal import open_envelope
from tests.exchange.conftest import Network
from tests.exchange.test_receive import REQUEST

pytestmark = pytest.mark.django_db


def _as_a(network: Network, row: OutboxMessage) -> dict[str, Any]:
    """Open a message B queued for A, as A would, and return its manifest metadata."""
    out = network.tmp / f"opened-{row.message_id}"
    out.mkdir()
    opened = open_envelope(
        header_jws=row.header_jws,
        parts=part_paths(row),
        output_dir=out,
        recipient="xa-central",
        identities=[network.a_keys.age_identity],
        registry=network.registry,
        now=datetime.now(UTC),
    )
    return dict(opened.manifest.metadata)


def _evidence_sent(network: Network, row: OutboxMessage) -> EvidenceSignal:
    metadata = _as_a(network, row)
    assert metadata["kind"] == "evidence"
    return verify_evidence(
        metadata["payload"]["evidence"],
        jwks=network.b_node.public_jwks,
        expected_issuer="xb-central",
    )


def _arrived(network: Network) -> tuple[Case, InboxMessage, str]:
    sealed = network.seal(documents=[b"%PDF-1.7 request"], metadata=REQUEST)
    assert network.send(sealed).status_code == 201
    inbox = InboxMessage.objects.get(message_id=sealed.header.message_id)
    assert inbox.case is not None
    return inbox.case, inbox, sealed.header_jws


def test_an_arrival_in_the_case_system_queues_a_signed_delivered_evidence(
    network: Network,
) -> None:
    # given / when a request from A opens an incoming case at B
    case, inbox, header_jws = _arrived(network)
    # then one evidence message waits for A, threaded to A's reference
    row = OutboxMessage.objects.get(kind="evidence")
    assert (row.recipient_node, row.case_id, row.case_reference) == (
        "xa-central",
        case.pk,
        "XA/MLA/2026/000001",
    )
    # and it carries B's signed "delivered" evidence bound to A's header
    signal = _evidence_sent(network, row)
    assert (signal.evidence_type, signal.message_id, signal.sender, signal.reason) == (
        EvidenceType.DELIVERED,
        inbox.message_id,
        "xa-central",
        None,
    )
    assert signal.header_sha256 == header_sha256(header_jws)
    # and B keeps its own copy, visible on the case next to the receipt it issued
    kinds = list(evidences_for_case(case).values_list("kind", "issuer_node"))
    assert kinds == [("receipt", "xb-central"), ("delivered", "xb-central")]


def test_a_follow_up_threaded_into_the_case_is_evidenced_too(network: Network) -> None:
    case, _, _ = _arrived(network)
    follow_up = network.seal(
        documents=[b"%PDF-1.7 more"],
        metadata={"kind": "follow-up", "payload": {}, "sender_reference": None},
    )
    assert network.send(follow_up).status_code == 201
    rows = OutboxMessage.objects.filter(kind="evidence", case=case)
    assert rows.count() == 2
    assert {_evidence_sent(network, r).message_id for r in rows} == {
        InboxMessage.objects.get(message_id=follow_up.header.message_id).message_id,
        InboxMessage.objects.get(kind="request").message_id,
    }


def test_a_ping_is_receipted_without_evidence(network: Network) -> None:
    assert network.send(network.seal()).status_code == 201
    assert not OutboxMessage.objects.filter(kind="evidence").exists()


@pytest.mark.parametrize(
    ("status", "reason", "expected_reason"),
    [
        ("registered", None, None),
        ("executed", None, None),
        ("refused", None, "case.refused"),
        ("refused", "mla.essential_interests", "mla.essential_interests"),
    ],
)
def test_case_status_evidence_queues_the_stage_for_the_requesting_node(
    network: Network, status: str, reason: str | None, expected_reason: str | None
) -> None:
    # given an incoming case opened by A's request
    case, inbox, _ = _arrived(network)
    # when the case reaches a status that carries an evidence
    with transaction.atomic():
        row = case_status_evidence(case=case, status=status, reason=reason)
    # then the signed evidence of that stage is queued for A
    assert row is not None
    signal = _evidence_sent(network, row)
    assert (signal.evidence_type.value, signal.message_id, signal.reason) == (
        status,
        inbox.message_id,
        expected_reason,
    )
    assert Evidence.objects.filter(kind=status, issuer_node="xb-central").count() == 1


def test_case_status_evidence_ignores_other_statuses_and_cases(
    network: Network, open_case: Any
) -> None:
    case, _, _ = _arrived(network)
    outgoing = open_case(requesting_state="XB", requested_state="XA")
    with transaction.atomic():
        assert case_status_evidence(case=case, status="assigned") is None
        assert case_status_evidence(case=outgoing, status="executed") is None
    assert OutboxMessage.objects.filter(kind="evidence").count() == 1  # the "delivered" one


# --- the sending side: B sent a request to A, A answers with evidences -----------------


def _sent_request(open_case: Any) -> tuple[Case, OutboxMessage]:
    case = open_case(requesting_state="XB", requested_state="XA")
    with transaction.atomic():
        row = message_enqueue(
            case=case,
            kind="request",
            payload={"kind": "mla"},
            documents=[],
            recipient_node="xa-central",
        )
    return case, row


def _evidence_from_a(
    network: Network,
    sent: OutboxMessage,
    evidence_type: EvidenceType,
    *,
    signer: NodeKeys | None = None,
    header: str | None = None,
    reason: str | None = None,
) -> str:
    now = datetime.now(UTC).replace(microsecond=0)
    signal = EvidenceSignal(
        evidence_id=new_uuid7(now),
        evidence_type=evidence_type,
        message_id=sent.message_id,
        sender="xb-central",
        recipient="xa-central",
        issuer="xa-central",
        header_sha256=header or sent.header_sha256,
        issued_at=now,
        reason=reason,
    )
    return sign_evidence(signal, key=(signer or network.a_keys).signing)


def _deliver_evidence(
    network: Network, case: Case, token: str, *, sender: str = "xa-central"
) -> InboxMessage:
    keys = network.a_keys if sender == "xa-central" else network.c_keys
    sealed = network.seal(
        sender=sender,
        keys=keys,
        metadata={"kind": "evidence", "payload": {"evidence": token}, "sender_reference": None},
        reference=case.our_reference,
        documents=[],
    )
    assert network.send(sealed).status_code == 201
    return InboxMessage.objects.get(message_id=sealed.header.message_id)


def test_the_sender_verifies_and_keeps_the_peers_evidences(
    network: Network, open_case: Any
) -> None:
    # given a request B sent to A for an outgoing case
    case, sent = _sent_request(open_case)
    # when A's evidences arrive: delivered, registered, then refused
    for stage, reason in (
        (EvidenceType.DELIVERED, None),
        (EvidenceType.REGISTERED, None),
        (EvidenceType.REFUSED, "mla.essential_interests"),
    ):
        inbox = _deliver_evidence(
            network, case, _evidence_from_a(network, sent, stage, reason=reason)
        )
        assert (inbox.delivery_error, inbox.case_id) == ("", case.pk)
    # then they are visible on the case, each verifiable offline with A's key alone
    rows = list(evidences_for_case(case))
    assert [(r.kind, r.issuer_node, r.message_id) for r in rows] == [
        ("delivered", "xa-central", sent.message_id),
        ("registered", "xa-central", sent.message_id),
        ("refused", "xa-central", sent.message_id),
    ]
    assert rows[-1].reason == "mla.essential_interests"
    for row in rows:
        verify_evidence(
            row.token, jwks=network.a_keys.public().jwks(), expected_issuer="xa-central"
        )
    # and each stage is on the case's timeline, the refusal with its ground, and audited
    timeline = list(
        CaseEvent.objects.filter(case=case, kind__startswith="evidence_").values_list(
            "kind", "ground"
        )
    )
    assert timeline == [
        ("evidence_delivered", ""),
        ("evidence_registered", ""),
        ("evidence_refused", "mla.essential_interests"),
    ]
    assert AuditEvent.objects.filter(action="exchange.evidence", case_id=case.pk).count() == 3
    # and an evidence message never causes an evidence in return
    assert not OutboxMessage.objects.filter(kind="evidence").exists()
    # and the same evidence delivered twice is kept once, and not put on the timeline again
    token = rows[0].token
    _deliver_evidence(network, case, token)
    assert evidences_for_case(case, kinds=("delivered",)).count() == 1
    assert CaseEvent.objects.filter(case=case, kind__startswith="evidence_").count() == 3


@pytest.mark.parametrize(
    ("forgery", "code"),
    [
        ("signed_by_c", "registry.key_unknown"),
        ("relayed_by_c", "evidence.wrong_issuer"),
        ("other_header", "evidence.unknown_message"),
    ],
)
def test_a_forged_or_misbound_evidence_is_not_kept(
    network: Network, open_case: Any, forgery: str, code: str
) -> None:
    # given a request B sent to A
    case, sent = _sent_request(open_case)
    token = _evidence_from_a(
        network,
        sent,
        EvidenceType.EXECUTED,
        signer=network.c_keys if forgery == "signed_by_c" else None,
        header="ab" * 32 if forgery == "other_header" else None,
    )
    # when the evidence arrives (sent by C in the relay case)
    inbox = _deliver_evidence(
        network, case, token, sender="xc-central" if forgery == "relayed_by_c" else "xa-central"
    )
    # then the carrying message is receipted but the evidence is refused and not kept
    assert inbox.state == "accepted"
    assert inbox.delivery_error == code
    assert evidences_for_case(case).count() == 0
    assert not Evidence.objects.exclude(kind="receipt").exists()


def test_part_files_stay_in_the_outbox(network: Network) -> None:
    # evidence messages are ordinary sealed messages: their part files exist until sent
    _arrived(network)
    row = OutboxMessage.objects.get(kind="evidence")
    assert all(Path(p).is_file() for p in part_paths(row))


def test_registering_an_arrived_request_sends_the_registered_evidence(
    network: Network, people: Any
) -> None:
    from rogatory.apps.cases.models import CaseGrant
    from rogatory.apps.proceedings.services import case_transition

    # given a request from A that opened an incoming case at B, in the clerk's queue
    case, _, _ = _arrived(network)
    CaseGrant.objects.create(case=case, user=people["clerk"])
    # when the clerk registers it through the workflow
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    # then a signed "registered" evidence is on its way back to A
    rows = OutboxMessage.objects.filter(kind="evidence", case=case).order_by("id")
    stages = [_evidence_sent(network, r).evidence_type for r in rows]
    assert stages == [EvidenceType.DELIVERED, EvidenceType.REGISTERED]


def test_a_not_delivered_evidence_shows_on_the_case_with_its_error(
    network: Network, open_case: Any
) -> None:
    # given a request B sent to A, which A received but its case system could not take
    case, sent = _sent_request(open_case)
    token = _evidence_from_a(
        network, sent, EvidenceType.NOT_DELIVERED, reason="exchange.case_unknown"
    )
    # when A's negative evidence arrives
    inbox = _deliver_evidence(network, case, token)
    # then it is kept and the officer sees on the case why the request did not get through
    assert inbox.delivery_error == ""
    assert list(evidences_for_case(case, kinds=("not-delivered",)).values_list("reason")) == [
        ("exchange.case_unknown",)
    ]
    assert list(
        CaseEvent.objects.filter(case=case, kind__startswith="evidence_").values_list(
            "kind", "reason", "ground"
        )
    ) == [("evidence_not_delivered", "exchange.case_unknown", "")]


@pytest.mark.parametrize(
    ("ground", "status", "recorded_ground"),
    [
        # a ground this node knows: the requesting case records the refusal with it
        ("mla_essential_interests", "refused", "mla_essential_interests"),
        # a bare refusal code: the timeline says it, the status is left to the officer
        ("case.refused", "transmitted", ""),
    ],
)
def test_a_refusal_by_the_requested_state_moves_the_requesting_case_when_its_ground_is_known(
    network: Network, open_case: Any, ground: str, status: str, recorded_ground: str
) -> None:
    # given a request B transmitted to A (UNTOC art. 18(23): reasons are given for a refusal)
    case, sent = _sent_request(open_case)
    Case.objects.filter(pk=case.pk).update(status="transmitted")
    # when A's signed evidence of refusal arrives
    inbox = _deliver_evidence(
        network, case, _evidence_from_a(network, sent, EvidenceType.REFUSED, reason=ground)
    )
    # then it is kept, and the requesting case follows when its table has the step
    assert inbox.delivery_error == ""
    case.refresh_from_db()
    assert (case.status, case.refusal_ground) == (status, recorded_ground)
    transitions = list(
        CaseEvent.objects.filter(case=case, kind="transition").values_list("to_status", "ground")
    )
    assert transitions == ([("refused", ground)] if status == "refused" else [])
