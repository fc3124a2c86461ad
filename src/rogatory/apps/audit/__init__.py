"""The tamper-evident audit trail. Owns AuditEvent and the chain head; imports no other app."""
