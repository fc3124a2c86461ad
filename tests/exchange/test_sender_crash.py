"""R2: no message lost or duplicated when the **sender** (A's outbox worker) is killed.

Two real nodes on loopback (``tests.exchange.nodes``). Messages are queued at A by
``rogatory exchange ping`` runs, one before the worker starts and one while it is being killed;
A's worker (``rogatory exchange worker --threads 4``) is SIGKILLed at random instants and
restarted each time. Sized by ROGATORY_R2_MESSAGES and ROGATORY_R2_KILLS (defaults 500 / 8
for CI, about 40 s here); protocol.md's size is 5,000 / 20 (run by hand:
``ROGATORY_R2_MESSAGES=5000 ROGATORY_R2_KILLS=20 pytest tests/exchange/test_sender_crash.py``).
ROGATORY_R2_SEED picks the kill instants.

Why random instants hit the windows that matter: a worker of 4 threads spends its working time
with rows claimed (the claim is committed) and a transfer in flight, so a kill at a random
instant after start-up almost always leaves claimed rows behind, and often a row that B has
already committed but whose receipt A has not yet recorded (B's reply in flight, or received
and being verified). The test classifies, after each kill, every row A still shows as
``sending``: not in B's inbox (killed between A's DB commit and B's commit) or already in B's
inbox (killed between B's commit and A recording the receipt); it keeps killing (up to three
times the planned number) until both windows were hit at least once, and fails otherwise.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exchange.crash_support import receipt_problems
from tests.exchange.nodes import BIN, REPO, Node, node_pair

LEASE_SECONDS = "2"


@pytest.fixture
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Node, Node]]:
    root = tmp_path_factory.mktemp("r2")
    a, b = node_pair(root)
    a.extra_env["ROGATORY_R2_CLAIM_LEASE_SECONDS"] = LEASE_SECONDS
    a.extra_env["ROGATORY_R2_READY_FILE"] = str(root / "worker.ready")
    b.start_server()
    yield a, b
    a.stop()
    b.stop()
    shutil.rmtree(root, ignore_errors=True)


def _start_worker(a: Node) -> subprocess.Popen[bytes]:
    ready = Path(a.env()["ROGATORY_R2_READY_FILE"])
    ready.unlink(missing_ok=True)
    log = (a.data_dir / "worker.log").open("ab")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.exchange.crash_support",
            "worker",
            "--interval",
            "0.1",
            "--threads",
            "4",
        ],
        env=a.env(),
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"A's worker did not start ({worker.returncode})")
        time.sleep(0.01)
    return worker


def _ids(node: Node, sql: str) -> set[str]:
    """Read a node's SQLite database directly (a probe process would take a second a call)."""
    with sqlite3.connect(f"file:{node.data_dir / 'rogatory.sqlite3'}?mode=ro", uri=True) as db:
        db.execute("PRAGMA busy_timeout = 30000")
        return {row[0] for row in db.execute(sql)}


def _sending_at_a(a: Node) -> set[str]:
    return _ids(a, "SELECT message_id FROM exchange_outboxmessage WHERE state = 'sending'")


def _inbox_at_b(b: Node) -> set[str]:
    return _ids(b, "SELECT message_id FROM exchange_inboxmessage")


def _wait_for_drain(a: Node, *, stall_seconds: float) -> float:
    """Wait while A's undelivered count keeps falling; when it is 0 (or stalled), the time.

    No fixed deadline (the protocol's size takes minutes): a drain stuck for ``stall_seconds``,
    many times the claim lease plus the retry cap, is a failure the assertions then report.
    """
    best, progress = None, time.monotonic()
    while time.monotonic() - progress < stall_seconds:
        left = len(
            _ids(a, "SELECT message_id FROM exchange_outboxmessage WHERE state != 'delivered'")
        )
        if left == 0:
            break
        if best is None or left < best:
            best, progress = left, time.monotonic()
        time.sleep(0.5)
    return time.monotonic()


def _ping(a: Node, count: int, *, rate: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            str(BIN / "rogatory"),
            "exchange",
            "ping",
            "xb-central",
            "--count",
            str(count),
            "--rate",
            str(rate),
            "--size",
            "0-4096",
            "--json",
        ],
        env=a.env(),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _queued(run: subprocess.Popen[str]) -> list[str]:
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    ids: list[str] = json.loads(out)["message_ids"]
    return ids


def test_no_message_is_lost_or_duplicated_when_the_sender_is_killed(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    total = int(os.environ.get("ROGATORY_R2_MESSAGES", "500"))
    kills = int(os.environ.get("ROGATORY_R2_KILLS", "8"))
    rng = random.Random(os.environ.get("ROGATORY_R2_SEED", "2"))
    started = time.monotonic()
    # given half the messages queued at A before its worker runs, the other half queued by a
    # client while the worker is being killed (about 60 % of the kill period)
    first = total // 2
    submitted = _queued(_ping(a, first))
    late = _ping(a, total - first, rate=(total - first) / (kills * 0.9 * 0.6))
    # when A's worker is SIGKILLed at a random instant 0.05-1.5 s after each start, and
    # restarted, until the planned kills are done and both crash windows were hit
    windows: Counter[str] = Counter()
    done = 0
    while done < kills or (done < 3 * kills and len(windows) < 2):
        worker = _start_worker(a)
        time.sleep(rng.uniform(0.05, 1.5))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        done += 1
        in_flight = _sending_at_a(a)
        at_b = in_flight & _inbox_at_b(b)
        if in_flight - at_b:
            windows["claimed, not committed at B"] += len(in_flight - at_b)
        if at_b:
            windows["committed at B, receipt not recorded at A"] += len(at_b)
    last_kill = time.monotonic()
    submitted += _queued(late)
    # and the worker then runs undisturbed until A's outbox has nothing left to send
    worker = _start_worker(a)
    try:
        drained = _wait_for_drain(a, stall_seconds=60)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    print(
        f"\nR2: {total} messages, {done} kills, windows hit {dict(windows)}, "
        f"drained {drained - last_kill:.1f} s after the last kill, {drained - started:.1f} s in all"
    )
    # then both crash windows were hit
    assert set(windows) == {
        "claimed, not committed at B",
        "committed at B, receipt not recorded at A",
    }, dict(windows)
    # and A's outbox holds exactly the queued messages, all delivered (0 failed, 0 left over)
    outbox = a.probe("outbox")
    assert len(submitted) == len(set(submitted)) == total
    assert sorted(r["message_id"] for r in outbox) == sorted(submitted)
    assert Counter(r["state"] for r in outbox) == Counter({"delivered": total})
    # and each holds B's receipt, signature-valid and bound to that message's header
    assert receipt_problems(outbox, b.jwks) == []
    # and A recorded exactly one receipt per message, the one on its outbox row
    receipts = [e for e in a.probe("evidences") if e["kind"] == "receipt"]
    assert sorted((e["message_id"], e["token"]) for e in receipts) == sorted(
        (r["message_id"], r["receipt_jws"]) for r in outbox
    )
    # and B's inbox holds every queued message exactly once, accepted, with that same receipt
    inbox = b.probe("inbox")
    assert sorted(r["message_id"] for r in inbox) == sorted(submitted)
    assert {(r["sender_node"], r["state"]) for r in inbox} == {("xa-central", "accepted")}
    receipt_of = {r["message_id"]: r["receipt_jws"] for r in outbox}
    assert [r["message_id"] for r in inbox if r["receipt_jws"] != receipt_of[r["message_id"]]] == []
