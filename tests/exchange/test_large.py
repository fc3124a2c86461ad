"""R7: a large evidence file survives SIGKILLs of the receiver mid-transfer, resumes, and both
node processes stay in bounded memory.

A sends one file of ROGATORY_R7_BYTES bytes (default 256 MiB, protocol.md's CI size; the
nightly size is 5 GiB) to B through a counting proxy; B's server is killed with SIGKILL at
ROGATORY_R7_KILLS random byte offsets of the transfer (default 5, seed ROGATORY_R7_SEED) and
restarted after 0.5-2 s. Pass: the file arrives once with the same SHA-256; the bytes A put on
the wire are at most the sealed size + one 8 MiB chunk per kill (+ 1 MiB for HTTP framing);
no document is visible at B before the commit; peak RSS (VmHWM) of A's worker and of every B
server process < 300 MiB. Figures are printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rogatory.federation.chunks import CHUNK_SIZE
from tests.exchange.nodes import Node, node_pair, peak_rss_kib
from tests.exchange.proxy import CountingProxy

MIB = 1024 * 1024
RSS_LIMIT_KIB = 300 * 1024


def _random_file(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    with path.open("wb") as out:
        left = size
        while left:
            block = os.urandom(min(left, 4 * MIB))
            digest.update(block)
            out.write(block)
            left -= len(block)
    return digest.hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while block := src.read(4 * MIB):
            digest.update(block)
    return digest.hexdigest()


@pytest.fixture
def proxied_nodes(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Node, Node, CountingProxy]]:
    root = tmp_path_factory.mktemp("large")
    proxy = CountingProxy()
    a, b = node_pair(root, b_endpoint_for_a=proxy.endpoint)
    proxy.target_port = b.port
    proxy.start()
    yield a, b, proxy
    a.stop()
    b.stop()
    proxy.stop()
    shutil.rmtree(root, ignore_errors=True)


def test_a_large_file_survives_receiver_kills_and_resumes_in_bounded_memory(
    proxied_nodes: tuple[Node, Node, CountingProxy],
) -> None:
    a, b, proxy = proxied_nodes
    size = int(os.environ.get("ROGATORY_R7_BYTES", str(256 * MIB)))
    kills = int(os.environ.get("ROGATORY_R7_KILLS", "5"))
    rng = random.Random(os.environ.get("ROGATORY_R7_SEED", "7"))
    # given a large random file queued at A for B
    source = a.root / "evidence.bin"
    expected = _random_file(source, size)
    queued = a.probe("large", str(source), "xb-central")
    message_id = queued["message_id"]
    sealed_size = sum(p.stat().st_size for p in (a.data_dir / "exchange" / "outbox").iterdir())
    b.start_server()
    # and B set to be killed with SIGKILL when the transfer reaches random byte offsets
    offsets = sorted(int(rng.uniform(0.05, 0.95) * size) for _ in range(kills))
    b_peaks: list[int] = []
    killed = threading.Event()

    def kill_b() -> None:
        for server in b.servers:
            b_peaks.append(peak_rss_kib(server.pid))
            server.send_signal(signal.SIGKILL)
        killed.set()

    for offset in offsets:
        proxy.at_bytes(offset, kill_b)
    # when A's worker sends, and B is restarted 0.5-2 s after each kill
    started = time.monotonic()
    a.start_worker()
    assert a.worker is not None
    for _ in offsets:
        assert killed.wait(timeout=600), "the transfer stalled before the next kill"
        killed.clear()
        down = time.monotonic()
        for server in b.servers:
            server.wait()
        b.servers = []
        # nothing partially received is visible at B
        assert message_id not in {r["message_id"] for r in b.probe("inbox")}
        assert b.probe("documents") == []
        time.sleep(max(0.0, rng.uniform(0.5, 2.0) - (time.monotonic() - down)))
        b.start_server()
    deadline = time.monotonic() + 600
    state = ""
    while time.monotonic() < deadline:
        state = next(r["state"] for r in a.probe("outbox") if r["message_id"] == message_id)
        if state != "pending" and state != "sending":
            break
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    a_peak = peak_rss_kib(a.worker.pid)
    b_peaks += [peak_rss_kib(s.pid) for s in b.servers]
    a.stop_worker()
    # then the file arrived once, byte for byte
    assert state == "delivered"
    documents = [d for d in b.probe("documents") if d["message_id"] == message_id]
    assert len(documents) == 1
    assert (documents[0]["size"], documents[0]["sha256"]) == (size, expected)
    assert _sha256_file(Path(documents[0]["path"])) == expected
    # and stored chunks were not sent again: at most one chunk per kill was re-sent
    resent = proxy.upstream_bytes - sealed_size
    print(
        json.dumps(
            {
                "R7_bytes": size,
                "kills": kills,
                "sealed_bytes": sealed_size,
                "wire_bytes_a_to_b": proxy.upstream_bytes,
                "resent_bytes": resent,
                "resent_chunks": round(resent / CHUNK_SIZE, 2),
                "seal_seconds": round(queued["seconds"], 1),
                "seal_peak_rss_mib": round(queued["peak_rss_kib"] / 1024, 1),
                "transfer_seconds_incl_restarts": round(elapsed, 1),
                "a_worker_peak_rss_mib": round(a_peak / 1024, 1),
                "b_server_peak_rss_mib": [round(p / 1024, 1) for p in b_peaks],
            }
        )
    )
    assert proxy.upstream_bytes <= sealed_size + kills * CHUNK_SIZE + MIB
    # and each node process stayed under 300 MiB
    assert a_peak < RSS_LIMIT_KIB
    assert max(b_peaks) < RSS_LIMIT_KIB
