"""Case list and case detail API latency on a large PostgreSQL register.

Usage: .venv/bin/python benchmarks/cases.py [--cases 1000000] [--requests 300]
         [--database-url postgres://postgres@127.0.0.1:5432/rogatory_bench] [--keep]

Loads N synthetic cases (`rogatory demo-data` bulk writer) into a fresh database, then times
requests through the whole Django stack (URL routing, authentication, access-checking selector,
serialisation) with the test client: list with filters, keyset pages deep into the register,
full-text search, and case detail. Prints progress on stderr and one JSON object last.

`search_ms` times the same words as before the search read names through the matching engine
(comparable across versions); `search_typed_ms` times what people type that only the newer
search finds: spelling variants, names with particles as typed, other scripts, places.
Terms written by an older version are rebuilt with `rogatory search-reindex` (with --keep).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return round(ordered[k], 2)


def _prepare_database(url: str, cases: int, keep: bool) -> float:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "rogatory.settings.base",
        "ROGATORY_DATA_DIR": str(ROOT / "var" / "bench"),
    }
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
    if exists and keep:
        print(f"reusing database {name}", file=sys.stderr)
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "rogatory"), "migrate", "-v", "0"], env=env, check=True
        )
        return 0.0
    if exists:
        subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    rogatory = str(ROOT / ".venv" / "bin" / "rogatory")
    subprocess.run([rogatory, "migrate", "-v", "0"], env=env, check=True)
    start = time.perf_counter()
    subprocess.run(
        [rogatory, "demo-data", "--cases", str(cases), "--seed", "7", "--password", "bench-pw"],
        env=env,
        check=True,
    )
    load = time.perf_counter() - start
    subprocess.run(["psql", url, "-qc", "VACUUM ANALYZE"], check=True)
    return load


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/rogatory_bench"
    )
    parser.add_argument("--keep", action="store_true", help="reuse a loaded database")
    args = parser.parse_args()

    load_seconds = _prepare_database(args.database_url, args.cases, args.keep)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "rogatory.settings.base"
    os.environ["ROGATORY_DATA_DIR"] = str(ROOT / "var" / "bench")
    # The bench signs in with force_login: the second factor is another benchmark's matter.
    os.environ["ROGATORY_REQUIRE_2FA"] = "false"
    import django

    django.setup()
    from django.test import Client

    from rogatory.apps.accounts.models import User
    from rogatory.apps.cases.models import Case

    user = User.objects.get(username="supervisor")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    rng = random.Random(11)
    max_id = Case.objects.order_by("-id").values_list("id", flat=True).first() or 1
    total = Case.objects.count()

    def timed(url: str, params: dict[str, object]) -> tuple[float, dict[str, object]]:
        t0 = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (url, params, response.status_code)
        return elapsed, response.json()

    candidates = [rng.randint(1, max_id) for _ in range(args.requests * 2)]
    visible = set(Case.objects.filter(pk__in=candidates, sealed=False).values_list("pk", flat=True))
    detail_ids = [c for c in candidates if c in visible]
    kinds = ["mla", "extradition", "provisional_arrest", "confiscation", "jit"]
    statuses = ["closed", "draft", "received", "registered", "under_execution", "transmitted"]
    words = [
        "ivanov",
        "petrov",
        "wang",
        "mansour",
        "garcia",
        "laundering",
        "trafficking",
        "firearms",
        "smuggling",
        "silva",
        "王",
        "Иванов",
        "al-khatib",
    ]
    typed = [
        "Muhammad",
        "Mohamed",
        "Al-Husseini",
        "al husseini",
        "محمد",
        "الحسيني",
        "Port Aurel",
        "Caspian City",
        "shell companies",
        "Youssef al-Khatib",
        "Lefevre",
        "Petrov Иван",
    ]
    list_ms: list[float] = []
    search_ms: list[float] = []
    typed_ms: list[float] = []
    detail_ms: list[float] = []
    for i in range(args.requests):
        f: dict[str, object] = {}
        for key, values in (
            ("kind", kinds),
            ("status", statuses),
            ("state", ["XB", "XC"]),
            ("direction", ["incoming", "outgoing"]),
            ("urgency", ["urgent", "routine"]),
        ):
            if rng.random() < 0.35:
                f[key] = rng.choice(values)
        order = rng.choice(["newest", "newest", "oldest", "due"])
        ms, page = timed("/api/v1/cases", {**f, "order": order, "limit": 50})
        list_ms.append(ms)
        if page.get("next_cursor") and rng.random() < 0.5:
            ms, _ = timed(
                "/api/v1/cases", {**f, "order": order, "limit": 50, "cursor": page["next_cursor"]}
            )
            list_ms.append(ms)
        q = rng.choice(words)
        if rng.random() < 0.3:
            q += " " + rng.choice(words)
        ms, _ = timed(
            "/api/v1/cases", {"q": q, "limit": 50, **({"kind": f["kind"]} if "kind" in f else {})}
        )
        search_ms.append(ms)
        ms, _ = timed("/api/v1/cases", {"q": rng.choice(typed), "limit": 50})
        typed_ms.append(ms)
        case_id = detail_ids[i % len(detail_ids)]
        ms, _ = timed(f"/api/v1/cases/{case_id}", {})
        detail_ms.append(ms)
        if (i + 1) % 50 == 0:
            print(f"{i + 1}/{args.requests} request rounds", file=sys.stderr)

    result = {
        "benchmark": "cases_api",
        "database": "postgresql",
        "cases": total,
        "load_seconds": round(load_seconds, 1),
        "requests": {
            "list": len(list_ms),
            "search": len(search_ms),
            "search_typed": len(typed_ms),
            "detail": len(detail_ms),
        },
        "list_ms": {
            "p50": _percentile(list_ms, 50),
            "p95": _percentile(list_ms, 95),
            "max": round(max(list_ms), 2),
        },
        "search_ms": {
            "p50": _percentile(search_ms, 50),
            "p95": _percentile(search_ms, 95),
            "max": round(max(search_ms), 2),
        },
        "search_typed_ms": {
            "p50": _percentile(typed_ms, 50),
            "p95": _percentile(typed_ms, 95),
            "max": round(max(typed_ms), 2),
        },
        "detail_ms": {
            "p50": _percentile(detail_ms, 50),
            "p95": _percentile(detail_ms, 95),
            "max": round(max(detail_ms), 2),
        },
        "mean_list_ms": round(statistics.mean(list_ms), 2),
        "goal_p95_ms": 100,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
