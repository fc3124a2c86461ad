"""Embedded inverted index for candidate generation (design R3), no search server.

Keys are hashed to 64-bit integers; postings live in a CSR layout (sorted key array, offsets,
int32 person numbers) built in one pass, plus a small in-memory delta for single inserts.
Removal marks a tombstone. ``save`` compacts the delta and writes plain ``.npy`` files, a
JSON-lines file of the stored records with their analysed names, and the table of analysed name
parts (``stored.py``), which ``load`` memory-maps and reads back.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from rogatory.core.matching.analysis import (
    AnalysedName,
    AnalysedPerson,
    Token,
    TokenKind,
    analyse_person,
)
from rogatory.core.matching.features import smoothed_share
from rogatory.core.matching.names import Memo
from rogatory.core.matching.records import Person
from rogatory.core.matching.scoring import DEFAULT_THRESHOLD, PairScore, score_analysed
from rogatory.core.matching.scripts import Script
from rogatory.core.matching.stored import (
    ANALYSIS_FINGERPRINT,
    TokenTable,
    decode_record,
    encode_record,
    record_id,
)

# 2: pair, birth-date and nationality keys; 3: analysed names stored; 4: records as arrays
FORMAT_VERSION = 4
DEFAULT_TOP = 200
MAX_QUERY_NAMES = 5
# A key whose posting list holds more than this share of the index stops generating
# candidates by itself; it only adds weight to candidates found through rarer keys.
CAP_SHARE = 0.01
CAP_FLOOR = 50
STRONG_KEY_WEIGHT = 12.0
FUZZY_KEY_FACTOR = 0.5
# Postings of frequent keys scanned per query (ids); about 1.6 MB of int32.
CAPPED_BUDGET = 400_000
# Stored persons kept read back (decoding one is cheap since the index stores the analysis;
# the cache mostly serves candidates with common names, found again and again). Every cached
# person is objects the cyclic collector scans, so it stays small.
_CACHE_SIZE = 20_000
# Name-part spellings whose frequency was looked up (plain strings and ints: never scanned).
_FORM_COUNTS_SIZE = 100_000
_MAX_FORMS_PER_TOKEN = 6
_MAX_PAIR_TOKENS = 4
# Keys that only add weight to candidates found otherwise (nationality: a few huge postings).
_BOOST_ONLY_PREFIXES = ("c:",)

IntArray = npt.NDArray[np.int64]


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def representative_names(
    person: AnalysedPerson, limit: int = MAX_QUERY_NAMES
) -> list[AnalysedName]:
    """Up to ``limit`` names: the primary one, one per script, then the rest in order."""
    chosen: list[AnalysedName] = []
    seen: set[str] = set()
    scripts: set[Script] = set()
    ordered = list(person.names[:1])
    ordered += [n for n in person.names[1:] if n.script not in {m.script for m in ordered}]
    ordered += list(person.names)
    for name in ordered:
        signature = name.joined[0] if name.joined else name.text
        if signature in seen:
            continue
        seen.add(signature)
        scripts.add(name.script)
        chosen.append(name)
        if len(chosen) == limit:
            break
    return chosen


def name_keys(name: AnalysedName, keys: set[str]) -> None:
    core = [t for t in name.tokens if t.kind != TokenKind.PARTICLE]
    for token in core:
        if token.kind == TokenKind.INITIAL:
            continue
        for form in token.forms[:_MAX_FORMS_PER_TOKEN]:
            keys.add("f:" + form)
        for skeleton in token.skeletons:
            if len(skeleton) >= 2:
                keys.add("s:" + skeleton)
        # One-deletion neighbourhood of the main skeleton (SymSpell): two skeletons one edit
        # apart share a key, so a typo in the only rare token still finds the record.
        main = token.skeletons[0] if token.skeletons else ""
        if len(main) >= 2:
            keys.add("t:" + main)
        if len(main) >= 3:
            for i in range(len(main)):
                keys.add("t:" + main[:i] + main[i + 1 :])
        if token.group is not None:
            keys.add("g:" + token.group)
        for nickname in token.nicknames:
            keys.add("n:" + nickname)
    # Adjacent parts joined: "Xiao Ming" meets the Han given name "xiaoming".
    for left, right in pairwise(core):
        if left.kind != TokenKind.INITIAL and right.kind != TokenKind.INITIAL:
            keys.add("f:" + left.forms[0] + right.forms[0])
    pair_keys(core, keys)
    for joined in name.joined:
        keys.add("f:" + joined)


def _pair_part(token: Token) -> str:
    skeleton = token.skeletons[0] if token.skeletons else ""
    # Short skeletons ("Ida" -> "d", "Aoife" -> "f") are too common: use the spelling.
    return skeleton if len(skeleton) >= 3 else "=" + token.forms[0]


def _deletions(part: str) -> set[str]:
    prefix, body = ("=", part[1:]) if part.startswith("=") else ("", part)
    if len(body) < 3:
        return set()
    return {prefix + body[:i] + body[i + 1 :] for i in range(len(body))}


def pair_keys(core: list[Token], keys: set[str]) -> None:
    """Order-free keys for two parts of one name, one of them within one edit (SymSpell).

    Two rare-enough parts together single out a person among namesakes of either part: a
    typo'd "Aoife Phillip" still shares a key with "Aoife Phillips" that the thousands of
    other Aoifes and Phillipses lack.
    """
    parts = [_pair_part(t) for t in core if t.kind != TokenKind.INITIAL][:_MAX_PAIR_TOKENS]
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            if a == b:
                continue
            for x in _deletions(a) | {a}:
                keys.add("p:" + "|".join(sorted((x, b))))
            for y in _deletions(b):
                keys.add("p:" + "|".join(sorted((a, y))))


def person_keys(person: AnalysedPerson, *, query: bool = False) -> tuple[set[str], set[str]]:
    """(ordinary keys, strong keys). Strong keys (documents, DOB year x surname) always count."""
    keys: set[str] = set()
    strong: set[str] = set()
    names = representative_names(person) if query else list(person.names)
    for name in names:
        name_keys(name, keys)
    p = person.person
    for country in p.nationalities:
        keys.add("c:" + country)
    # The full birth date alone is a selective key (a few dozen persons per day even in a
    # million); a placeholder date shared by thousands is capped like any frequent key.
    if p.birth_date is not None and p.birth_date.day is not None:
        keys.add(f"b:{p.birth_date.year:04d}-{p.birth_date.month:02d}-{p.birth_date.day:02d}")
    for doc in p.documents:
        number = doc.key
        strong.add("d:" + number)
        if len(number) >= 6:
            for i in range(len(number)):
                strong.add("d1:" + number[:i] + number[i + 1 :])
    if p.birth_date is not None:
        for name in names:
            for token in name.tokens:
                if token.kind in (TokenKind.NAME, TokenKind.SURNAME) and token.skeletons:
                    skeleton = token.skeletons[0]
                    # Short skeletons ("Roy" -> "r") are too common alone: use the spelling.
                    part = skeleton if len(skeleton) >= 3 else "=" + token.forms[0]
                    strong.add(f"y:{p.birth_date.year}:{part}")
    return keys, strong


@dataclass(frozen=True, slots=True)
class Candidate:
    person_id: str
    score: float
    retrieval: float
    pair: PairScore


def top_positions(scores: npt.NDArray[np.float64], count: int) -> npt.NDArray[np.int64]:
    """Positions of the ``count`` highest ``scores``; among scores equal at the cut, the lowest
    positions.

    ``argpartition`` alone leaves the choice among equal scores to numpy's selection algorithm,
    which has changed between numpy versions: the same register and query would then give other
    candidates on another machine, and the training tool another model.
    """
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    if count >= len(scores):
        return np.arange(len(scores))
    part = np.argpartition(-scores, count - 1)[:count]
    kth = scores[part].min()
    above = part[scores[part] > kth]
    ties = np.flatnonzero(scores == kth)[: count - len(above)]
    return np.concatenate([above, ties])


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """Best pair score first; the retrieval weight breaks ties."""
    return sorted(candidates, key=lambda c: (-c.score, -c.retrieval))


class MatchIndex:
    """Person index: ``add``/``remove`` single records, ``search`` a query, ``save``/``load``."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._records: list[bytes | None] = []
        self._keys: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)
        self._offsets: IntArray = np.zeros(1, dtype=np.int64)
        self._postings: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._delta: dict[int, list[int]] = {}
        self._dead: set[int] = set()
        self._cache: OrderedDict[int, AnalysedPerson] = OrderedDict()
        self._tokens = TokenTable()
        # Persons per name-part spelling, for the scorer's rarity feature; cleared on writes.
        self._form_counts: dict[str, int] = {}
        # Counts writes, so that a reader holding a copy (a forked worker) can tell it is stale.
        self.version = 0

    # --- size and records -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._position

    def person_id(self, slot: int) -> str:
        return self._ids[slot]

    def get(self, person_id: str) -> Person:
        return self._analysed(self._position[person_id]).person

    def _analysed(self, number: int) -> AnalysedPerson:
        cached = self._cache.get(number)
        if cached is not None:
            self._cache.move_to_end(number)
            return cached
        raw = self._records[number]
        if raw is None:
            raise KeyError(number)
        analysed = decode_record(raw, self._tokens)
        self._cache[number] = analysed
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return analysed

    # --- writes -------------------------------------------------------------------------

    def add(self, person_id: str, person: Person) -> None:
        """Insert or replace one person (analysed now, searchable at once)."""
        if person_id in self._position:
            self.remove(person_id)
        analysed = analyse_person(person)
        number = self._append_record(person_id, analysed)
        keys, strong = person_keys(analysed)
        for key in keys | strong:
            self._delta.setdefault(key_hash(key), []).append(number)
        self._form_counts.clear()
        self.version += 1

    def remove(self, person_id: str) -> None:
        number = self._position.pop(person_id)
        self.version += 1
        self._dead.add(number)
        self._records[number] = None
        self._cache.pop(number, None)

    def _append_record(self, person_id: str, analysed: AnalysedPerson) -> int:
        number = len(self._ids)
        self._ids.append(person_id)
        self._position[person_id] = number
        self._records.append(encode_record(person_id, analysed, self._tokens))
        return number

    @classmethod
    def build(cls, persons: Iterable[tuple[str, Person]]) -> MatchIndex:
        """Bulk build: one pass over the records, then one sort of all (key, person) pairs."""
        index = cls()
        hashes: array[int] = array("Q")
        numbers: array[int] = array("i")
        for person_id, person in persons:
            if person_id in index._position:
                index.remove(person_id)
            analysed = analyse_person(person)
            number = index._append_record(person_id, analysed)
            keys, strong = person_keys(analysed)
            for key in keys | strong:
                hashes.append(key_hash(key))
                numbers.append(number)
        index._set_postings(
            np.frombuffer(hashes, dtype=np.uint64), np.frombuffer(numbers, dtype=np.int32)
        )
        return index

    def _set_postings(self, hashes: npt.NDArray[np.uint64], numbers: npt.NDArray[np.int32]) -> None:
        order = np.lexsort((numbers, hashes))
        sorted_hashes = hashes[order]
        self._postings = np.ascontiguousarray(numbers[order])
        if len(sorted_hashes):
            starts = np.flatnonzero(np.r_[True, sorted_hashes[1:] != sorted_hashes[:-1]])
        else:
            starts = np.zeros(0, dtype=np.int64)
        self._keys = sorted_hashes[starts]
        self._offsets = np.r_[starts, len(sorted_hashes)].astype(np.int64)
        self._delta = {}
        self._form_counts = {}

    def compact(self) -> None:
        """Fold the insert delta (and tombstones) into the CSR arrays."""
        if not self._delta and not self._dead:
            return
        counts = np.diff(self._offsets)
        hashes = [np.repeat(self._keys, counts)]
        numbers = [np.asarray(self._postings, dtype=np.int32)]
        for key, posting in self._delta.items():
            hashes.append(np.full(len(posting), key, dtype=np.uint64))
            numbers.append(np.asarray(posting, dtype=np.int32))
        all_hashes = np.concatenate(hashes)
        all_numbers = np.concatenate(numbers)
        if self._dead:
            alive = ~np.isin(all_numbers, np.fromiter(self._dead, dtype=np.int32))
            all_hashes, all_numbers = all_hashes[alive], all_numbers[alive]
        self._set_postings(all_hashes, all_numbers)

    # --- reads --------------------------------------------------------------------------

    def _posting(self, key: int) -> npt.NDArray[np.int32]:
        position = int(np.searchsorted(self._keys, np.uint64(key)))
        base: npt.NDArray[np.int32]
        if position < len(self._keys) and int(self._keys[position]) == key:
            base = self._postings[self._offsets[position] : self._offsets[position + 1]]
        else:
            base = np.zeros(0, dtype=np.int32)
        extra = self._delta.get(key)
        if extra:
            return np.concatenate([base, np.asarray(extra, dtype=np.int32)])
        return base

    def candidates(self, person: Person, top: int = DEFAULT_TOP) -> list[tuple[int, float]]:
        """Top ``top`` stored persons by IDF-weighted shared keys (retrieval stage only)."""
        query = analyse_person(person)
        return self.retrieve(query, top)

    def retrieve(self, query: AnalysedPerson, top: int) -> list[tuple[int, float]]:
        """(slot, retrieval weight) of the ``top`` candidates of an analysed query."""
        total = max(len(self._ids), 1)
        cap = max(CAP_SHARE * total, CAP_FLOOR)
        keys, strong = person_keys(query, query=True)
        id_parts: list[npt.NDArray[np.int32]] = []
        weight_parts: list[npt.NDArray[np.float64]] = []
        capped: list[tuple[float, npt.NDArray[np.int32]]] = []
        boost: list[tuple[float, npt.NDArray[np.int32]]] = []
        # Sorted: set order follows the per-process string hash, and the float sums below
        # would differ in the last bit from run to run, reordering near-equal candidates.
        for key in sorted(keys):
            posting = self._posting(key_hash(key))
            if not len(posting):
                continue
            idf = math.log(1.0 + total / len(posting))
            if key.startswith("t:"):
                idf *= FUZZY_KEY_FACTOR
            if key.startswith(_BOOST_ONLY_PREFIXES):
                boost.append((idf, posting))
            elif len(posting) > cap:
                capped.append((idf, posting))
            else:
                id_parts.append(posting)
                weight_parts.append(np.full(len(posting), idf))
        for key in sorted(strong):
            posting = self._posting(key_hash(key))
            if len(posting):
                id_parts.append(posting[: int(cap) * 4])
                weight_parts.append(np.full(min(len(posting), int(cap) * 4), STRONG_KEY_WEIGHT))
        # Frequent keys are scanned whole, rarest first, while a budget allows; beyond it they
        # only add weight to candidates that rarer keys found.
        capped.sort(key=lambda item: len(item[1]))
        budget = max(CAPPED_BUDGET, int(cap) * 4)
        boost_only: list[tuple[float, npt.NDArray[np.int32]]] = boost
        for idf, posting in capped:
            if len(posting) <= budget:
                id_parts.append(posting)
                weight_parts.append(np.full(len(posting), idf))
                budget -= len(posting)
            else:
                boost_only.append((idf, posting))
        if not id_parts:
            return []
        ids = np.concatenate(id_parts)
        weights = np.concatenate(weight_parts)
        dead = np.fromiter(self._dead, dtype=np.int64) if self._dead else None
        if len(ids) * 8 > total:
            # Dense: one bincount over all slots beats sorting the ids.
            dense = np.bincount(ids, weights=weights, minlength=total)
            for idf, posting in boost_only:
                dense[posting] += idf
            if dead is not None:
                dense[dead] = 0.0
            best = top_positions(dense, min(top, total))
            return sorted(
                ((int(i), float(dense[i])) for i in best if dense[i] > 0),
                key=lambda x: (-x[1], x[0]),
            )
        unique, inverse = np.unique(ids, return_inverse=True)
        scores = np.bincount(inverse, weights=weights)
        for idf, posting in boost_only:
            found = np.searchsorted(posting, unique)
            found[found >= len(posting)] = 0
            scores += idf * (posting[found] == unique)
        if dead is not None:
            scores[np.isin(unique, dead)] = -1.0
        # ``unique`` is sorted, so the lowest positions are the lowest slots.
        best = top_positions(scores, min(top, len(unique)))
        return sorted(
            ((int(unique[i]), float(scores[i])) for i in best if scores[i] >= 0),
            key=lambda x: (-x[1], x[0]),
        )

    def search_scored(
        self, person: Person, top: int = DEFAULT_TOP, *, threshold: float = DEFAULT_THRESHOLD
    ) -> list[Candidate]:
        """Retrieve ``top`` candidates and rerank them with the explainable pair score."""
        query = analyse_person(person)
        return rank(self.score_candidates(query, self.retrieve(query, top), threshold))

    def score_candidates(
        self, query: AnalysedPerson, found: list[tuple[int, float]], threshold: float
    ) -> list[Candidate]:
        """Pair scores of retrieved candidates, in the order given."""
        out = []
        memo = Memo()
        for number, retrieval in found:
            pair = score_analysed(
                query,
                self._analysed(number),
                threshold=threshold,
                memo=memo,
                name_count=self.name_count,
                token_frequency=self.token_frequency,
                register_size=len(self),
            )
            out.append(Candidate(self._ids[number], pair.score, retrieval, pair))
        return out

    def search(self, person: Person, top: int = DEFAULT_TOP) -> list[tuple[str, float]]:
        return [(c.person_id, c.score) for c in self.search_scored(person, top)]

    def name_count(self, name: AnalysedName) -> int:
        """How many stored persons carry this full name (as analysed), removed ones included."""
        if not name.joined:
            return 0
        return len(self._posting(key_hash("f:" + name.joined[0])))

    def token_frequency(self, token: Token) -> float:
        """Smoothed share of stored persons whose names carry this part (its main spelling)."""
        form = token.forms[0] if token.forms else token.text
        count = self._form_counts.get(form)
        if count is None:
            if len(self._form_counts) >= _FORM_COUNTS_SIZE:
                self._form_counts.clear()
            count = self._form_counts[form] = len(self._posting(key_hash("f:" + form)))
        return smoothed_share(count, len(self))

    # --- persistence --------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        self.compact()
        directory.mkdir(parents=True, exist_ok=True)
        # Write beside and rename: the arrays may be memory-mapped from these very files (an
        # index loaded from ``directory``), and a rename keeps the mapped inode alive.
        for name, array_ in (
            ("keys", self._keys),
            ("offsets", self._offsets),
            ("postings", self._postings),
        ):
            temporary = directory / f".{name}.tmp.npy"
            np.save(temporary, array_)
            os.replace(temporary, directory / f"{name}.npy")
        _write_lines(
            directory / "records.jsonl",
            (raw if raw is not None else b"null" for raw in self._records),
        )
        _write_lines(directory / "tokens.jsonl", self._tokens.lines)
        meta: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "analysis": ANALYSIS_FINGERPRINT,
            "persons": len(self),
            "slots": len(self._records),
            "keys": len(self._keys),
            "postings": len(self._postings),
        }
        (directory / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, *, mmap: bool = True) -> MatchIndex:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(
                f"unsupported index format {meta.get('format')!r} in {directory}: "
                "rebuild it with 'rogatory match index build'"
            )
        if meta.get("analysis") != ANALYSIS_FINGERPRINT:
            # The stored name analysis came from other analysis code or tables; reading it
            # back would compare candidates by stale spellings.
            raise ValueError(
                f"the index in {directory} was built by another version of the name analysis: "
                "rebuild it with 'rogatory match index build'"
            )
        index = cls()
        with (directory / "tokens.jsonl").open("rb") as handle:
            index._tokens = TokenTable([line.rstrip(b"\n") for line in handle])
        mode: Literal["r"] | None = "r" if mmap else None
        index._keys = np.load(directory / "keys.npy", mmap_mode=mode)
        index._offsets = np.load(directory / "offsets.npy", mmap_mode=mode)
        index._postings = np.load(directory / "postings.npy", mmap_mode=mode)
        with (directory / "records.jsonl").open("rb") as handle:
            for number, line in enumerate(handle):
                raw = line.rstrip(b"\n")
                if raw == b"null":
                    index._ids.append("")
                    index._records.append(None)
                    index._dead.add(number)
                    continue
                person_id = record_id(raw)
                index._ids.append(person_id)
                index._records.append(raw)
                index._position[person_id] = number
        return index


def _write_lines(path: Path, lines: Iterable[bytes]) -> None:
    """Write beside ``path`` and rename over it (see ``MatchIndex.save``)."""
    temporary = path.with_name(f".{path.stem}.tmp{path.suffix}")
    with temporary.open("wb") as handle:
        for line in lines:
            handle.write(line + b"\n")
    os.replace(temporary, path)
