"""Name similarity: token similarity and the alignment of two analysed names (design R4)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from rogatory.core.matching.analysis import AnalysedName, Token, TokenKind
from rogatory.core.matching.scripts import Script

# Extra tokens cost more on the query side than on the candidate side (a stored record often
# carries a fuller name than the request): the asymmetry of OpenSanctions' logic-v2.
QUERY_EXTRA_COST = 0.4
CANDIDATE_EXTRA_COST = 0.2
CONFLICT_COST = 0.8
ORDER_PENALTY = 0.1
_MATCHED_FLOOR = 0.5

_lev = Levenshtein.normalized_similarity


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity in [0, 1] of two tokens and the reason for it.

    The maximum of: edit similarity over all romanised forms, the consonant skeleton (the
    main signal against vowel-less Arabic script), a shared name group, and initials.
    """
    if a.kind == TokenKind.INITIAL or b.kind == TokenKind.INITIAL:
        if a.kind == b.kind:
            return (1.0, "same initial") if a.forms[0] == b.forms[0] else (0.0, "initial")
        initial, full = (a, b) if a.kind == TokenKind.INITIAL else (b, a)
        if any(f.startswith(initial.forms[0]) for f in full.forms):
            return 0.8, "initial"
        return 0.0, "initial differs"
    best = 0.0
    for x in a.forms:
        for y in b.forms:
            if x == y:
                return 1.0, "same spelling"
            sim = _lev(x, y)
            if sim > best:
                best = sim
    if a.group is not None and b.group is not None:
        if a.group == b.group:
            return max(best, 0.95), "same name group"
        # Distinct known names (Hasan / Husayn) must not meet through their skeleton.
        return min(best, 0.7), "different names"
    reason = "spelling"
    arabic = Script.ARABIC in (a.script, b.script) and a.script != b.script
    for x in a.skeletons:
        for y in b.skeletons:
            if len(x) < 2 or len(y) < 2:
                continue
            if arabic:
                sim = 0.95 * _lev(x, y)
            elif x == y:
                sim = min(0.88, 0.6 + 0.07 * len(x))
            else:
                continue
            if sim > best:
                best, reason = sim, "consonant skeleton"
    return best, reason


@dataclass(frozen=True, slots=True)
class NameComparison:
    similarity: float
    query: AnalysedName
    candidate: AnalysedName
    detail: str
    cross_script: bool


def _extra_cost(token: Token, side_cost: float, *, conflict: bool) -> float:
    # A patronymic is often simply not recorded (Latin passports omit it): cheap to miss, but
    # two different patronymics are a conflict like any other part.
    if token.kind == TokenKind.PATRONYMIC and not conflict:
        return CANDIDATE_EXTRA_COST * token.weight
    if conflict:
        return CONFLICT_COST * token.weight
    return side_cost * token.weight


def _align(q: tuple[Token, ...], c: tuple[Token, ...]) -> tuple[float, list[str], int]:
    """Greedy best-first assignment; returns (similarity, notes, order inversions)."""
    cells: list[tuple[float, int, int, str]] = []
    for i, a in enumerate(q):
        for j, b in enumerate(c):
            sim, why = token_similarity(a, b)
            if sim >= _MATCHED_FLOOR:
                cells.append((sim, i, j, why))
    cells.sort(key=lambda cell: -cell[0])
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[tuple[int, int]] = []
    gained = 0.0
    matched_weight = 0.0
    notes: list[str] = []
    for sim, i, j, why in cells:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pairs.append((i, j))
        weight = (
            min(q[i].weight, c[j].weight) if why == "initial" else max(q[i].weight, c[j].weight)
        )
        gained += sim * weight
        matched_weight += weight
        if sim < 1.0:
            notes.append(f"{q[i].text}~{c[j].text} {sim:.2f} ({why})")
    left_q = [t for i, t in enumerate(q) if i not in used_q]
    left_c = [t for j, t in enumerate(c) if j not in used_c]
    # Parts left over on both sides contradict each other; on one side only, they are missing.
    conflict = bool(left_q) and bool(left_c)
    extra_q = sum(_extra_cost(t, QUERY_EXTRA_COST, conflict=conflict) for t in left_q)
    extra_c = sum(_extra_cost(t, CANDIDATE_EXTRA_COST, conflict=conflict) for t in left_c)
    denominator = matched_weight + extra_q + extra_c
    if conflict:
        notes.append(
            f"parts conflict: {' '.join(t.text for t in left_q)} / "
            f"{' '.join(t.text for t in left_c)}"
        )
    elif left_q or left_c:
        notes.append(f"parts missing on one side: {' '.join(t.text for t in left_q + left_c)}")
    pairs.sort()
    inversions = sum(
        1 for k in range(len(pairs)) for m in range(k + 1, len(pairs)) if pairs[m][1] < pairs[k][1]
    )
    return (gained / denominator if denominator else 0.0), notes, inversions


def compare_names(q: AnalysedName, c: AnalysedName) -> NameComparison:
    """Best of token alignment and whole-name comparison (joined forms, skeletons)."""
    q_tokens, c_tokens = q.core_tokens, c.core_tokens
    cross = q.script != c.script
    if not q_tokens or not c_tokens:
        return NameComparison(0.0, q, c, "no comparable name parts", cross)
    aligned, notes, inversions = _align(q_tokens, c_tokens)
    detail = "; ".join(notes) if notes else "all parts agree"
    if (
        inversions
        and not (q.order_free or c.order_free or q.surname_marked or c.surname_marked)
        and q.script == c.script
    ):
        aligned -= ORDER_PENALTY * min(inversions, 2)
        detail += "; name order differs"
    whole = 0.0
    if len(q_tokens) == len(c_tokens):
        return NameComparison(max(aligned, 0.0), q, c, detail, cross)
    for x in q.joined:
        for y in c.joined:
            if min(len(x), len(y)) >= 6:
                whole = max(whole, _lev(x, y))
    if Script.ARABIC in (q.script, c.script) and cross:
        xs, ys = q.joined_skeleton, c.joined_skeleton
        if min(len(xs), len(ys)) >= 4:
            whole = max(whole, 0.95 * _lev(xs, ys))
    if whole > aligned:
        return NameComparison(whole, q, c, "whole-name comparison", cross)
    return NameComparison(max(aligned, 0.0), q, c, detail, cross)


def best_name_match(
    q_names: tuple[AnalysedName, ...], c_names: tuple[AnalysedName, ...]
) -> NameComparison | None:
    best: NameComparison | None = None
    for q in q_names:
        for c in c_names:
            result = compare_names(q, c)
            if best is None or result.similarity > best.similarity:
                best = result
    return best
