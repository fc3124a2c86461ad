"""M7: febrl4 one-to-one linkage F1."""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from matching_bench.common import log, prf
from rogatory.core.matching import MatchIndex, Person, person_from_dict


def febrl_person(row: dict[str, str]) -> Person | None:
    given = row.get("given_name", "").strip()
    surname = row.get("surname", "").strip()
    name = f"{given} {surname}".strip()
    if not name:
        return None
    data: dict[str, Any] = {"names": [name]}
    dob = row.get("date_of_birth", "").strip()
    if len(dob) == 8 and dob.isdigit() and 1 <= int(dob[4:6]) <= 12 and 1 <= int(dob[6:]) <= 31:
        data["birth_date"] = dob
    ssn = row.get("soc_sec_id", "").strip()
    if ssn:
        data["documents"] = [{"type": "national_id", "number": ssn}]
    return person_from_dict(data)


def read_febrl(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, skipinitialspace=True)
        header = [h.strip() for h in next(reader)]
        return {
            row[0].strip(): dict(zip(header, (c.strip() for c in row), strict=False))
            for row in reader
        }


def bench_febrl(data: Path, threshold: float) -> dict[str, Any]:
    a_rows = read_febrl(data / "febrl_dataset4a.csv")
    b_rows = read_febrl(data / "febrl_dataset4b.csv")
    entity = {rid: rid.split("-")[1] for rid in list(a_rows) + list(b_rows)}
    started = time.perf_counter()
    index = MatchIndex.build(
        (rid, p) for rid, row in a_rows.items() if (p := febrl_person(row)) is not None
    )
    # Best candidate per B record, then a one-to-one assignment by descending score.
    proposals: list[tuple[float, str, str]] = []
    for rid, row in b_rows.items():
        person = febrl_person(row)
        if person is None:
            continue
        found = index.search(person, top=20)
        proposals.extend((score, rid, aid) for aid, score in found[:3])
    proposals.sort(reverse=True)
    used_a: set[str] = set()
    used_b: set[str] = set()
    links: list[tuple[str, str]] = []
    for score, bid, aid in proposals:
        if score < threshold or aid in used_a or bid in used_b:
            continue
        used_a.add(aid)
        used_b.add(bid)
        links.append((aid, bid))
    true_links = len({entity[r] for r in a_rows} & {entity[r] for r in b_rows})
    tp = sum(1 for a, b in links if entity[a] == entity[b])
    result = {
        "links": len(links),
        "true_links": true_links,
        **prf(tp, len(links) - tp, true_links - tp),
        "seconds": round(time.perf_counter() - started, 1),
    }
    log(f"M7 febrl4 F1 {result['f1']} (P {result['precision']} R {result['recall']})")
    return result
