"""Shared by the reliability tests R8, R9, R11, R12: run the probe in a node, wait, measure."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

from tests.exchange.nodes import REPO, Node


def probe(node: Node, *args: str, timeout: float | None = 600) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "tests.security.reliability_probe", *args],
        env=node.env(),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )
    return json.loads(done.stdout)


def wait_delivered(node: Node, ids: set[str], *, timeout: float) -> list[dict[str, Any]]:
    """The outbox rows of `ids` once all are delivered (or failed), or at the timeout."""
    deadline = time.monotonic() + timeout
    rows: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        rows = [r for r in probe(node, "outbox") if r["message_id"] in ids]
        if len(rows) == len(ids) and all(r["state"] in ("delivered", "failed") for r in rows):
            break
        time.sleep(1.0)
    return rows


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def latencies(rows: list[dict[str, Any]]) -> list[float]:
    return [r["delivered"] - r["queued"] for r in rows if r["delivered"] is not None]
