"""Explainable pair score (design R4).

The score is a logistic function of a sum of per-feature log-odds contributions, in the manner
of a Fellegi-Sunter match weight: each piece of evidence adds or removes weight, and the
explanation lists every contribution so an officer sees why two records were (not) linked.
The weights were set by hand from the naming systems' behaviour and checked on the development
data (``benchmarks/matching.py``); see docs/matching.md for how the threshold was fixed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from rogatory.core.matching.analysis import AnalysedName, AnalysedPerson, analyse_person
from rogatory.core.matching.names import Memo, best_name_match
from rogatory.core.matching.records import PartialDate, Person
from rogatory.core.matching.translit import ascii_fold

# Fixed from development data before any held-out run (docs/matching.md, "Threshold").
DEFAULT_THRESHOLD = 0.7

# Name similarity -> log-odds: 0.80 is even odds; each 0.01 above or below moves 0.14 nats.
NAME_SLOPE = 14.0
NAME_CENTRE = 0.80
NAME_CROSS_SCRIPT_CENTRE = 0.78
MIN_LOGIT, MAX_LOGIT = -8.0, 8.0
SINGLE_PART_WEIGHT = -1.2
# Term-frequency adjustment: -0.4 x ln(persons sharing the candidate's full name), floor -1.2.
COMMON_NAME_SLOPE = 0.4
COMMON_NAME_FLOOR = -1.2


@dataclass(frozen=True, slots=True)
class Evidence:
    """One contribution to a pair score, in log-odds (positive raises the score)."""

    feature: str
    detail: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "detail": self.detail, "weight": round(self.weight, 3)}


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    match: bool
    explanation: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "match": self.match,
            "explanation": [e.to_dict() for e in self.explanation],
        }


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def compare_birth_dates(a: PartialDate, b: PartialDate) -> Evidence:
    """Agreement level of two partial dates: exact, year only, swap, +-1 year, typo, conflict."""
    if a.year != b.year:
        if (
            a.month is not None
            and a.month == b.month
            and a.day == b.day
            and (abs(a.year - b.year) == 1 or _one_digit_apart(str(a.year), str(b.year)))
        ):
            return Evidence("birth_date", "same day and month, year one off", -0.3)
        if abs(a.year - b.year) == 1:
            return Evidence("birth_date", "years one apart", -0.8)
        return Evidence("birth_date", f"conflict {a.isoformat()} vs {b.isoformat()}", -3.0)
    if a.month is None or b.month is None:
        return Evidence("birth_date", "same year (month unknown)", 0.7)
    if a.month != b.month:
        if a.day is not None and b.day is not None and a.day == b.month and a.month == b.day:
            return Evidence("birth_date", "day and month swapped", 0.5)
        if (
            a.day is not None
            and a.day == b.day
            and _one_digit_apart(f"{a.month:02d}", f"{b.month:02d}")
        ):
            return Evidence("birth_date", "month differs by one digit", -0.2)
        return Evidence("birth_date", "same year, month conflict", -1.2)
    if a.day is None or b.day is None:
        return Evidence("birth_date", "same year and month", 1.3)
    if a.day != b.day:
        if _one_digit_apart(f"{a.day:02d}", f"{b.day:02d}"):
            return Evidence("birth_date", "day differs by one digit", -0.2)
        return Evidence("birth_date", "same year and month, day conflict", -1.5)
    return Evidence("birth_date", "exact", 2.5)


def _one_digit_apart(x: str, y: str) -> bool:
    return len(x) == len(y) and sum(1 for p, q in zip(x, y, strict=True) if p != q) == 1


def compare_documents(a: Person, b: Person) -> Evidence | None:
    best: Evidence | None = None
    for da in a.documents:
        for db in b.documents:
            ka, kb = da.key, db.key
            if ka == kb and len(ka) >= 4:
                if da.country and db.country and da.country != db.country:
                    ev = Evidence("document", f"same number {ka}, different issuers", 1.0)
                else:
                    return Evidence("document", f"same {da.type} number {ka}", 6.0)
            elif min(len(ka), len(kb)) >= 6 and Levenshtein.distance(ka, kb) == 1:
                ev = Evidence("document", f"{da.type} numbers one character apart", 2.0)
            elif da.type == db.type and da.country and da.country == db.country:
                ev = Evidence("document", f"different {da.type} numbers, same issuer", -0.8)
            else:
                continue
            if best is None or ev.weight > best.weight:
                best = ev
    return best


def score_analysed(
    a: AnalysedPerson,
    b: AnalysedPerson,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    memo: Memo | None = None,
    name_count: Callable[[AnalysedName], int] | None = None,
) -> PairScore:
    """Score two analysed persons; ``memo`` shares token comparisons across one search.

    ``name_count`` (given by an index) returns how many stored persons carry a name: agreement
    on a name that many persons share is weaker evidence (a term-frequency adjustment).
    """
    evidence: list[Evidence] = []
    comparison = best_name_match(a.names, b.names, memo)
    if comparison is None:
        evidence.append(Evidence("name", "no comparable names", MIN_LOGIT))
    else:
        centre = NAME_CROSS_SCRIPT_CENTRE if comparison.cross_script else NAME_CENTRE
        weight = max(MIN_LOGIT, min(MAX_LOGIT, NAME_SLOPE * (comparison.similarity - centre)))
        script = " (cross-script)" if comparison.cross_script else ""
        evidence.append(
            Evidence(
                "name",
                f"{comparison.similarity:.2f} '{comparison.query.text}' ~ "
                f"'{comparison.candidate.text}'{script}: {comparison.detail}",
                weight,
            )
        )
        if name_count is not None and comparison.similarity >= NAME_CENTRE:
            count = name_count(comparison.candidate)
            if count > 1:
                weight = max(COMMON_NAME_FLOOR, -COMMON_NAME_SLOPE * math.log(count))
                evidence.append(Evidence("name", f"name shared by {count} stored persons", weight))
        if (
            not comparison.cross_script
            and min(len(comparison.query.core_tokens), len(comparison.candidate.core_tokens)) == 1
        ):
            # One name part ("Thomas", "Willie") says little about who the person is.
            evidence.append(Evidence("name", "single name part", SINGLE_PART_WEIGHT))
    pa, pb = a.person, b.person
    dob: Evidence | None = None
    if pa.birth_date is not None and pb.birth_date is not None:
        dob = compare_birth_dates(pa.birth_date, pb.birth_date)
        evidence.append(dob)
    nationality: Evidence | None = None
    if pa.nationalities and pb.nationalities:
        shared = pa.nationalities & pb.nationalities
        if shared:
            nationality = Evidence("nationality", f"shared {','.join(sorted(shared))}", 0.4)
        else:
            nationality = Evidence(
                "nationality",
                f"conflict {','.join(sorted(pa.nationalities))} vs "
                f"{','.join(sorted(pb.nationalities))}",
                -1.2,
            )
        evidence.append(nationality)
    if pa.gender and pb.gender:
        if pa.gender == pb.gender:
            evidence.append(Evidence("gender", "same", 0.2))
        else:
            evidence.append(Evidence("gender", "conflict", -1.5))
    if pa.birth_place and pb.birth_place:
        sim = Levenshtein.normalized_similarity(
            ascii_fold(pa.birth_place), ascii_fold(pb.birth_place)
        )
        if sim >= 0.85:
            evidence.append(Evidence("birth_place", "same place", 0.5))
        else:
            evidence.append(Evidence("birth_place", "different places", -0.1))
    document = compare_documents(pa, pb)
    if document is not None:
        evidence.append(document)
    # Hard rule: a DOB day conflict together with a nationality conflict demotes.
    if (
        dob is not None
        and dob.weight <= -1.5
        and nationality is not None
        and nationality.weight < 0
    ):
        evidence.append(Evidence("rule", "birth date and nationality both conflict", -3.0))
    logit = sum(e.weight for e in evidence)
    score = _sigmoid(logit)
    # Hard rule: same document number and agreeing DOB is a strong match whatever the names.
    if document is not None and document.weight >= 6.0 and dob is not None and dob.weight > 0:
        if score < 0.99:
            evidence.append(Evidence("rule", "same document and birth date agree", 0.0))
        score = max(score, 0.99)
    return PairScore(score, score >= threshold, tuple(evidence))


def score_pair(a: Person, b: Person, *, threshold: float = DEFAULT_THRESHOLD) -> PairScore:
    """Score two person records; ``score`` in [0, 1], ``match`` is ``score >= threshold``."""
    return score_analysed(analyse_person(a), analyse_person(b), threshold=threshold)
