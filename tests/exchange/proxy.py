"""A counting TCP proxy for the process tests (a tiny stand-in for Toxiproxy).

It forwards loopback connections to a node and counts the bytes the client sent through it
(``upstream_bytes``: what the sender put on the wire, HTTP framing included). ``at_bytes``
registers a callback that runs in the forwarding thread the moment the count reaches a value,
so a test can kill the receiver at an exact byte offset of a transfer.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.exchange.nodes import free_port


@dataclass
class CountingProxy:
    target_port: int = 0
    port: int = field(default_factory=free_port)
    upstream_bytes: int = 0
    _triggers: list[tuple[int, Callable[[], None]]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: socket.socket | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/exchange"

    def at_bytes(self, offset: int, callback: Callable[[], None]) -> None:
        with self._lock:
            self._triggers.append((offset, callback))
            self._triggers.sort(key=lambda t: t[0])

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        self._server = server
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        except OSError:
            client.close()  # the node is down: the sender sees a reset, as without the proxy
            return
        upstream.settimeout(None)
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()
        self._pump(client, upstream, True)

    def _count(self, n: int) -> None:
        due: list[Callable[[], None]] = []
        with self._lock:
            self.upstream_bytes += n
            while self._triggers and self._triggers[0][0] <= self.upstream_bytes:
                due.append(self._triggers.pop(0)[1])
        for callback in due:
            callback()

    def _pump(self, src: socket.socket, dst: socket.socket, counted: bool) -> None:
        try:
            while data := src.recv(256 * 1024):
                if counted:
                    self._count(len(data))
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
