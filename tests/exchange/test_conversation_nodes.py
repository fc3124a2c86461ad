"""The whole case travels between two real node processes (issue 15, deliverable 7).

A (xa-central, XA) and B (xb-central, XB) run their own server and exchange worker, each with
its own database. The conversation is the demo one (``rogatory demo-conversation``): A transmits
its request; B registers it (acknowledgement back), asks for additional information (UNTOC
art. 18(16)), which A answers with a document; B returns evidence in a partial and then a final
execution (art. 18(24)). Then both sides' records are read through ``node_probe``.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from rogatory.apps.proceedings.services.demo_conversation import TITLE
from tests.exchange.nodes import Node, node_pair

WITHDRAWN_TITLE = "Request withdrawn before execution"


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Node, Node]]:
    root = tmp_path_factory.mktemp("conversation")
    a, b = node_pair(root)
    try:
        for node in (a, b):
            node.probe("staff")
            node.start_server()
            node.start_worker()
        yield a, b
    finally:
        a.stop()
        b.stop()
        if os.environ.get("ROGATORY_KEEP_NODES") is None:
            shutil.rmtree(root, ignore_errors=True)


def _until(check: Callable[[], Any], *, seconds: float = 60) -> Any:
    """Poll ``check`` until it returns something truthy (the workers carry messages across)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.3)
    raise AssertionError(f"not reached in {seconds} s: {check}")


def _converse(a: Node, b: Node) -> list[tuple[str, str]]:
    """Each node makes its run of moves when the other's messages have reached it."""
    runs = [
        (a, "A", ("XA", "transmitted to XB", "XB")),
        (b, "B", ("XB", "asked for additional information")),
        (a, "A", ("XA", "answered the request for additional information")),
        (b, "B", ("XB", "returned the final results")),
    ]
    return [(side, move) for node, side, args in runs for move in node.probe("converse", *args)]


def _received_everything(a: Node) -> Any:
    timeline = a.probe("timeline", TITLE, "outgoing")
    return timeline if timeline and timeline[-1]["kind"] == "final_execution" else None


def test_the_whole_conversation_runs_between_two_node_processes(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    # when A and B run the whole conversation of A's request
    moves = _converse(a, b)
    # then each side made its moves in the order of the procedure
    assert moves == [
        ("A", "transmitted to XB"),
        ("B", "registered (acknowledgement sent)"),
        ("B", "assigned"),
        ("B", "under execution"),
        ("B", "asked for additional information"),
        ("A", "answered the request for additional information"),
        ("B", "resumed execution"),
        ("B", "returned partial results"),
        ("B", "returned the final results"),
    ]
    # and both timelines list the same communications in the same order, each sent by one side
    # and received by the other in the same signed message
    a_timeline = _until(lambda: _received_everything(a))
    b_timeline = b.probe("timeline", TITLE, "incoming")
    assert [(c["kind"], c["message_id"], c["text"]) for c in a_timeline] == [
        (c["kind"], c["message_id"], c["text"]) for c in b_timeline
    ]
    assert [c["kind"] for c in b_timeline] == [
        "acknowledgement",
        "in_progress",  # assigned
        "in_progress",  # execution started
        "information_request",
        "information_answer",
        "in_progress",  # execution resumed
        "partial_execution",
        "final_execution",
    ]
    assert [c["sent"] for c in a_timeline] == [not c["sent"] for c in b_timeline]
    assert all(c["message_id"] for c in a_timeline)
    # and A's request and its answer are executed on A's side too
    assert a.probe("clocks", TITLE, "outgoing")["status"] == "executed"
    # and every file arrives with the SHA-256 it was sent with, in the message that carried it
    a_files = a.probe("case-documents", TITLE, "outgoing")
    b_files = b.probe("case-documents", TITLE, "incoming")
    for receiver, sender in ((a_files, b_files), (b_files, a_files)):
        received = [f for f in receiver if f["received"]]
        assert received
        for file in received:
            assert file["sent_sha256"] == file["sha256"]
            assert (file["sha256"], file["message_id"]) in {
                (f["sha256"], f["message_id"]) for f in sender if not f["received"]
            }
    evidence = {f["title"] for f in a_files if f["received"]}
    assert evidence == {"Bank statements 2024", "Bank statements 2025"}
    # and each download of the evidence is audited with its hash, in a chain that verifies
    downloaded = a.probe("download-received", TITLE, "outgoing")
    assert sorted(downloaded["read"].values()) == sorted(
        f["sha256"] for f in a_files if f["received"]
    )
    assert downloaded["audited"] == [
        [pk, "officer", sha256] for pk, sha256 in downloaded["read"].items()
    ]
    assert downloaded["chain_fault"] == ""


def test_a_communication_of_an_unknown_major_version_is_refused_with_nothing_stored(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    _until(lambda: _received_everything(a))  # runs after the conversation (same module)
    before = b.probe("clocks", TITLE, "incoming")
    # when A sends B a communication written under schema 99.0
    sent = a.probe("unknown-major", TITLE, "xb-central")
    # then B refuses it with a signed rejection, which A holds
    rejected = _until(
        lambda: [
            e
            for e in a.probe("evidences")
            if e["message_id"] == sent["message_id"] and e["kind"] == "rejected"
        ]
    )
    assert [e["issuer_node"] for e in rejected] == ["xb-central"]
    # and B stored nothing of it: no accepted message, no communication, no change of its case
    inbox = [r for r in b.probe("inbox") if r["message_id"] == sent["message_id"]]
    assert [r["state"] for r in inbox] in ([], ["rejected"])
    assert b.probe("clocks", TITLE, "incoming") == before


def test_a_withdrawal_stops_the_requested_sides_clocks(nodes: tuple[Node, Node]) -> None:
    a, b = nodes
    # given a second request of A, received at B with B's clock to register it running
    a.probe("open-transmit", WITHDRAWN_TITLE, "XB")
    running = _until(
        lambda: (c := b.probe("clocks", WITHDRAWN_TITLE, "incoming"))["status"] == "received" and c
    )
    assert running["open"]
    # when A withdraws it (UNTOC art. 18(24))
    a.probe("step", WITHDRAWN_TITLE, "outgoing", "supervisor", "withdrawn")
    # then B's case follows to withdrawn and none of its clocks runs any more
    stopped = _until(
        lambda: (c := b.probe("clocks", WITHDRAWN_TITLE, "incoming"))["status"] == "withdrawn" and c
    )
    assert (stopped["open"], stopped["due_at"]) == ([], None)
