"""The review band below the alert threshold (issue 18)."""

import io
import json
from pathlib import Path

from rogatory.core.matching import DEFAULT_THRESHOLD
from rogatory.core.matching.cli import build_index, screen_stream
from rogatory.core.matching.scoring import REVIEW_THRESHOLD, Band, band_of


def test_the_review_band_lies_below_the_alert_threshold() -> None:
    assert 0 < REVIEW_THRESHOLD < DEFAULT_THRESHOLD


def test_band_of_a_score() -> None:
    # given the shipped thresholds / when bands are read / then alert, review or none
    assert band_of(DEFAULT_THRESHOLD) == Band.ALERT
    assert band_of(0.999) == Band.ALERT
    assert band_of(REVIEW_THRESHOLD) == Band.REVIEW
    assert band_of((REVIEW_THRESHOLD + DEFAULT_THRESHOLD) / 2) == Band.REVIEW
    assert band_of(REVIEW_THRESHOLD - 0.001) is None


def test_a_review_floor_above_the_threshold_leaves_only_alerts() -> None:
    assert band_of(0.5, threshold=0.6, review=0.9) is None
    assert band_of(0.7, threshold=0.6, review=0.9) == Band.ALERT


def test_screen_writes_the_band_and_the_evidence_of_review_candidates(tmp_path: Path) -> None:
    # given a register with Ivan Petrov and his passport, and another man
    source = tmp_path / "persons.jsonl"
    rows = [
        {
            "id": "petrov",
            "names": ["Ivan Petrov"],
            "birth_date": "1975-03-14",
            "nationalities": ["XB"],
            "documents": [{"type": "passport", "number": "XB1234567", "country": "XB"}],
        },
        {"id": "other", "names": ["Olaf Scholz"], "birth_date": "1958-06-14"},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    build_index(source, tmp_path / "index")
    # when Ivan Petrenko born the same day, and Иван Петров, are screened
    queries = [
        {
            "id": "q1",
            "names": ["Ivan Petrenko"],
            "birth_date": "1975-03-14",
            "nationalities": ["XB"],
        },
        {"id": "q2", "names": ["Иван Петров"], "birth_date": "1975-03-14", "nationalities": ["XB"]},
    ]
    out = io.StringIO()
    errors = screen_stream(
        [json.dumps(q, ensure_ascii=False) for q in queries],
        out,
        index_dir=tmp_path / "index",
        top=2,
        threshold=DEFAULT_THRESHOLD,
    )
    # then the resemblance is in the review band with its evidence, the same man an alert
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert errors == 0
    petrenko = next(c for c in first["candidates"] if c["id"] == "petrov")
    assert (petrenko["band"], petrenko["match"]) == ("review", False)
    assert petrenko["explanation"]
    petrov = next(c for c in second["candidates"] if c["id"] == "petrov")
    assert (petrov["band"], petrov["match"]) == ("alert", True)
    # and a candidate below both bands has neither band nor evidence
    assert all(
        c["band"] is None and "explanation" not in c
        for c in first["candidates"] + second["candidates"]
        if c["id"] == "other"
    )
