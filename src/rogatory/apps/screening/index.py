"""The node's in-process person index, brought up to date before each use.

Persons are only ever added to cases (never renamed in place), so an id watermark is enough
to keep every process's index current: each use first indexes persons above the watermark.
"""

import threading

from django.db import connections

from rogatory.apps.screening.records import person_record, persons_with_details
from rogatory.core.matching import MatchIndex

_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "watermark": 0, "db": None}


def current_index(db_alias: str = "default") -> MatchIndex:
    with _lock:
        db_name = str(connections[db_alias].settings_dict.get("NAME"))
        index = _state["index"]
        if not isinstance(index, MatchIndex) or _state["db"] != db_name:
            index = MatchIndex.build([])
            _state.update(index=index, watermark=0, db=db_name)
        watermark = int(str(_state["watermark"]))
        newest = watermark
        for person in persons_with_details().filter(pk__gt=watermark).iterator(chunk_size=2000):
            index.add(str(person.pk), person_record(person))
            newest = person.pk
        _state["watermark"] = newest
        return index


def reset_index() -> None:
    """Forget the in-process index (tests use a fresh database each time)."""
    with _lock:
        _state.update(index=None, watermark=0, db=None)
