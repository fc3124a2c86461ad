from rogatory.apps.audit.services.denial import access_denied
from rogatory.apps.audit.services.record import Entry, audit_record, audit_record_many
from rogatory.apps.audit.services.verify import audit_verify

__all__ = ["Entry", "access_denied", "audit_record", "audit_record_many", "audit_verify"]
