"""The HTTP client port between nodes and its standard-library implementation.

A :class:`Transport` does one request and returns the status, content type and body; network
failures (refused, reset, timeout) raise :class:`TransportError`, which the sender treats as
retryable. :class:`HttpTransport` keeps one persistent connection per origin and thread.

Peers are authenticated by certificate pinning, not by the web PKI: when ``pins`` is set, the
SHA-256 of the server's DER certificate must be one of ``pins(origin)`` (the registry's
``tls_cert_sha256`` of the node at that origin); it is checked right after the handshake, and a
mismatch closes the connection before any request byte is written
(``transport.peer_not_trusted``). Plain ``http://`` is refused unless the host is a loopback
address (``transport.plain_http_refused``): tests and the demo only.
"""

from __future__ import annotations

import hashlib
import http.client
import select
import ssl
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from rogatory.federation.tls import is_loopback_host

__all__ = [
    "HttpTransport",
    "PinResolver",
    "PinnedHTTPSConnection",
    "Response",
    "Transport",
    "TransportError",
    "join_url",
]


class TransportError(Exception):
    """The request may or may not have reached the peer; retrying is safe (idempotent API)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    content_type: str = ""
    body: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Transport(Protocol):
    def request(
        self, method: str, url: str, *, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> Response: ...


MAX_RETRIED_BODY = 64 * 1024


def _dropped(connection: http.client.HTTPConnection) -> bool:
    """An idle keep-alive socket that is readable has been closed by the peer (EOF)."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


PinResolver = Callable[[str], Collection[str]]


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection that accepts the server only by the SHA-256 of its certificate."""

    def __init__(self, host: str, *, pins: Collection[str], **kwargs: object) -> None:
        super().__init__(host, **kwargs)  # type: ignore[arg-type]  # reason: HTTPSConnection keywords
        self.pins = frozenset(pins)

    def connect(self) -> None:
        super().connect()
        sock = self.sock
        der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
        seen = hashlib.sha256(der).hexdigest() if der else ""
        if seen not in self.pins:
            self.close()
            raise TransportError("transport.peer_not_trusted", seen)


def join_url(endpoint: str, path: str) -> str:
    return endpoint.rstrip("/") + "/" + path.lstrip("/")


@dataclass
class HttpTransport:
    """HTTP/1.1 over ``http.client``; TLS via ``ssl_context`` (mutual TLS when it holds a cert).

    ``pins`` maps an origin (``https://host:port``) to the accepted server certificate hashes;
    without it the context's own verification applies (web PKI, for tests of the transport).
    """

    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = None
    pins: PinResolver | None = None
    max_response: int = 1024 * 1024 * 16
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = self._local.__dict__.setdefault(
            "pool", {}
        )
        connection = pool.get((scheme, netloc))
        if connection is None:
            if scheme == "https" and self.pins is not None:
                connection = PinnedHTTPSConnection(
                    netloc,
                    pins=self.pins(f"https://{netloc}"),
                    timeout=self.timeout,
                    context=self.ssl_context,
                )
            elif scheme == "https":
                connection = http.client.HTTPSConnection(
                    netloc, timeout=self.timeout, context=self.ssl_context
                )
            elif scheme == "http":
                connection = http.client.HTTPConnection(netloc, timeout=self.timeout)
            else:
                raise TransportError("transport.scheme", scheme)
            pool[(scheme, netloc)] = connection
        return connection

    def _drop(self, scheme: str, netloc: str) -> None:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = self._local.__dict__.get(
            "pool", {}
        )
        connection = pool.pop((scheme, netloc), None)
        if connection is not None:
            connection.close()

    def request(
        self, method: str, url: str, *, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> Response:
        parts = urlsplit(url)
        if parts.scheme == "http" and not is_loopback_host(parts.hostname or ""):
            raise TransportError("transport.plain_http_refused", parts.hostname or "")
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        all_headers = {"Content-Length": str(len(body)), **(headers or {})}
        # One retry on a stale keep-alive connection (the peer closed it while idle). A large
        # body is not retried here: a failure part-way through it means the peer went away
        # mid-transfer (a crash, not an idle close), and an immediate retry could push most of
        # the body again into a dying peer; the caller resumes instead (``stored_chunks``).
        retries = (False, True) if len(body) <= MAX_RETRIED_BODY else (True,)
        for fresh in retries:
            connection = self._connection(parts.scheme, parts.netloc)
            if _dropped(connection):
                self._drop(parts.scheme, parts.netloc)
                connection = self._connection(parts.scheme, parts.netloc)
            try:
                connection.request(method, target, body=body, headers=all_headers)
                reply = connection.getresponse()
                data = reply.read(self.max_response + 1)
            except TransportError:
                self._drop(parts.scheme, parts.netloc)  # the pin failed: nothing was sent
                raise
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self._drop(parts.scheme, parts.netloc)
                if fresh:
                    raise TransportError("transport.connection", type(exc).__name__) from exc
                continue
            except (TimeoutError, OSError, http.client.HTTPException) as exc:
                self._drop(parts.scheme, parts.netloc)
                raise TransportError("transport.connection", type(exc).__name__) from exc
            if len(data) > self.max_response:
                self._drop(parts.scheme, parts.netloc)
                raise TransportError("transport.response_too_large")
            if reply.will_close:
                self._drop(parts.scheme, parts.netloc)
            return Response(reply.status, reply.getheader("Content-Type", "") or "", data)
        raise TransportError("transport.connection")  # pragma: no cover - loop always returns

    def close(self) -> None:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = self._local.__dict__.get(
            "pool", {}
        )
        for connection in pool.values():
            connection.close()
        pool.clear()
