from rogatory.apps.audit.services.checkpoint import (
    audit_checkpoint_make,
    audit_consistency_proof,
    latest_audit_checkpoint,
)
from rogatory.apps.audit.services.denial import access_denied
from rogatory.apps.audit.services.node import NodeSigner, WitnessPeer, registry_witness_peers
from rogatory.apps.audit.services.record import Entry, audit_record, audit_record_many
from rogatory.apps.audit.services.verify import AuditReport, audit_verify, audit_verify_report
from rogatory.apps.audit.services.witness import (
    PublishResult,
    audit_checkpoint_publish,
    witness_cosign,
)

__all__ = [
    "AuditReport",
    "Entry",
    "NodeSigner",
    "PublishResult",
    "WitnessPeer",
    "access_denied",
    "audit_checkpoint_make",
    "audit_checkpoint_publish",
    "audit_consistency_proof",
    "audit_record",
    "audit_record_many",
    "audit_verify",
    "audit_verify_report",
    "latest_audit_checkpoint",
    "registry_witness_peers",
    "witness_cosign",
]
