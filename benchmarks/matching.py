"""Benchmark of the person-matching engine against the goals M1-M10 (design/matching.md).

Usage (from the repository root)::

    .venv/bin/python benchmarks/matching.py [DATA_DIR] [--persons 100000] [--seed 7]
        [--queries 500] [--historical-split eval] [--only SECTION ...]

DATA_DIR defaults to ../shared/data/matching. Human progress goes to stderr; the last stdout
line is one JSON object with every figure, the threshold and the seed. The development files
are only read here; nothing from them is copied into the engine. historical_50k is measured on
the clusters the pair model did not train on (``matching_bench/splits.py``). The sections live in
``matching_bench/``, one module per goal.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching_bench.ar2en import bench_ar2en
from matching_bench.cases import bench_cases
from matching_bench.common import log
from matching_bench.crossscript import bench_crossscript
from matching_bench.distractors import bench_distractors
from matching_bench.febrl import bench_febrl
from matching_bench.historical import bench_historical
from matching_bench.orthographies import bench_orthographies
from matching_bench.pools import Pools, load_pools
from matching_bench.retrieval import bench_retrieval
from matching_bench.scale import bench_scale
from rogatory.core.matching import DEFAULT_THRESHOLD

REPO = Path(__file__).resolve().parent.parent
SECTIONS = (
    "cases",
    "febrl",
    "historical",
    "ar2en",
    "crossscript",
    "orthographies",
    "retrieval",
    "distractors",
    "scale",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "data", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "matching"
    )
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument(
        "--distractors", type=int, default=50_000, help="M8 register size (the goal's 50,000)"
    )
    parser.add_argument("--distractor-queries", type=int, default=1000)
    parser.add_argument(
        "--workers", type=int, default=1, help="extra processes scoring candidates (scale)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--historical-limit", type=int, default=None)
    parser.add_argument("--historical-top", type=int, default=50, help="candidates per record")
    parser.add_argument(
        "--historical-split",
        choices=("eval", "train", "all"),
        default="eval",
        help="clusters measured: the evaluation half (the model never trains on it), or all",
    )
    parser.add_argument(
        "--population",
        choices=("pool", "diverse"),
        default="pool",
        help="scale population: the common-name lists only (pool), or with rarer names (diverse)",
    )
    parser.add_argument(
        "--distractor-populations",
        nargs="*",
        choices=("pool", "diverse"),
        default=["pool", "diverse"],
        help="M8 and review-band populations (each draws from its own generator)",
    )
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=list(SECTIONS))
    args = parser.parse_args(argv)
    threshold = args.threshold
    log(f"data {args.data}; threshold {threshold}; seed {args.seed}")
    report: dict[str, Any] = {"threshold": threshold, "seed": args.seed, "data": str(args.data)}
    steps: dict[str, Callable[[], Any]] = {
        "cases": lambda: bench_cases(args.data, threshold),
        "febrl": lambda: bench_febrl(args.data, threshold),
        "historical": lambda: bench_historical(
            args.data, args.historical_limit, args.historical_top, args.historical_split
        ),
        "ar2en": lambda: bench_ar2en(args.data, threshold),
    }
    pools: Pools | None = None
    for section in args.only:
        if section in steps:
            report[section] = steps[section]()
            continue
        if pools is None:
            pools = load_pools(args.data)
        # Each section draws from its own generator seeded with --seed, so its figures do not
        # depend on which other sections ran before it.
        rng = random.Random(args.seed)
        if section == "crossscript":
            report[section] = bench_crossscript(pools, threshold, rng, 400)
        elif section == "orthographies":
            report[section] = bench_orthographies(pools, threshold, rng)
        elif section == "retrieval":
            report[section] = bench_retrieval(pools, threshold, rng, 500)
        elif section == "distractors":
            # Each population draws from its own generator, so one can be run without the
            # other (--distractor-populations); before, the diverse one continued the pool's.
            report[section] = {
                population: bench_distractors(
                    pools,
                    threshold,
                    random.Random(f"{population}-{args.seed}"),
                    args.distractors,
                    args.distractor_queries,
                    diverse=population == "diverse",
                    present=random.Random(f"present-{args.seed}"),
                )
                for population in args.distractor_populations
            }
        elif section == "scale":
            report[section] = bench_scale(
                pools,
                threshold,
                rng,
                args.persons,
                args.queries,
                diverse=args.population == "diverse",
                workers=args.workers,
            )
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
