"""`make demo`: three national nodes (XA, XB, XC) on loopback, each with its own database,
keys, web server and exchange worker, a registry signed 2-of-3 by demo operators, demo data,
and requests in flight between the nodes.

Keys and passwords are made at run time under var/demo/ (never in git).
"""

import json
import os
import secrets
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rogatory.core.envelope.keys import NodeKeys, public_jwk, public_key_from_jwk
from rogatory.core.envelope.registry import NodeRegistry, RegistryKey, RegistryNode, sign_registry

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "var" / "demo"
BIN = ROOT / ".venv" / "bin"
NODES = [("XA", 8000), ("XB", 8001), ("XC", 8002)]
# The Secretariat's node: the review mechanism's register, no cases, no exchange worker.
SECRETARIAT_PORT = 8003
CASES = int(os.environ.get("DEMO_CASES", "120"))

# In-flight requests: each node transmits some of its approved outgoing requests, which the
# workers then deliver as incoming requests at the other nodes.
TRANSMIT = """
from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case
from rogatory.apps.proceedings.services import case_transition
sup = User.objects.get(username="supervisor")
approved = Case.objects.filter(direction="outgoing", status="approved").order_by("pk")
# The demo's request for the person two States want goes first (extradition demo).
wanted = list(approved.filter(title="Extradition of Mohamed Abdallah El-Husseini"))
for case in [*wanted, *approved.exclude(pk__in=[c.pk for c in wanted])[:4]]:
    case_transition(actor=sup, case_id=case.pk, target="transmitted")
    print(case.our_reference, "->", case.requested_state_id)
"""

# One approved request leaves by the diplomatic channel instead (UNTOC art. 18(13) allows it):
# its package is produced and its dispatch recorded by hand, as an officer would.
DISPATCH = """
from datetime import date
from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case
from rogatory.apps.proceedings.services.other_channels import (
    other_channel_dispatch, other_channel_package,
)
sup = User.objects.get(username="supervisor")
case = Case.objects.filter(direction="outgoing", status="approved").order_by("pk").first()
if case is not None:
    other_channel_package(actor=sup, case_id=case.pk).file.close()
    other_channel_dispatch(
        actor=sup, case_id=case.pk, channel="diplomatic", on=date.today(),
        tracking_reference="Note verbale 2026/114",
        note="Handed to the Ministry of Foreign Affairs",
    )
    print(case.our_reference, "-> diplomatic channel")
"""


def node_id(state: str) -> str:
    return f"{state.lower()}-central"


def env_for(state: str, passphrase_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROGATORY_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="rogatory.settings.demo",
        ROGATORY_DATA_DIR=str(DEMO / state.lower()),
        ROGATORY_NODE_STATE=state,
        ROGATORY_KEY_PASSPHRASE_FILE=str(passphrase_file),
    )
    return env


def secretariat_env(passphrase_file: Path) -> dict[str, str]:
    env = env_for("XA", passphrase_file)
    env.update(
        ROGATORY_DATA_DIR=str(DEMO / "secretariat"),
        ROGATORY_SECRETARIAT_NODE="1",
    )
    return env


def run(state: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [str(BIN / "rogatory"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"[{state}] rogatory {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def build_registry(exports: dict[str, dict[str, Any]]) -> NodeRegistry:
    """Registry entries from each node's ``keys export`` (keys, TLS pin and certificate)."""
    now = datetime.now(UTC).replace(microsecond=0)
    start, end = now - timedelta(days=1), now + timedelta(days=365)
    nodes = []
    for state, exported in exports.items():
        keys = exported["keys"]
        tls_pem = exported.get("tls_certificate")
        sig = next(j for j in keys if j["crv"] == "Ed25519")
        enc = next(j for j in keys if j["crv"] == "X25519")
        nodes.append(
            RegistryNode(
                node_id=node_id(state),
                state=state,
                authority=f"Central Authority of {state}",
                endpoint=f"https://{node_id(state)}.example/exchange",
                signing_keys=(RegistryKey(public_key_from_jwk(sig), start, end),),
                encryption_keys=(RegistryKey(public_key_from_jwk(enc), start, end),),
                tls_cert_sha256=(exported["tls_cert_sha256"],) if tls_pem else (),
                tls_certificates=(ssl.PEM_cert_to_DER_cert(tls_pem),) if tls_pem else (),
            )
        )
    return NodeRegistry(1, now, now + timedelta(days=30), tuple(nodes))


def setup() -> tuple[Path, str]:
    DEMO.mkdir(parents=True, exist_ok=True)
    passphrase_file = DEMO / "key-passphrase"
    if not passphrase_file.exists():
        passphrase_file.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        passphrase_file.chmod(0o600)
    password_file = DEMO / "demo-password"
    if not password_file.exists():
        password_file.write_text(secrets.token_urlsafe(9), encoding="utf-8")
        password_file.chmod(0o600)
    password = password_file.read_text(encoding="utf-8").strip()
    if (DEMO / ".loaded").exists():
        return passphrase_file, password
    exports = {}
    for seed, (state, _) in enumerate(NODES, start=1):
        env = env_for(state, passphrase_file)
        print(f"[{state}] database, demo data and keys…", flush=True)
        run(state, env, "migrate", "-v", "0")
        run(
            state,
            env,
            "demo-data",
            "--cases",
            str(CASES),
            "--home",
            state,
            "--seed",
            str(seed),
            "--password",
            password,
        )
        print(f"[{state}] " + run(state, env, "demo-extradition", "--home", state).strip())
        run(state, env, "keys", "init", "--node-id", node_id(state))
        exports[state] = json.loads(run(state, env, "keys", "export"))
    operators = [NodeKeys.generate() for _ in range(3)]
    signed = sign_registry(build_registry(exports), [k.signing for k in operators[:2]])
    (DEMO / "registry.json").write_bytes(signed)
    config = {"threshold": 2, "keys": [public_jwk(k.signing.public_key()) for k in operators]}
    (DEMO / "operators.json").write_text(json.dumps(config), encoding="utf-8")
    overrides = [
        arg
        for state, port in NODES
        for arg in ("--endpoint", f"{node_id(state)}=http://127.0.0.1:{port}/exchange")
    ]
    for state, _ in NODES:
        env = env_for(state, passphrase_file)
        run(
            state,
            env,
            "registry",
            "import",
            str(DEMO / "registry.json"),
            "--operators",
            str(DEMO / "operators.json"),
            *overrides,
        )
        sent = run(state, env, "shell", "-c", TRANSMIT).splitlines()
        print(f"[{state}] transmitting: " + "; ".join(line for line in sent if "->" in line))
        if state == "XA":
            dispatched = run(state, env, "shell", "-c", DISPATCH).splitlines()
            print(f"[{state}] other channel: " + "; ".join(d for d in dispatched if "->" in d))
    env = secretariat_env(passphrase_file)
    print("[secretariat] database and review demo…", flush=True)
    run("secretariat", env, "migrate", "-v", "0")
    run("secretariat", env, "demo-review", "--password", password)
    (DEMO / ".loaded").touch()
    return passphrase_file, password


def converse(passphrase_file: Path) -> None:
    """The whole conversation of one request between XA and XB (issue 15): request, question
    and answer, partial then final execution with evidence returned. Each node makes its next
    move in turn (``rogatory demo-conversation``), the exchange workers carrying each message
    across, until neither has a move left."""
    envs = {state: env_for(state, passphrase_file) for state in ("XA", "XB")}
    idle = 0
    for _ in range(60):
        said = run("XA", envs["XA"], "demo-conversation", "--start-with", "XB")
        said += "\n" + run("XB", envs["XB"], "demo-conversation")
        moved = [line for line in said.splitlines() if line.strip()]
        for line in moved:
            print(f"  conversation XA-XB: {line}", flush=True)
        idle = 0 if moved else idle + 1
        if idle >= 6:
            return
        time.sleep(3)


def hear(passphrase_file: Path) -> None:
    """The demo hearing by video between XA and XB (issue 19): an extradition consent hearing
    scheduled with an interpreter, its safeguards and signed minutes, in turns like converse."""
    envs = {state: env_for(state, passphrase_file) for state in ("XA", "XB")}
    idle = 0
    for _ in range(60):
        said = run("XA", envs["XA"], "demo-hearing", "--start-with", "XB")
        said += "\n" + run("XB", envs["XB"], "demo-hearing")
        moved = [line for line in said.splitlines() if line.strip()]
        for line in moved:
            print(f"  hearing XA-XB: {line}", flush=True)
        idle = 0 if moved else idle + 1
        if idle >= 6:
            return
        time.sleep(3)


def timers(passphrase_file: Path) -> None:
    """What a production node runs from systemd timers or cron: received hearing messages
    applied every minute (``rogatory hearings sync``), and every ten minutes reminders before
    a legal time limit expires and escalation once it has passed (``deadlines --notify``), and
    on the Secretariat's node reminders of review steps (``review-reminders``)."""
    tick = 0
    while True:
        jobs = [["hearings", "sync"]] + ([["deadlines", "--notify"]] if tick % 10 == 0 else [])
        for state, _ in NODES:
            for job in jobs:
                subprocess.run(  # noqa: S603 - our own command with fixed arguments
                    [str(BIN / "rogatory"), *job],
                    env=env_for(state, passphrase_file),
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
        if tick % 10 == 0:
            # The Secretariat's reminders of review steps nearing or past their time limits.
            subprocess.run(  # noqa: S603 - our own command with fixed arguments
                [str(BIN / "rogatory"), "review-reminders"],
                env=secretariat_env(passphrase_file),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        tick += 1
        time.sleep(60)


def main() -> None:
    passphrase_file, password = setup()
    children: list[subprocess.Popen[bytes]] = []
    for state, port in NODES:
        env = env_for(state, passphrase_file)
        log = (DEMO / f"{state.lower()}.log").open("ab")
        children.append(
            subprocess.Popen(  # noqa: S603
                # DEBUG is off on the demo too (tracebacks are for logs); --insecure lets
                # the loopback dev server still serve the static files, as a proxy would.
                [
                    str(BIN / "rogatory"),
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--insecure",
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        children.append(
            subprocess.Popen(  # noqa: S603
                [str(BIN / "rogatory"), "exchange", "worker"],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        # The figures are kept current within a minute of a change (issue 20).
        children.append(
            subprocess.Popen(  # noqa: S603
                [str(BIN / "rogatory"), "stats-refresh", "--every", "60"],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    log = (DEMO / "secretariat.log").open("ab")
    children.append(
        subprocess.Popen(  # noqa: S603
            [
                str(BIN / "rogatory"),
                "runserver",
                f"127.0.0.1:{SECRETARIAT_PORT}",
                "--noreload",
                "--insecure",
            ],
            env=secretariat_env(passphrase_file),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    )
    for port in [p for _, p in NODES] + [SECRETARIAT_PORT]:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/signin/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
    print("\nRogatory demo: three national nodes exchanging requests")
    for state, port in NODES:
        print(f"  {state}: http://127.0.0.1:{port}/   (API docs: http://127.0.0.1:{port}/api/docs)")
    print(
        f"  Secretariat (review mechanism): http://127.0.0.1:{SECRETARIAT_PORT}/review/"
        "   (sign in as secretariat or auditor)"
    )
    print(
        f"Sign in on any node as clerk, officer, supervisor, auditor or admin, password: {password}"
    )
    print(f"Logs: {DEMO}/<node>.log. Stop with Ctrl-C.")
    # One after the other: two demo writers at once would contend for the SQLite files.
    threading.Thread(
        target=lambda: (converse(passphrase_file), hear(passphrase_file)), daemon=True
    ).start()
    threading.Thread(target=timers, args=(passphrase_file,), daemon=True).start()

    def stop(*_: object) -> None:
        for child in children:
            child.terminate()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while all(child.poll() is None for child in children):
        time.sleep(1)
    stop()


if __name__ == "__main__":
    main()
