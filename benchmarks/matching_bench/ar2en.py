"""M1: single-word Arabic names against their Latin forms (ar2en-eval.tsv)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from matching_bench.common import log, names_only
from rogatory.core.matching import score_pair


def bench_ar2en(data: Path, threshold: float) -> dict[str, Any]:
    pairs = []
    for line in (data / "ar2en-eval.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] and parts[1]:
            pairs.append((parts[0], parts[1]))
    scores = [score_pair(names_only(ar), names_only(en)).score for ar, en in pairs]
    recall = sum(1 for s in scores if s >= threshold) / len(scores)
    # Negatives: each Arabic word against the Latin form of another, random entry.
    rng = random.Random(11)
    shuffled = [en for _ar, en in pairs]
    rng.shuffle(shuffled)
    negatives = [
        score_pair(names_only(ar), names_only(other)).score
        for (ar, en), other in zip(pairs, shuffled, strict=True)
        if other != en
    ]
    fpr = sum(1 for s in negatives if s >= threshold) / len(negatives)
    result = {"pairs": len(pairs), "recall": round(recall, 4), "random_negative_fpr": round(fpr, 4)}
    log(f"M1 ar2en single-word Arabic->Latin recall {result['recall']} (random-pair FPR {fpr:.4f})")
    return result
