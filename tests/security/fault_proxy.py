"""A fault-injecting TCP proxy for the reliability tests (a small stand-in for Toxiproxy),
written with asyncio and run on its own thread.

Its faults rotate every `period` seconds, in a seeded random order, through:
- ``latency``: each piece of data is held 100-300 ms (both directions);
- ``slicer``: data is forwarded in slices of 1-512 bytes, 0-2 ms apart;
- ``reset``: every open connection is aborted with a TCP reset, and new ones are reset after
  0-64 KiB (like Toxiproxy's ``reset_peer``);
- ``hang``: nothing is forwarded until the period ends (``timeout``), then the connections
  are closed;
- ``forge``: new connections get an answer made up by the proxy, never the receiver's: a
  "receipt" that is not signed, an unsigned rejection, a 503, or a body cut short;
- ``clean``: plain forwarding.
``counts`` tells how many connections each fault touched.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

from tests.exchange.nodes import free_port

FAULTS = ("latency", "slicer", "reset", "hang", "forge", "clean")


def _answer(status: str, content_type: str, body: bytes, length: int | None = None) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body) if length is None else length}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


_FORGED = (
    # A "receipt" with no valid signature.
    _answer("200 OK", "application/jose", b"eyJhbGciOiJFZERTQSJ9.eyJmYWtlIjp0cnVlfQ.c2ln"),
    # An unsigned rejection: never a reason to give up (protocol design §14).
    _answer("409 Conflict", "application/json", b'{"code": "envelope.rejected"}'),
    _answer("503 Service Unavailable", "text/plain", b""),
    # A body cut short.
    _answer("200 OK", "application/jose", b"eyJ", length=900),
)


@dataclass
class FaultProxy:
    target_port: int = 0
    period: float = 4.0
    seed: int = 11
    port: int = field(default_factory=free_port)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FAULTS, 0))
    _loop: asyncio.AbstractEventLoop | None = None
    _open: set[asyncio.StreamWriter] = field(default_factory=set)
    _order: list[str] = field(default_factory=list)
    _started: float = 0.0
    _rotation: asyncio.Task[None] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/exchange"

    def fault(self) -> str:
        slot = int((time.monotonic() - self._started) / self.period)
        return self._order[slot % len(self._order)]

    def start(self) -> None:
        rng = random.Random(self.seed)
        self._order = [f for _ in range(50) for f in rng.sample(FAULTS, len(FAULTS))]
        self._started = time.monotonic()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", self.port))
        self._rotation = loop.create_task(self._rotate())
        ready.set()
        loop.run_forever()

    async def _rotate(self) -> None:
        last = ""
        while True:
            now = self.fault()
            if now != last and now in ("reset", "forge"):
                for writer in list(self._open):
                    _reset(writer)
            if last == "hang" and now != "hang":
                for writer in list(self._open):
                    writer.close()
            last = now
            await asyncio.sleep(0.05)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        fault = self.fault()
        self.counts[fault] += 1
        if fault == "forge":
            with contextlib.suppress(OSError, asyncio.IncompleteReadError):
                await reader.readuntil(b"\r\n\r\n")
                writer.write(random.choice(_FORGED))
                await writer.drain()
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            _reset(writer)
            return
        self._open.update((writer, up_writer))
        budget = random.randint(0, 64 * 1024) if fault == "reset" else -1
        await asyncio.gather(
            self._pump(reader, up_writer, budget, writer),
            self._pump(up_reader, writer, -1, up_writer),
            return_exceptions=True,
        )
        self._open.difference_update((writer, up_writer))

    async def _pump(
        self,
        src: asyncio.StreamReader,
        dst: asyncio.StreamWriter,
        budget: int,
        other: asyncio.StreamWriter,
    ) -> None:
        try:
            while data := await src.read(64 * 1024):
                fault = self.fault()
                while fault == "hang":
                    await asyncio.sleep(0.1)
                    fault = self.fault()
                    if dst.is_closing():
                        return
                if fault == "latency":
                    await asyncio.sleep(random.uniform(0.1, 0.3))
                if budget >= 0:
                    budget -= len(data)
                    if budget < 0:
                        _reset(dst)
                        _reset(other)
                        return
                if fault == "slicer":
                    start = 0
                    while start < len(data):
                        end = start + random.randint(1, 512)
                        dst.write(data[start:end])
                        start = end
                        await asyncio.sleep(random.uniform(0, 0.002))
                else:
                    dst.write(data)
                await dst.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.close()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a crashed or hostile peer would."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
