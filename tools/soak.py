"""R12 soak (protocol.md §6.1): two loopback nodes at a steady rate; memory and file handles
must stay flat, nothing lost, the outbox drained.

    python tools/soak.py [--minutes 60] [--rate 20] [--size 10240]

Node A queues `rate` messages per second, each with a `size`-byte document, for `minutes`;
A's worker sends them to B. Every 5 s the resident memory (VmRSS) and open file descriptors
of A's worker and B's server are sampled. Prints one JSON object on the last line: counts,
latency percentiles (queued at A to receipt held by A), memory and descriptors at the end of
the warm-up (the first fifth) and at the end, and their growth. `make soak` runs the one-hour
version; tests/exchange/test_r12_soak.py a few minutes of it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.exchange.nodes import node_pair  # noqa: E402
from tests.security.nodes_support import latencies, percentile, probe  # noqa: E402


def _sample(pid: int) -> tuple[int, int]:
    """(VmRSS in KiB, open file descriptors) of a live process."""
    rss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def _growth(before: float, after: float) -> float:
    return round(100.0 * (after - before) / before, 1) if before else 0.0


def soak(*, minutes: float, rate: float, size: int, root: Path) -> dict[str, Any]:
    a, b = node_pair(root)
    b.start_server()
    a.start_worker()
    if a.worker is None:
        raise RuntimeError("A's worker did not start")
    pids = {"a_worker": a.worker.pid, "b_server": b.servers[0].pid}
    samples: dict[str, list[tuple[float, int, int]]] = {k: [] for k in pids}
    stop = threading.Event()

    def sampler() -> None:
        while not stop.is_set():
            for name, pid in pids.items():
                try:
                    rss, fds = _sample(pid)
                except OSError:
                    continue
                samples[name].append((time.monotonic(), rss, fds))
            stop.wait(5.0)

    thread = threading.Thread(target=sampler, daemon=True)
    started = time.monotonic()
    thread.start()
    count = max(1, round(minutes * 60 * rate))
    try:
        ids = set(probe(a, "pings", str(count), str(rate), "xb-central", str(size), timeout=None))
        fed = time.monotonic() - started
        deadline = time.monotonic() + 300
        rows: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            rows = [r for r in probe(a, "outbox") if r["message_id"] in ids]
            if all(r["state"] in ("delivered", "failed") for r in rows):
                break
            time.sleep(2.0)
        stop.set()
        thread.join()
        inbox = probe(b, "inbox")
    finally:
        stop.set()
        a.stop()
        b.stop()
    received = [m for s, m, _ in inbox["messages"] if s == "xa-central"]
    times = latencies(rows)
    figures: dict[str, Any] = {
        "R12_minutes": minutes,
        "rate_per_s": rate,
        "size_bytes": size,
        "queued": count,
        "feed_seconds": round(fed, 1),
        "achieved_rate_per_s": round(count / fed, 2) if fed else 0.0,
        "delivered": sum(r["state"] == "delivered" for r in rows),
        "failed": sum(r["state"] == "failed" for r in rows),
        "pending_at_end": sum(r["state"] not in ("delivered", "failed") for r in rows),
        "received_at_b": len(received),
        "duplicates_at_b": len(received) - len(set(received)),
        "latency_p50_s": round(percentile(times, 0.5), 3),
        "latency_p99_s": round(percentile(times, 0.99), 3),
        "latency_max_s": round(max(times), 3) if times else None,
        "b_integrity": inbox["integrity"],
        "b_foreign_key_violations": inbox["foreign_key_violations"],
    }
    for name, series in samples.items():
        if len(series) < 2:
            continue
        warm = series[max(1, len(series) // 5) - 1]
        end = series[-1]
        figures[f"{name}_rss_kib_after_warmup"] = warm[1]
        figures[f"{name}_rss_kib_end"] = end[1]
        figures[f"{name}_rss_growth_pct"] = _growth(warm[1], end[1])
        figures[f"{name}_rss_kib_max"] = max(s[1] for s in series)
        figures[f"{name}_fds_after_warmup"] = warm[2]
        figures[f"{name}_fds_end"] = end[2]
        figures[f"{name}_fds_max"] = max(s[2] for s in series)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--size", type=int, default=10 * 1024)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rogatory-soak-"))
    try:
        figures = soak(minutes=args.minutes, rate=args.rate, size=args.size, root=root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
