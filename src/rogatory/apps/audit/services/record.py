"""Appending to the audit chain. Call inside the transaction of the write being audited."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.models import AuditEvent, AuditHead
from rogatory.core.audit.chain import GENESIS, event_hash


@dataclass(frozen=True, slots=True)
class Entry:
    actor_id: int | None
    actor: str
    action: str
    object_type: str
    object_id: str
    case_id: int | None = None
    changes: Mapping[str, Any] | None = None
    at: datetime | None = None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def audit_record_many(entries: Iterable[Entry]) -> list[AuditEvent]:
    with transaction.atomic():
        # The head row lock orders concurrent writers: each append sees the previous hash.
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": GENESIS}
        )
        seq, prev = head.seq, head.hash
        rows: list[AuditEvent] = []
        now = timezone.now()
        for e in entries:
            seq += 1
            ev = AuditEvent(
                seq=seq,
                at=e.at or now,
                actor_id=e.actor_id,
                actor=e.actor,
                action=e.action,
                object_type=e.object_type,
                object_id=str(e.object_id),
                case_id=e.case_id,
                changes=_jsonable(dict(e.changes or {})),
            )
            ev.prev_hash = prev
            ev.hash = event_hash(prev, ev.payload())
            prev = ev.hash
            rows.append(ev)
        if not rows:
            return rows
        AuditEvent.objects.bulk_create(rows, batch_size=2000)
        head.seq, head.hash = seq, prev
        head.save(update_fields=["seq", "hash"])
        return rows


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any,
    changes: Mapping[str, Any] | None = None,
    case_id: int | None = None,
) -> AuditEvent:
    """Append one event for `obj` (a model instance) written by `actor` (a user or None)."""
    actor_id = getattr(actor, "pk", None)
    name = getattr(actor, "username", None) or "system"
    return audit_record_many(
        [
            Entry(
                actor_id=actor_id,
                actor=name,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                case_id=case_id,
                changes=changes,
            )
        ]
    )[0]
