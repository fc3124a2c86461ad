"""The HTTP transport's retry on a dropped connection: small requests once more, large bodies
never (a peer that dies mid-upload must not be fed the body again; the sender resumes)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from rogatory.federation.transport import HttpTransport, TransportError


class HangUpServer:
    """Accepts connections, reads the request head (and up to 64 KiB more), then hangs up."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.recv(64 * 1024)
            # RST rather than FIN: like a killed process with unread data
            conn.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            conn.close()


@pytest.fixture
def server() -> Iterator[HangUpServer]:
    srv = HangUpServer()
    yield srv
    srv.sock.close()


def test_a_small_request_is_retried_once_on_a_fresh_connection(server: HangUpServer) -> None:
    transport = HttpTransport(timeout=5)
    with pytest.raises(TransportError):
        transport.request("POST", f"http://127.0.0.1:{server.port}/x", body=b"x" * 100)
    assert server.accepted == 2


def test_a_large_body_is_not_retried_by_the_transport(server: HangUpServer) -> None:
    transport = HttpTransport(timeout=5)
    with pytest.raises(TransportError):
        transport.request("PUT", f"http://127.0.0.1:{server.port}/x", body=b"x" * (8 << 20))
    assert server.accepted == 1
