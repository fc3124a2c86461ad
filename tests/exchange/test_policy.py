"""The retry policy and chunking of the federation layer (pure functions, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rogatory.federation.chunks import (
    CHUNK_SIZE,
    chunk_count,
    iter_chunks,
    parse_repr_digest,
    repr_digest,
)
from rogatory.federation.policy import DEFAULT_POLICY, RetryPolicy, retry_schedule

QUEUED = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def test_delays_start_at_30_seconds_double_and_cap_at_one_hour() -> None:
    # given the default policy / when / then
    delays = [DEFAULT_POLICY.delay(n) for n in range(1, 10)]
    assert delays == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480, 960, 1920)] + [
        timedelta(hours=1),
        timedelta(hours=1),
    ]
    assert DEFAULT_POLICY.delay(10_000) == timedelta(hours=1)


def test_the_last_attempt_is_at_72_hours_then_the_message_fails() -> None:
    # given / when
    schedule = retry_schedule(DEFAULT_POLICY, QUEUED)
    # then 7 doubling steps reach 1 h 3 min 30 s, then hourly, the last one exactly at 72 h
    assert schedule[-1] == QUEUED + timedelta(hours=72)
    assert schedule[7] == QUEUED + timedelta(seconds=30 * 127)
    assert len(schedule) == 79
    after = DEFAULT_POLICY.next_attempt(queued_at=QUEUED, attempts=79, now=schedule[-1])
    assert after is None


def test_a_policy_must_be_coherent() -> None:
    with pytest.raises(ValueError, match="retry policy"):
        RetryPolicy(base=timedelta(hours=2), cap=timedelta(hours=1))


@pytest.mark.parametrize(
    ("size", "count"),
    [(0, 1), (1, 1), (CHUNK_SIZE, 1), (CHUNK_SIZE + 1, 2), (3 * CHUNK_SIZE, 3)],
)
def test_chunk_count(size: int, count: int) -> None:
    assert chunk_count(size) == count


def test_iter_chunks_slices_a_file_in_8_mib_pieces(tmp_path: Path) -> None:
    # given a file of two chunks and a bit
    path = tmp_path / "part.age"
    path.write_bytes(b"a" * CHUNK_SIZE + b"b" * CHUNK_SIZE + b"c")
    # when / then
    assert [(k, len(d)) for k, d in iter_chunks(path)] == [
        (0, CHUNK_SIZE),
        (1, CHUNK_SIZE),
        (2, 1),
    ]


def test_repr_digest_round_trips_and_rejects_other_forms() -> None:
    digest = repr_digest(b"hello")
    assert digest == "sha-256=:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=:"
    assert parse_repr_digest(digest) is not None
    assert parse_repr_digest("sha-512=:abc=:") is None
    assert parse_repr_digest("") is None
