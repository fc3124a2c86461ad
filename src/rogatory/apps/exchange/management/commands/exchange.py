import io
import json
import os
import random
import signal
import threading
import time
from typing import Any

from django.core.management.base import CommandParser
from django.db import DatabaseError, connection, transaction

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.exchange.lanes import LargeLane
from rogatory.apps.exchange.models import OutboxMessage
from rogatory.apps.exchange.services.cleanup import exchange_cleanup
from rogatory.apps.exchange.services.outbox import (
    message_enqueue,
    outbox_process_due,
    outbox_resend,
)
from rogatory.apps.exchange.services.pull import exchange_poll
from rogatory.apps.exchange.services.tls import node_transport
from rogatory.apps.exchange.services.witnessing import (
    WITNESS_INTERVAL_SECONDS,
    exchange_witness_checkpoint,
)
from rogatory.apps.rowsecurity.context import system_context
from rogatory.core.envelope.seal import Document
from rogatory.core.errors import DomainError
from rogatory.federation.transport import HttpTransport, TransportError


class _Every:
    """True once per ``seconds`` across the worker's threads (one of them does the task)."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._next = 0.0
        self._lock = threading.Lock()

    def due(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if now < self._next:
                return False
            self._next = now + self._seconds
            return True


class Command(RogatoryBaseCommand):
    help = (
        "Exchange between nodes: worker [--once] | poll --from NODE [--once] | "
        "ping NODE [--count N --rate R --size B] | resend MESSAGE_ID | witness | cleanup | status"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "action",
            choices=["worker", "poll", "ping", "resend", "witness", "cleanup", "status"],
        )
        parser.add_argument("target", nargs="?", help="node id (ping) or message id (resend)")
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--from", dest="peer", help="node to poll")
        parser.add_argument("--interval", type=float, default=0.5, help="idle sleep (s)")
        parser.add_argument("--batch", type=int, default=20, help="rows claimed per pass")
        parser.add_argument("--threads", type=int, default=1, help="parallel senders (worker)")
        parser.add_argument(
            "--large-threads",
            type=int,
            default=2,
            help="parallel large transfers beside the small messages (worker)",
        )
        parser.add_argument("--count", type=int, default=1)
        parser.add_argument("--rate", type=float, default=0.0, help="messages per second")
        parser.add_argument(
            "--size", default="0", help="bytes of the test document, or a range MIN-MAX"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The node's own work, for no user: row security's system context, entered once per
        # command and recorded in the audit chain (docs/decisions/0006-row-level-security.md).
        with system_context(f"rogatory exchange {options['action']}"):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        action = options["action"]
        if action == "worker":
            witnessing = _Every(WITNESS_INTERVAL_SECONDS)
            cleaning = _Every(3600.0)
            # R8: large transfers on their own threads (not for a single --once pass).
            lane = None if options["once"] else LargeLane(threads=options["large_threads"])

            def work(transport: HttpTransport) -> int:
                if witnessing.due():
                    self._witness(transport)
                if cleaning.due():
                    exchange_cleanup()
                return outbox_process_due(
                    transport=transport, limit=options["batch"], large_lane=lane
                )

            try:
                self._loop(options, work)
            finally:
                if lane is not None:
                    lane.join(timeout=5)
        elif action == "cleanup":
            report = exchange_cleanup()
            chunks, documents = report.chunk_folders, report.document_folders
            self.emit(
                options,
                {"chunk_folders": chunks, "document_folders": documents},
                f"removed {chunks} chunk and {documents} document folders",
            )
        elif action == "witness":
            transport = node_transport()
            try:
                result = exchange_witness_checkpoint(transport=transport)
            finally:
                transport.close()
            data = {
                "tree_size": result.tree_size if result else 0,
                "cosigned": result.cosigned if result else [],
                "failed": result.failed if result else {},
            }
            self.emit(options, data, json.dumps(data, sort_keys=True))
        elif action == "poll":
            peer = options["peer"] or ""
            self._loop(options, lambda t: exchange_poll(peer_node=peer, transport=t))
        elif action == "ping":
            self._ping(options)
        elif action == "resend":
            row = outbox_resend(message_id=options["target"] or "")
            self.emit(options, {"message_id": row.message_id}, f"queued {row.message_id}")
        else:
            counts: dict[str, int] = {}
            for state in OutboxMessage.objects.values_list("state", flat=True):
                counts[state] = counts.get(state, 0) + 1
            self.emit(options, counts, json.dumps(counts, sort_keys=True))

    def _loop(self, options: dict[str, Any], step: Any) -> None:
        stop: list[bool] = []
        signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
        threads = max(1, options.get("threads") or 1)
        if threads == 1 or options["once"]:
            self._run(options, step, stop)
            return
        # Each thread claims its own rows (the claim is atomic) on its own DB connection.
        pool = [
            threading.Thread(target=self._run, args=(options, step, stop), daemon=True)
            for _ in range(threads)
        ]
        for thread in pool:
            thread.start()
        while not stop and any(t.is_alive() for t in pool):
            time.sleep(0.2)
        stop.append(True)
        for thread in pool:
            thread.join()

    def _run(self, options: dict[str, Any], step: Any, stop: list[bool]) -> None:
        transport = node_transport(timeout=30.0)
        try:
            # Each thread has its own database connection, so its own context.
            with system_context("rogatory exchange thread", audited=False):
                self._passes(options, step, stop, transport)
        finally:
            transport.close()
            connection.close()

    def _passes(
        self, options: dict[str, Any], step: Any, stop: list[bool], transport: HttpTransport
    ) -> None:
        while not stop:
            try:
                handled = step(transport)
            except TransportError as exc:
                self.stderr.write(f"{exc.code} {exc.detail}")
                handled = 0
            except (DatabaseError, DomainError) as exc:
                # A busy or briefly unavailable database: the claimed rows come back after
                # their lease; keep the worker alive.
                self.stderr.write(f"{getattr(exc, 'code', type(exc).__name__)}")
                handled = 0
            if options["once"]:
                self.emit(options, {"handled": handled}, f"handled {handled}")
                return
            if not handled:
                time.sleep(options["interval"])

    def _witness(self, transport: HttpTransport) -> None:
        try:
            exchange_witness_checkpoint(transport=transport)
        except (TransportError, DomainError, DatabaseError) as exc:
            # Witnessing is retried on the next round; sending must not stop for it.
            self.stderr.write(f"witness: {getattr(exc, 'code', type(exc).__name__)}")

    def _ping(self, options: dict[str, Any]) -> None:
        """Queue test messages (connectivity check; also a load generator for operators)."""
        start = time.monotonic()
        ids = []
        for n in range(options["count"]):
            if options["rate"] > 0:
                time.sleep(max(0.0, start + n / options["rate"] - time.monotonic()))
            low, _, high = str(options["size"]).partition("-")
            size = random.randint(int(low), int(high or low))  # noqa: S311 - test data
            documents = []
            if size:
                documents = [Document(io.BytesIO(os.urandom(size)), f"ping-{n}.bin")]
            with transaction.atomic():
                row = message_enqueue(
                    case=None,
                    kind="ping",
                    payload={"n": n},
                    documents=documents,
                    recipient_node=options["target"] or "",
                )
            ids.append(row.message_id)
        self.emit(options, {"message_ids": ids}, "\n".join(ids))
