"""M3/M4: retrieval among several hundred generated persons."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from typing import Any

from matching_bench.common import log
from matching_bench.pools import Pools, Synthetic, make_synthetic, screening_countries
from rogatory.core.matching import MatchIndex, person_from_dict


def bench_retrieval(
    pools: Pools, threshold: float, rng: random.Random, size: int
) -> dict[str, Any]:
    countries = screening_countries(pools)
    stored: list[tuple[str, Synthetic]] = []
    seen: set[str] = set()
    while len(stored) < size:
        person = make_synthetic(pools, rng.choice(countries), rng)
        if person is None or person.latin.lower() in seen:
            continue
        seen.add(person.latin.lower())
        stored.append((f"r{len(stored)}", person))
    index = MatchIndex.build(
        (pid, person_from_dict({"names": [s.latin], "nationalities": [s.country]}))
        for pid, s in stored
    )
    first = top5 = above = 0
    missed: list[str] = []
    queries = 0
    by_script: dict[str, Counter[str]] = defaultdict(Counter)
    for pid, synthetic in stored:
        if synthetic.script == "latin":
            continue
        queries += 1
        query = person_from_dict(
            {"names": [synthetic.native], "nationalities": [synthetic.country]}
        )
        found = index.search(query, top=size)
        ranks = [i for i, (cid, _s) in enumerate(found) if cid == pid]
        rank = ranks[0] if ranks else None
        first += rank == 0
        top5 += rank is not None and rank < 5
        if rank != 0 and len(missed) < 8:
            missed.append(f"{synthetic.native} (stored as {synthetic.latin}): rank {rank}")
        false_alerts = sum(1 for cid, s in found if cid != pid and s >= threshold)
        above += false_alerts
        counts = by_script[synthetic.script]
        counts["queries"] += 1
        counts["first"] += rank == 0
        counts["top5"] += rank is not None and rank < 5
        counts["false_alerts"] += false_alerts
    result = {
        "stored": size,
        "queries": queries,
        "rank1": round(first / max(queries, 1), 4),
        "top5": round(top5 / max(queries, 1), 4),
        "non_matches_above_threshold_per_query": round(above / max(queries, 1), 4),
        "missed_examples": missed,
        "by_script": {
            s: {
                "queries": c["queries"],
                "rank1": round(c["first"] / c["queries"], 4),
                "top5": round(c["top5"] / c["queries"], 4),
                "false_alerts_per_query": round(c["false_alerts"] / c["queries"], 4),
            }
            for s, c in sorted(by_script.items())
        },
    }
    m4 = result["non_matches_above_threshold_per_query"]
    log(f"M3 retrieval rank1 {result['rank1']} top5 {result['top5']}; M4 {m4}")
    return result
