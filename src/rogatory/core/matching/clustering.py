"""Dedupe clustering with a review band and an anti-chaining guard, and stable person ids
with a merge/split log (design R5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_TAU_HIGH = 0.85
DEFAULT_TAU_LOW = 0.5


class ReviewReason(StrEnum):
    BAND = "score_in_review_band"
    CHAINING = "merge_refused_by_chaining_guard"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    a: str
    b: str
    score: float
    reason: ReviewReason


@dataclass(frozen=True, slots=True)
class Clustering:
    clusters: tuple[frozenset[str], ...]
    review: tuple[ReviewItem, ...]


def cluster_records(
    record_ids: Iterable[str],
    scores: Mapping[tuple[str, str], float],
    *,
    tau_high: float = DEFAULT_TAU_HIGH,
    tau_low: float = DEFAULT_TAU_LOW,
    pair_score: Callable[[str, str], float] | None = None,
) -> Clustering:
    """Connected components over pairs with score >= ``tau_high``, merged best-first.

    Two components merge only if *every* cross pair scores >= ``tau_low`` (the maximum
    diameter guard): A~B and B~C must not pull A and C together when A and C clearly differ.
    Cross pairs missing from ``scores`` are computed with ``pair_score`` when given, else
    treated as failing the guard. Pairs in [tau_low, tau_high) go to human review.
    """
    members: dict[str, set[str]] = {r: {r} for r in record_ids}
    owner: dict[str, str] = {r: r for r in members}
    lookup = {_ordered(a, b): s for (a, b), s in scores.items()}

    def known(a: str, b: str) -> float:
        key = _ordered(a, b)
        if key not in lookup:
            lookup[key] = pair_score(a, b) if pair_score is not None else 0.0
        return lookup[key]

    review: list[ReviewItem] = []
    for (a, b), score in sorted(lookup.items(), key=lambda item: (-item[1], item[0])):
        if a not in owner or b not in owner:
            continue
        if score < tau_low:
            break
        if score < tau_high:
            if owner[a] != owner[b]:
                review.append(ReviewItem(a, b, score, ReviewReason.BAND))
            continue
        root_a, root_b = owner[a], owner[b]
        if root_a == root_b:
            continue
        if all(known(x, y) >= tau_low for x in members[root_a] for y in members[root_b]):
            keep, gone = sorted((root_a, root_b))
            members[keep] |= members.pop(gone)
            for record in members[keep]:
                owner[record] = keep
        else:
            review.append(ReviewItem(a, b, score, ReviewReason.CHAINING))
    clusters = tuple(sorted((frozenset(m) for m in members.values()), key=lambda c: sorted(c)))
    return Clustering(clusters, tuple(review))


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class LogAction(StrEnum):
    CREATE = "create"
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True, slots=True)
class LogEntry:
    action: LogAction
    person_id: str
    others: tuple[str, ...]
    records: tuple[str, ...]


@dataclass
class PersonRegistry:
    """Keeps person ids stable across re-clusterings and logs every merge and split.

    A new cluster takes the person id that most of its records already had (ties: the oldest
    id); ids of absorbed persons are logged as merged into it. When one person's records end
    up in several clusters, the largest part keeps the id and the others get new ids (split).
    """

    prefix: str = "P"
    assignments: dict[str, str] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    _counter: int = 0

    def _new_id(self) -> str:
        self._counter += 1
        return f"{self.prefix}{self._counter:08d}"

    def apply(self, clusters: Iterable[frozenset[str]]) -> dict[str, str]:
        """Assign person ids to ``clusters``; returns and stores record id -> person id."""
        ordered = sorted(clusters, key=lambda c: (-len(c), sorted(c)))
        votes: list[dict[str, int]] = []
        for cluster in ordered:
            counts: dict[str, int] = {}
            for record in cluster:
                previous = self.assignments.get(record)
                if previous is not None:
                    counts[previous] = counts.get(previous, 0) + 1
            votes.append(counts)
        # Each existing id goes to the cluster holding most of its records (ties: larger).
        home: dict[str, int] = {}
        for position, counts in enumerate(votes):
            for pid, count in counts.items():
                if pid not in home or count > votes[home[pid]][pid]:
                    home[pid] = position
        result: dict[str, str] = {}
        for position, cluster in enumerate(ordered):
            counts = votes[position]
            mine = sorted((p for p in counts if home[p] == position), key=lambda p: (-counts[p], p))
            records = tuple(sorted(cluster))
            if mine:
                person_id = mine[0]
                if len(mine) > 1:
                    self.log.append(LogEntry(LogAction.MERGE, person_id, tuple(mine[1:]), records))
            else:
                person_id = self._new_id()
                action = LogAction.SPLIT if counts else LogAction.CREATE
                self.log.append(LogEntry(action, person_id, tuple(sorted(counts)), records))
            for record in cluster:
                result[record] = person_id
        self.assignments.update(result)
        return result
