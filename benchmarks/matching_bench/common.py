"""Shared helpers: progress log, precision/recall/F1, name-only records."""

from __future__ import annotations

import sys
import time
import unicodedata

from rogatory.core.matching import Person, person_from_dict


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def names_only(*names: str) -> Person:
    return person_from_dict({"names": list(names)})


def strip_marks(text: str) -> str:
    """Drop combining marks (stress accents in the surname list, pinyin tones)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )
