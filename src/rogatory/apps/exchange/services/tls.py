"""Mutual TLS between nodes, with the accepted registry as the only authority.

* :func:`node_transport` is the client every worker uses: it presents this node's certificate
  and accepts a server only if the SHA-256 of its certificate is listed (``tls_cert_sha256``)
  for a registry node whose endpoint is at that origin.
* :class:`ServerContexts` gives a serving process the TLS context to accept connections with,
  rebuilt when a newer registry is accepted (its certificates are the client-cert anchors).
"""

from __future__ import annotations

import logging
import ssl
import threading
from urllib.parse import urlsplit

from django.db import close_old_connections, connection

from rogatory.apps.exchange.models import Peer, RegistrySnapshot
from rogatory.apps.exchange.services.keys import node_tls_credentials
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.core.envelope.errors import RegistryError
from rogatory.core.envelope.registry import NodeStatus
from rogatory.core.errors import DomainError
from rogatory.federation.tls import client_context, server_context
from rogatory.federation.transport import HttpTransport

__all__ = ["ServerContexts", "node_transport", "origin_of", "registry_pins"]

log = logging.getLogger("rogatory.exchange")


def origin_of(url: str) -> str:
    """``scheme://host:port`` with the default port made explicit, lower-case host."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}:{port}"


def registry_pins(origin: str) -> frozenset[str]:
    """Certificate hashes accepted for a server at ``origin``: those of every active registry
    node reached there (its registry endpoint or its local override). Empty = refuse."""
    wanted = origin_of(origin)
    try:
        registry = current_registry()
    except DomainError:
        return frozenset()
    pins: set[str] = set()
    for peer in Peer.objects.filter(status=NodeStatus.ACTIVE.value):
        if origin_of(peer.transport_endpoint) != wanted:
            continue
        try:
            pins.update(registry.node(peer.node_id).tls_cert_sha256)
        except RegistryError:  # listed locally but revoked or gone from the registry: no pins
            continue
    return frozenset(pins)


def node_transport(*, timeout: float = 30.0) -> HttpTransport:
    """The transport between nodes: mutual TLS, server pinned to the registry.

    Before ``keys tls`` (or ``keys init``) there is no client certificate; the server is still
    pinned, and a server that requires mutual TLS refuses us.
    """
    return HttpTransport(
        timeout=timeout, ssl_context=client_context(node_tls_credentials()), pins=registry_pins
    )


class ServerContexts:
    """The current server-side TLS context, refreshed from the registry in the background.

    Each accepted connection is wrapped with :meth:`current`; a newer registry (new or removed
    node certificates) gives a new context within ``refresh_seconds``. Connections already open
    keep theirs: the application re-checks the peer against the current registry on every
    request (``rogatory.apps.exchange.peers``), so a removed node is refused at once anyway.
    """

    def __init__(self, *, refresh_seconds: float = 30.0) -> None:
        self.refresh_seconds = refresh_seconds
        self._snapshot: int | None = None
        self._context = self._build()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _build(self) -> ssl.SSLContext:
        credentials = node_tls_credentials()
        if credentials is None:
            raise DomainError("keys.tls_missing")
        latest = RegistrySnapshot.objects.order_by("-version", "-id").values_list("pk", flat=True)
        self._snapshot = latest.first()
        try:
            anchors = current_registry().tls_trust_anchors()
        except DomainError as err:
            # No valid registry: no client certificate can be accepted, only anonymous clients
            # (which the application refuses where mutual TLS is required).
            log.warning("tls_no_registry code=%s", err.code)
            anchors = []
        return server_context(credentials, anchors)

    def current(self) -> ssl.SSLContext:
        return self._context

    def refresh(self) -> bool:
        """Rebuild the context if another registry was accepted; True when it changed."""
        latest = (
            RegistrySnapshot.objects.order_by("-version", "-id")
            .values_list("pk", flat=True)
            .first()
        )
        if latest == self._snapshot:
            return False
        self._context = self._build()
        log.info("tls_context_reloaded registry_snapshot=%s", self._snapshot)
        return True

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="tls-refresh", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.refresh_seconds):
            try:
                close_old_connections()
                self.refresh()
            except Exception:  # the serving loop must survive a busy database
                log.exception("tls_context_refresh_failed")
            finally:
                connection.close()
