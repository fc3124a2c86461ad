"""Keyset pagination: pages stay fast at any depth, unlike OFFSET."""

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import F, Q, QuerySet

from rogatory.apps.cases.models import Case
from rogatory.core.errors import DomainError

ORDERS = ("newest", "oldest", "due")


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Case]
    next_cursor: str | None


def _encode(payload: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


# A cursor is opaque to clients but comes back from them: everything in it is checked as input.
# Ids are signed 64-bit integers in PostgreSQL and SQLite; a larger one would raise when bound.
_MAX_ID = 2**63 - 1
_CURSOR = re.compile(r"[A-Za-z0-9_-]{1,200}")


@dataclass(frozen=True, slots=True)
class _After:
    id: int
    due: datetime | None


def _refused() -> DomainError:
    return DomainError("pagination.invalid_cursor", field="cursor")


def _decode(cursor: str) -> _After:
    if not _CURSOR.fullmatch(cursor):
        raise _refused()
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        # UnicodeDecodeError and JSONDecodeError are ValueErrors.
        raise _refused() from None
    if not isinstance(data, dict) or not set(data) <= {"id", "due"}:
        raise _refused()
    row_id = data.get("id")
    # bool is an int to Python: true is not an id.
    if type(row_id) is not int or not 1 <= row_id <= _MAX_ID:
        raise _refused()
    due = data.get("due")
    if due is None:
        return _After(id=row_id, due=None)
    if not isinstance(due, str):
        raise _refused()
    try:
        at = datetime.fromisoformat(due)
        # The node writes UTC instants; one without an offset, or one a database cannot hold
        # once in UTC (9999-12-31T23:59:59-14:00), was not written by this node.
        if at.utcoffset() is None:
            raise _refused()
        return _After(id=row_id, due=at.astimezone(UTC))
    except (ValueError, OverflowError):
        raise _refused() from None


def keyset_page(qs: QuerySet[Case], *, order: str, cursor: str | None, limit: int) -> Page:
    if order not in ORDERS:
        raise DomainError("field.invalid_choice", field="order", value=order)
    after = _decode(cursor) if cursor else None
    if order == "newest":
        qs = qs.order_by("-id")
        if after:
            qs = qs.filter(id__lt=after.id)
    elif order == "oldest":
        qs = qs.order_by("id")
        if after:
            qs = qs.filter(id__gt=after.id)
    else:
        # Cases with a deadline first, soonest first; then the rest by id.
        qs = qs.order_by(F("due_at").asc(nulls_last=True), "id")
        if after:
            at = after.due
            if at is None:
                qs = qs.filter(due_at__isnull=True, id__gt=after.id)
            else:
                qs = qs.filter(
                    Q(due_at__gt=at) | Q(due_at=at, id__gt=after.id) | Q(due_at__isnull=True)
                )
    rows = list(qs[: limit + 1])
    items = rows[:limit]
    next_cursor = None
    if len(rows) > limit and items:
        last = items[-1]
        payload: dict[str, Any] = {"id": last.pk}
        if order == "due":
            payload["due"] = last.due_at.isoformat() if last.due_at else None
        next_cursor = _encode(payload)
    return Page(items=items, next_cursor=next_cursor)
