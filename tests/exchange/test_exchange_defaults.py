"""The exchange refuses strangers by default, charges each peer's uploads to a quota, keeps
free space for the database, and serves the outbox only to the node it is addressed to
(issue 14, findings 1 and 2). This test database is node B; A and C are registry nodes whose
client certificates reach B through a trusted TLS-terminating proxy header."""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from django.db import transaction
from django.test import Client

from rogatory.apps.exchange.checks import exchange_settings_check
from rogatory.apps.exchange.models import InboxMessage, OutboxMessage
from rogatory.apps.exchange.services.outbox import message_enqueue
from rogatory.apps.exchange.services.quota import MIN_CHARGE
from rogatory.apps.exchange.services.registry import registry_import
from rogatory.federation.chunks import repr_digest
from rogatory.federation.tls import TlsCredentials, make_tls_certificate
from rogatory.settings import base as production
from tests.exchange.conftest import Network
from tests.exchange.support import NodeEntry, build_registry, entry_for

pytestmark = pytest.mark.django_db

MESSAGE_ID = "01a21ce0-6e00-7bc2-b869-79dea47e9714"
OTHER_ID = "01a21ce0-6e00-7bc2-b869-79dea47e9715"
HEADER = "X-Client-Cert-Sha256"
REPO = Path(__file__).resolve().parents[2]


def _credentials(name: str) -> TlsCredentials:
    key, der = make_tls_certificate(name, now=datetime.now(UTC))
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return TlsCredentials(der, pkcs8)


def _incoming(settings: Any, message_id: str = MESSAGE_ID) -> Path:
    return Path(settings.DATA_DIR) / "exchange" / "incoming" / message_id


def put(
    client: Client, message_id: str = MESSAGE_ID, chunk: int = 0, data: bytes = b"x", **extra: Any
) -> Any:
    return client.put(
        f"/exchange/messages/{message_id}/parts/0/chunks/{chunk}",
        data=data,
        content_type="application/octet-stream",
        headers={"Repr-Digest": repr_digest(data), **extra.pop("headers", {})},
        **extra,
    )


def _queue_ping_for(recipient: str) -> OutboxMessage:
    with transaction.atomic():
        return message_enqueue(
            case=None, kind="ping", payload={}, documents=[], recipient_node=recipient
        )


def _denials(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "rogatory.security" and "access_denied" in r.getMessage()
    ]


# --- the production default ------------------------------------------------------------------


@pytest.fixture
def production_exchange(network: Network, settings: Any) -> Network:
    """B with the exchange settings of settings/base.py, not the test settings' opt-out."""
    settings.EXCHANGE_REQUIRE_MTLS = production.EXCHANGE_REQUIRE_MTLS
    settings.EXCHANGE_INSECURE_LOOPBACK = production.EXCHANGE_INSECURE_LOOPBACK
    return network


def test_the_production_default_requires_mutual_tls_without_opt_out() -> None:
    assert (production.EXCHANGE_REQUIRE_MTLS, production.EXCHANGE_INSECURE_LOOPBACK) == (
        True,
        False,
    )
    assert production.EXCHANGE_PEER_QUOTA_BYTES == 16 * 1024**3
    assert production.EXCHANGE_MIN_FREE_BYTES == 1024**3


def test_by_default_an_unauthenticated_chunk_is_refused_and_nothing_is_written(
    production_exchange: Network, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # given B with the production defaults and a caller without a client certificate
    # when it uploads a chunk and asks which chunks are stored
    with caplog.at_level("WARNING", logger="rogatory.security"):
        stored = put(production_exchange.client)
        listed = production_exchange.client.get(f"/exchange/messages/{MESSAGE_ID}/parts/0/chunks")
    # then both are refused with a coded 403, nothing reaches the disk or the database
    assert (stored.status_code, listed.status_code) == (403, 403)
    assert stored.json()["code"] == "exchange.peer_unauthenticated"
    assert not _incoming(settings).exists()
    assert not (Path(settings.DATA_DIR) / "exchange" / "incoming").exists()
    assert InboxMessage.objects.count() == 0
    # and each refusal is logged on rogatory.security
    assert len(_denials(caplog)) == 2


def test_by_default_the_outbox_is_not_listed_nor_served_to_an_unauthenticated_caller(
    production_exchange: Network, caplog: pytest.LogCaptureFixture
) -> None:
    # given B holds a message for A
    row = _queue_ping_for("xa-central")
    # when a caller without a certificate lists A's outbox, fetches a part, and answers it
    with caplog.at_level("WARNING", logger="rogatory.security"):
        listed = production_exchange.client.get("/exchange/outbox?for=xa-central")
        fetched = production_exchange.client.get(
            f"/exchange/outbox/{row.message_id}/parts/0/chunks/0"
        )
        signalled = production_exchange.client.post(
            f"/exchange/outbox/{row.message_id}/signal", data=b"x", content_type="application/jose"
        )
    # then each is refused with 403, reveals nothing, and changes nothing
    assert [r.status_code for r in (listed, fetched, signalled)] == [403, 403, 403]
    assert all(row.message_id not in r.content.decode() for r in (listed, fetched, signalled))
    row.refresh_from_db()
    assert row.state == "pending"
    assert len(_denials(caplog)) == 3


# --- the loopback opt-out of the demo ---------------------------------------------------------


@pytest.fixture
def loopback_opt_out(network: Network, settings: Any) -> Network:
    settings.EXCHANGE_REQUIRE_MTLS = True
    settings.EXCHANGE_INSECURE_LOOPBACK = True
    return network


def test_the_opt_out_lets_in_a_caller_on_this_machine(
    loopback_opt_out: Network, settings: Any
) -> None:
    assert put(loopback_opt_out.client, REMOTE_ADDR="127.0.0.1").status_code == 201
    assert put(loopback_opt_out.client, chunk=1, REMOTE_ADDR="::1").status_code == 201
    assert sorted(p.name for p in _incoming(settings).iterdir()) == [".owner", "0.0", "0.1"]


@pytest.mark.parametrize(
    ("address", "headers"),
    [
        ("203.0.113.7", {}),
        ("10.0.0.2", {}),
        ("::ffff:192.0.2.1", {}),
        # a reverse proxy on this machine relays strangers from 127.0.0.1
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.7"}),
        ("127.0.0.1", {"Forwarded": "for=203.0.113.7"}),
    ],
)
def test_the_opt_out_still_refuses_callers_from_elsewhere(
    loopback_opt_out: Network, settings: Any, address: str, headers: dict[str, str]
) -> None:
    # when a caller without a certificate uploads from another address (or through a proxy)
    reply = put(loopback_opt_out.client, REMOTE_ADDR=address, headers=headers)
    # then it is refused as without the opt-out, and nothing is written
    assert reply.status_code == 403
    assert reply.json()["code"] == "exchange.peer_unauthenticated"
    assert not _incoming(settings).exists()


def test_the_opt_out_keeps_pull_mode_working_on_loopback(loopback_opt_out: Network) -> None:
    row = _queue_ping_for("xa-central")
    listed = loopback_opt_out.client.get("/exchange/outbox?for=xa-central")
    assert listed.status_code == 200
    assert [m["message_id"] for m in listed.json()["messages"]] == [row.message_id]
    fetched = loopback_opt_out.client.get(f"/exchange/outbox/{row.message_id}/parts/0/chunks/0")
    assert fetched.status_code == 200


# --- authenticated peers: ownership, quota, free space, outbox --------------------------------


@dataclass
class Peers:
    network: Network
    a: TlsCredentials
    c: TlsCredentials

    def as_a(self, **extra: Any) -> dict[str, Any]:
        return {"headers": {HEADER: self.a.sha256, **extra}}

    def as_c(self, **extra: Any) -> dict[str, Any]:
        return {"headers": {HEADER: self.c.sha256, **extra}}


@pytest.fixture
def peers(production_exchange: Network, settings: Any) -> Peers:
    """B in production mode behind a TLS proxy on 127.0.0.1; A and C list certificates."""
    settings.EXCHANGE_TLS_CLIENT_HASH_HEADER = HEADER
    settings.EXCHANGE_TLS_TRUSTED_PROXIES = ["127.0.0.1/32"]
    net = production_exchange
    a, c = _credentials("xa-central"), _credentials("xc-central")

    def tls(creds: TlsCredentials) -> dict[str, Any]:
        pem = ssl.DER_cert_to_PEM_cert(creds.certificate_der)
        return {"tls_cert_sha256": (creds.sha256,), "tls_certificates": (pem,)}

    entries = [
        entry_for("xa-central", "XA", net.a_keys, **tls(a)),
        NodeEntry("xb-central", "XB", net.b_node.public_jwks),
        entry_for("xc-central", "XC", net.c_keys, **tls(c)),
    ]
    net.registry = build_registry(entries, version=2)
    registry_import(document=net.operators.sign(net.registry))
    return Peers(net, a, c)


def test_another_peer_cannot_write_into_or_list_a_message_a_peer_started(
    peers: Peers, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client = peers.network.client
    # given A uploaded the first chunk of a message
    assert put(client, **peers.as_a()).status_code == 201
    # when C uploads another chunk of the same message and asks which chunks are there
    with caplog.at_level("WARNING", logger="rogatory.security"):
        written = put(client, chunk=1, data=b"y", **peers.as_c())
        listed = client.get(f"/exchange/messages/{MESSAGE_ID}/parts/0/chunks", **peers.as_c())
    # then both are refused, and only A's chunk is stored
    assert (written.status_code, listed.status_code) == (403, 403)
    assert written.json()["code"] == listed.json()["code"] == "exchange.peer_not_owner"
    assert sorted(p.name for p in _incoming(settings).iterdir()) == [".owner", "0.0"]
    assert (_incoming(settings) / ".owner").read_text() == "xa-central"
    assert len(_denials(caplog)) == 2
    # and A still can
    assert put(client, chunk=1, data=b"y", **peers.as_a()).status_code == 201


def test_a_peer_over_its_quota_is_refused_and_other_peers_are_not(
    peers: Peers, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # given a quota of two small chunks per peer, both used by A
    settings.EXCHANGE_PEER_QUOTA_BYTES = 2 * MIN_CHARGE
    client = peers.network.client
    assert put(client, chunk=0, **peers.as_a()).status_code == 201
    assert put(client, chunk=1, **peers.as_a()).status_code == 201
    # when A uploads a third chunk, in the same message or a new one
    with caplog.at_level("WARNING", logger="rogatory.security"):
        same = put(client, chunk=2, **peers.as_a())
        new = put(client, OTHER_ID, **peers.as_a())
    # then both are refused with 507 (retry later) and their own code, nothing written
    assert (same.status_code, new.status_code) == (507, 507)
    assert same.json()["code"] == new.json()["code"] == "exchange.peer_quota_exceeded"
    assert same.json()["params"] == {"limit": 2 * MIN_CHARGE}
    assert sorted(p.name for p in _incoming(settings).iterdir()) == [".owner", "0.0", "0.1"]
    assert not _incoming(settings, OTHER_ID).exists()
    assert len(_denials(caplog)) == 2
    # and C, with its own quota, still uploads
    assert put(client, OTHER_ID, **peers.as_c()).status_code == 201


def test_the_quota_counts_each_peer_across_messages_and_frees_on_commit(
    peers: Peers, settings: Any
) -> None:
    # given a quota that holds one small message of A (two parts, two chunks) and no more
    settings.EXCHANGE_PEER_QUOTA_BYTES = 2 * MIN_CHARGE
    net = peers.network
    sealed = net.seal()
    for index, path in enumerate(sealed.part_paths):
        url = f"/exchange/messages/{sealed.header.message_id}/parts/{index}/chunks/0"
        data = path.read_bytes()
        reply = net.client.put(
            url,
            data=data,
            content_type="application/octet-stream",
            headers={"Repr-Digest": repr_digest(data), HEADER: peers.a.sha256},
        )
        assert reply.status_code == 201
    assert put(net.client, **peers.as_a()).status_code == 507
    # when A commits it
    committed = net.client.post(
        f"/exchange/messages/{sealed.header.message_id}/commit",
        data=sealed.header_jws.encode("ascii"),
        content_type="application/jose",
        headers={HEADER: peers.a.sha256},
    )
    # then its chunks no longer count
    assert committed.status_code == 201
    assert put(net.client, **peers.as_a()).status_code == 201


def test_a_chunk_that_would_eat_the_reserved_free_space_is_refused(
    peers: Peers, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # given a filesystem with less free space than the node keeps in reserve
    root = Path(settings.DATA_DIR)
    root.mkdir(parents=True, exist_ok=True)
    settings.EXCHANGE_MIN_FREE_BYTES = shutil.disk_usage(root).free + 1024**4
    # when A uploads a chunk
    with caplog.at_level("WARNING", logger="rogatory.security"):
        reply = put(peers.network.client, **peers.as_a())
    # then 507 storage_full, and no folder was made
    assert reply.status_code == 507
    assert reply.json()["code"] == "exchange.storage_full"
    assert not _incoming(settings).exists()
    assert any("exchange.storage_full" in line for line in _denials(caplog))


def test_a_peer_lists_and_fetches_only_its_own_outbox(
    peers: Peers, caplog: pytest.LogCaptureFixture
) -> None:
    client = peers.network.client
    # given B holds a message for A
    row = _queue_ping_for("xa-central")
    chunk_url = f"/exchange/outbox/{row.message_id}/parts/0/chunks/0"
    # when C lists A's outbox, lists its own, fetches A's part and answers A's message
    with caplog.at_level("WARNING", logger="rogatory.security"):
        as_a = client.get("/exchange/outbox?for=xa-central", **peers.as_c())
        own = client.get("/exchange/outbox?for=xc-central", **peers.as_c())
        fetched = client.get(chunk_url, **peers.as_c())
        signalled = client.post(
            f"/exchange/outbox/{row.message_id}/signal",
            data=b"x",
            content_type="application/jose",
            **peers.as_c(),
        )
    # then C sees nothing of A's message: refused, an empty list, and "no such message"
    assert (as_a.status_code, as_a.json()["code"]) == (403, "exchange.peer_mismatch")
    assert (own.status_code, own.json()) == (200, {"messages": []})
    assert (fetched.status_code, fetched.json()["code"]) == (404, "exchange.not_found")
    assert (signalled.status_code, signalled.json()["code"]) == (404, "exchange.not_found")
    row.refresh_from_db()
    assert row.state == "pending"
    assert len(_denials(caplog)) == 3
    # and A lists and fetches its message
    listed = client.get("/exchange/outbox?for=xa-central", **peers.as_a())
    assert [m["message_id"] for m in listed.json()["messages"]] == [row.message_id]
    assert client.get(chunk_url, **peers.as_a()).status_code == 200


# --- check --deploy ---------------------------------------------------------------------------


def test_safe_exchange_settings_raise_no_warning(settings: Any) -> None:
    for name in (
        "EXCHANGE_REQUIRE_MTLS",
        "EXCHANGE_INSECURE_LOOPBACK",
        "EXCHANGE_PEER_QUOTA_BYTES",
        "EXCHANGE_MIN_FREE_BYTES",
        "EXCHANGE_TLS_TRUSTED_PROXIES",
    ):
        setattr(settings, name, getattr(production, name))
    assert exchange_settings_check() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"EXCHANGE_REQUIRE_MTLS": False}, ["exchange.W001"]),
        ({"EXCHANGE_INSECURE_LOOPBACK": True}, ["exchange.W002"]),
        ({"EXCHANGE_PEER_QUOTA_BYTES": 0}, ["exchange.W003"]),
        ({"EXCHANGE_MIN_FREE_BYTES": 0}, ["exchange.W004"]),
        ({"EXCHANGE_PEER_QUOTA_BYTES": 1024**3}, ["exchange.W005"]),
        (
            {
                "EXCHANGE_TLS_CLIENT_HASH_HEADER": HEADER,
                "EXCHANGE_TLS_TRUSTED_PROXIES": ["192.0.2.10", "0.0.0.0/0"],
            },
            ["exchange.W006"],
        ),
    ],
)
def test_each_unsafe_exchange_setting_is_a_deploy_warning(
    settings: Any, changes: dict[str, Any], expected: list[str]
) -> None:
    settings.EXCHANGE_REQUIRE_MTLS = True
    settings.EXCHANGE_INSECURE_LOOPBACK = False
    settings.EXCHANGE_PEER_QUOTA_BYTES = production.EXCHANGE_PEER_QUOTA_BYTES
    settings.EXCHANGE_MIN_FREE_BYTES = production.EXCHANGE_MIN_FREE_BYTES
    settings.ROGATORY_MAX_DOCUMENT_BYTES = 4 * 1024**3
    for name, value in changes.items():
        setattr(settings, name, value)
    assert [w.id for w in exchange_settings_check()] == expected


def _deploy_check(settings_module: str, tmp_path: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROGATORY_")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE=settings_module, ROGATORY_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "rogatory", "check", "--deploy", "--tag", "security"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done.stdout + done.stderr


def test_check_deploy_with_production_settings_has_no_exchange_warning(tmp_path: Path) -> None:
    # given the production settings as shipped, and the demo's
    production_report = _deploy_check("rogatory.settings.base", tmp_path / "production")
    demo_report = _deploy_check("rogatory.settings.demo", tmp_path / "demo")
    # then production is clean of exchange warnings, the demo names its opt-out
    assert "exchange.W" not in production_report, production_report
    assert "(exchange.W002)" in demo_report, demo_report
    assert "(exchange.W001)" not in demo_report
