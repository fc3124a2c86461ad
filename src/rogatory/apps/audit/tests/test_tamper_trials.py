"""S7 tamper trials: one random row edited, deleted, reordered or inserted by raw SQL (a
database superuser, not the application) is flagged by `audit verify` at its first bad index,
100 trials out of 100; a chain rewritten and rehashed from some event on is flagged by the
first signed checkpoint covering it.

The protocol size is 100,000 events; CI runs a smaller log. Run the protocol size by hand:
``AUDIT_TAMPER_EVENTS=100000 .venv/bin/pytest -q -p no:cacheprovider
src/rogatory/apps/audit/tests/test_tamper_trials.py``.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

from rogatory.apps.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from rogatory.apps.audit.services import (
    AuditReport,
    NodeSigner,
    audit_checkpoint_make,
    audit_verify_report,
)
from rogatory.core.audit.chain import GENESIS, event_hash

pytestmark = pytest.mark.django_db

EVENTS = int(os.environ.get("AUDIT_TAMPER_EVENTS", "5000"))
TRIALS = int(os.environ.get("AUDIT_TAMPER_TRIALS", "100"))
SEED = int(os.environ.get("AUDIT_TAMPER_SEED", "9162"))
KINDS = ("edit", "delete", "reorder", "insert")
EDITS = [
    ("actor", "mallory"),
    ("action", "case.delete"),
    ("object_id", "999999"),
    ("changes", '{"title": "forged"}'),
    ("case_id", 4242),
]


class _UndoTrialError(Exception):
    """Raised to undo one trial, so the next starts from the intact log."""


def _sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


def _row(seq: int) -> tuple[int, str, str]:
    return AuditEvent.objects.values_list("id", "prev_hash", "hash").get(seq=seq)


def _tamper(kind: str, rng: random.Random, n: int) -> int:
    """Apply one tampering; return the index where the log first departs from a valid chain."""
    k = rng.randint(1, n)
    if kind == "edit":
        column, value = rng.choice(EDITS)
        _sql(f"UPDATE audit_auditevent SET {column} = %s WHERE seq = %s", [value, k])  # noqa: S608  # reason: column from the fixed EDITS list
        return k
    if kind == "delete":
        _sql("DELETE FROM audit_auditevent WHERE seq = %s", [k])
        return k
    if kind == "reorder":
        # Two rows swap places in stored (primary key) order, content intact.
        k = rng.randint(1, n - 1)
        j = rng.randint(k + 1, min(n, k + 50))
        id_k, id_j = _row(k)[0], _row(j)[0]
        _sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [-id_k, id_k])
        _sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [id_k, id_j])
        _sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [id_j, -id_k])
        return k
    # insert: a forged row at position k; later rows move one place (id and seq) to make room.
    id_k, prev_hash, _ = _row(k)
    _sql("UPDATE audit_auditevent SET id = -(id + 1), seq = -(seq + 1) WHERE seq >= %s", [k])
    _sql("UPDATE audit_auditevent SET id = -id, seq = -seq WHERE seq < 0", [])
    _sql(
        "INSERT INTO audit_auditevent (id, seq, at, actor_id, actor, action, object_type,"
        " object_id, case_id, changes, prev_hash, hash) VALUES (%s, %s, %s, NULL, 'mallory',"
        " 'case.update', 'cases.case', '1', NULL, '{}', %s, %s)",
        [id_k, k, "2026-11-27 12:00:00", prev_hash, "f" * 64],
    )
    return k


def _rewrite_from(k: int) -> None:
    """A stronger attacker: edit event k and rehash it and every later event, and the head,
    so that the chain verifies again. Only the signed checkpoints can tell."""
    rows = list(AuditEvent.objects.filter(seq__gte=k).order_by("seq"))
    prev = AuditEvent.objects.get(seq=k - 1).hash if k > 1 else GENESIS
    rows[0].actor = "mallory"
    updates = []
    for row in rows:
        row.prev_hash = prev
        row.hash = event_hash(prev, row.payload())
        prev = row.hash
        updates.append((row.actor, row.prev_hash, row.hash, row.pk))
    with connection.cursor() as cur:
        cur.executemany(
            "UPDATE audit_auditevent SET actor = %s, prev_hash = %s, hash = %s WHERE id = %s",
            updates,
        )
    AuditHead.objects.filter(id=1).update(hash=prev)


def _trial(apply: Callable[[], Any]) -> tuple[Any, AuditReport]:
    outcome: list[Any] = []
    try:
        with transaction.atomic():
            outcome.append(apply())
            outcome.append(audit_verify_report())
            raise _UndoTrialError
    except _UndoTrialError:
        pass
    return outcome[0], outcome[1]


@pytest.fixture
def log(node_b: NodeSigner, append_events: Callable[..., None]) -> list[int]:
    # given EVENTS events with a signed checkpoint after every 1,000 (design point 17)
    started = time.perf_counter()
    sizes = []
    for done in range(0, EVENTS, 1000):
        append_events(min(1000, EVENTS - done))
        row = audit_checkpoint_make(force=True)
        assert row is not None
        sizes.append(row.tree_size)
    print(
        f"\nbuilt {EVENTS} events, {len(sizes)} checkpoints in {time.perf_counter() - started:.1f}s"
    )
    return sizes


def test_every_random_tampering_is_flagged_at_its_first_bad_index(log: list[int]) -> None:
    # given the intact log verifies
    started = time.perf_counter()
    intact = audit_verify_report()
    print(f"verify of {EVENTS} events: {time.perf_counter() - started:.2f}s")
    assert (intact.ok, intact.events, intact.checkpoints) == (True, EVENTS, len(log))
    rng = random.Random(SEED)
    flagged, missed = 0, []
    started = time.perf_counter()
    for trial in range(TRIALS):
        kind = KINDS[trial % len(KINDS)]
        # when one row is tampered with by raw SQL (undone after the trial)
        expected, report = _trial(lambda kind=kind: _tamper(kind, rng, EVENTS))  # type: ignore[misc]  # reason: default binds the loop value
        # then verify fails at exactly the first bad index
        if report.fault is not None and report.fault.seq == expected:
            flagged += 1
        else:
            missed.append((trial, kind, expected, report.fault))
    print(f"{TRIALS} trials: {time.perf_counter() - started:.1f}s")
    assert missed == []
    assert flagged == TRIALS


def test_a_rehashed_rewrite_is_flagged_by_the_first_checkpoint_covering_it(
    log: list[int],
) -> None:
    rng = random.Random(SEED + 1)
    for _ in range(5):
        # when an event near the end is edited and the chain rehashed from it (chain valid)
        k = rng.randint(max(1, EVENTS - 2500), EVENTS)
        _, report = _trial(lambda k=k: _rewrite_from(k))  # type: ignore[misc]  # reason: default binds the loop value
        # then the first checkpoint at or after k no longer matches its signed root
        first = min(size for size in log if size >= k)
        assert report.fault is None
        assert report.checkpoint_fault is not None
        assert (report.checkpoint_fault.tree_size, report.checkpoint_fault.problem) == (
            first,
            "root does not match the events",
        )
    assert AuditCheckpoint.objects.count() == len(log)
