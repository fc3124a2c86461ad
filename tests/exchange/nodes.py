"""Real node processes on loopback: each with its own SQLite database, keys and data folder.

Nodes run ``tests.exchange.serve`` (Django's threaded WSGI server with TCP_NODELAY; see
there why not ``runserver``) and ``rogatory exchange worker`` as subprocesses
with ``tests.exchange.node_settings`` (the demo settings plus the exchange URLs). Retries are
shortened through the environment (base 0.2-1 s) so a crash-recovery test fits in minutes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSPHRASE = "node passphrase for loopback tests"


def peak_rss_kib(pid: int) -> int:
    """Peak resident set size of a live process (``VmHWM`` in /proc), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for {pid}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Node:
    name: str
    node_id: str
    state: str
    root: Path
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: int = 1
    servers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    worker: subprocess.Popen[bytes] | None = None
    jwks: list[dict[str, str]] = field(default_factory=list)
    # Serve HTTPS with mutual TLS through ``rogatory exchange-serve`` (default: plain HTTP).
    tls: bool = False
    tls_cert_sha256: str = ""
    tls_certificate: str = ""

    @property
    def data_dir(self) -> Path:
        return self.root / self.name

    @property
    def endpoint(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}/exchange"

    def registry_entry(self) -> Any:
        from tests.exchange.support import NodeEntry

        return NodeEntry(
            self.node_id,
            self.state,
            self.jwks,
            tls_cert_sha256=(self.tls_cert_sha256,) if self.tls_cert_sha256 else (),
            tls_certificates=(self.tls_certificate,) if self.tls_certificate else (),
        )

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROGATORY_")}
        env.pop("DATABASE_URL", None)
        env.update(
            DJANGO_SETTINGS_MODULE="tests.exchange.node_settings",
            PYTHONPATH=str(REPO),
            ROGATORY_DATA_DIR=str(self.data_dir),
            ROGATORY_NODE_STATE=self.state,
            ROGATORY_KEY_PASSPHRASE=PASSPHRASE,
            ROGATORY_EXCHANGE_RETRY_BASE_SECONDS="1",
            ROGATORY_EXCHANGE_RETRY_CAP_SECONDS="2",
        )
        env.update(self.extra_env)
        return env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "rogatory"), *args],
            env=self.env(),
            cwd=REPO,
            capture_output=True,
            text=True,
            check=check,
            timeout=600,
        )

    def probe(self, *args: str) -> Any:
        done = subprocess.run(
            [sys.executable, "-m", "tests.exchange.node_probe", *args],
            env=self.env(),
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        return json.loads(done.stdout)

    def init(self, template: Path | None) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if template is not None:
            shutil.copy(template, self.data_dir / "rogatory.sqlite3")
        else:
            self.run("migrate", "-v", "0")
            self.run("directory", "seed")
        self.run("keys", "init", "--node-id", self.node_id, "--kdf-cost", "10")
        exported = json.loads(self.run("keys", "export").stdout)
        self.jwks = exported["keys"]
        self.tls_cert_sha256 = exported.get("tls_cert_sha256", "")
        self.tls_certificate = exported.get("tls_certificate", "")

    def server_command(self) -> list[str]:
        if self.tls:
            return [str(BIN / "rogatory"), "exchange-serve", f"127.0.0.1:{self.port}"]
        return [sys.executable, "-m", "tests.exchange.serve", f"127.0.0.1:{self.port}"]

    def start_server(self) -> None:
        log = (self.data_dir / "server.log").open("ab")
        self.servers = [
            subprocess.Popen(
                self.server_command(),
                env=self.env(),
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for _ in range(self.processes)
        ]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.tls:  # listening means ready: the TLS context is built before the bind
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
                except OSError:
                    time.sleep(0.1)
                    continue
                return
            try:
                with urllib.request.urlopen(  # noqa: S310 - our own http loopback URL
                    f"{self.endpoint}/outbox?for=probe", timeout=2
                ):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start")

    def kill_server(self) -> None:
        for server in self.servers:
            server.send_signal(signal.SIGKILL)
            server.wait()
        self.servers = []

    def start_worker(self, *args: str) -> None:
        log = (self.data_dir / "worker.log").open("ab")
        self.worker = subprocess.Popen(
            [str(BIN / "rogatory"), "exchange", "worker", "--interval", "0.1", *args],
            env=self.env(),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.send_signal(signal.SIGKILL)
            self.worker.wait()
            self.worker = None

    def stop(self) -> None:
        self.kill_server()
        self.stop_worker()


def node_pair(
    root: Path,
    *,
    b_endpoint_for_a: str | None = None,
    tls: bool = False,
    extra_env: dict[str, str] | None = None,
) -> tuple[Node, Node]:
    """Nodes A (xa-central, XA) and B (xb-central, XB) sharing a signed registry; A reaches B
    at ``b_endpoint_for_a`` when given (e.g. through a proxy). With ``tls`` both serve HTTPS
    with mutual TLS and the registry carries their certificates. Nothing is started."""
    from tests.exchange.support import Operators, build_registry

    template = Node("template", "template", "XA", root)
    template.data_dir.mkdir()
    template.run("migrate", "-v", "0")
    template.run("directory", "seed")
    a = Node("a", "xa-central", "XA", root, tls=tls, extra_env=dict(extra_env or {}))
    b = Node("b", "xb-central", "XB", root, tls=tls, extra_env=dict(extra_env or {}))
    for node in (a, b):
        node.init(template.data_dir / "rogatory.sqlite3")
    operators = Operators.make()
    registry = build_registry([a.registry_entry(), b.registry_entry()])
    signed = root / "registry.json"
    signed.write_bytes(operators.sign(registry))
    config = operators.write_config(root / "operators.json")
    for node in (a, b):
        b_endpoint = b_endpoint_for_a if node is a and b_endpoint_for_a else b.endpoint
        node.run(
            "registry",
            "import",
            str(signed),
            "--operators",
            str(config),
            "--endpoint",
            f"xa-central={a.endpoint}",
            "--endpoint",
            f"xb-central={b_endpoint}",
        )
    return a, b
