"""The tamper-evident audit trail. Owns AuditEvent and the chain head, the signed Merkle
checkpoints with their witness cosignatures, and (as a witness) the latest checkpoint cosigned
per peer node.

Imports no other app, except ``services/node.py``, which reads this node's signing key and the
registry's keys and endpoints from ``rogatory.apps.exchange`` inside its functions (the exchange
app imports the audit services, so a module-level import would be circular).
"""
