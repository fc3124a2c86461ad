"""Screening on several cores: retrieval in the calling process, the pair scoring of the
candidates shared with worker processes forked from it.

Reranking 200 candidates with the explainable score is most of a search's time (about four
fifths at 1,000,000 persons), and it splits evenly: each process scores every n-th candidate
of the retrieved list. Goal M9 gives the screen a 2-core machine; one worker beside the caller
uses both cores. Workers inherit the loaded index through ``fork`` (its arrays are memory-mapped
and shared), so the index must not be written while a pool serves it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections.abc import Iterator
from functools import partial
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Self

from rogatory.core.matching.analysis import AnalysedPerson, analyse_person
from rogatory.core.matching.index import DEFAULT_TOP, Candidate, MatchIndex, rank
from rogatory.core.matching.records import Person, person_from_dict
from rogatory.core.matching.scoring import DEFAULT_THRESHOLD, Evidence, PairScore

Query = tuple[dict[str, object], float]
# A worker's answer per candidate: score, match, and the evidence of a match (only a match's
# evidence is shown, and sending every candidate's cost more than scoring it).
Scored = tuple[float, bool, tuple[Evidence, ...] | None]


class IndexChangedError(RuntimeError):
    """The index was written after the pool's workers were forked from it."""


class ScreeningPool:
    """``search_scored`` of a ``MatchIndex`` on ``workers`` extra processes.

    Meant for a process given over to screening (``rogatory match screen``, the benchmark): it
    keeps the cyclic garbage collector off the index and its caches (``screening_gc``).
    """

    def __init__(self, index: MatchIndex, workers: int = 1) -> None:
        context = multiprocessing.get_context("fork")
        # The loaded index lives as long as the pool: out of the cyclic collector's sight, it
        # is not scanned again and again (and forked workers do not touch its pages).
        gc.freeze()
        self._index = index
        self._version = index.version
        self._connections: list[Connection] = []
        self._processes: list[multiprocessing.process.BaseProcess] = []
        for _ in range(max(workers, 0)):
            parent, child = context.Pipe()
            process = context.Process(target=_serve, args=(index, child), daemon=True)
            process.start()
            child.close()
            self._connections.append(parent)
            self._processes.append(process)

    def search_scored(
        self, person: Person, top: int = DEFAULT_TOP, *, threshold: float = DEFAULT_THRESHOLD
    ) -> list[Candidate]:
        if self._index.version != self._version:
            raise IndexChangedError("the index was written after the screening pool started")
        with screening_gc():
            return self._search_scored(person, top, threshold)

    def _search_scored(self, person: Person, top: int, threshold: float) -> list[Candidate]:
        # Workers read the query first, and analyse it while the caller retrieves.
        payload: Query = (person.to_dict(), threshold)
        for connection in self._connections:
            connection.send(payload)
        sent = 0
        try:
            query = analyse_person(person)
            found = self._index.retrieve(query, top)
            shares = len(self._connections) + 1
            for offset, connection in enumerate(self._connections, start=1):
                connection.send(found[offset::shares])
                sent += 1
            # Put every share back at its places in the retrieved order, so that ties rank as
            # they would in one process (``rank`` keeps that order among equals).
            scored: list[Candidate | None] = [None] * len(found)
            scored[0::shares] = self._index.score_candidates(query, found[0::shares], threshold)
        except BaseException:
            # Every worker still owes an answer to this query: take it, so that the next
            # query's answers are not read in its place.
            for number, connection in enumerate(self._connections):
                if number >= sent:
                    connection.send([])
                connection.recv()
            raise
        failure: BaseException | None = None
        for offset, connection in enumerate(self._connections, start=1):
            result = connection.recv()
            if isinstance(result, BaseException):
                failure = result
                continue
            share = found[offset::shares]
            scored[offset::shares] = [
                self._candidate(query, slot, retrieval, threshold, answer)
                for (slot, retrieval), answer in zip(share, result, strict=True)
            ]
        if failure is not None:
            raise failure
        return rank([c for c in scored if c is not None])

    def _candidate(
        self,
        query: AnalysedPerson,
        slot: int,
        retrieval: float,
        threshold: float,
        answer: Scored,
    ) -> Candidate:
        score, match, sent = answer
        # Asked for, a non-match's evidence is worked out again here, from the same index.
        evidence = (
            sent if sent is not None else partial(self._evidence, query, slot, retrieval, threshold)
        )
        return Candidate(
            self._index.person_id(slot), score, retrieval, PairScore(score, match, evidence)
        )

    def _evidence(
        self, query: AnalysedPerson, slot: int, retrieval: float, threshold: float
    ) -> tuple[Evidence, ...]:
        (candidate,) = self._index.score_candidates(query, [(slot, retrieval)], threshold)
        return candidate.pair.explanation

    def search(self, person: Person, top: int = DEFAULT_TOP) -> list[tuple[str, float]]:
        # The scored candidates are dropped here, before the collector runs again.
        with screening_gc():
            return [(c.person_id, c.score) for c in self.search_scored(person, top)]

    def close(self) -> None:
        for connection in self._connections:
            with contextlib.suppress(BrokenPipeError, OSError):
                connection.send(None)
            connection.close()
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        self._connections.clear()
        self._processes.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


@contextlib.contextmanager
def screening_gc() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, and what survives it frozen.

    A search makes no reference cycles (tested): everything it drops, reference counting frees
    at once, so collections during it only scan. What survives it is cache (read-back persons,
    decoded name parts), acyclic too: frozen, it is never scanned again, and reference counting
    still frees it when the cache lets go. Left to the collector, the caches of a 1,000,000-person
    index cost a fifth of a search's time, and every full collection paused a search or an
    insert for a third of a second (about a microsecond per cached object).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _serve(index: MatchIndex, connection: Connection) -> None:
    while True:
        try:
            task: Query | None = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        payload, threshold = task
        with screening_gc():
            try:
                query: AnalysedPerson | Exception = analyse_person(person_from_dict(payload))
            except Exception as error:  # handed to the caller, which raises it
                query = error
            found: list[tuple[int, float]] = connection.recv()
            if isinstance(query, Exception):
                connection.send(query)
                continue
            try:
                answers: list[Scored] = [
                    (c.score, c.pair.match, c.pair.explanation if c.pair.match else None)
                    for c in index.score_candidates(query, found, threshold)
                ]
                connection.send(answers)
            except Exception as error:  # handed to the caller, which raises it
                connection.send(error)
