"""The tamper-evident audit trail. Owns AuditEvent and the chain head, the signed Merkle
checkpoints with their witness cosignatures, and (as a witness) the latest checkpoint cosigned
per peer node.

Imports no other app (lint-imports checks it): this node's signing key and the registry's keys
and endpoints come from the source the exchange app registers at start-up (``services/node.py``).
"""
