"""Mutual TLS between nodes, pinned to the registry (docs/decisions/0004-mutual-tls.md).

Real node processes serve ``rogatory exchange-serve`` over TLS with
``ROGATORY_EXCHANGE_REQUIRE_MTLS=true``; the in-process tests cover the middleware (including a
TLS-terminating proxy) and the client-side pinning against a bare TLS server.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from cryptography.hazmat.primitives import serialization
from django.test import RequestFactory

from rogatory.apps.exchange.peers import (
    TLS_PEER_ENVIRON,
    ExchangePeerMiddleware,
    peer_node_id,
)
from rogatory.apps.exchange.services.registry import registry_import
from rogatory.core.envelope.header import EnvelopeHeader
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.envelope.receipts import check_receipt_for, verify_receipt
from rogatory.federation.chunks import repr_digest
from rogatory.federation.tls import (
    TlsCredentials,
    cert_sha256,
    client_context,
    is_loopback_host,
    make_tls_certificate,
    server_context,
)
from rogatory.federation.transport import HttpTransport, TransportError
from tests.exchange.conftest import Network
from tests.exchange.nodes import Node, node_pair
from tests.exchange.support import build_registry

MESSAGE_ID = "01a21ce0-6e00-7bc2-b869-79dea47e9714"
CHUNK = f"messages/{MESSAGE_ID}/parts/0/chunks/0"


def _credentials(name: str = "stranger") -> TlsCredentials:
    key, der = make_tls_certificate(name, now=datetime.now(UTC))
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return TlsCredentials(der, pkcs8)


# --- two real nodes over mutual TLS -----------------------------------------------------------


@pytest.fixture(scope="module")
def tls_nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Node, Node]]:
    root = tmp_path_factory.mktemp("tls-nodes")
    # The node settings derive from the demo's: turn its loopback opt-out off, as in production.
    env = {"ROGATORY_EXCHANGE_REQUIRE_MTLS": "true", "ROGATORY_EXCHANGE_INSECURE_LOOPBACK": "false"}
    a, b = node_pair(root, tls=True, extra_env=env)
    b.start_server()
    yield a, b
    a.stop()
    b.stop()
    shutil.rmtree(root, ignore_errors=True)


def _nothing_stored_at(b: Node) -> None:
    assert not (b.data_dir / "exchange" / "incoming" / MESSAGE_ID).exists()
    assert MESSAGE_ID not in {r["message_id"] for r in b.probe("inbox")}


def test_two_nodes_deliver_over_mutual_tls_with_a_verified_receipt(
    tls_nodes: tuple[Node, Node],
) -> None:
    a, b = tls_nodes
    assert b.endpoint.startswith("https://")
    # given an approved request at A for B, whose server requires mutual TLS
    sent = a.probe("request", "xb-central")
    # when A's worker runs one pass (its transport presents A's certificate and pins B's)
    a.run("exchange", "worker", "--once")
    # then B accepted it and A holds B's signed receipt for exactly that header
    row = {r["message_id"]: r for r in a.probe("outbox")}[sent["message_id"]]
    assert row["state"] == "delivered"
    receipt = verify_receipt(row["receipt_jws"], jwks=b.jwks, expected_issuer="xb-central")
    header = EnvelopeHeader.from_payload(
        parse_compact(row["header_jws"], typ="rogatory-envelope+jws").payload
    )
    check_receipt_for(receipt, header_jws=row["header_jws"], header=header)
    assert sent["message_id"] in {r["message_id"] for r in b.probe("inbox")}


def test_a_client_without_a_certificate_is_refused_by_the_application(
    tls_nodes: tuple[Node, Node],
) -> None:
    _, b = tls_nodes
    # given a client that pins B correctly but presents no certificate
    transport = HttpTransport(
        timeout=10, ssl_context=client_context(None), pins=lambda _: {b.tls_cert_sha256}
    )
    # when it uploads a chunk
    reply = transport.request(
        "PUT", f"{b.endpoint}/{CHUNK}", body=b"x", headers={"Repr-Digest": repr_digest(b"x")}
    )
    # then the application refuses it with a coded 403 and stores nothing
    assert reply.status == 403
    assert json.loads(reply.body)["code"] == "exchange.peer_unauthenticated"
    _nothing_stored_at(b)


def test_a_client_with_an_unregistered_certificate_is_refused(
    tls_nodes: tuple[Node, Node],
) -> None:
    _, b = tls_nodes
    # given a client whose certificate no registry node lists
    transport = HttpTransport(
        timeout=10,
        ssl_context=client_context(_credentials()),
        pins=lambda _: {b.tls_cert_sha256},
    )
    # when it uploads a chunk, then the TLS layer refuses the certificate (not a registry
    # anchor): the request never reaches the application, and nothing is stored
    with pytest.raises(TransportError) as refused:
        transport.request(
            "PUT", f"{b.endpoint}/{CHUNK}", body=b"x", headers={"Repr-Digest": repr_digest(b"x")}
        )
    assert refused.value.code == "transport.connection"
    _nothing_stored_at(b)


def test_a_server_whose_certificate_is_not_pinned_is_refused_by_the_worker(
    tls_nodes: tuple[Node, Node],
) -> None:
    _, b = tls_nodes
    # given B's real server, but a pin that is not its certificate's hash
    transport = HttpTransport(
        timeout=10, ssl_context=client_context(None), pins=lambda _: {"00" * 32}
    )
    # then the client refuses B before sending
    with pytest.raises(TransportError) as refused:
        transport.request("GET", f"{b.endpoint}/outbox?for=xa-central")
    assert (refused.value.code, refused.value.detail) == (
        "transport.peer_not_trusted",
        b.tls_cert_sha256,
    )


# --- client-side pinning against a bare TLS server --------------------------------------------


class RecordingTlsServer:
    """A TLS server that records the application bytes it receives (and answers 200)."""

    def __init__(self, credentials: TlsCredentials, anchors: list[bytes]) -> None:
        self.credentials = credentials
        self.client = _credentials("client")
        self.context = server_context(credentials, [*anchors, self.client.certificate_der])
        self.received = bytearray()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            try:
                with self.context.wrap_socket(raw, server_side=True) as conn:
                    conn.settimeout(2)
                    data = conn.recv(65536)
                    self.received += data
                    if data:
                        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            except (OSError, ssl.SSLError):
                continue

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def tls_server() -> Iterator[RecordingTlsServer]:
    server = RecordingTlsServer(_credentials("server"), [])
    yield server
    server.close()


def test_the_transport_talks_to_a_server_whose_certificate_is_pinned(
    tls_server: RecordingTlsServer,
) -> None:
    origin = f"https://127.0.0.1:{tls_server.port}"
    seen: list[str] = []

    def pins(asked: str) -> set[str]:
        seen.append(asked)
        return {tls_server.credentials.sha256}

    transport = HttpTransport(timeout=5, ssl_context=client_context(tls_server.client), pins=pins)
    reply = transport.request("GET", f"{origin}/x")
    assert (reply.status, reply.body, seen) == (200, b"ok", [origin])


def test_a_server_whose_certificate_hash_is_not_in_the_registry_gets_nothing(
    tls_server: RecordingTlsServer,
) -> None:
    # given a server holding a valid key for a certificate nobody listed
    transport = HttpTransport(
        timeout=5, ssl_context=client_context(_credentials()), pins=lambda _: {"ab" * 32}
    )
    # when the client connects, then it refuses the server before writing the request
    with pytest.raises(TransportError) as refused:
        transport.request("PUT", f"https://127.0.0.1:{tls_server.port}/x", body=b"secret")
    assert refused.value.code == "transport.peer_not_trusted"
    assert refused.value.detail == tls_server.credentials.sha256
    assert bytes(tls_server.received) == b""


def test_no_pins_for_an_origin_means_no_server_is_trusted(
    tls_server: RecordingTlsServer,
) -> None:
    transport = HttpTransport(timeout=5, ssl_context=client_context(None), pins=lambda _: set())
    with pytest.raises(TransportError, match=r"transport\.peer_not_trusted"):
        transport.request("GET", f"https://127.0.0.1:{tls_server.port}/x")
    assert bytes(tls_server.received) == b""


@pytest.mark.parametrize(
    "url", ["http://192.0.2.10/exchange/x", "http://xb-central.example.test/x", "http://[::2]/"]
)
def test_plain_http_to_a_non_loopback_address_is_refused(url: str) -> None:
    with pytest.raises(TransportError) as refused:
        HttpTransport(timeout=1).request("GET", url)
    assert refused.value.code == "transport.plain_http_refused"


def test_loopback_hosts() -> None:
    assert all(map(is_loopback_host, ["127.0.0.1", "127.9.9.9", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback_host, ["10.0.0.1", "192.0.2.1", "example.test", "localhost.x"]))


def test_the_certificate_is_self_signed_p256_for_both_roles() -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    credentials = _credentials("xa-central")
    certificate = x509.load_der_x509_certificate(credentials.certificate_der)
    assert certificate.issuer == certificate.subject
    assert isinstance(certificate.public_key(), ec.EllipticCurvePublicKey)
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert {u.dotted_string for u in usage} == {"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"}
    assert credentials.sha256 == hashlib.sha256(credentials.certificate_der).hexdigest()
    assert "PRIVATE" not in repr(credentials)


# --- the middleware, in process (this test database is node B) --------------------------------

HEADER = "X-Client-Cert-Sha256"


@pytest.fixture
def mtls(network: Network, settings: Any) -> Network:
    """B requires mutual TLS; A's registry entry lists a certificate (v2 of the registry)."""
    settings.EXCHANGE_REQUIRE_MTLS = True
    settings.EXCHANGE_INSECURE_LOOPBACK = False
    settings.EXCHANGE_TLS_CLIENT_HASH_HEADER = HEADER
    settings.EXCHANGE_TLS_TRUSTED_PROXIES = ["127.0.0.1/32", "::1"]
    a_tls = _credentials("xa-central")
    pem = ssl.DER_cert_to_PEM_cert(a_tls.certificate_der)
    entries = network.entries(
        **{"xa-central": {"tls_cert_sha256": (a_tls.sha256,), "tls_certificates": (pem,)}}
    )
    network.registry = build_registry(entries, version=2)
    registry_import(document=network.operators.sign(network.registry))
    network.a_tls = a_tls  # type: ignore[attr-defined]  # reason: test-only attribute
    return network


def _put(network: Network, cert: str | None = None, **extra: Any) -> Any:
    headers = {"Repr-Digest": repr_digest(b"x")}
    if cert is not None:
        headers[HEADER] = cert
    return network.client.put(
        f"/exchange/{CHUNK}",
        data=b"x",
        content_type="application/octet-stream",
        headers=headers,
        **extra,
    )


def _stored(settings: Any) -> bool:
    return (Path(settings.DATA_DIR) / "exchange" / "incoming" / MESSAGE_ID).exists()


@pytest.mark.django_db
def test_a_registered_certificate_hash_from_the_trusted_proxy_is_accepted(
    mtls: Network, settings: Any
) -> None:
    reply = _put(mtls, mtls.a_tls.sha256)  # type: ignore[attr-defined]
    assert reply.status_code == 201
    assert _stored(settings)


@pytest.mark.django_db
def test_the_proxy_may_forward_the_escaped_pem_certificate(mtls: Network, settings: Any) -> None:
    pem = quote(ssl.DER_cert_to_PEM_cert(mtls.a_tls.certificate_der))  # type: ignore[attr-defined]
    reply = _put(mtls, pem)
    assert reply.status_code == 201


@pytest.mark.django_db
def test_an_unknown_certificate_hash_is_refused_with_403_and_nothing_is_written(
    mtls: Network, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    stranger = _credentials().sha256
    with caplog.at_level("WARNING", logger="rogatory.security"):
        reply = _put(mtls, stranger)
    assert reply.status_code == 403
    assert reply.json()["code"] == "exchange.peer_unknown"
    assert not _stored(settings)
    assert any(
        "access_denied" in r.getMessage() and stranger in r.getMessage() for r in caplog.records
    )


@pytest.mark.django_db
def test_the_header_is_ignored_from_an_untrusted_address(mtls: Network, settings: Any) -> None:
    reply = _put(mtls, mtls.a_tls.sha256, REMOTE_ADDR="203.0.113.7")  # type: ignore[attr-defined]
    assert reply.status_code == 403
    assert reply.json()["code"] == "exchange.peer_unauthenticated"
    assert not _stored(settings)


@pytest.mark.django_db
def test_without_the_requirement_an_anonymous_peer_passes_with_no_peer_id(
    mtls: Network, settings: Any
) -> None:
    settings.EXCHANGE_REQUIRE_MTLS = False
    assert _put(mtls).status_code == 201


@pytest.mark.django_db
def test_peer_node_id_maps_the_tls_hash_of_the_connection_to_the_registry_node(
    mtls: Network, settings: Any
) -> None:
    settings.EXCHANGE_TLS_CLIENT_HASH_HEADER = ""
    seen: list[str | None] = []

    def view(request: Any) -> Any:
        seen.append(peer_node_id(request))
        from django.http import HttpResponse

        return HttpResponse()

    middleware = ExchangePeerMiddleware(view)
    factory = RequestFactory()
    environ = {TLS_PEER_ENVIRON: mtls.a_tls.sha256}  # type: ignore[attr-defined]
    assert middleware(factory.get("/exchange/outbox", **environ)).status_code == 200
    # a forged header cannot stand in for the TLS layer's value
    forged = factory.get("/exchange/outbox", HTTP_X_CLIENT_CERT_SHA256=mtls.a_tls.sha256)  # type: ignore[attr-defined]
    assert middleware(forged).status_code == 403
    # other paths are not concerned
    assert middleware(factory.get("/cases/")).status_code == 200
    assert seen == ["xa-central", None]
    assert cert_sha256(mtls.a_tls.certificate_der) == mtls.a_tls.sha256  # type: ignore[attr-defined]


# --- keys: the TLS identity -------------------------------------------------------------------


@pytest.mark.django_db
def test_keys_init_makes_a_tls_identity_that_export_publishes(network: Network) -> None:
    import io

    from django.core.management import call_command

    from rogatory.apps.exchange.models import NodeTlsIdentity
    from rogatory.apps.exchange.services.keys import forget_cached_keys, node_tls_credentials

    out = io.StringIO()
    call_command("keys", "export", stdout=out)
    exported = json.loads(out.getvalue())
    der = ssl.PEM_cert_to_DER_cert(exported["tls_certificate"])
    assert exported["tls_cert_sha256"] == hashlib.sha256(der).hexdigest()
    assert exported["registry_tls"]["tls_cert_sha256"] == [exported["tls_cert_sha256"]]
    # the key is stored encrypted under the node passphrase, and decrypts to the certificate's
    row = NodeTlsIdentity.objects.get(active=True)
    assert b"PRIVATE KEY" not in bytes(row.encrypted_key)
    assert json.loads(bytes(row.encrypted_key))["format"] == "rogatory-tls-key/v1"
    forget_cached_keys()
    credentials = node_tls_credentials()
    assert credentials is not None
    assert credentials.sha256 == exported["tls_cert_sha256"]
    client_context(credentials)  # OpenSSL accepts the pair
    # `keys tls` refuses to replace it unless asked to rotate
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"keys\.exist"):
        call_command("keys", "tls", "--kdf-cost", "10", stdout=io.StringIO())
    out = io.StringIO()
    call_command("keys", "tls", "--rotate", "--kdf-cost", "10", "--json", stdout=out)
    rotated = json.loads(out.getvalue())["tls_cert_sha256"]
    assert rotated != exported["tls_cert_sha256"]
    assert NodeTlsIdentity.objects.get(active=True).cert_sha256 == rotated
    assert node_tls_credentials().sha256 == rotated  # type: ignore[union-attr]
