"""A threaded WSGI server for a node's HTTPS endpoint, with mutual TLS.

Built on the standard library's WSGI server (through Django's threaded variant): one thread per
connection, HTTP/1.1 keep-alive, TCP_NODELAY. The TLS handshake runs in the connection's
thread with a deadline, never in the accept loop, so a slow or silent client cannot stall the
others; the number of connections served at once is bounded. The SHA-256 of a verified client
certificate reaches Django in the WSGI environ (``rogatory.tls_client_cert_sha256``); HTTP
headers cannot produce that key.
"""

from __future__ import annotations

import hashlib
import logging
import socket
import ssl
import threading
from collections.abc import Callable
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from rogatory.apps.exchange.peers import TLS_PEER_ENVIRON

__all__ = ["ExchangeRequestHandler", "ExchangeServer"]

log = logging.getLogger("rogatory.exchange")


class ExchangeRequestHandler(WSGIRequestHandler):
    def setup(self) -> None:
        super().setup()
        connection: Any = self.request  # the accepted socket (stubs type it otherwise)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def get_environ(self) -> dict[str, Any]:
        environ: dict[str, Any] = super().get_environ()
        environ.pop(TLS_PEER_ENVIRON, None)
        connection: Any = self.request  # the accepted socket (stubs type it otherwise)
        if isinstance(connection, ssl.SSLSocket):
            environ["HTTPS"] = "on"
            environ["wsgi.url_scheme"] = "https"
            der = connection.getpeercert(binary_form=True)
            if der:
                environ[TLS_PEER_ENVIRON] = hashlib.sha256(der).hexdigest()
        return environ

    def log_message(self, format: str, *args: object) -> None:
        if getattr(self.server, "access_log", False):
            super().log_message(format, *args)


class ExchangeServer(ThreadedWSGIServer):
    """``contexts`` returns the TLS context for each new connection; ``None`` = plain HTTP
    (loopback only: the command refuses other addresses)."""

    # Several processes may serve one port (SO_REUSEPORT): the kernel spreads connections.
    allow_reuse_port = True

    def __init__(
        self,
        address: tuple[str, int],
        *,
        contexts: Callable[[], ssl.SSLContext] | None,
        max_connections: int = 64,
        handshake_timeout: float = 10.0,
        idle_timeout: float = 120.0,
        access_log: bool = False,
    ) -> None:
        self.contexts = contexts
        self.handshake_timeout = handshake_timeout
        self.idle_timeout = idle_timeout
        self.access_log = access_log
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, ExchangeRequestHandler, ipv6=":" in address[0])

    def process_request(self, request: Any, client_address: Any) -> None:
        # Bounded: at most ``max_connections`` threads; the accept loop waits for a free slot.
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            if self.contexts is not None:
                try:
                    request.settimeout(self.handshake_timeout)
                    request = self.contexts().wrap_socket(request, server_side=True)
                except (ssl.SSLError, OSError) as exc:
                    # An unknown client certificate ends here (OpenSSL refused it).
                    log.info("tls_handshake_refused peer=%r reason=%r", client_address, str(exc))
                    self.shutdown_request(request)
                    return
            request.settimeout(self.idle_timeout)
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()
