"""M9/M10: screening latency and recall, build and insert; alerts of absent persons at scale."""

from __future__ import annotations

import gc
import json
import random
import resource
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from matching_bench.common import log
from matching_bench.distractors import absent_alerts, name_keys
from matching_bench.pools import Pools, Synthetic, query_for, random_person, screening_countries
from rogatory.core.matching import MatchIndex, Person, ScreeningPool, person_from_dict
from rogatory.core.matching.analysis import analyse_person
from rogatory.core.matching.cli import build_index
from rogatory.core.matching.parallel import screening_gc


def current_rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_times(index: MatchIndex, queries: list[Person], threshold: float) -> dict[str, float]:
    """Median CPU time of a search's two stages in one process: retrieval of 200 candidates,
    and their reranking (reading, analysing and scoring each)."""
    retrieval: list[float] = []
    rerank: list[float] = []
    for person in queries:
        query = analyse_person(person)
        # As a screening pool runs a search (the collector paused, survivors frozen).
        with screening_gc():
            t0 = time.thread_time()
            found = index.retrieve(query, 200)
            t1 = time.thread_time()
            index.score_candidates(query, found, threshold)
            t2 = time.thread_time()
        retrieval.append((t1 - t0) * 1000)
        rerank.append((t2 - t1) * 1000)
    return {
        "retrieval": round(statistics.median(retrieval), 2),
        "rerank_200": round(statistics.median(rerank), 2),
    }


def bench_scale(
    pools: Pools,
    threshold: float,
    rng: random.Random,
    persons: int,
    queries: int,
    *,
    diverse: bool = False,
    workers: int = 1,
) -> dict[str, Any]:
    countries = screening_countries(pools)
    scripts = Counter(pools.script[c] for c in countries)
    log(f"scale: generating {persons} persons from {len(countries)} countries {dict(scripts)}")
    wanted = set(rng.sample(range(persons), min(queries, persons)))
    records: list[tuple[str, dict[str, Any], Synthetic]] = []
    names: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "persons.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for n in range(persons):
                data, synthetic = random_person(pools, countries, rng, diverse=diverse)
                data["id"] = f"p{n}"
                names.update(name_keys(data, synthetic))
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")
                if n in wanted:
                    records.append((f"p{n}", data, synthetic))
        homonyms = sum(
            1 for _pid, data, s in records if any(names[k] > 1 for k in name_keys(data, s))
        )
        gc.collect()
        rss_before = rss_mb()
        started = time.perf_counter()
        stats = build_index(source, Path(tmp) / "index")
        build_seconds = time.perf_counter() - started
        build_peak = rss_mb()
        log(
            f"scale: built {stats['persons']} in {build_seconds:.1f}s (max RSS {build_peak:.0f} MB)"
        )
        gc.collect()
        rss_idle = current_rss_mb()
        started = time.perf_counter()
        index = MatchIndex.load(Path(tmp) / "index")
        load_seconds = time.perf_counter() - started
        rss_loaded = current_rss_mb()
        disk_mb = sum(f.stat().st_size for f in (Path(tmp) / "index").iterdir()) / 1e6
    log(
        f"scale: loaded in {load_seconds:.1f}s ({disk_mb:.0f} MB on disk, "
        f"+{rss_loaded - rss_idle:.0f} MB resident)"
    )
    sample = records
    # Warm-up, then timed screening of known persons (M9), the candidates' scoring shared with
    # ``workers`` forked processes (the goal's machine has two cores).
    pool = ScreeningPool(index, workers)
    for _pid, data, synthetic in sample[:20]:
        pool.search(person_from_dict(query_for(data, synthetic, rng)))
    latencies: list[float] = []
    hits = 0
    hits_by_script: dict[str, Counter[str]] = defaultdict(Counter)
    for pid, data, synthetic in sample:
        query = person_from_dict(query_for(data, synthetic, rng))
        t0 = time.perf_counter()
        found = pool.search(query, top=200)
        latencies.append((time.perf_counter() - t0) * 1000)
        hit = any(cid == pid for cid, _s in found)
        hits += hit
        hits_by_script[synthetic.script]["queries"] += 1
        hits_by_script[synthetic.script]["hits"] += hit
    pool.close()
    latencies.sort()
    # Stage times on 200 persons not screened before (their candidates' analyses are not
    # cached from the timed run), drawn from their own generator so the rest is unchanged.
    fresh = random.Random(0)
    unseen = [random_person(pools, countries, fresh, diverse=diverse) for _ in range(200)]
    stages = stage_times(
        index, [person_from_dict(query_for(d, s, fresh)) for d, s in unseen], threshold
    )
    # Absent persons against the full register (M8 proper is measured at 50,000 persons by
    # matching_bench/distractors.py).
    absent = absent_alerts(
        index, names, pools, countries, threshold, rng, min(queries, 1000), diverse=diverse
    )
    # M10: single inserts into the loaded index. A full collection left pending by the
    # screening above would pause whichever call came next; it is not an insert's own cost.
    gc.collect()
    insert_ms: list[float] = []
    for n in range(200):
        data, _synthetic = random_person(pools, countries, rng, diverse=diverse)
        person = person_from_dict(data)
        t0 = time.perf_counter()
        index.add(f"new{n}", person)
        insert_ms.append((time.perf_counter() - t0) * 1000)
    insert_ms.sort()
    result = {
        "persons": persons,
        "population": "diverse" if diverse else "pool",
        "screening_workers": workers,
        "build_seconds": round(build_seconds, 1),
        "query_persons_with_homonyms": homonyms,
        "load_seconds": round(load_seconds, 1),
        "index_disk_mb": round(disk_mb, 1),
        "build_peak_rss_mb": round(build_peak, 0),
        "rss_before_build_mb": round(rss_before, 0),
        "index_resident_mb_after_load": round(rss_loaded - rss_idle, 0),
        "rss_after_load_mb": round(rss_loaded, 0),
        "queries": len(sample),
        "latency_ms_p50": round(statistics.median(latencies), 2),
        "latency_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
        "top200_recall": round(hits / max(len(sample), 1), 4),
        "stage_cpu_ms_p50_one_process": stages,
        "top200_recall_by_script": {
            s: round(c["hits"] / c["queries"], 4) for s, c in sorted(hits_by_script.items())
        },
        **{f"absent_{key}": value for key, value in absent.items()},
        "insert_ms_p50": round(statistics.median(insert_ms), 3),
        "insert_ms_max": round(insert_ms[-1], 3),
    }
    log(
        f"M9 p50 {result['latency_ms_p50']} ms p95 {result['latency_ms_p95']} ms, "
        f"top-200 recall {result['top200_recall']}; "
        f"alert rate of absent persons {absent['alert_rate']}; "
        f"M10 insert p50 {result['insert_ms_p50']} ms"
    )
    return result
