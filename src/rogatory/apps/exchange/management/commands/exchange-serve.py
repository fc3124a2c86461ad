import signal
import threading
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.wsgi import get_wsgi_application

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.exchange.server import ExchangeServer
from rogatory.apps.exchange.services.tls import ServerContexts
from rogatory.federation.tls import is_loopback_host


class Command(RogatoryBaseCommand):
    help = (
        "Serve this node over HTTPS with mutual TLS: exchange-serve HOST:PORT "
        "[--plain (loopback only)] [--max-connections N] [--refresh SECONDS]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("address", help="HOST:PORT to listen on")
        parser.add_argument(
            "--plain", action="store_true", help="plain HTTP (loopback addresses only)"
        )
        parser.add_argument("--max-connections", type=int, default=64)
        parser.add_argument("--handshake-timeout", type=float, default=10.0)
        parser.add_argument("--idle-timeout", type=float, default=120.0)
        parser.add_argument(
            "--refresh", type=float, default=30.0, help="seconds between trust-list checks"
        )
        parser.add_argument("--access-log", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        host, _, port = str(options["address"]).rpartition(":")
        host = host.strip("[]")
        if not host or not port.isdigit():
            raise CommandError("address must be HOST:PORT")
        contexts: ServerContexts | None = None
        if options["plain"]:
            if not is_loopback_host(host):
                raise CommandError("plain HTTP is only allowed on a loopback address")
        else:
            contexts = ServerContexts(refresh_seconds=options["refresh"])
        server = ExchangeServer(
            (host, int(port)),
            contexts=contexts.current if contexts is not None else None,
            max_connections=options["max_connections"],
            handshake_timeout=options["handshake_timeout"],
            idle_timeout=options["idle_timeout"],
            access_log=options["access_log"],
        )
        server.set_app(get_wsgi_application())
        # SIGTERM stops the accept loop; serve_forever returns and the process exits.
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        if contexts is not None:
            contexts.start()
        scheme = "http" if contexts is None else "https"
        self.stdout.write(f"serving {scheme}://{host}:{port}/exchange/")
        self.stdout.flush()
        try:
            server.serve_forever()
        finally:
            if contexts is not None:
                contexts.stop()
            server.server_close()
