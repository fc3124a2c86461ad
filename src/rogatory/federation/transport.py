"""The HTTP client port between nodes and its standard-library implementation.

A :class:`Transport` does one request and returns the status, content type and body; network
failures (refused, reset, timeout) raise :class:`TransportError`, which the sender treats as
retryable. :class:`HttpTransport` keeps one persistent connection per origin and thread.
"""

from __future__ import annotations

import http.client
import select
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

__all__ = ["HttpTransport", "Response", "Transport", "TransportError", "join_url"]


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


def join_url(endpoint: str, path: str) -> str:
    return endpoint.rstrip("/") + "/" + path.lstrip("/")


@dataclass
class HttpTransport:
    """HTTP/1.1 over ``http.client``; TLS via ``ssl_context`` (mutual TLS when it holds a cert)."""

    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = None
    max_response: int = 1024 * 1024 * 16
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = self._local.__dict__.setdefault(
            "pool", {}
        )
        connection = pool.get((scheme, netloc))
        if connection is None:
            if scheme == "https":
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
