"""Writes of the exchange: keys, trust list, outbox, inbox. Keyword-only, one transaction each."""

from rogatory.apps.exchange.services.business import case_status_evidence
from rogatory.apps.exchange.services.inbox import (
    chunk_store,
    chunks_received,
    incoming_case_from_message,
    message_commit,
)
from rogatory.apps.exchange.services.keys import node_identity, node_keys_export, node_keys_init
from rogatory.apps.exchange.services.outbox import (
    message_enqueue,
    outbox_claim_due,
    outbox_process_due,
    outbox_resend,
    outbox_send,
)
from rogatory.apps.exchange.services.payload import peer_node_for_state, request_payload
from rogatory.apps.exchange.services.pull import exchange_poll
from rogatory.apps.exchange.services.registry import current_registry, registry_import
from rogatory.apps.exchange.services.transmit import case_transmit

__all__ = [
    "case_status_evidence",
    "case_transmit",
    "chunk_store",
    "chunks_received",
    "current_registry",
    "exchange_poll",
    "incoming_case_from_message",
    "message_commit",
    "message_enqueue",
    "node_identity",
    "node_keys_export",
    "node_keys_init",
    "outbox_claim_due",
    "outbox_process_due",
    "outbox_resend",
    "outbox_send",
    "peer_node_for_state",
    "registry_import",
    "request_payload",
]
