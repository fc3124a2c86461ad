"""Clustering with review band and anti-chaining guard; stable person ids with a log."""

from rogatory.core.matching.clustering import (
    LogAction,
    PersonRegistry,
    ReviewReason,
    cluster_records,
)


def test_pairs_above_high_threshold_are_merged_and_band_pairs_go_to_review() -> None:
    # given
    scores = {("a", "b"): 0.95, ("b", "c"): 0.6, ("c", "d"): 0.1}

    # when
    result = cluster_records("abcd", scores, tau_high=0.85, tau_low=0.5)

    # then
    assert set(result.clusters) == {frozenset("ab"), frozenset("c"), frozenset("d")}
    assert [(r.a, r.b, r.reason) for r in result.review] == [("b", "c", ReviewReason.BAND)]


def test_chaining_guard_refuses_a_merge_whose_far_ends_clearly_differ() -> None:
    # given A~B and B~C are strong but A and C clearly differ
    scores = {("a", "b"): 0.95, ("b", "c"): 0.9, ("a", "c"): 0.1}

    # when
    result = cluster_records("abc", scores, tau_high=0.85, tau_low=0.5)

    # then
    assert set(result.clusters) == {frozenset("ab"), frozenset("c")}
    assert [(r.a, r.b, r.reason) for r in result.review] == [("b", "c", ReviewReason.CHAINING)]


def test_chaining_guard_computes_missing_cross_pairs() -> None:
    # given only the chain is known; the scorer says A and C agree
    scores = {("a", "b"): 0.95, ("b", "c"): 0.9}

    # when
    result = cluster_records("abc", scores, pair_score=lambda _x, _y: 0.7)

    # then
    assert result.clusters == (frozenset("abc"),)


def test_person_ids_are_stable_and_merges_and_splits_are_logged() -> None:
    # given a first clustering
    registry = PersonRegistry()
    first = registry.apply([frozenset("ab"), frozenset("c")])

    # when c joins a and b, and later b leaves
    merged = registry.apply([frozenset("abc")])
    split = registry.apply([frozenset("ac"), frozenset("b")])

    # then
    assert first == {"a": "P00000001", "b": "P00000001", "c": "P00000002"}
    assert set(merged.values()) == {"P00000001"}
    assert split == {"a": "P00000001", "c": "P00000001", "b": "P00000003"}
    assert [(e.action, e.person_id, e.others) for e in registry.log] == [
        (LogAction.CREATE, "P00000001", ()),
        (LogAction.CREATE, "P00000002", ()),
        (LogAction.MERGE, "P00000001", ("P00000002",)),
        (LogAction.SPLIT, "P00000003", ("P00000001",)),
    ]


def test_each_old_id_stays_with_the_cluster_holding_most_of_its_records() -> None:
    # given
    registry = PersonRegistry()
    before = registry.apply([frozenset("a"), frozenset("bcd")])

    # when b leaves c and d to join a
    result = registry.apply([frozenset("ab"), frozenset("cd")])

    # then c and d keep their id (they hold two of its three records), a and b keep a's
    assert result["c"] == result["d"] == before["c"]
    assert result["a"] == result["b"] == before["a"]
