"""Benchmark: messages per second from node A to node B, end to end, receipts verified.

Usage::

    .venv/bin/python benchmarks/exchange.py --messages 10000      # PostgreSQL, B on 2 processes
    .venv/bin/python benchmarks/exchange.py --db sqlite --messages 500
    .venv/bin/python benchmarks/exchange.py --threads 8 --size 1024-65536

Two real node processes on loopback (the same harness as ``tests/exchange/test_nodes.py``):
B runs the threaded WSGI server (two processes by default), A runs ``rogatory exchange worker
--threads N --batch M``; small messages go in batched commits (docs/protocol.md §7.3). PostgreSQL
databases ``rogatory_xchg_a`` / ``rogatory_xchg_b`` are (re)created at 127.0.0.1:5432 (user
postgres). Messages are queued first (that rate is reported separately: it includes sealing);
the clock then runs from starting the worker until A has recorded the last receipt. Each
receipt is then verified offline against B's public key and the header it acknowledges. The
goal is 500 messages/s on PostgreSQL. Progress goes to stderr; the last stdout line is one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.exchange.nodes import Node  # noqa: E402
from tests.exchange.support import NodeEntry, Operators, build_registry  # noqa: E402

from rogatory.core.envelope.header import EnvelopeHeader  # noqa: E402
from rogatory.core.envelope.jws import parse_compact  # noqa: E402
from rogatory.core.envelope.receipts import check_receipt_for, verify_receipt  # noqa: E402

GOAL = 500.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate_databases(names: list[str]) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_nodes(root: Path, db: str) -> tuple[Node, Node]:
    a = Node("a", "xa-central", "XA", root)
    b = Node("b", "xb-central", "XB", root)
    if db == "postgres":
        recreate_databases(["rogatory_xchg_a", "rogatory_xchg_b"])
        for node, name in ((a, "rogatory_xchg_a"), (b, "rogatory_xchg_b")):
            node.extra_env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    for node in (a, b):
        # Measured as deployed: the demo settings' DEBUG would log every SQL query in memory.
        node.extra_env["ROGATORY_DEBUG"] = "false"
        node.data_dir.mkdir(parents=True)
        log(f"migrating {node.name} ({db})")
        node.init(None)
    operators = Operators.make()
    registry = build_registry(
        [NodeEntry("xa-central", "XA", a.jwks), NodeEntry("xb-central", "XB", b.jwks)]
    )
    (root / "registry.json").write_bytes(operators.sign(registry))
    operators.write_config(root / "operators.json")
    for node in (a, b):
        node.run(
            "registry",
            "import",
            str(root / "registry.json"),
            "--operators",
            str(root / "operators.json"),
            "--endpoint",
            f"xa-central={a.endpoint}",
            "--endpoint",
            f"xb-central={b.endpoint}",
        )
    return a, b


def count_pending(a: Node, db: str) -> int:
    query = "select count(*) from exchange_outboxmessage where state <> 'delivered'"
    if db == "postgres":
        import psycopg

        url = "host=127.0.0.1 port=5432 user=postgres dbname=rogatory_xchg_a"
        with psycopg.connect(url) as conn:
            row = conn.execute(query).fetchone()
    else:
        import sqlite3

        with sqlite3.connect(a.data_dir / "rogatory.sqlite3") as conn:
            row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0


def cpu_times(pid: int) -> tuple[float, float]:
    """User and system CPU of a live process (Linux ``/proc``), to show where time goes."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def cpu_seconds(pid: int) -> float:
    return sum(cpu_times(pid))


def postgres_cpu_seconds() -> float:
    """CPU of every PostgreSQL process (backends come and go: read before and after)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                total += cpu_seconds(int(entry.name))
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4, help="sender threads at A")
    parser.add_argument("--batch", type=int, default=200, help="rows each sender claims per pass")
    parser.add_argument("--size", default="1024", help="document bytes, or MIN-MAX")
    # Two processes share B's port (SO_REUSEPORT), as a node runs several web processes: one
    # Python process holds one core, and receiving costs about twice what sending does.
    parser.add_argument("--receiver-processes", type=int, default=2, help="B server processes")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rogatory-xchg-bench-"))
    a = b = None
    try:
        a, b = setup_nodes(root, args.db)
        b.processes = args.receiver_processes
        b.start_server()
        log(f"queueing {args.messages} messages")
        started = time.monotonic()
        a.run("exchange", "ping", "xb-central", "--count", str(args.messages), "--size", args.size)
        enqueue_seconds = time.monotonic() - started
        log(f"queued in {enqueue_seconds:.1f} s; sending with {args.threads} threads")
        postgres_before = postgres_cpu_seconds()
        started = time.monotonic()
        a.start_worker("--threads", str(args.threads), "--batch", str(args.batch))
        pending = args.messages
        while pending:
            time.sleep(0.2)
            pending = count_pending(a, args.db)
            log(f"  {args.messages - pending} delivered")
        seconds = time.monotonic() - started
        postgres_cpu = postgres_cpu_seconds() - postgres_before
        assert a.worker is not None
        worker_cpu = cpu_seconds(a.worker.pid)
        server_cpu = sum(cpu_seconds(p.pid) for p in b.servers)
        server_system = sum(cpu_times(p.pid)[1] for p in b.servers)
        a.stop_worker()
        rows = a.probe("outbox")
        valid = 0
        for row in rows:
            receipt = verify_receipt(row["receipt_jws"], jwks=b.jwks, expected_issuer="xb-central")
            header = EnvelopeHeader.from_payload(
                parse_compact(row["header_jws"], typ="rogatory-envelope+jws").payload
            )
            check_receipt_for(receipt, header_jws=row["header_jws"], header=header)
            valid += 1
        inbox = b.probe("inbox")
        rate = args.messages / seconds
        result: dict[str, Any] = {
            "benchmark": "exchange",
            "db": args.db,
            "messages": args.messages,
            "size": args.size,
            "sender_threads": args.threads,
            "sender_batch": args.batch,
            "receiver_processes": args.receiver_processes,
            "seconds": round(seconds, 2),
            "messages_per_second": round(rate, 1),
            "enqueue_messages_per_second": round(args.messages / enqueue_seconds, 1),
            "receipts_verified": valid,
            "sender_worker_cpu_ms_per_message": round(worker_cpu * 1000 / args.messages, 2),
            "receiver_server_cpu_ms_per_message": round(server_cpu * 1000 / args.messages, 2),
            "receiver_system_cpu_ms_per_message": round(server_system * 1000 / args.messages, 2),
            # Includes any other use of this PostgreSQL server during the run.
            "postgres_cpu_ms_per_message": round(postgres_cpu * 1000 / args.messages, 2),
            "inbox_rows": len(inbox),
            "goal_messages_per_second": GOAL,
            "meets_goal": rate >= GOAL,
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        }
        print(json.dumps(result))
    finally:
        for node in (a, b):
            if node is not None:
                node.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
