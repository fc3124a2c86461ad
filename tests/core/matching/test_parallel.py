"""Screening with the candidates' scoring shared by worker processes."""

import gc
import random
from collections.abc import Iterator

import pytest

from rogatory.core.matching import MatchIndex, ScreeningPool, person_from_dict
from rogatory.core.matching.parallel import IndexChangedError, screening_gc

GIVEN = ["Mohammed", "Ahmad", "Olga", "Ivan", "Maria", "Chen", "Aisha", "Pavel", "Lucia", "Omar"]
FAMILY = ["Hassan", "Petrov", "Garcia", "Wang", "Khan", "Novak", "Rossi", "Haddad", "Kim", "Silva"]


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    # A pool freezes the heap for its process; this one goes on running other tests.
    yield
    gc.unfreeze()


def register(size: int) -> MatchIndex:
    rng = random.Random(3)
    return MatchIndex.build(
        (
            f"p{n}",
            person_from_dict(
                {
                    "names": [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"],
                    "birth_date": str(rng.randint(1950, 2000)),
                    "nationalities": [rng.choice(["IQ", "RU", "ES", "CN"])],
                }
            ),
        )
        for n in range(size)
    )


def test_pool_returns_exactly_what_the_index_alone_returns() -> None:
    # given
    index = register(400)
    queries = [
        person_from_dict({"names": ["Mohamed Hasan"], "birth_date": "1970"}),
        person_from_dict({"names": ["Ольга Петрова"]}),
        person_from_dict({"names": ["王伟"], "nationalities": ["CN"]}),
    ]

    # when
    alone = [index.search_scored(q, 50) for q in queries]
    with ScreeningPool(index, workers=2) as pool:
        shared = [pool.search_scored(q, 50) for q in queries]

    # then: same candidates, same scores, same order, same explanations (a non-match's
    # worked out again on reading, a match's sent by the worker)
    assert shared == alone
    assert all(len(found) == 50 for found in shared)
    assert [[c.pair.explanation for c in found] for found in shared] == [
        [c.pair.explanation for c in found] for found in alone
    ]
    assert any(c.pair.match for found in shared for c in found)


def test_pool_refuses_an_index_written_after_it_started() -> None:
    # given
    index = register(50)
    query = person_from_dict({"names": ["Olga Petrova"]})
    with ScreeningPool(index, workers=1) as pool:
        # when the index is written behind the workers' back
        index.add("late", person_from_dict({"names": ["Olga Petrova"]}))

        # then the pool does not answer from its stale copy
        with pytest.raises(IndexChangedError):
            pool.search_scored(query)


def test_pool_without_workers_scores_in_the_calling_process() -> None:
    index = register(30)
    query = person_from_dict({"names": ["Ivan Novak"]})

    with ScreeningPool(index, workers=0) as pool:
        assert pool.search(query, 10) == index.search(query, 10)


@pytest.mark.parametrize("workers", [0, 1])
def test_a_search_leaves_no_reference_cycles(workers: int) -> None:
    # given a pool, and no garbage waiting for the collector
    index = register(200)
    query = person_from_dict({"names": ["Mohamed Hasan"], "birth_date": "1970"})
    with ScreeningPool(index, workers=workers) as pool:
        pool.search_scored(query, 50)
        gc.unfreeze()
        gc.collect()

        # when a search runs with the cyclic collector paused (and freezes what survives)
        found = pool.search_scored(query, 50)
        del found

        # then reference counting freed everything it dropped (nothing unreachable is left,
        # frozen or not), and the collector is back on
        gc.unfreeze()
        assert gc.collect() == 0
        assert gc.isenabled()


def test_the_collector_is_back_on_after_a_block_that_failed() -> None:
    # given a block that fails while the collector is paused
    seen: list[bool] = []

    def failing_search() -> None:
        with screening_gc():
            seen.append(gc.isenabled())
            raise LookupError("mid-search")

    # when
    with pytest.raises(LookupError, match="mid-search"):
        failing_search()

    # then
    assert seen == [False]
    assert gc.isenabled()


def test_pool_answers_the_next_query_after_a_search_failed_in_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a pool whose calling process fails while scoring its share of one query
    index = register(200)
    first = person_from_dict({"names": ["Olga Petrova"]})
    second = person_from_dict({"names": ["Mohamed Hasan"], "birth_date": "1970"})
    expected = index.search_scored(second, 50)
    with ScreeningPool(index, workers=1) as pool:
        with monkeypatch.context() as patched:
            patched.setattr(index, "score_candidates", _failing_scorer)
            with pytest.raises(RuntimeError, match="scoring failed"):
                pool.search_scored(first, 50)

        # when the next query comes
        found = pool.search_scored(second, 50)

    # then it gets its own answers, not the worker's answers to the failed query
    assert found == expected


def _failing_scorer(*args: object) -> list[object]:
    raise RuntimeError("scoring failed")
