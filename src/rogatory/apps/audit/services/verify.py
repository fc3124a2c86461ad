from collections.abc import Iterator

from rogatory.apps.audit.models import AuditEvent, AuditHead
from rogatory.core.audit.chain import GENESIS, ChainEvent, ChainFault, verify


def _events() -> Iterator[ChainEvent]:
    # Stored order is by primary key (insertion order), not by seq, so that a row moved to
    # another position is caught as well as a renumbered one.
    for ev in AuditEvent.objects.order_by("id").iterator(chunk_size=5000):
        yield ChainEvent(seq=ev.seq, prev_hash=ev.prev_hash, hash=ev.hash, payload=ev.payload())


def audit_verify() -> tuple[int, ChainFault | None]:
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    return verify(_events(), head_seq=head_seq, head_hash=head_hash)
