"""A hearing by video between two real node processes (issue 19, done-when).

A (xa-central, XA) sends an extradition request to B (xb-central, XB) and proposes a hearing to
take the person's consent to surrender; B counters with a slot its interpreter is free for;
A accepts; B runs every safeguard in order, draws up the minutes in French, signs them and
sends them back; A verifies the node's signature. Each side's moves are ``rogatory
demo-hearing``, its records read through ``rogatory hearings list --json``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.exchange.nodes import Node, node_pair

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Node, Node]]:
    root = tmp_path_factory.mktemp("hearing")
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


def _moves(node: Node, *args: str) -> list[str]:
    ran = node.run("demo-hearing", "--json", *args, check=False)
    assert ran.returncode == 0, ran.stderr[-3000:]
    done = json.loads(ran.stdout)["done"]
    return [line.split(": ", 1)[1] for line in done]


def _hearings(node: Node) -> Any:
    return json.loads(node.run("hearings", "list", "--json").stdout)


def test_a_consent_hearing_runs_from_proposal_to_signed_minutes_between_two_nodes(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    moves: list[tuple[str, str]] = []
    # (about 150 s on an idle machine; a loaded CI host takes several times that)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        made = [("A", m) for m in _moves(a, "--start-with", "XB")]
        made += [("B", m) for m in _moves(b)]
        moves += made
        if moves and moves[-1][1].startswith("received the minutes"):
            break
        if not made:
            time.sleep(0.5)
    # then each side made its moves in the order of the procedure
    assert moves == [
        ("A", "transmitted to XB"),
        ("B", "registered (acknowledgement sent)"),
        ("A", "proposed a consent hearing by video"),
        ("B", "counter-proposed a slot with an interpreter"),
        ("A", "accepted the slot proposed by XB"),
        ("B", "held the hearing, every safeguard recorded"),
        ("B", "drew up, signed and sent the minutes"),
        ("A", "received the minutes (fr), signature of xb-central verified"),
    ]
    (on_a,), (on_b,) = _hearings(a), _hearings(b)
    # and both nodes hold the same hearing, agreed on the same slot, minuted
    assert on_a["uid"] == on_b["uid"]
    assert (on_a["direction"], on_b["direction"]) == ("outgoing", "incoming")
    assert on_a["start"] == on_b["start"]
    assert on_a["status"] == on_b["status"] == "minutes"
    # and the interpreter takes part, with every safeguard of a consent hearing recorded by B
    assert "interpreter" in on_a["participants"]
    assert "interpreter" in on_b["participants"]
    assert on_b["safeguards"] == [
        "attendance",
        "identity",
        "interpreter",
        "rights",
        "lawyer_channel",
        "consent",
        "declarations",
        "surrender_consent",
        "closed",
    ]
    assert on_b["interruptions"] == 1
    # and the consent's date starts B's EAW 10-day clock (FD 2002/584/JHA art. 17(2))
    assert on_b["consent_date"] is not None
    # and the same signed PDF is on both sides, verified against B's key by A
    minutes_a, minutes_b = on_a["minutes"], on_b["minutes"]
    assert minutes_a["sha256"] == minutes_b["sha256"] == minutes_a["document_sha256"]
    assert (minutes_a["signer"], minutes_a["verified"], minutes_a["received"]) == (
        "xb-central",
        True,
        True,
    )
    assert minutes_b["received"] is False
    # and the recording is bound by its hash on both sides
    assert on_a["recordings"] == on_b["recordings"] == ["5" * 64]
