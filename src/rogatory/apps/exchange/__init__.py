"""Exchange between nodes: outbox, inbox, receipts and evidences; binds core.envelope and
federation to the case workflow."""
