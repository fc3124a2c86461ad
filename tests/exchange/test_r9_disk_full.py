"""R9 (protocol.md §6.1): a receiver whose disk fills refuses with a retryable answer, issues no
receipt for data it could not keep, stays consistent, and recovers when space returns.

B's whole data folder (database, chunks, documents) is a tmpfs of ROGATORY_R9_TMPFS_MIB
(default 64); A sends it a file of ROGATORY_R9_BYTES (default 128 MiB, twice the disk) and
ROGATORY_R9_SMALL small messages (default 50). Pass while the disk is short: the large message
has no receipt at A and no trace in B's inbox, the small ones are delivered (the reserve of
EXCHANGE_MIN_FREE_BYTES keeps room for the database), and B's database passes SQLite's
integrity and foreign-key checks. Then the tmpfs is grown (space returns): every message is
delivered exactly once and the file arrives byte for byte. Needs root to mount the tmpfs;
skipped with the reason otherwise. The CI size of protocol.md is 512 MiB and 1 GiB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange.nodes import Node, node_pair
from tests.exchange.test_large import MIB, _random_file, _sha256_file
from tests.security.nodes_support import probe, wait_delivered

pytestmark = [pytest.mark.slow, pytest.mark.reliability]


def _mount(path: Path, mib: int) -> str | None:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={mib}M,mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else (done.stderr.strip() or "mount failed")


@pytest.fixture
def small_disk_nodes(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Node, Node, Path]]:
    root = tmp_path_factory.mktemp("r9")
    disk = root / "b"
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("R9 mounts a tmpfs, which needs root")
    refused = _mount(disk, int(os.environ.get("ROGATORY_R9_TMPFS_MIB", "64")))
    if refused:
        pytest.skip(f"cannot mount a tmpfs here: {refused}")
    try:
        a, b = node_pair(root)
        # The guard refuses a chunk that would leave less than this free (the reserve for the
        # database); production keeps 1 GiB, a 64 MiB disk a few.
        b.extra_env["ROGATORY_EXCHANGE_MIN_FREE_BYTES"] = str(4 * MIB)
        b.start_server()
        a.start_worker()
        yield a, b, disk
        a.stop()
        b.stop()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
        shutil.rmtree(root, ignore_errors=True)


def test_disk_full_refuses_without_receipt_then_recovers(
    small_disk_nodes: tuple[Node, Node, Path],
) -> None:
    a, b, disk = small_disk_nodes
    size = int(os.environ.get("ROGATORY_R9_BYTES", str(128 * MIB)))
    count = int(os.environ.get("ROGATORY_R9_SMALL", "50"))
    # given a file twice the size of B's disk queued at A, then small messages
    source = a.root / "r9.bin"
    expected = _random_file(source, size)
    large_id = a.probe("large", str(source), "xb-central")["message_id"]
    small_ids = set(probe(a, "pings", str(count), "20", "xb-central"))
    # when A has tried for a while with B's disk full
    rows = wait_delivered(a, small_ids, timeout=300)
    time.sleep(10)
    outbox = {r["message_id"]: r for r in probe(a, "outbox")}
    inbox = probe(b, "inbox")
    free = shutil.disk_usage(disk).free
    figures = {
        "R9_bytes": size,
        "b_disk_free_bytes_while_full": free,
        "large_attempts_while_full": outbox[large_id]["attempts"],
        "large_last_error": outbox[large_id]["last_error"],
    }
    # then the small messages went through, the large one waits for a retry
    assert [r["state"] for r in rows] == ["delivered"] * count
    assert outbox[large_id]["state"] in ("pending", "sending")
    assert outbox[large_id]["delivered"] is None
    # and B holds no trace of it in its inbox: no receipt for data it could not keep
    assert large_id not in {m for _, m, _ in inbox["messages"]}
    assert b.probe("documents") == []
    # and B's database is consistent
    assert (inbox["integrity"], inbox["foreign_key_violations"]) == (["ok"], 0)
    # when space returns
    subprocess.run(["mount", "-o", "remount,size=512M", str(disk)], check=True)
    large = wait_delivered(a, {large_id}, timeout=900)
    inbox = probe(b, "inbox")
    figures["large_attempts_total"] = large[0]["attempts"]
    print(json.dumps(figures))
    # then the file arrives once, byte for byte, and every message once
    assert large[0]["state"] == "delivered"
    received = [m for s, m, _ in inbox["messages"] if s == "xa-central"]
    assert sorted(received) == sorted({*small_ids, large_id})
    documents = [d for d in b.probe("documents") if d["message_id"] == large_id]
    assert [d["sha256"] for d in documents] == [expected]
    assert _sha256_file(Path(documents[0]["path"])) == expected
    assert (inbox["integrity"], inbox["foreign_key_violations"]) == (["ok"], 0)
