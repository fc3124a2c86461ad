"""Django-free entry points behind ``rogatory match ...`` (the management command only parses
arguments and calls these).

Input and output are JSON lines. A line that cannot be processed produces
``{"line": N, "error": "..."}`` (N counts from 1) and processing continues; each function
returns the number of such error lines.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from rogatory.core.matching.index import MatchIndex
from rogatory.core.matching.parallel import ScreeningPool
from rogatory.core.matching.records import Person, RecordError, person_from_dict
from rogatory.core.matching.scoring import DEFAULT_THRESHOLD, band_of, score_pair

__all__ = ["DEFAULT_THRESHOLD", "build_index", "score_stream", "screen_stream"]


def _write(out: TextIO, payload: dict[str, Any]) -> None:
    # One JSON object per line: the line breaks that JSON leaves unescaped but line readers
    # split on (NEL, LINE and PARAGRAPH SEPARATOR, possible inside a name) are escaped.
    text = json.dumps(payload, ensure_ascii=False)
    out.write(text.translate(_LINE_BREAKS) + "\n")


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_lines(lines: Iterable[str]) -> Iterator[tuple[int, Any, str | None]]:
    """Yield (line number, parsed object or None, error); blank lines are skipped."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON: {exc.msg} at column {exc.colno}"


def _person(value: Any, label: str) -> Person:
    if not isinstance(value, dict):
        raise RecordError(f"{label}: expected a PERSON object")
    try:
        return person_from_dict(value)
    except RecordError as exc:
        raise RecordError(f"{label}.{exc}") from exc
    except ValueError as exc:
        raise RecordError(f"{label}: {exc}") from exc


def score_stream(lines: Iterable[str], out: TextIO, *, threshold: float) -> int:
    """``{"a": PERSON, "b": PERSON}`` per line in; ``{"score", "match", "explanation"}`` out."""
    errors = 0
    for number, data, error in _json_lines(lines):
        try:
            if error is not None:
                raise RecordError(error)
            if not isinstance(data, dict):
                raise RecordError("expected an object with keys 'a' and 'b'")
            a = _person(data.get("a"), "a")
            b = _person(data.get("b"), "b")
        except RecordError as exc:
            errors += 1
            _write(out, {"line": number, "error": str(exc)})
            continue
        try:
            scored = score_pair(a, b, threshold=threshold).to_dict()
        except Exception:  # one line that cannot be scored must not end the run
            errors += 1
            _write(out, {"line": number, "error": "this pair could not be scored"})
            continue
        _write(out, scored)
    return errors


def screen_stream(
    lines: Iterable[str],
    out: TextIO,
    *,
    index_dir: Path,
    top: int,
    threshold: float,
    workers: int = 0,
) -> int:
    """PERSON per line in; ``{"query": id, "candidates": [{"id", "score", "match", "band",
    ...}]}`` out. ``band`` is ``alert`` at or above ``threshold``, ``review`` in the review
    band below it (``REVIEW_THRESHOLD``), else null.

    The ``explanation`` is included for candidates in either band. ``workers``
    extra processes share the scoring of each query's candidates.
    """
    with ScreeningPool(MatchIndex.load(index_dir), workers) as pool:
        return _screen_lines(lines, out, pool, top, threshold)


def _screen_lines(
    lines: Iterable[str], out: TextIO, pool: ScreeningPool, top: int, threshold: float
) -> int:
    errors = 0
    for number, data, error in _json_lines(lines):
        try:
            if error is not None:
                raise RecordError(error)
            person = _person(data, "person")
        except RecordError as exc:
            errors += 1
            _write(out, {"line": number, "error": str(exc)})
            continue
        try:
            found = pool.search_scored(person, max(top, 1), threshold=threshold)[:top]
        except Exception:  # one line that cannot be screened must not end the run
            errors += 1
            _write(out, {"line": number, "error": "this person could not be screened"})
            continue
        candidates = []
        for candidate in found:
            band = band_of(candidate.score, threshold=threshold)
            item: dict[str, Any] = {
                "id": candidate.person_id,
                "score": round(candidate.score, 4),
                "match": candidate.pair.match,
                "band": band.value if band else None,
            }
            if band is not None:
                item["explanation"] = [e.to_dict() for e in candidate.pair.explanation]
            candidates.append(item)
        _write(out, {"query": person.id, "candidates": candidates})
    return errors


def build_index(source: Path, out_dir: Path) -> dict[str, Any]:
    """Build an index directory from a JSON-lines file of PERSON records (``id`` required).

    Lines without an ``id`` get ``line-N``; invalid lines are skipped and counted.
    """
    started = time.perf_counter()
    skipped: list[dict[str, Any]] = []

    def records() -> Iterator[tuple[str, Person]]:
        with source.open(encoding="utf-8") as handle:
            for number, data, error in _json_lines(handle):
                try:
                    if error is not None:
                        raise RecordError(error)
                    person = _person(data, "person")
                except RecordError as exc:
                    skipped.append({"line": number, "error": str(exc)})
                    continue
                yield (person.id or f"line-{number}"), person

    index = MatchIndex.build(records())
    index.save(out_dir)
    return {
        "persons": len(index),
        "skipped": len(skipped),
        "errors": skipped[:20],
        "seconds": round(time.perf_counter() - started, 3),
        "index_dir": str(out_dir),
    }
