"""A small threaded WSGI server for loopback nodes: ``python -m tests.exchange.serve HOST:PORT``.

Django's development server answers in two writes (headers, then body); with Nagle's algorithm
on the server and delayed ACKs on the client every answer then waits about 40 ms. Setting
TCP_NODELAY on accepted sockets removes that stall, which otherwise dominates the timings.
"""

from __future__ import annotations

import socket
import sys

import django
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application


class NoDelayHandler(WSGIRequestHandler):
    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:
        return


class ReusePortServer(ThreadedWSGIServer):
    # Several processes may serve one port (SO_REUSEPORT): the kernel spreads connections.
    allow_reuse_port = True


def main(address: str) -> None:
    django.setup()
    host, port = address.rsplit(":", 1)
    server = ReusePortServer((host, int(port)), NoDelayHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
