"""R12 at CI size (protocol.md §6.1): a steady rate between loopback nodes for a few minutes
with memory and file handles flat, nothing lost or duplicated, the outbox drained.

ROGATORY_R12_MINUTES (default 3) at ROGATORY_R12_RATE messages per second (default 20) of
10 KiB each. The one-hour version is `make soak` (tools/soak.py), outside the suite. The
memory bound is on growth after the warm-up (the first fifth): Python's allocator keeps
arenas, so the first minutes of any process grow; a leak keeps growing after them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tools.soak import soak

pytestmark = [pytest.mark.slow, pytest.mark.reliability]


def test_a_steady_rate_keeps_memory_and_file_handles_flat(tmp_path: Path) -> None:
    minutes = float(os.environ.get("ROGATORY_R12_MINUTES", "3"))
    rate = float(os.environ.get("ROGATORY_R12_RATE", "20"))
    figures = soak(minutes=minutes, rate=rate, size=10 * 1024, root=tmp_path)
    print(json.dumps(figures))
    assert figures["delivered"] == figures["queued"]
    assert figures["failed"] == figures["pending_at_end"] == 0
    assert figures["received_at_b"] == figures["queued"]
    assert figures["duplicates_at_b"] == 0
    assert figures["b_integrity"] == ["ok"]
    assert figures["b_foreign_key_violations"] == 0
    for process in ("a_worker", "b_server"):
        assert figures[f"{process}_rss_growth_pct"] < 10, process
        assert figures[f"{process}_fds_end"] <= figures[f"{process}_fds_after_warmup"] + 5
