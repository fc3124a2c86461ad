"""HTTP status and translated message for each refusal code of the exchange endpoints."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from rogatory.apps.errors import MESSAGES as APP_MESSAGES

MESSAGES: dict[str, Any] = {
    "exchange.message_id_invalid": _("The message id is not a UUIDv7."),
    "exchange.chunk_address_invalid": _("The part or chunk index is out of range."),
    "exchange.chunk_too_large": _("A chunk is larger than %(limit)s bytes."),
    "exchange.digest_missing": _("The Repr-Digest header (sha-256) is required."),
    "exchange.digest_mismatch": _("The chunk does not match its Repr-Digest."),
    "exchange.chunk_conflict": _("Another chunk %(chunk)s of part %(part)s is already stored."),
    "exchange.chunks_missing": _("%(missing)s chunks have not been uploaded yet."),
    "exchange.storage_full": _("The receiving node is out of storage; retry later."),
    "exchange.not_found": _("No such message."),
    "exchange.transaction_required": _("Messages are queued inside the business transaction."),
    "exchange.not_resendable": _("Only a failed message can be resent."),
    "exchange.peer_mismatch": _("The message is signed by another node than the TLS peer."),
    "exchange.peer_not_owner": _("Another node is uploading this message."),
    "exchange.peer_quota_exceeded": _(
        "Uncommitted chunks from your node would exceed this node's quota of %(limit)s "
        "bytes; retry once earlier messages are committed."
    ),
    "batch.malformed": _("The batch is not a valid list of inline messages."),
    "batch.too_large": _("The batch is larger than %(limit)s bytes."),
    "batch.part_too_large": _("A message in the batch is too large to be sent inline."),
    "batch.duplicate_message": _("The batch holds the same message twice."),
    "envelope.message_mismatch": _("The header names another message than the URL."),
    "evidence.invalid": _("The evidence is not a valid signed business evidence."),
    "evidence.wrong_issuer": _("The evidence is not signed by the node that sent it."),
    "evidence.unknown_message": _("The evidence names a message this node did not send."),
    "keys.missing": _("This node has no keys yet."),
    "keys.tls_missing": _("This node has no TLS certificate yet."),
    "exchange.peer_unauthenticated": _(
        "This endpoint requires a client certificate listed in the trust list."
    ),
    "exchange.peer_unknown": _(
        "The client certificate is not listed for an active node of the trust list."
    ),
    "registry.missing": _("This node has no trust list yet."),
    "registry.expired": _("The trust list has expired."),
}

_UNAVAILABLE = frozenset(
    {
        "keys.missing",
        "keys.passphrase_missing",
        "keys.decrypt",
        "registry.missing",
        "registry.expired",
        "registry.trust_missing",
    }
)
_FORBIDDEN_PREFIXES = ("registry.",)
_FORBIDDEN = frozenset(
    {
        "jws.signature_invalid",
        "jws.kid_mismatch",
        "jws.kid_unknown",
        "envelope.wrong_recipient",
        "exchange.peer_unauthenticated",
        "exchange.peer_unknown",
        "exchange.peer_mismatch",
        "exchange.peer_not_owner",
    }
)
_UNPROCESSABLE_PREFIXES = ("integrity.", "manifest.", "age.", "wire.")


def status_for(code: str) -> int:
    """HTTP status of a refusal: 4xx for anything the peer did, 503/507 when we cannot decide."""
    if code in _UNAVAILABLE:
        return 503
    if code in ("exchange.storage_full", "exchange.peer_quota_exceeded"):
        # Retryable: the sender's outbox tries again once commits have freed room.
        return 507
    if code in ("jws.too_large", "exchange.chunk_too_large", "batch.too_large"):
        return 413
    if code in ("exchange.chunk_conflict", "exchange.chunks_missing"):
        return 409
    if code == "exchange.not_found":
        return 404
    if code in _FORBIDDEN or code.startswith(_FORBIDDEN_PREFIXES):
        return 403
    if code.startswith(_UNPROCESSABLE_PREFIXES) or code in (
        "envelope.expired",
        "envelope.not_yet_valid",
    ):
        return 422
    return 400


def exchange_message(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code) or APP_MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
