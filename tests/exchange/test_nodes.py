"""Two real nodes (A = xa-central, B = xb-central) on loopback, each with its own database.

R1 runs with ROGATORY_R1_MESSAGES messages at ROGATORY_R1_RATE per second and
ROGATORY_R1_KILLS SIGKILLs of B (defaults 1,000 / 30 / 5 for CI; protocol.md's CI size is
10,000 / 30 / 20 and takes about six minutes).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from rogatory.core.envelope.header import EnvelopeHeader, header_sha256
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.receipts import check_receipt_for, verify_evidence, verify_receipt
from rogatory.federation.transport import HttpTransport
from tests.exchange.nodes import BIN, Node, node_pair


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Node, Node]]:
    root = tmp_path_factory.mktemp("nodes")
    a, b = node_pair(root)
    b.start_server()
    yield a, b
    a.stop()
    b.stop()
    shutil.rmtree(root, ignore_errors=True)


def _check_receipts(rows: list[dict[str, str]], b: Node) -> None:
    for row in rows:
        receipt = verify_receipt(row["receipt_jws"], jwks=b.jwks, expected_issuer="xb-central")
        header = EnvelopeHeader.from_payload(
            parse_compact(row["header_jws"], typ="rogatory-envelope+jws").payload
        )
        check_receipt_for(receipt, header_jws=row["header_jws"], header=header)
        assert receipt.header_sha256 == header_sha256(row["header_jws"])


def test_a_request_from_a_opens_an_incoming_case_at_b(nodes: tuple[Node, Node]) -> None:
    a, b = nodes
    # given an approved outgoing request queued at A
    sent = a.probe("request", "xb-central")
    # when A's worker runs one pass
    a.run("exchange", "worker", "--once")
    # then A holds B's verified receipt and B registered an incoming case
    outbox = {r["message_id"]: r for r in a.probe("outbox")}
    assert outbox[sent["message_id"]]["state"] == "delivered"
    _check_receipts([outbox[sent["message_id"]]], b)
    inbox = {r["message_id"]: r for r in b.probe("inbox")}
    arrived = inbox[sent["message_id"]]
    assert (arrived["state"], arrived["case__status"], arrived["case__their_reference"]) == (
        "accepted",
        "received",
        sent["reference"],
    )
    # and when B's worker runs once, A holds B's signed "delivered" evidence for that request
    a.start_server()
    try:
        b.run("exchange", "worker", "--once")
    finally:
        a.kill_server()
    evidences = [e for e in a.probe("evidences") if e["message_id"] == sent["message_id"]]
    assert [(e["kind"], e["issuer_node"]) for e in evidences] == [
        ("receipt", "xb-central"),
        ("delivered", "xb-central"),
    ]
    signal = verify_evidence(evidences[1]["token"], jwks=b.jwks, expected_issuer="xb-central")
    assert signal.header_sha256 == header_sha256(outbox[sent["message_id"]]["header_jws"])


def test_b_witnesses_a_checkpoint_and_a_receipt_quotes_b_signed_checkpoint(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    # given a request A queued (A's audit log grew) and delivered to B
    sent = a.probe("request", "xb-central")
    a.run("exchange", "worker", "--once")
    # when A publishes its audit checkpoint to its peers as witnesses
    published = json.loads(a.run("exchange", "witness", "--json").stdout)
    # then B verified it and cosigned, over HTTP
    assert published["cosigned"] == ["xb-central"]
    assert published["failed"] == {}
    assert published["tree_size"] > 0
    # and B's receipt for the request quotes B's own signed checkpoint note
    row = next(r for r in a.probe("outbox") if r["message_id"] == sent["message_id"])
    receipt = verify_receipt(row["receipt_jws"], jwks=b.jwks, expected_issuer="xb-central")
    assert receipt.audit_checkpoint.startswith("rogatory.node/xb-central\n")


def test_pull_mode_delivers_to_a_node_without_inbound_connections(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    # given A serves its outbox and holds a message for B
    a.start_server()
    try:
        queued = json.loads(a.run("exchange", "ping", "xb-central", "--json").stdout)
        message_id = queued["message_ids"][0]
        # when B polls A once
        polled = json.loads(
            b.run("exchange", "poll", "--from", "xa-central", "--once", "--json").stdout
        )
    finally:
        a.kill_server()
    # then B committed it and A recorded B's signed receipt
    outbox = {r["message_id"]: r for r in a.probe("outbox")}
    assert polled["handled"] == 1
    assert outbox[message_id]["state"] == "delivered"
    _check_receipts([outbox[message_id]], b)
    assert message_id in {r["message_id"] for r in b.probe("inbox")}


def test_no_message_is_lost_or_duplicated_when_the_receiver_is_killed(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    total = int(os.environ.get("ROGATORY_R1_MESSAGES", "1000"))
    rate = float(os.environ.get("ROGATORY_R1_RATE", "30"))
    kills = int(os.environ.get("ROGATORY_R1_KILLS", "5"))
    rng = random.Random(os.environ.get("ROGATORY_R1_SEED", "1"))
    before = {r["message_id"] for r in a.probe("outbox")}
    # given A's worker running and a client submitting messages of 1-64 KiB at a steady rate
    a.start_worker("--threads", "4")
    submit = subprocess.Popen(
        [
            str(BIN / "rogatory"),
            "exchange",
            "ping",
            "xb-central",
            "--count",
            str(total),
            "--rate",
            str(rate),
            "--size",
            "1024-65536",
            "--json",
        ],
        env=a.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # when B is killed with SIGKILL at random instants and restarted after 0.5-3 s
    duration = total / rate
    instants = sorted(rng.uniform(0.05, 0.95) * duration for _ in range(kills))
    started = time.monotonic()
    for instant in instants:
        time.sleep(max(0.0, started + instant - time.monotonic()))
        b.kill_server()
        time.sleep(rng.uniform(0.5, 3.0))
        b.start_server()
    out, err = submit.communicate(timeout=duration * 3 + 120)
    assert submit.returncode == 0, err
    submitted = set(json.loads(out)["message_ids"])
    # then every message is delivered exactly once with a valid receipt, none FAILED, within
    # 120 s of the last submission (which comes after the last restart; on a loaded machine
    # the paced submission can outlast the kills by minutes)
    settled = time.monotonic()
    while True:
        rows = [r for r in a.probe("outbox") if r["message_id"] in submitted]
        finished = time.monotonic()
        if sum(r["state"] == "delivered" for r in rows) == total or finished > settled + 120:
            break
        time.sleep(2)
    a.stop_worker()
    states = {}
    for row in rows:
        states[row["state"]] = states.get(row["state"], 0) + 1
    assert states == {"delivered": total}
    assert finished - settled <= 120
    _check_receipts(rows, b)
    inbox = [r for r in b.probe("inbox") if r["message_id"] in submitted]
    assert len(inbox) == total
    assert {r["message_id"] for r in inbox} == submitted
    assert {r["state"] for r in inbox} == {"accepted"}
    assert not (submitted & before)


def test_a_forged_commit_over_http_is_refused_and_not_stored(nodes: tuple[Node, Node]) -> None:
    a, b = nodes
    # given a real header from A for B, with one bit of its signature flipped
    queued = json.loads(a.run("exchange", "ping", "xb-central", "--json").stdout)
    row = next(r for r in a.probe("outbox") if r["message_id"] == queued["message_ids"][0])
    head, payload, signature = row["header_jws"].split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    # when it is committed to B over HTTP
    reply = HttpTransport().request(
        "POST",
        f"{b.endpoint}/messages/{row['message_id']}/commit",
        body=f"{head}.{payload}.{flipped}".encode(),
        headers={"Content-Type": "application/jose"},
    )
    # then B answers 403 with the error shape and stores nothing
    assert reply.status == 403
    assert json.loads(reply.body)["code"] == "jws.signature_invalid"
    assert row["message_id"] not in {r["message_id"] for r in b.probe("inbox")}
