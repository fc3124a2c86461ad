"""A lane of its own for large transfers, so that small messages are never queued behind one
(protocol.md R8: during a 256 MiB transfer, small messages keep their idle latency).

The worker's pass sends the small messages it claimed at once (in batches); each large one is
handed to one of a few lane threads, each with its own connection to the peer and to the
database. When every lane thread is busy, the large message is put back, due a moment later,
without counting an attempt: the pass goes on with small messages instead of waiting.
"""

import logging
import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from rogatory.apps.exchange.models import OutboxMessage, OutboxState
from rogatory.apps.rowsecurity.context import system_context

logger = logging.getLogger("rogatory.exchange")

DEFER = timedelta(seconds=1)


class LargeLane:
    def __init__(self, *, threads: int = 2, timeout: float = 30.0) -> None:
        self._slots = threading.BoundedSemaphore(max(1, threads))
        self._timeout = timeout
        self._running: set[threading.Thread] = set()
        self._lock = threading.Lock()

    def submit(self, message: OutboxMessage) -> bool:
        """Start sending `message` on a lane thread; False (and the claim released) if none
        is free."""
        if not self._slots.acquire(blocking=False):
            _release(message)
            return False
        thread = threading.Thread(target=self._send, args=(message,), daemon=True)
        with self._lock:
            self._running.add(thread)
        thread.start()
        return True

    def join(self, timeout: float | None = None) -> None:
        with self._lock:
            running = list(self._running)
        for thread in running:
            thread.join(timeout)

    @property
    def busy(self) -> int:
        with self._lock:
            return len(self._running)

    def _send(self, message: OutboxMessage) -> None:
        from rogatory.apps.exchange.services.outbox import outbox_send
        from rogatory.apps.exchange.services.tls import node_transport

        try:
            with system_context("exchange large transfer", audited=False):
                transport = node_transport(timeout=self._timeout)
                try:
                    outbox_send(message=message, transport=transport)
                finally:
                    transport.close()
        except Exception:
            # The claim lapses after its lease and the message is sent again from there.
            logger.exception("exchange.large_send_failed message=%s", message.message_id)
        finally:
            connection.close()
            with self._lock:
                self._running.discard(threading.current_thread())
            self._slots.release()


def _release(message: OutboxMessage) -> None:
    now = timezone.now()
    OutboxMessage.objects.filter(
        pk=message.pk, state=OutboxState.SENDING, claimed_until=message.claimed_until
    ).update(state=OutboxState.PENDING, claimed_until=None, next_attempt_at=now + DEFER)
