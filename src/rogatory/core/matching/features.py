"""Feature vector of a (query, candidate) pair for the trained scorer (design R4).

Every feature is a plain number with a fixed position in ``FEATURES``; the model in
``model/pair_model.json`` holds one coefficient per feature, so a pair's log-odds is a dot
product and each feature's share of it is the explanation an officer reads.

Categorical evidence (birth-date agreement level, nationality, documents ...) is one-hot with
"unknown" as the reference level: a missing value contributes nothing either way. The name
similarity enters through ramps between knots, so that the learned curve is piecewise linear and,
with non-negative coefficients, never decreases as the names get closer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from rogatory.core.matching.analysis import AnalysedName, AnalysedPerson, Token
from rogatory.core.matching.names import Memo, NameComparison, best_name_match
from rogatory.core.matching.records import PartialDate, Person
from rogatory.core.matching.translit import ascii_fold

# Knots of the name-similarity ramps. Dense above 0.8, where a typo (0.9), a transliteration
# variant (0.95) and the same spelling (1.0) must be told apart.
NAME_KNOTS = (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)
# Share of persons assumed to carry a name part when no index says otherwise, and the weight of
# that assumption (in persons): a tiny index cannot call a name rare or common.
DEFAULT_SHARE = 1e-3
SHARE_PRIOR_PERSONS = 1000.0
RARITY_LIMIT = 5.0
# Size of the generated registers the model's screening pairs come from (the training tool's
# default ``--persons``).
REFERENCE_REGISTER = 20_000
EXACT_PART = 0.99

BIRTH_DATE_LEVELS = (
    "exact",
    "year_month",
    "year",
    "swap",
    "digit",
    "year_one_off",
    "month_conflict",
    "day_conflict",
    "conflict",
)
DOCUMENT_LEVELS = ("exact", "near", "exact_other_issuer", "conflict")

FEATURES: tuple[str, ...] = (
    *(f"name_ramp_{lo:.2f}" for lo in NAME_KNOTS[:-1]),
    # The same curve again for names in different scripts: a transliteration is rarely exact,
    # so a given similarity means something else across scripts.
    *(f"name_cross_ramp_{lo:.2f}" for lo in NAME_KNOTS[:-1]),
    "name_cross_script",
    "name_weakest_part",
    "name_other_gender_form",
    "name_single_part",
    "name_order_differs",
    "name_unmatched_query",
    "name_unmatched_candidate",
    "name_parts_agreeing",
    "name_rarity",
    "name_namesakes",
    *(f"birth_date_{level}" for level in BIRTH_DATE_LEVELS),
    "nationality_shared",
    "nationality_conflict",
    "gender_same",
    "gender_conflict",
    "birth_place_same",
    "birth_place_differs",
    *(f"document_{level}" for level in DOCUMENT_LEVELS),
    # Scored as a candidate retrieved from a register rather than as a pair brought to be
    # compared: far fewer such candidates are the person, so the prior odds are lower.
    "retrieved_candidate",
)
INDEX = {name: position for position, name in enumerate(FEATURES)}

_NAME_PARTS = frozenset(
    (
        "name_weakest_part",
        "name_other_gender_form",
        "name_single_part",
        "name_order_differs",
        "name_unmatched_query",
        "name_unmatched_candidate",
        "name_parts_agreeing",
    )
)


def _group(feature: str) -> str:
    if feature in _NAME_PARTS:
        return "name_parts"
    if feature in ("name_rarity", "name_namesakes"):
        return "name_frequency"
    if feature == "retrieved_candidate":
        return "prior"
    for prefix in ("name", "birth_date", "birth_place", "nationality", "gender", "document"):
        if feature.startswith(prefix):
            return prefix
    raise ValueError(feature)


# The explanation sums features into the evidence an officer reads (one line per group).
GROUPS: dict[str, str] = {feature: _group(feature) for feature in FEATURES}

TokenFrequency = Callable[[Token], float]
NameCount = Callable[[AnalysedName], int]


def register_prior(size: int) -> float:
    """How far a retrieved candidate's prior odds fall below a compared pair's, in units of
    the learned shift: 0 for a compared pair, 1 for a register the size of those the model was
    trained on (``REFERENCE_REGISTER``) or larger.

    Among three stored persons a retrieved candidate is as likely the person as a pair brought
    to be compared; in a large register most candidates are others. Up to the training
    registers the shift grows with the log of the register size; past them ``register_excess``
    takes over.
    """
    return min(1.0, math.log1p(size) / math.log1p(REFERENCE_REGISTER))


def register_excess(size: int | None) -> float:
    """Nats by which a candidate's prior log-odds fall below those the model learned, for a
    register larger than the training registers (0 up to ``REFERENCE_REGISTER``).

    The number of other persons who look like the query by chance grows in proportion to the
    register, while a person present is still one: the prior odds of a candidate fall as 1/N
    (Fellegi-Sunter), one nat per unit of ln N. A name-only resemblance that alerts among
    20,000 persons is weaker evidence among 50,000, and far weaker among 1,000,000. The name
    frequencies need no such correction: they are shares of the register, whatever its size.
    """
    if not size or size <= REFERENCE_REGISTER:
        return 0.0
    return math.log1p(size) - math.log1p(REFERENCE_REGISTER)


def smoothed_share(count: int, total: int) -> float:
    """Share of ``total`` persons carrying a name part, pulled towards ``DEFAULT_SHARE``."""
    return (count + SHARE_PRIOR_PERSONS * DEFAULT_SHARE) / (total + SHARE_PRIOR_PERSONS)


@dataclass(slots=True)
class PairFeatures:
    """Feature values by position, plus what the explanation needs to describe them.

    The description (``details``) is written only when read: a screen scores 200 candidates
    and shows the evidence of the few above the threshold.
    """

    values: list[float]
    comparison: NameComparison | None
    birth_date_level: str | None
    nationality_conflict: bool
    document_level: str | None
    query: Person
    candidate: Person
    birth_date_detail: str = ""
    document_detail: str = ""
    namesakes: int = 0
    rarity: float | None = None
    _details: dict[str, str] | None = field(default=None, repr=False)

    @property
    def details(self) -> dict[str, str]:
        """Human-readable account of each evidence group present, by group."""
        if self._details is None:
            self._details = _describe(self)
        return self._details


def _one_digit_apart(x: str, y: str) -> bool:
    return len(x) == len(y) and sum(1 for p, q in zip(x, y, strict=True) if p != q) == 1


def birth_date_level(a: PartialDate, b: PartialDate) -> tuple[str, str]:
    """(level, human detail) of two partial dates; levels are ``BIRTH_DATE_LEVELS``."""
    if a.year != b.year:
        if (
            a.month is not None
            and a.month == b.month
            and a.day == b.day
            and (abs(a.year - b.year) == 1 or _one_digit_apart(str(a.year), str(b.year)))
        ):
            return "digit", "same day and month, year one off"
        if abs(a.year - b.year) == 1 and (a.month is None or b.month is None):
            # Only a bare year may be one off (an age turned into a year); two full dates that
            # differ in year and in day or month are two birthdays.
            return "year_one_off", "years one apart"
        return "conflict", f"conflict {a.isoformat()} vs {b.isoformat()}"
    if a.month is None or b.month is None:
        return "year", "same year (month unknown)"
    if a.month != b.month:
        if a.day is not None and b.day is not None and a.day == b.month and a.month == b.day:
            return "swap", "day and month swapped"
        if (
            a.day is not None
            and a.day == b.day
            and _one_digit_apart(f"{a.month:02d}", f"{b.month:02d}")
        ):
            return "digit", "month differs by one digit"
        return "month_conflict", "same year, month conflict"
    if a.day is None or b.day is None:
        return "year_month", "same year and month"
    if a.day != b.day:
        if _one_digit_apart(f"{a.day:02d}", f"{b.day:02d}"):
            return "digit", "day differs by one digit"
        return "day_conflict", "same year and month, day conflict"
    return "exact", "exact"


def document_level(a: Person, b: Person) -> tuple[str, str] | None:
    """Best agreement between two persons' documents; None when either has none."""
    rank = {level: position for position, level in enumerate(DOCUMENT_LEVELS)}
    best: tuple[str, str] | None = None
    for da in a.documents:
        for db in b.documents:
            ka, kb = da.key, db.key
            found: tuple[str, str]
            if ka == kb and len(ka) >= 4:
                if da.country and db.country and da.country != db.country:
                    found = ("exact_other_issuer", f"same number {ka}, different issuers")
                else:
                    return "exact", f"same {da.type} number {ka}"
            elif min(len(ka), len(kb)) >= 6 and Levenshtein.distance(ka, kb) == 1:
                found = ("near", f"{da.type} numbers one character apart")
            elif da.type == db.type and da.country and da.country == db.country:
                found = ("conflict", f"different {da.type} numbers, same issuer")
            else:
                continue
            if best is None or rank[found[0]] < rank[best[0]]:
                best = found
    return best


_CROSS_RAMPS = len(NAME_KNOTS) - 1
# A matched part below this similarity is a weak link ("Jovanovic" ~ "Stojanovic", 0.7) even
# when the other parts agree exactly and the average looks high.
WEAK_PART = 0.9
WEAK_PART_SPAN = 0.3


def _ramps(similarity: float, values: list[float], offset: int) -> None:
    for k in range(len(NAME_KNOTS) - 1):
        lo, hi = NAME_KNOTS[k], NAME_KNOTS[k + 1]
        if similarity <= lo:
            break
        values[offset + k] = 1.0 if similarity >= hi else (similarity - lo) / (hi - lo)


def pair_features(
    a: AnalysedPerson,
    b: AnalysedPerson,
    *,
    memo: Memo | None = None,
    name_count: NameCount | None = None,
    token_frequency: TokenFrequency | None = None,
    register_size: int | None = None,
) -> PairFeatures:
    """Features of query ``a`` against candidate ``b``.

    ``name_count`` (how many stored persons carry a full name) and ``token_frequency`` (the
    smoothed share of stored persons carrying a name part) come from an index; without them
    the frequency features stay at their neutral value 0. ``register_size`` (persons in the
    index the candidate was retrieved from) sets ``retrieved_candidate``.
    """
    values = [0.0] * len(FEATURES)
    if register_size:
        values[INDEX["retrieved_candidate"]] = register_prior(register_size)
    pa, pb = a.person, b.person
    found = PairFeatures(values, None, None, False, None, pa, pb)
    comparison = found.comparison = best_name_match(a.names, b.names, memo)
    if comparison is not None:
        similarity = comparison.similarity
        _ramps(similarity, values, _CROSS_RAMPS if comparison.cross_script else 0)
        if comparison.cross_script:
            values[INDEX["name_cross_script"]] = 1.0
        found.rarity = _name_parts(comparison, values, token_frequency)
        if name_count is not None and similarity >= 0.8:
            count = name_count(comparison.candidate)
            if count > 1:
                values[INDEX["name_namesakes"]] = math.log(count)
                found.namesakes = count
    if pa.birth_date is not None and pb.birth_date is not None:
        found.birth_date_level, found.birth_date_detail = birth_date_level(
            pa.birth_date, pb.birth_date
        )
        values[INDEX["birth_date_" + found.birth_date_level]] = 1.0
    if pa.nationalities and pb.nationalities:
        if pa.nationalities & pb.nationalities:
            values[INDEX["nationality_shared"]] = 1.0
        else:
            found.nationality_conflict = True
            values[INDEX["nationality_conflict"]] = 1.0
    if pa.gender and pb.gender:
        values[INDEX["gender_same" if pa.gender == pb.gender else "gender_conflict"]] = 1.0
    if pa.birth_place and pb.birth_place:
        sim = Levenshtein.normalized_similarity(
            ascii_fold(pa.birth_place), ascii_fold(pb.birth_place)
        )
        values[INDEX["birth_place_same" if sim >= 0.85 else "birth_place_differs"]] = 1.0
    document = document_level(pa, pb)
    if document is not None:
        found.document_level, found.document_detail = document
        values[INDEX["document_" + found.document_level]] = 1.0
    return found


def _agreeing(comparison: NameComparison) -> int:
    """Aligned name parts that agree (0.85 and up); for a whole-name comparison, the parts
    of the shorter name."""
    reason = comparison.reason
    if isinstance(reason, str):
        return min(len(comparison.query.core_tokens), len(comparison.candidate.core_tokens))
    return sum(1 for _q, _c, sim, _why in reason.matches if sim >= 0.85)


def _name_parts(
    comparison: NameComparison,
    values: list[float],
    token_frequency: TokenFrequency | None,
) -> float | None:
    """Set the name-part features; returns the mean rarity of the exactly agreeing parts."""
    q_core, c_core = comparison.query.core_tokens, comparison.candidate.core_tokens
    if not comparison.cross_script and min(len(q_core), len(c_core)) == 1:
        # One name part ("Thomas", "Willie") says little about who the person is.
        values[INDEX["name_single_part"]] = 1.0
    if comparison.order_differs:
        values[INDEX["name_order_differs"]] = 1.0
    reason = comparison.reason
    matched_candidate: list[Token] = []
    if not isinstance(reason, str):
        values[INDEX["name_unmatched_query"]] = float(len(reason.left_q))
        values[INDEX["name_unmatched_candidate"]] = float(len(reason.left_c))
        if any(why == "other gender form" for _q, _c, _sim, why in reason.matches):
            # Petrov / Petrova: a relative more often than the same person.
            values[INDEX["name_other_gender_form"]] = 1.0
        if len(reason.matches) > 1:
            weakest = min(sim for _q, _c, sim, _why in reason.matches)
            values[INDEX["name_weakest_part"]] = min(
                1.0, max(0.0, (WEAK_PART - weakest) / WEAK_PART_SPAN)
            )
        # Rarity counts for parts spelled alike only: a typo one letter from a rare name is
        # as likely another person's name from that neighbourhood as the same name.
        matched_candidate = [c for _q, c, sim, _why in reason.matches if sim >= EXACT_PART]
    values[INDEX["name_parts_agreeing"]] = float(min(_agreeing(comparison), 4))
    if token_frequency is None or not matched_candidate:
        return None
    # A name part shared with few stored persons is strong evidence, a common one weak
    # (the Fellegi-Sunter u-probability of agreement is the part's frequency).
    rarities = [math.log(DEFAULT_SHARE / token_frequency(t)) for t in matched_candidate]
    rarity = sum(rarities) / len(rarities)
    values[INDEX["name_rarity"]] = max(-RARITY_LIMIT, min(RARITY_LIMIT, rarity))
    return rarity


def _describe(found: PairFeatures) -> dict[str, str]:
    details: dict[str, str] = {}
    values, comparison = found.values, found.comparison
    if comparison is None:
        details["name"] = "no comparable names"
    else:
        script = " (cross-script)" if comparison.cross_script else ""
        details["name"] = (
            f"{comparison.similarity:.2f} '{comparison.query.text}' ~ "
            f"'{comparison.candidate.text}'{script}: {comparison.detail}"
        )
        details["name_parts"] = _describe_parts(comparison, values)
        frequency: list[str] = []
        if found.rarity is not None:
            frequency.append(
                ("rare name parts" if found.rarity > 0 else "common name parts")
                + f" ({found.rarity:+.1f} nats against a typical name)"
            )
        if found.namesakes:
            frequency.append(f"name shared by {found.namesakes} stored persons")
        if frequency:
            details["name_frequency"] = "; ".join(frequency)
    pa, pb = found.query, found.candidate
    if found.birth_date_level is not None:
        details["birth_date"] = found.birth_date_detail
    if values[INDEX["nationality_shared"]]:
        common = ",".join(sorted(pa.nationalities & pb.nationalities))
        details["nationality"] = f"shared {common}"
    elif found.nationality_conflict:
        details["nationality"] = (
            f"conflict {','.join(sorted(pa.nationalities))} vs {','.join(sorted(pb.nationalities))}"
        )
    if values[INDEX["gender_same"]] or values[INDEX["gender_conflict"]]:
        details["gender"] = "same" if values[INDEX["gender_same"]] else "conflict"
    if values[INDEX["birth_place_same"]] or values[INDEX["birth_place_differs"]]:
        same_place = bool(values[INDEX["birth_place_same"]])
        details["birth_place"] = "same place" if same_place else "different places"
    if found.document_level is not None:
        details["document"] = found.document_detail
    return details


def _describe_parts(comparison: NameComparison, values: list[float]) -> str:
    agreeing = _agreeing(comparison)
    notes = [f"{agreeing} part{'s' if agreeing != 1 else ''} agreeing"]
    if values[INDEX["name_single_part"]]:
        notes.append("single name part")
    reason = comparison.reason
    if not isinstance(reason, str):
        if reason.left_q or reason.left_c:
            notes.append(f"{len(reason.left_q)} / {len(reason.left_c)} parts unmatched")
        if values[INDEX["name_other_gender_form"]]:
            notes.append("other gender form")
        if values[INDEX["name_weakest_part"]]:
            weakest = min(sim for _q, _c, sim, _why in reason.matches)
            notes.append(f"weakest matched part {weakest:.2f}")
    return "; ".join(notes)
