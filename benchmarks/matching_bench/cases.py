"""M6: Latin name pairs of cases.csv (Person rows) against the logic-v2 anchor."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from matching_bench.common import log, names_only, prf
from rogatory.core.matching import score_pair
from rogatory.core.matching.scripts import detect_script


def bench_cases(data: Path, threshold: float) -> dict[str, Any]:
    rows = [
        r
        for r in csv.DictReader((data / "cases.csv").open(encoding="utf-8"))
        if r["schema"] == "Person"
    ]
    # The anchor's own outcome column (TP/FP/FN/TN) on the same Person rows.
    with (data / "logicv2-frozen.csv").open(encoding="utf-8") as handle:
        anchor = Counter(
            r["outcome"].lower() for r in csv.DictReader(handle) if r["schema"] == "Person"
        )
    ours: Counter[str] = Counter()
    by_script: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        truth = row["is_match"] == "true"
        predicted = (
            score_pair(names_only(row["name1"]), names_only(row["name2"])).score >= threshold
        )
        outcome = ("t" if predicted == truth else "f") + ("p" if predicted else "n")
        ours[outcome] += 1
        scripts = sorted({detect_script(row["name1"]).value, detect_script(row["name2"]).value})
        by_script["+".join(scripts)][outcome] += 1
    result = {
        "pairs": len(rows),
        "ours": prf(ours["tp"], ours["fp"], ours["fn"]),
        "logic_v2": prf(anchor["tp"], anchor["fp"], anchor["fn"]),
        "by_script": {
            k: {**prf(v["tp"], v["fp"], v["fn"]), "pairs": sum(v.values())}
            for k, v in sorted(by_script.items())
        },
    }
    log(
        f"M6 cases.csv Person F1 ours {result['ours']['f1']} vs logic-v2 {result['logic_v2']['f1']}"
    )
    return result
