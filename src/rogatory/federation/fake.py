"""An in-memory :class:`~rogatory.federation.transport.Transport` for tests (no sockets).

Requests go to a handler (for example a function that calls a Django test client); the fake
records them and can simulate a peer that is down, or one whose answer is lost after it has
processed the request (the "lost receipt" case of the protocol's reliability tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rogatory.federation.transport import Response, TransportError

__all__ = ["FakeTransport", "RecordedRequest"]

Handler = Callable[[str, str, bytes, Mapping[str, str]], Response]


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    url: str
    body: bytes
    headers: dict[str, str]


@dataclass
class FakeTransport:
    handler: Handler | None = None
    down: bool = False
    # Number of upcoming commits (or batches) whose answer is lost after the peer handled them.
    lose_commit_replies: int = 0
    requests: list[RecordedRequest] = field(default_factory=list)

    def request(
        self, method: str, url: str, *, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> Response:
        recorded = RecordedRequest(method, url, body, dict(headers or {}))
        self.requests.append(recorded)
        if self.down or self.handler is None:
            raise TransportError("transport.connection", "fake peer down")
        reply = self.handler(method, url, body, recorded.headers)
        if method == "POST" and _is_commit(url) and self.lose_commit_replies > 0:
            self.lose_commit_replies -= 1
            raise TransportError("transport.connection", "fake reply lost")
        return reply

    def commits(self) -> list[RecordedRequest]:
        """Single commits and batched commits (each batch is one request)."""
        return [r for r in self.requests if r.method == "POST" and _is_commit(r.url)]


def _is_commit(url: str) -> bool:
    return url.endswith(("/commit", "/batch"))
