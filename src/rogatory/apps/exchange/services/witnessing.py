"""Having this node's audit checkpoints cosigned by its peers (protocol design point 17).

The worker calls :func:`exchange_witness_checkpoint` about once a minute: it signs a new
checkpoint if one is due and sends the latest, with a consistency proof, to every other active
node of the trust list that has an endpoint here. Each peer that verifies it against what it
cosigned before adds its cosignature, so a node cannot later show a different history to one
of them; receipts quote the checkpoint with those cosignatures.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.utils import timezone

from rogatory.apps.audit.services import (
    PublishResult,
    audit_checkpoint_make,
    audit_checkpoint_publish,
    registry_witness_peers,
)
from rogatory.apps.exchange.models import Peer
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.core.envelope.registry import NodeStatus
from rogatory.federation.transport import Transport

__all__ = ["WITNESS_INTERVAL_SECONDS", "exchange_witness_checkpoint"]

log = logging.getLogger("rogatory.exchange")
WITNESS_INTERVAL_SECONDS = 60.0


def exchange_witness_checkpoint(
    *, transport: Transport, now: datetime | None = None
) -> PublishResult | None:
    """Sign a checkpoint when due and publish the latest to the peers as witnesses."""
    now = now or timezone.now()
    audit_checkpoint_make(now=now)
    own = node_identity().node_id
    reachable = set(Peer.objects.values_list("node_id", flat=True))
    witnesses = [
        node.node_id
        for node in current_registry(now=now).nodes
        if node.node_id != own and node.status == NodeStatus.ACTIVE and node.node_id in reachable
    ]
    if not witnesses:
        return None
    result = audit_checkpoint_publish(transport, registry_witness_peers(witnesses, now), now=now)
    if result is not None and result.failed:
        log.warning("exchange.witness_failed size=%s failed=%s", result.tree_size, result.failed)
    return result
