"""Who is calling the node-to-node endpoints: the TLS client certificate, mapped to a node id.

For requests under ``EXCHANGE_PATH_PREFIX`` (``/exchange/``) the middleware reads the SHA-256
of the client certificate and sets ``request.exchange_peer`` to the id of the active registry
node that lists it (``tls_cert_sha256``), or ``None``. The hash comes from:

* the TLS server of this process (``rogatory exchange-serve``), which puts it in the WSGI
  environ under :data:`TLS_PEER_ENVIRON` (a key no HTTP header can produce); or
* a reverse proxy that terminates TLS, only when ``EXCHANGE_TLS_CLIENT_HASH_HEADER`` names the
  header and the request comes straight from an address in ``EXCHANGE_TLS_TRUSTED_PROXIES``.
  The header holds the hex SHA-256 (colons and case ignored, e.g. HAProxy
  ``ssl_c_der,sha2(256),hex``) or the URL-encoded PEM certificate (nginx
  ``$ssl_client_escaped_cert``). From any other address the header is ignored.

``EXCHANGE_REQUIRE_MTLS`` is on by default: an unauthenticated or unknown peer gets ``403``
with a JSON ``{code, message, params}`` before any view runs (nothing is written), and the
refusal is logged on ``rogatory.security``. The loopback demo, which runs plain HTTP, opts out
by name with ``EXCHANGE_INSECURE_LOOPBACK``: a request without a client certificate is then let
in only from a loopback address and without a proxy's forwarding header (a reverse proxy on
the same host would otherwise make every caller look local); from anywhere else it is refused
as before. Views compare the peer with the signed sender through :func:`peer_node_id`, and
charge uploads to :func:`exchange_owner`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import ssl
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from rogatory.apps.exchange.errors import exchange_message, status_for
from rogatory.apps.exchange.security import exchange_denied
from rogatory.apps.exchange.services.quota import ANONYMOUS_OWNER
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.core.errors import DomainError

__all__ = [
    "TLS_PEER_ENVIRON",
    "ExchangePeerMiddleware",
    "client_cert_sha256",
    "exchange_owner",
    "peer_node_id",
]

TLS_PEER_ENVIRON = "rogatory.tls_client_cert_sha256"
_HEX = re.compile(r"[0-9a-f]{64}")
MAX_HEADER = 8192


def peer_node_id(request: HttpRequest) -> str | None:
    """The registry node id authenticated by mutual TLS for this request, or None."""
    peer = getattr(request, "exchange_peer", None)
    return peer if isinstance(peer, str) else None


def exchange_owner(request: HttpRequest) -> str:
    """Who is charged for what this request uploads: the authenticated node, or the one
    anonymous owner of callers the settings let in without a certificate."""
    return peer_node_id(request) or ANONYMOUS_OWNER


@lru_cache(maxsize=64)
def _networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


# Headers a reverse proxy adds: a request carrying one was relayed, so its loopback
# REMOTE_ADDR says nothing about the caller.
_FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-Ip", "X-Forwarded-Host")


def _from_loopback(request: HttpRequest) -> bool:
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if not address.is_loopback:
        return False
    return not any(name in request.headers for name in _FORWARDING_HEADERS)


def _from_trusted_proxy(request: HttpRequest) -> bool:
    proxies = tuple(getattr(settings, "EXCHANGE_TLS_TRUSTED_PROXIES", ()) or ())
    if not proxies:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in _networks(proxies))


def _hash_from_header(value: str) -> str | None:
    if not value or len(value) > MAX_HEADER:
        return None
    compact = value.strip().replace(":", "").lower()
    if _HEX.fullmatch(compact):
        return compact
    text = unquote(value.strip())
    if text.startswith("-----BEGIN CERTIFICATE-----"):
        try:
            return hashlib.sha256(ssl.PEM_cert_to_DER_cert(text)).hexdigest()
        except ValueError:
            return None
    return None


def client_cert_sha256(request: HttpRequest) -> str | None:
    """SHA-256 (hex) of the client certificate of this request, from where we may trust it."""
    header = getattr(settings, "EXCHANGE_TLS_CLIENT_HASH_HEADER", "") or ""
    if header and _from_trusted_proxy(request):
        return _hash_from_header(request.headers.get(header, ""))
    value = request.META.get(TLS_PEER_ENVIRON)
    return value if isinstance(value, str) and _HEX.fullmatch(value) else None


def _peer_for(cert_hash: str | None) -> str | None:
    if cert_hash is None:
        return None
    try:
        node = current_registry().tls_peer(cert_hash)
    except DomainError:
        return None
    return node.node_id if node is not None else None


class ExchangePeerMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix = getattr(settings, "EXCHANGE_PATH_PREFIX", "/exchange/")
        if not request.path_info.startswith(prefix):
            return self.get_response(request)
        cert_hash = client_cert_sha256(request)
        peer = _peer_for(cert_hash)
        request.exchange_peer = peer  # type: ignore[attr-defined]  # reason: set for views
        if peer is None and not self._anonymous_allowed(request, cert_hash):
            return self._refuse(request, cert_hash)
        return self.get_response(request)

    @staticmethod
    def _anonymous_allowed(request: HttpRequest, cert_hash: str | None) -> bool:
        if not getattr(settings, "EXCHANGE_REQUIRE_MTLS", True):
            return True  # unsafe: check --deploy warns (exchange.W001)
        # The named demo opt-out (exchange.W002): no certificate at all, from this machine.
        return (
            bool(getattr(settings, "EXCHANGE_INSECURE_LOOPBACK", False))
            and cert_hash is None
            and _from_loopback(request)
        )

    def _refuse(self, request: HttpRequest, cert_hash: str | None) -> HttpResponse:
        code = "exchange.peer_unauthenticated" if cert_hash is None else "exchange.peer_unknown"
        exchange_denied(
            actor=f"tls:{cert_hash}" if cert_hash else "anonymous",
            action="exchange.peer",
            object_id=f"{request.method} {request.path_info}",
            address=request.META.get("REMOTE_ADDR", ""),
        )
        return JsonResponse(
            {"code": code, "message": exchange_message(code, {}), "params": {}},
            status=status_for(code),
        )
