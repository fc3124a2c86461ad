"""Keyset pagination: pages stay fast at any depth, unlike OFFSET."""

import base64
import json
from dataclasses import dataclass
from datetime import datetime
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


def _decode(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(data, dict) or not isinstance(data.get("id"), int):
            raise ValueError
        return data
    except (ValueError, TypeError, UnicodeDecodeError):
        raise DomainError("field.invalid_choice", field="cursor", value=cursor[:40]) from None


def keyset_page(qs: QuerySet[Case], *, order: str, cursor: str | None, limit: int) -> Page:
    if order not in ORDERS:
        raise DomainError("field.invalid_choice", field="order", value=order)
    after = _decode(cursor) if cursor else None
    if order == "newest":
        qs = qs.order_by("-id")
        if after:
            qs = qs.filter(id__lt=after["id"])
    elif order == "oldest":
        qs = qs.order_by("id")
        if after:
            qs = qs.filter(id__gt=after["id"])
    else:
        # Cases with a deadline first, soonest first; then the rest by id.
        qs = qs.order_by(F("due_at").asc(nulls_last=True), "id")
        if after:
            due = after.get("due")
            if due is None:
                qs = qs.filter(due_at__isnull=True, id__gt=after["id"])
            else:
                at = datetime.fromisoformat(due)
                qs = qs.filter(
                    Q(due_at__gt=at) | Q(due_at=at, id__gt=after["id"]) | Q(due_at__isnull=True)
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
