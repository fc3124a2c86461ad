"""M8: persons absent from a register of distractors, and how many of them raise an alert.

The goal's register is 50,000 generated persons in many scripts. Each query is another
generated person (not stored), screened as a request would be: one name, the nationality and
the birth date when known. Any candidate at or above the threshold is an alert.

A generated absent person may have a namesake in the register: somebody stored under the same
Latin name or the same original-script name (楊家豪 and 杨家豪 are one name). For an officer that
alert is right; without a birth date or document to tell them apart, the register cannot say
whether it is the person. The rate is reported with and without those queries.

What the alert bar costs is measured on the same register: present persons, screened as
requests are (``query_for``: a typo or the other script, the birth date as recorded), whose own
record scores at or above the threshold. They are drawn from a generator of their own, so that
the absent queries, and the population generated after this one, stay as they were.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from matching_bench.common import log
from matching_bench.pools import Pools, Synthetic, query_for, random_person, screening_countries
from rogatory.core.matching import MatchIndex, person_from_dict
from rogatory.core.matching.scoring import REVIEW_THRESHOLD
from rogatory.core.matching.translit import han_fold

PRESENT_QUERIES = 500
# Band floors reported beside the shipped one, to show what moving it would trade.
REVIEW_SWEEP = (0.02, 0.05, 0.1, 0.15, 0.2, 0.22, 0.25, 0.27, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


def review_band(absent_tops: list[float], present: list[tuple[float, bool]]) -> dict[str, Any]:
    """The review band (goal: >= 0.97 of present persons reach it, with or without a birth
    date, while <= 5 % of absent queries show any candidate in it or above it)."""

    def rates(floor: float) -> dict[str, float]:
        undated = [s for s, dated in present if not dated]
        return {
            "present_in_band": round(
                sum(s >= floor for s, _d in present) / max(len(present), 1), 4
            ),
            "present_in_band_with_birth_date": round(
                sum(s >= floor for s, d in present if d) / max(len(present) - len(undated), 1), 4
            ),
            "present_in_band_without_birth_date": round(
                sum(s >= floor for s in undated) / max(len(undated), 1), 4
            ),
            "absent_with_candidate_in_band": round(
                sum(t >= floor for t in absent_tops) / max(len(absent_tops), 1), 4
            ),
        }

    return {
        "review_band": {"floor": REVIEW_THRESHOLD, **rates(REVIEW_THRESHOLD)},
        "review_band_sweep": {str(floor): rates(floor) for floor in REVIEW_SWEEP},
    }


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
    tops: list[float] = []
    by_script: dict[str, Counter[str]] = {}
    for _ in range(queries):
        data, synthetic = random_person(pools, countries, rng, diverse=diverse)
        query = person_from_dict(query_for(data, synthetic, rng))
        found = index.search_scored(query, top=200)
        namesake = any(names[key] for key in name_keys(data, synthetic))
        with_namesake += namesake
        counts = by_script.setdefault(synthetic.script, Counter())
        counts["queries"] += 1
        tops.append(found[0].score if found else 0.0)
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
        "absent_top_scores": tops,
    }


def present_found(
    index: MatchIndex,
    generated: list[tuple[dict[str, Any], Synthetic]],
    threshold: float,
    rng: random.Random,
    queries: int,
) -> dict[str, Any]:
    """Screen ``queries`` stored persons; count those whose own record reaches the threshold."""
    found = without_date = found_without_date = 0
    sampled = min(queries, len(generated))
    own_scores: list[tuple[float, bool]] = []
    for k in rng.sample(range(len(generated)), sampled):
        data, synthetic = generated[k]
        query = query_for(data, synthetic, rng)
        own = f"d{k}"
        score = max(
            (
                c.score
                for c in index.search_scored(person_from_dict(query), top=200)
                if c.person_id == own
            ),
            default=0.0,
        )
        hit = score >= threshold
        own_scores.append((score, "birth_date" in query))
        found += hit
        if "birth_date" not in query:
            without_date += 1
            found_without_date += hit
    return {
        "present_own_scores": own_scores,
        "present_queries": sampled,
        "present_at_threshold": round(found / max(sampled, 1), 4),
        "present_without_birth_date": without_date,
        "present_at_threshold_without_birth_date": round(
            found_without_date / max(without_date, 1), 4
        ),
    }


def bench_distractors(
    pools: Pools,
    threshold: float,
    rng: random.Random,
    persons: int,
    queries: int,
    *,
    diverse: bool,
    present: random.Random,
) -> dict[str, Any]:
    countries = screening_countries(pools)
    names: Counter[str] = Counter()
    generated = []
    for _ in range(persons):
        data, synthetic = random_person(pools, countries, rng, diverse=diverse)
        names.update(name_keys(data, synthetic))
        generated.append((data, synthetic))
    index = MatchIndex.build((f"d{n}", person_from_dict(d)) for n, (d, _s) in enumerate(generated))
    result = {
        "persons": persons,
        "population": "diverse" if diverse else "pool",
        **absent_alerts(index, names, pools, countries, threshold, rng, queries, diverse=diverse),
        **present_found(index, generated, threshold, present, PRESENT_QUERIES),
    }
    result.update(review_band(result.pop("absent_top_scores"), result.pop("present_own_scores")))
    log(
        f"review band {persons} ({result['population']}): present persons reaching it "
        f"{result['review_band']['present_in_band']} (without birth date "
        f"{result['review_band']['present_in_band_without_birth_date']}), absent queries "
        f"with a candidate in it {result['review_band']['absent_with_candidate_in_band']}"
    )
    log(
        f"M8 {persons} distractors ({result['population']}): alert rate "
        f"{result['alert_rate']}, {result['alert_rate_without_namesake']} without a namesake; "
        f"present persons at the threshold {result['present_at_threshold']}"
    )
    return result
