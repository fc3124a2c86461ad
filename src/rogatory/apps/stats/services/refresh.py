"""Keeps `CaseFact` and the cells current.

`stats_refresh` reads what changed since its mark (cases saved, status events, measures,
messages and other-channel records, by id or time) and recomputes the facts of those cases,
then the cells of each (authority, month) they were or are in. It is idempotent: a case read
twice is recomputed twice to the same row, which is why the time window reaches back
`OVERLAP` before the mark (a transaction that started earlier may commit after it was read).
A change is applied to the cells as a delta (its old fact's counts out, the new one's in), so
its cost is that of the cases changed, not of the register. Run by `rogatory stats-refresh
--every 60` (the node's worker): figures are then current within a minute.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from rogatory.apps.cases.models import Case, CaseEvent, Measure
from rogatory.apps.cases.services.deadlines import node_zone
from rogatory.apps.exchange.models import InboxMessage, InboxState, OutboxMessage
from rogatory.apps.proceedings.models import ChannelRecord
from rogatory.apps.stats.models import (
    CaseFact,
    DueCell,
    DurationCell,
    MeasureCell,
    RefreshMark,
    VolumeCell,
)
from rogatory.core.stats.milestones import FINISHED, Metric, milestones
from rogatory.core.stats.periods import month_of
from rogatory.core.workflow import CaseState, Direction

OVERLAP = timedelta(minutes=2)
BATCH = 2000
ELECTRONIC = "secure_electronic"
NOT_SENT = "none"
_GRAIN = ("authority_id", "month", "direction", "kind", "other_state_id", "channel")

Key = tuple[int, date]


def _chunks(ids: list[int], size: int = BATCH) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _facts_of(ids: list[int]) -> list[CaseFact]:
    tz = node_zone()
    events: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for case_id, at, to in (
        CaseEvent.objects.filter(case_id__in=ids)
        .exclude(to_status="")
        .values_list("case_id", "at", "to_status")
    ):
        events[case_id].append((at, to))
    electronic = set(
        OutboxMessage.objects.filter(case_id__in=ids).values_list("case_id", flat=True)
    ) | set(
        InboxMessage.objects.filter(case_id__in=ids, state=InboxState.ACCEPTED).values_list(
            "case_id", flat=True
        )
    )
    measures: dict[int, set[str]] = defaultdict(set)
    for case_id, measure in Measure.objects.filter(case_id__in=ids).values_list("case_id", "type"):
        measures[case_id].add(measure)
    other: dict[int, str] = {}
    for case_id, channel in (
        ChannelRecord.objects.filter(case_id__in=ids)
        .order_by("-on", "-id")
        .values_list("case_id", "channel")
    ):
        other[case_id] = channel  # the earliest wins, rows come newest first
    facts: list[CaseFact] = []
    for row in Case.objects.filter(pk__in=ids).values(
        "pk",
        "owner_authority_id",
        "sealed",
        "direction",
        "kind",
        "requesting_state_id",
        "requested_state_id",
        "status",
        "refusal_ground",
        "received_at",
        "created_at",
        "due_at",
    ):
        direction = Direction(row["direction"])
        timeline = events.get(row["pk"], [])
        m = milestones(direction=direction, received_at=row["received_at"], events=timeline, tz=tz)
        opened = m.started or row["created_at"].astimezone(tz).date()
        pending = row["status"] not in FINISHED
        due = row["due_at"]
        channel = ELECTRONIC if row["pk"] in electronic else other.get(row["pk"], NOT_SENT)
        facts.append(
            CaseFact(
                case_id=row["pk"],
                authority_id=row["owner_authority_id"],
                sealed=row["sealed"],
                direction=direction.value,
                kind=row["kind"],
                other_state_id=row["requesting_state_id"]
                if direction is Direction.INCOMING
                else row["requested_state_id"],
                channel=channel,
                opened_on=opened,
                month=month_of(opened),
                status=row["status"],
                pending=pending,
                refusal_ground=row["refusal_ground"],
                info_requests=sum(
                    1 for _, to in timeline if to == CaseState.ADDITIONAL_INFORMATION_REQUESTED
                ),
                acknowledge_days=m.acknowledge,
                decide_days=m.decide,
                execute_days=m.execute,
                due_on=due.astimezone(tz).date() if due is not None and pending else None,
                measures=sorted(measures.get(row["pk"], ())),
            )
        )
    return facts


def facts_refresh(ids: Iterable[int], *, cells: bool = True) -> int:
    """Recompute the facts of these cases and, with `cells`, move their counts in the cells
    from the old facts to the new (a delta: a change touches a few cells, not whole months)."""
    done = 0
    for chunk in _chunks(sorted(set(ids))):
        with transaction.atomic():
            old = CaseFact.objects.filter(case_id__in=chunk)
            before = list(old) if cells else []
            fresh = _facts_of(chunk)
            old.delete()
            CaseFact.objects.bulk_create(fresh, batch_size=BATCH)
            if cells:
                _apply(_contributions(fresh, +1) + _contributions(before, -1))
            done += len(fresh)
    return done


CellKey = tuple[Any, ...]


class _Delta:
    def __init__(self) -> None:
        self.parts: dict[str, Counter[CellKey]] = defaultdict(Counter)

    def __add__(self, other: "_Delta") -> "_Delta":
        out = _Delta()
        for name in {*self.parts, *other.parts}:
            out.parts[name] = Counter(self.parts.get(name, Counter()))
            out.parts[name].update(other.parts.get(name, Counter()))
        return out


def _contributions(facts: Iterable[CaseFact], sign: int) -> _Delta:
    """What these facts add to (sign +1) or take from (-1) each cell; sealed cases count in no
    cell (they are read live, for their team only)."""
    delta = _Delta()
    for f in facts:
        if f.sealed:
            continue
        grain = (f.authority_id, f.month, f.direction, f.kind, f.other_state_id, f.channel)
        volume = (*grain, f.status, f.pending, f.refusal_ground, f.info_requests > 0)
        delta.parts["volume"][volume] += sign
        delta.parts["info"][volume] += sign * f.info_requests
        for metric in Metric:
            days = getattr(f, f"{metric.value}_days")
            if days is not None:
                delta.parts["duration"][(*grain, metric.value, days)] += sign
        for measure in f.measures:
            delta.parts["measure"][(*grain, measure)] += sign
        if f.due_on is not None:
            delta.parts["due"][(*grain, f.due_on)] += sign
    return delta


_CELLS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "volume": (VolumeCell, ("status", "pending", "refusal_ground", "info_requested")),
    "duration": (DurationCell, ("metric", "days")),
    "measure": (MeasureCell, ("measure",)),
    "due": (DueCell, ("due_on",)),
}


def _apply(delta: _Delta) -> None:
    for name, (model, extra) in _CELLS.items():
        names = (*_GRAIN, *extra)
        for key, n in delta.parts.get(name, Counter()).items():
            info = delta.parts["info"].get(key, 0) if name == "volume" else 0
            if n == 0 and info == 0:
                continue
            where = dict(zip(names, key, strict=True))
            rows = model.objects.filter(**where)
            changes: dict[str, Any] = {"cases": F("cases") + n}
            if name == "volume":
                changes["info_requests"] = F("info_requests") + info
            if n < 0:
                # The last case of a cell leaves it: the row goes rather than reading 0.
                rows.filter(cases__lte=-n).delete()
            if not rows.update(**changes) and n > 0:
                fields = {**where, "cases": n}
                if name == "volume":
                    fields["info_requests"] = info
                model.objects.create(**fields)


def _cells_of(authority_id: int, months: list[date]) -> None:
    facts = CaseFact.objects.filter(authority_id=authority_id, month__in=months, sealed=False)
    where = Q(authority_id=authority_id, month__in=months)
    VolumeCell.objects.filter(where).delete()
    DurationCell.objects.filter(where).delete()
    MeasureCell.objects.filter(where).delete()
    DueCell.objects.filter(where).delete()
    # Cases with and without requests for more information are kept apart, so that both
    # "how many requests" and "how many cases needed one" read off the cells.
    rows: list[VolumeCell] = []
    for asked in (False, True):
        part = facts.filter(info_requests__gt=0) if asked else facts.filter(info_requests=0)
        rows += [
            VolumeCell(
                **{k: r[k] for k in _GRAIN},
                status=r["status"],
                pending=r["pending"],
                refusal_ground=r["refusal_ground"],
                info_requested=asked,
                info_requests=r["info"] or 0,
                cases=r["cases"],
            )
            for r in part.values(*_GRAIN, "status", "pending", "refusal_ground").annotate(
                cases=Count("pk"), info=Sum("info_requests")
            )
        ]
    VolumeCell.objects.bulk_create(rows, batch_size=BATCH)
    durations: list[DurationCell] = []
    for metric in Metric:
        column = f"{metric.value}_days"
        durations += [
            DurationCell(
                **{k: r[k] for k in _GRAIN}, metric=metric.value, days=r[column], cases=r["cases"]
            )
            for r in facts.filter(**{f"{column}__isnull": False})
            .values(*_GRAIN, column)
            .annotate(cases=Count("pk"))
        ]
    DurationCell.objects.bulk_create(durations, batch_size=BATCH)
    measures = (
        Measure.objects.filter(case_id__in=facts.values("case_id"))
        .values("case_id", "type")
        .distinct()
    )
    grain_of = {
        f["case_id"]: f
        for f in facts.filter(case_id__in=measures.values("case_id")).values("case_id", *_GRAIN)
    }
    counted: dict[tuple[Any, ...], int] = defaultdict(int)
    for m in measures:
        f = grain_of[m["case_id"]]
        counted[(*(f[k] for k in _GRAIN), m["type"])] += 1
    MeasureCell.objects.bulk_create(
        [
            MeasureCell(**dict(zip(_GRAIN, key[:-1], strict=True)), measure=key[-1], cases=n)
            for key, n in counted.items()
        ],
        batch_size=BATCH,
    )
    DueCell.objects.bulk_create(
        [
            DueCell(**{k: r[k] for k in _GRAIN}, due_on=r["due_on"], cases=r["cases"])
            for r in facts.filter(due_on__isnull=False)
            .values(*_GRAIN, "due_on")
            .annotate(cases=Count("pk"))
        ],
        batch_size=BATCH,
    )


def cells_refresh(touched: Iterable[Key]) -> int:
    by_authority: dict[int, list[date]] = defaultdict(list)
    for authority_id, month in touched:
        by_authority[authority_id].append(month)
    for authority_id, months in by_authority.items():
        for i in range(0, len(months), 24):
            with transaction.atomic():
                _cells_of(authority_id, sorted(set(months[i : i + 24])))
    return len(set(touched))


def _max_id(model: Any) -> int:
    return int(model.objects.aggregate(m=Max("id"))["m"] or 0)


def stats_refresh(
    *,
    full: bool = False,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Bring the figures up to date; `full` recomputes every case (after a load or upgrade)."""
    now = now or timezone.now()
    RefreshMark.objects.get_or_create(id=1)
    # One refresh at a time: two interleaved would each delete a month's cells and insert
    # their own, doubling the figures. The mark's row lock orders them (the worker's timer and
    # an operator's run alike).
    with transaction.atomic():
        mark = RefreshMark.objects.select_for_update().get(id=1)
        return _refresh(mark, full=full, now=now, progress=progress)


def _refresh(
    mark: RefreshMark, *, full: bool, now: datetime, progress: Callable[[int], None] | None
) -> dict[str, int]:
    heads = {
        "event_id": _max_id(CaseEvent),
        "measure_id": _max_id(Measure),
        "channel_record_id": _max_id(ChannelRecord),
        "outbox_id": _max_id(OutboxMessage),
        "inbox_id": _max_id(InboxMessage),
    }
    last = mark.case_updated_at or mark.refreshed_at
    full = full or last is None
    if full or last is None:
        ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
        for cell in (VolumeCell, DurationCell, MeasureCell, DueCell):
            cell.objects.all().delete()
    else:
        since = last - OVERLAP
        changed = set(Case.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
        sources: list[tuple[Any, str, dict[str, Any]]] = [
            (CaseEvent, "event_id", {}),
            (Measure, "measure_id", {}),
            (ChannelRecord, "channel_record_id", {}),
            (OutboxMessage, "outbox_id", {"case_id__isnull": False}),
            (InboxMessage, "inbox_id", {"case_id__isnull": False}),
        ]
        for model, field, extra in sources:
            changed.update(
                model.objects.filter(
                    id__gt=getattr(mark, field), id__lte=heads[field], **extra
                ).values_list("case_id", flat=True)
            )
        # A pending case's deadline turns overdue by the clock alone: the cells keep its
        # last day, and the selectors compare it with today, so no refresh is needed for it.
        ids = sorted(changed)
    done = 0
    for i, chunk in enumerate(_chunks(ids, BATCH * 5)):
        done += facts_refresh(chunk, cells=not full)
        if progress:
            progress(min((i + 1) * BATCH * 5, len(ids)))
    cells = 0
    if full:
        cells = cells_refresh(CaseFact.objects.values_list("authority_id", "month").distinct())
    for field, value in heads.items():
        setattr(mark, field, value)
    mark.case_updated_at = now
    mark.refreshed_at = now
    mark.save()
    return {"cases": len(ids), "cells": cells}
