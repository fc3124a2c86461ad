"""Exchange between nodes: outbox, inbox, receipts and evidences; binds core.envelope and
federation to the case workflow.

Owns: this node's keys (``NodeIdentity``), the accepted trust list and peers, the transactional
outbox and its worker, the inbox (chunk upload, commit, dedup) and signed receipts/evidences.
Creates incoming cases only through ``rogatory.apps.cases.services.case_open``. Must not import
``rogatory.api`` or ``rogatory.web``.
"""
