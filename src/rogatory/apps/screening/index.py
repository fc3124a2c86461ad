"""The node's in-process person index, brought up to date before each use.

New persons are found by an id watermark. Persons edited or removed (while their case is a
draft) are found through their case's ``updated_at``: the persons of every case changed since
the last refresh are indexed again, and those no longer there are removed. The look-back
covers a transaction that wrote a case before a refresh and committed after it.

A person the matching engine cannot analyse is skipped and reported (logged, and listed by
:func:`skipped_persons`), never allowed to stop the refresh: one bad row must not keep a node
from registering requests (issue 13: one Arabic name did).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connections
from django.utils import timezone

from rogatory.apps.cases.models import Case, Person
from rogatory.apps.screening.records import person_record, persons_with_details
from rogatory.core.matching import MatchIndex

log = logging.getLogger("rogatory.screening")

# Longer than any transaction that edits persons: a change committed after a refresh, with an
# ``updated_at`` from before it, is still seen by the next one.
LOOK_BACK = timedelta(minutes=2)


@dataclass
class _IndexState:
    db: str
    index: MatchIndex = field(default_factory=lambda: MatchIndex.build([]))
    watermark: int = 0
    since: datetime | None = None
    by_case: dict[int, set[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def put(self, person: Person) -> None:
        key = str(person.pk)
        self.by_case.setdefault(person.case_id, set()).add(key)
        try:
            self.index.add(key, person_record(person))
        except Exception as exc:  # one person's data must never stop the index
            self.skipped[key] = type(exc).__name__
            log.warning(
                "screening_index_skip person=%s case=%s error=%s",
                person.pk,
                person.case_id,
                type(exc).__name__,
            )
        else:
            self.skipped.pop(key, None)

    def drop(self, case_id: int, key: str) -> None:
        self.by_case.get(case_id, set()).discard(key)
        self.skipped.pop(key, None)
        if key in self.index:
            self.index.remove(key)


_lock = threading.Lock()
_state: _IndexState | None = None


def _refresh(state: _IndexState) -> None:
    started = timezone.now()
    for person in persons_with_details().filter(pk__gt=state.watermark).iterator(chunk_size=2000):
        state.put(person)
        state.watermark = person.pk
    if state.since is not None:
        changed = list(
            Case.objects.filter(updated_at__gte=state.since - LOOK_BACK).values_list(
                "pk", flat=True
            )
        )
        for case_id in changed:
            present = list(persons_with_details().filter(case_id=case_id, pk__lte=state.watermark))
            for key in state.by_case.get(case_id, set()) - {str(p.pk) for p in present}:
                state.drop(case_id, key)
            for person in present:
                state.put(person)
    state.since = started


def current_index(db_alias: str = "default") -> MatchIndex:
    global _state
    with _lock:
        db_name = str(connections[db_alias].settings_dict.get("NAME"))
        if _state is None or _state.db != db_name:
            _state = _IndexState(db=db_name)
        _refresh(_state)
        return _state.index


def skipped_persons() -> dict[str, str]:
    """Persons (id -> error kind) left out of the index because they could not be analysed."""
    with _lock:
        return dict(_state.skipped) if _state is not None else {}


def reset_index() -> None:
    """Forget the in-process index (tests use a fresh database each time)."""
    global _state
    with _lock:
        _state = None
