"""Dashboards of figures on a large PostgreSQL register.

Usage: .venv/bin/python benchmarks/stats.py [--cases 1000000] [--requests 60]
         [--database-url postgres://postgres@127.0.0.1:5432/stats_bench] [--keep]
         [--copy-of rogatory_bench]

Loads N synthetic cases (`rogatory demo-data` bulk writer) into a fresh database, spreads them
over five and a half years with status events (the bulk writer stamps every case "now": see
docs/figures.md), builds the figures (`rogatory stats-refresh --full`), then times through the
whole Django stack (routing, authentication, access-checked selectors, SVG charts, template)
the dashboard page with its filters, the drill-down list, the JSON API, and the incremental
refresh after a change. Prints progress on stderr and one JSON object last.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SPREAD_SQL = """
UPDATE cases_case SET created_at = now() - (random() * 2000) * interval '1 day';
UPDATE cases_case SET received_at = created_at WHERE direction = 'incoming';
UPDATE cases_case SET refusal_ground = CASE WHEN kind IN ('extradition', 'provisional_arrest')
    THEN 'extradition_domestic_law_or_treaty' ELSE 'mla_essential_interests' END
    WHERE status = 'refused';
UPDATE cases_case SET due_at = created_at + (5 + random() * 120) * interval '1 day'
    WHERE due_at IS NOT NULL;
CREATE TEMP TABLE spread AS SELECT id, direction, status, created_at AS t0,
    random() AS r1, random() AS r2, random() AS r3 FROM cases_case;
INSERT INTO cases_caseevent (case_id, at, kind, from_status, to_status, reason, ground)
SELECT id, t0 + r1 * interval '3 days', 'transition', '', 'transmitted', '', '' FROM spread
 WHERE direction = 'outgoing' AND status NOT IN ('draft', 'pending_approval', 'approved');
INSERT INTO cases_caseevent (case_id, at, kind, from_status, to_status, reason, ground)
SELECT id, t0 + (3 + r1 * 30) * interval '1 day', 'transition', '',
       CASE WHEN direction = 'incoming' THEN 'registered' ELSE 'acknowledged' END, '', ''
  FROM spread WHERE status NOT IN ('draft', 'pending_approval', 'approved', 'transmitted',
                                   'received');
INSERT INTO cases_caseevent (case_id, at, kind, from_status, to_status, reason, ground)
SELECT id, t0 + (20 + r2 * 120) * interval '1 day', 'transition', '',
       CASE WHEN status = 'refused' THEN 'refused' WHEN direction = 'incoming'
            THEN 'under_execution' ELSE 'partially_executed' END, '', ''
  FROM spread WHERE status IN ('under_execution', 'partially_executed', 'executed',
       'refused', 'extradition_granted', 'surrendered', 'closed', 'postponed',
       'additional_information_requested', 'provisionally_arrested', 'extradition_hearing');
INSERT INTO cases_caseevent (case_id, at, kind, from_status, to_status, reason, ground)
SELECT id, t0 + (40 + r2 * 120 + r3 * 200) * interval '1 day', 'transition', '', 'executed',
       '', '' FROM spread WHERE status IN ('executed', 'surrendered', 'closed');
INSERT INTO cases_caseevent (case_id, at, kind, from_status, to_status, reason, ground)
SELECT id, t0 + (25 + r3 * 60) * interval '1 day', 'transition', '',
       'additional_information_requested', '', ''
  FROM spread WHERE status = 'additional_information_requested' OR r3 < 0.08;
DELETE FROM cases_caseevent WHERE kind = 'created';
"""


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return round(ordered[k], 2)


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": _percentile(values, 50),
        "p95": _percentile(values, 95),
        "max": round(max(values), 2),
    }


def _prepare_database(
    url: str, cases: int, keep: bool, env: dict[str, str], copy_of: str | None = None
) -> dict[str, float]:
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    exists = (
        subprocess.run(
            ["psql", admin_url, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],  # noqa: S608
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        == "1"
    )
    rogatory = str(ROOT / ".venv" / "bin" / "rogatory")
    if exists and keep:
        print(f"reusing database {name}", file=sys.stderr)
        subprocess.run([rogatory, "migrate", "-v", "0"], env=env, check=True)
        return {}
    if exists:
        subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE "{name}"'], check=True)
    t0 = time.perf_counter()
    if copy_of:
        # The same register as another benchmark's (`benchmarks/cases.py --keep` loads it with
        # the same seed): a file-level copy takes minutes where the bulk writer takes an hour.
        print(f"copying database {copy_of}", file=sys.stderr)
        subprocess.run(
            ["psql", admin_url, "-qc", f'CREATE DATABASE "{name}" TEMPLATE "{copy_of}"'],
            check=True,
        )
        subprocess.run([rogatory, "migrate", "-v", "0"], env=env, check=True)
    else:
        subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        subprocess.run([rogatory, "migrate", "-v", "0"], env=env, check=True)
        t0 = time.perf_counter()
        subprocess.run(
            [rogatory, "demo-data", "--cases", str(cases), "--seed", "7", "--password", "bench-pw"],
            env=env,
            check=True,
        )
    t1 = time.perf_counter()
    print("spreading the cases over time", file=sys.stderr)
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", SPREAD_SQL], check=True)
    subprocess.run(["psql", url, "-qc", "VACUUM ANALYZE"], check=True)
    t2 = time.perf_counter()
    print("building the figures", file=sys.stderr)
    subprocess.run([rogatory, "stats-refresh", "--full"], env=env, check=True)
    subprocess.run(["psql", url, "-qc", "VACUUM ANALYZE"], check=True)
    t3 = time.perf_counter()
    return {
        "load_seconds": round(t1 - t0, 1),
        "spread_seconds": round(t2 - t1, 1),
        "full_refresh_seconds": round(t3 - t2, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/stats_bench")
    parser.add_argument("--keep", action="store_true", help="reuse a loaded database")
    parser.add_argument(
        "--copy-of",
        default=None,
        help="start from a copy of this database, loaded by `rogatory demo-data --seed 7` "
        "(e.g. rogatory_bench after `benchmarks/cases.py --keep`) instead of loading anew",
    )
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "rogatory.settings.base",
        "ROGATORY_DATA_DIR": str(ROOT / "var" / "stats-bench"),
        # The bench signs in with force_login: the second factor is another benchmark's matter.
        "ROGATORY_REQUIRE_2FA": "false",
    }
    timings = _prepare_database(args.database_url, args.cases, args.keep, env, copy_of=args.copy_of)
    os.environ.update(env)
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from rogatory.apps.accounts.models import User
    from rogatory.apps.cases.models import Case, CaseEvent
    from rogatory.apps.stats.models import CaseFact, DurationCell, VolumeCell
    from rogatory.apps.stats.services.refresh import stats_refresh

    supervisor = User.objects.get(username="supervisor")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(supervisor)
    rng = random.Random(5)
    today = timezone.now().date()

    def timed(url: str, params: dict[str, str]) -> float:
        t0 = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (url, params, response.status_code)
        return elapsed

    kinds = ["mla", "extradition", "provisional_arrest", "confiscation", "jit"]
    queries: dict[str, list[float]] = {
        "dashboard_12_months": [],
        "dashboard_all_years": [],
        "dashboard_filtered": [],
        "drill_down": [],
        "api_dashboard": [],
    }
    timed("/figures/", {})  # warm the caches of templates and translations
    for i in range(args.requests):
        queries["dashboard_12_months"].append(timed("/figures/", {}))
        queries["dashboard_all_years"].append(
            timed("/figures/", {"from": f"{today.year - 6}-01", "to": f"{today:%Y-%m}"})
        )
        f = {"kind": rng.choice(kinds)}
        if rng.random() < 0.5:
            f["state"] = rng.choice(["XB", "XC"])
        if rng.random() < 0.5:
            f["direction"] = rng.choice(["incoming", "outgoing"])
        queries["dashboard_filtered"].append(
            timed("/figures/", {**f, "from": f"{today.year - 2}-01", "to": f"{today:%Y-%m}"})
        )
        drill = rng.choice(
            [
                {"overdue": "1"},
                {"pending": "1", "band": "24+"},
                {"channel": "none"},
                {"ground": "mla_essential_interests"},
                {"metric": "execute"},
                {"info": "1"},
            ]
        )
        queries["drill_down"].append(timed("/figures/cases/", {**f, **drill}))
        queries["api_dashboard"].append(timed("/api/v1/stats/dashboard", f))
        if (i + 1) % 10 == 0:
            print(f"{i + 1}/{args.requests} rounds", file=sys.stderr)

    # Freshness: a change to 100 cases, then the incremental refresh a worker runs every minute.
    stats_refresh()
    changed = list(Case.objects.order_by("?").values_list("pk", flat=True)[:100])
    now = timezone.now()
    CaseEvent.objects.bulk_create(
        [CaseEvent(case_id=pk, at=now, kind="transition", to_status="executed") for pk in changed]
    )
    t0 = time.perf_counter()
    done = stats_refresh()
    refresh_ms = (time.perf_counter() - t0) * 1000

    result = {
        "benchmark": "stats_dashboards",
        "database": "postgresql",
        "cases": Case.objects.count(),
        "facts": CaseFact.objects.count(),
        "volume_cells": VolumeCell.objects.count(),
        "duration_cells": DurationCell.objects.count(),
        **timings,
        **{f"{k}_ms": _summary(v) for k, v in queries.items()},
        "incremental_refresh": {"cases": done["cases"], "ms": round(refresh_ms, 1)},
        "goal_p95_ms": 1000,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
