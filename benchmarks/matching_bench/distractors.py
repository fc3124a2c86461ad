"""M8: persons absent from a register of distractors, and how many of them raise an alert.

The goal's register is 50,000 generated persons in many scripts. Each query is another
generated person (not stored), screened as a request would be: one name, the nationality and
the birth date when known. Any candidate at or above the threshold is an alert.

A generated absent person may have a namesake in the register: somebody stored under the same
Latin name or the same original-script name (楊家豪 and 杨家豪 are one name). For an officer that
alert is right; without a birth date or document to tell them apart, the register cannot say
whether it is the person. The rate is reported with and without those queries.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from matching_bench.common import log
from matching_bench.pools import Pools, Synthetic, query_for, random_person, screening_countries
from rogatory.core.matching import MatchIndex, person_from_dict
from rogatory.core.matching.translit import han_fold


def name_keys(data: dict[str, Any], synthetic: Synthetic) -> set[str]:
    """The names a namesake would share: the Latin name and the original-script one (typo
    aliases aside)."""
    keys = {data["names"][0].lower()}
    if synthetic.script != "latin":
        keys.add(han_fold(synthetic.native.replace(" ", "")))
    return keys


def absent_alerts(
    index: MatchIndex,
    names: Counter[str],
    pools: Pools,
    countries: list[str],
    threshold: float,
    rng: random.Random,
    queries: int,
    *,
    diverse: bool,
) -> dict[str, Any]:
    """Screen ``queries`` generated persons that are not in ``index``; count the alerts."""
    alerts = with_namesake = namesake_alerts = 0
    examples: list[str] = []
    by_script: dict[str, Counter[str]] = {}
    for _ in range(queries):
        data, synthetic = random_person(pools, countries, rng, diverse=diverse)
        query = person_from_dict(query_for(data, synthetic, rng))
        found = index.search_scored(query, top=200)
        namesake = any(names[key] for key in name_keys(data, synthetic))
        with_namesake += namesake
        counts = by_script.setdefault(synthetic.script, Counter())
        counts["queries"] += 1
        if found and found[0].score >= threshold:
            alerts += 1
            namesake_alerts += namesake
            counts["alerts"] += 1
            if not namesake and len(examples) < 8:
                top = found[0]
                examples.append(
                    f"{query.names[0].text} -> {index.get(top.person_id).names[0].text}: "
                    f"{top.score:.2f} ({top.pair.explanation[0].detail})"
                )
    without = queries - with_namesake
    return {
        "absent_queries": queries,
        "alert_rate": round(alerts / max(queries, 1), 4),
        "queries_with_namesake": with_namesake,
        "alert_rate_without_namesake": round((alerts - namesake_alerts) / max(without, 1), 4),
        "alert_rate_by_script": {
            script: round(c["alerts"] / c["queries"], 4) for script, c in sorted(by_script.items())
        },
        "alert_examples_without_namesake": examples,
    }


def bench_distractors(
    pools: Pools,
    threshold: float,
    rng: random.Random,
    persons: int,
    queries: int,
    *,
    diverse: bool,
) -> dict[str, Any]:
    countries = screening_countries(pools)
    names: Counter[str] = Counter()
    stored = []
    for n in range(persons):
        data, synthetic = random_person(pools, countries, rng, diverse=diverse)
        names.update(name_keys(data, synthetic))
        stored.append((f"d{n}", person_from_dict(data)))
    index = MatchIndex.build(stored)
    result = {
        "persons": persons,
        "population": "diverse" if diverse else "pool",
        **absent_alerts(index, names, pools, countries, threshold, rng, queries, diverse=diverse),
    }
    log(
        f"M8 {persons} distractors ({result['population']}): alert rate "
        f"{result['alert_rate']}, {result['alert_rate_without_namesake']} without a namesake"
    )
    return result
