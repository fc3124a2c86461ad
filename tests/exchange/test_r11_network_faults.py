"""R11 (protocol.md §6.1): network faults create no loss, no duplicate, and no signal the
receiver did not sign is believed.

A reaches B only through tests.security.fault_proxy, whose faults rotate every 4 s: latency,
slices of a few bytes, TCP resets, hangs, answers forged by the proxy (unsigned "receipts",
unsigned rejections, 503s, cut bodies) and clean periods. A queues ROGATORY_R11_MESSAGES
(default 400; 5,000 in protocol.md) at 10 per second, some with a document. Pass: every
message is delivered; B's inbox holds each exactly once and nothing else; the receipt A keeps
for each is the very one B issued (no forged receipt accepted) and no message was given up on
a forged rejection.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator

import pytest

from tests.exchange.nodes import Node, node_pair
from tests.security.fault_proxy import FaultProxy
from tests.security.nodes_support import probe, wait_delivered

pytestmark = [pytest.mark.slow, pytest.mark.reliability]


@pytest.fixture
def faulty_link(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Node, Node, FaultProxy]]:
    root = tmp_path_factory.mktemp("r11")
    proxy = FaultProxy(period=4.0, seed=int(os.environ.get("ROGATORY_R11_SEED", "11")))
    a, b = node_pair(root, b_endpoint_for_a=proxy.endpoint)
    proxy.target_port = b.port
    proxy.start()
    b.start_server()
    a.start_worker()
    yield a, b, proxy
    a.stop()
    b.stop()
    proxy.stop()
    shutil.rmtree(root, ignore_errors=True)


def test_network_faults_lose_nothing_duplicate_nothing_and_forge_nothing(
    faulty_link: tuple[Node, Node, FaultProxy],
) -> None:
    a, b, proxy = faulty_link
    count = int(os.environ.get("ROGATORY_R11_MESSAGES", "400"))
    # given messages queued at a steady rate, a fifth of them with a 100 KiB document (which
    # takes the chunked path rather than a batch)
    ids = set(probe(a, "pings", str(count - count // 5), "10", "xb-central"))
    ids |= set(probe(a, "pings", str(count // 5), "10", "xb-central", str(100 * 1024)))
    # when they cross the faulty link
    rows = wait_delivered(a, ids, timeout=1200)
    sent = probe(a, "receipts", "outbox")
    kept = probe(b, "receipts", "inbox")
    inbox = probe(b, "inbox")
    print(json.dumps({"R11_messages": count, "connections_per_fault": proxy.counts}))
    # then all were delivered, none given up
    assert sorted(r["state"] for r in rows) == ["delivered"] * count
    # and B holds each exactly once, nothing else
    received = [m for s, m, _ in inbox["messages"] if s == "xa-central"]
    assert len(received) == len(set(received)) == count
    assert set(received) == ids
    # and every receipt A holds is the one B signed
    assert {m: sent[m] for m in ids} == {m: kept[m] for m in ids}
    # and every fault was met
    assert all(proxy.counts[f] > 0 for f in ("latency", "slicer", "reset", "forge")), proxy.counts
