"""The hash chain of the audit trail: how an event's hash is made and how a chain is checked."""
