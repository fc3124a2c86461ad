"""TLS between nodes, pinned to the node registry instead of the web PKI (Django-free).

Each node holds a self-signed ECDSA P-256 certificate (P-256 rather than Ed25519: both work
for TLS 1.3 here, but P-256 also works for TLS 1.2 peers and for the reverse proxies that may
terminate TLS in front of a node). The registry lists the SHA-256 of each node's DER
certificate (``tls_cert_sha256``) and the certificate itself (``tls_certificates``).

* Client: the context does no chain or host-name check (``CERT_NONE``); OpenSSL still checks
  the server's handshake signature, so the server holds the private key of the certificate it
  sent. :class:`~rogatory.federation.transport.HttpTransport` then compares the SHA-256 of that
  DER certificate with the pins of the origin before any byte of the request is written.
* Server: Python's ``ssl`` has no verify callback, so a self-signed client certificate is only
  accepted if it is a trust anchor of the context. The server therefore loads every active
  registry node's certificate as an anchor (``CERT_OPTIONAL``: a client without certificate
  still connects, and the application refuses it where mutual TLS is required), and the
  application maps the client certificate's hash to a node id (``docs/decisions/0004``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import secrets
import ssl
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = [
    "TlsCredentials",
    "cert_sha256",
    "client_context",
    "is_loopback_host",
    "make_tls_certificate",
    "server_context",
]

CERTIFICATE_DAYS = 400  # one year of use plus the 30-day rotation overlap, with margin
# TLS 1.2 only with forward secrecy and AEAD; TLS 1.3 suites are all acceptable.
TLS12_CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20"


def cert_sha256(der: bytes) -> str:
    """The pin: SHA-256 of the DER certificate, lower-case hex."""
    return hashlib.sha256(der).hexdigest()


def is_loopback_host(host: str) -> bool:
    """``localhost`` or a loopback IP literal (no DNS: a resolver could point anywhere)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def make_tls_certificate(
    common_name: str, *, now: datetime, days: int = CERTIFICATE_DAYS
) -> tuple[ec.EllipticCurvePrivateKey, bytes]:
    """A new P-256 key and its self-signed certificate (DER) for both TLS roles."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    return key, certificate.public_bytes(serialization.Encoding.DER)


@dataclass(frozen=True, slots=True)
class TlsCredentials:
    """This node's certificate and private key (decrypted, in memory only)."""

    certificate_der: bytes
    private_key_pkcs8_der: bytes

    @property
    def sha256(self) -> str:
        return cert_sha256(self.certificate_der)

    def __repr__(self) -> str:
        return f"TlsCredentials(sha256={self.sha256!r})"

    def load_into(self, context: ssl.SSLContext) -> None:
        """``load_cert_chain`` needs files: write the key encrypted under a one-time random
        password into a private temporary folder, load it, remove it. The plaintext key never
        reaches the disk."""
        key = serialization.load_der_private_key(self.private_key_pkcs8_der, password=None)
        password = secrets.token_bytes(32)
        with tempfile.TemporaryDirectory(prefix="rogatory-tls-") as folder:
            os.chmod(folder, 0o700)
            cert_path, key_path = Path(folder) / "cert.pem", Path(folder) / "key.pem"
            cert_path.write_text(ssl.DER_cert_to_PEM_cert(self.certificate_der), "ascii")
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(
                    key.private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.BestAvailableEncryption(password),
                    )
                )
            context.load_cert_chain(cert_path, key_path, password=password)


def _common(context: ssl.SSLContext) -> ssl.SSLContext:
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_RENEGOTIATION
    return context


def client_context(credentials: TlsCredentials | None) -> ssl.SSLContext:
    """Client side: our certificate (when we have one); the server is judged by its pin."""
    context = _common(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    context.check_hostname = False  # identity is the pinned certificate, not a name
    context.verify_mode = ssl.CERT_NONE  # no web PKI; the pin is checked by the transport
    if credentials is not None:
        credentials.load_into(context)
    return context


def server_context(
    credentials: TlsCredentials, trusted_client_certificates: Iterable[bytes]
) -> ssl.SSLContext:
    """Server side: request a client certificate and accept only the registry's ones.

    A client that sends no certificate still completes the handshake (``CERT_OPTIONAL``); one
    that sends a certificate which is not a registry anchor is refused by OpenSSL.
    """
    context = _common(ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER))
    credentials.load_into(context)
    context.verify_mode = ssl.CERT_OPTIONAL
    anchors = b"".join(dict.fromkeys(trusted_client_certificates))
    if anchors:
        context.load_verify_locations(cadata=anchors)
    return context
