"""``check --deploy`` warnings for exchange settings that open the node to strangers.

Each is a setting the node runs with but should not in production: the exchange endpoints
accept chunks and serve the outbox, so without mutual TLS, quota and a free-space guard anyone
who reaches ``/exchange/`` can fill the disk or read what waits for other nodes.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

__all__ = ["exchange_settings_check"]

# A proxy entry wider than this is a network, not a proxy: everyone in it could forge the
# client-certificate header.
MAX_PROXY_ADDRESSES = 256


def _wide_proxies() -> list[str]:
    wide = []
    for entry in getattr(settings, "EXCHANGE_TLS_TRUSTED_PROXIES", ()) or ():
        try:
            network = ipaddress.ip_network(str(entry), strict=False)
        except ValueError:
            wide.append(str(entry))
            continue
        if network.num_addresses > MAX_PROXY_ADDRESSES:
            wide.append(str(entry))
    return wide


@register(Tags.security, deploy=True)
def exchange_settings_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    if not getattr(settings, "EXCHANGE_REQUIRE_MTLS", True):
        found.append(
            Warning(
                "EXCHANGE_REQUIRE_MTLS is off: anyone who reaches /exchange/ can upload chunks "
                "and list and download the outbox.",
                hint="Unset ROGATORY_EXCHANGE_REQUIRE_MTLS (it defaults to true).",
                id="exchange.W001",
            )
        )
    if getattr(settings, "EXCHANGE_INSECURE_LOOPBACK", False):
        found.append(
            Warning(
                "EXCHANGE_INSECURE_LOOPBACK is on: requests from this machine need no client "
                "certificate (a local reverse proxy or process can reach the exchange).",
                hint="Only the loopback demo sets it; unset ROGATORY_EXCHANGE_INSECURE_LOOPBACK.",
                id="exchange.W002",
            )
        )
    quota = int(getattr(settings, "EXCHANGE_PEER_QUOTA_BYTES", 0) or 0)
    if quota <= 0:
        found.append(
            Warning(
                "EXCHANGE_PEER_QUOTA_BYTES is not set: one peer can fill the disk with chunks "
                "it never commits.",
                hint="Set ROGATORY_EXCHANGE_PEER_QUOTA_BYTES (default 16 GiB).",
                id="exchange.W003",
            )
        )
    elif quota < int(getattr(settings, "ROGATORY_MAX_DOCUMENT_BYTES", 0) or 0):
        found.append(
            Warning(
                "EXCHANGE_PEER_QUOTA_BYTES is below ROGATORY_MAX_DOCUMENT_BYTES: a message "
                "with the largest document allowed can never be received.",
                id="exchange.W005",
            )
        )
    if int(getattr(settings, "EXCHANGE_MIN_FREE_BYTES", 0) or 0) <= 0:
        found.append(
            Warning(
                "EXCHANGE_MIN_FREE_BYTES is not set: incoming chunks may fill the filesystem "
                "that holds the database.",
                hint="Set ROGATORY_EXCHANGE_MIN_FREE_BYTES (default 1 GiB).",
                id="exchange.W004",
            )
        )
    wide = _wide_proxies()
    header = str(getattr(settings, "EXCHANGE_TLS_CLIENT_HASH_HEADER", "") or "")
    if wide and header:
        found.append(
            Warning(
                f"EXCHANGE_TLS_TRUSTED_PROXIES lists networks, not proxies: {', '.join(wide)}; "
                "any host in them can claim any client certificate.",
                hint=f"List the TLS proxies' own addresses (at most {MAX_PROXY_ADDRESSES} each).",
                id="exchange.W006",
            )
        )
    return found
