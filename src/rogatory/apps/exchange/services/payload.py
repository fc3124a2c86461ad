"""What an outgoing request carries: the case data the requested State needs to open its case.

``request_payload`` is the inverse of what ``incoming_case_from_message`` reads: both go through
the one versioned wire schema (``rogatory.core.wire``), so a request opens an equivalent case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.wire import case_data
from rogatory.apps.exchange.models import Peer
from rogatory.core.errors import DomainError
from rogatory.core.wire import schema_version, to_wire
from rogatory.core.wire.communication import communication_schema_check

# Message kinds whose payload is a case under the wire schema.
CASE_PAYLOAD_KINDS = frozenset({"request", "follow-up"})


def request_payload(case: Case) -> dict[str, Any]:
    """The manifest payload of an outgoing request: the whole case under the current wire
    schema (``rogatory.core.wire``), read back on the other side by ``from_wire``."""
    return to_wire(case_data(case))


def payload_schema_check(metadata: Mapping[str, Any]) -> None:
    """Refuse (``wire.schema_unsupported``) a case payload of a major schema version this node
    cannot read. Run on opening a message, before anything is stored: the sender gets a signed
    rejection naming the version, not a case opened from fields read the wrong way."""
    payload = metadata.get("payload")
    kind = metadata.get("kind")
    if not isinstance(payload, Mapping):
        return
    if kind == "communication":
        communication_schema_check(payload)
    elif kind in CASE_PAYLOAD_KINDS and (kind == "request" or "schema" in payload):
        schema_version(payload)


def peer_node_for_state(state: str) -> str:
    """The one active node of ``state`` in the accepted registry (refused if none or several)."""
    nodes = list(
        Peer.objects.filter(state=state, status="active").values_list("node_id", flat=True)
    )
    if not nodes:
        raise DomainError("exchange.no_peer_for_state", state=state)
    if len(nodes) > 1:
        raise DomainError("exchange.several_peers_for_state", state=state)
    return nodes[0]
