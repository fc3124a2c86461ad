"""Name similarity: token similarity and the alignment of two analysed names (design R4)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from rogatory.core.matching.analysis import AnalysedName, Token, TokenKind
from rogatory.core.matching.scripts import Script
from rogatory.core.matching.tables.particles import ABD_FORMS
from rogatory.core.matching.translit import (
    collapse_repeats,
    han_fold,
    hangul_forms,
    latin_skeleton,
    same_hangul_surname,
)

# Extra tokens cost more on the query side than on the candidate side (a stored record often
# carries a fuller name than the request): the asymmetry of OpenSanctions' logic-v2.
QUERY_EXTRA_COST = 0.4
CANDIDATE_EXTRA_COST = 0.2
CONFLICT_COST = 0.8
FIRST_PART_EXTRA_COST = 0.3
ORDER_PENALTY = 0.1
_MATCHED_FLOOR = 0.55
# Similarity of a masculine and a feminine form of one name (Petrov / Petrova).
_GENDER_FORM_CAP = 0.6

_lev = Levenshtein.normalized_similarity
_ABJADS = frozenset((Script.ARABIC, Script.HEBREW, Script.DEVANAGARI, Script.BENGALI, Script.THAI))


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
    if a.script == b.script == Script.HAN:
        # Same script: the characters decide. Romanisations merge distinct names (黃 and 王 are
        # both "Wong" in Cantonese, 赵 and 周 both "Chow"); only traditional and simplified
        # writing of one character (楊/杨) is the same name.
        if han_fold(a.text) == han_fold(b.text):
            return 1.0, "same characters"
        return 0.5 * _best_form_similarity(a, b), "different characters"
    if a.script == b.script == Script.HANGUL and (
        a.kind == TokenKind.SURNAME or b.kind == TokenKind.SURNAME
    ):
        # 송 and 성 are both "Sung" in some Latin record, yet two surnames; 이 and 리 are one.
        if same_hangul_surname(a.text, b.text):
            return 1.0, "same surname"
        return 0.5 * _best_form_similarity(a, b), "different surname"
    if a.script == b.script == Script.HANGUL:
        # Same script: a given name is a pair of syllables from a small inventory, and one
        # changed syllable (종은 / 정은) is another name; the romanised forms would hide it,
        # since McCune-Reischauer without breves spells 정 and 종 alike ("chong").
        if a.text == b.text:
            return 1.0, "same spelling"
        return 0.5 * _lev(hangul_forms(a.text)[0], hangul_forms(b.text)[0]), "syllables"
    best = _best_form_similarity(a, b)
    if best == 1.0:
        return 1.0, "same spelling"
    # Aleksandr / Aleksandra, Ivanov / Ivanova: relatives, not spelling variants. The check is
    # made only where its answer can matter: a pair below _MATCHED_FLOOR is never aligned.
    gendered = a.script not in _ABJADS and b.script not in _ABJADS
    if gendered and best >= _MATCHED_FLOOR and _gender_pair(a, b):
        return min(best, _GENDER_FORM_CAP), "other gender form"
    sim, why = _beyond_spelling(a, b, best)
    if gendered and best < _MATCHED_FLOOR <= sim and _gender_pair(a, b):
        return best, "other gender form"
    return sim, why


def _beyond_spelling(a: Token, b: Token, best: float) -> tuple[float, str]:
    """Similarity of two tokens whose best spelling similarity is ``best``, from what else
    they share: Han syllables, theophoric short forms, name groups, skeletons."""
    if TokenKind.SURNAME in (a.kind, b.kind) and Script.HAN in (a.script, b.script):
        # Chinese surnames are short and every romanisation we know is listed among the
        # forms: a near miss (Wang/Wong are listed, Wang/Yang is not) is a different surname.
        return (0.85 * best if best >= 0.75 else 0.5 * best), "surname spelling"
    if Script.HAN in (a.script, b.script):
        # Given names are one or two syllables from a small inventory: one changed syllable
        # (shujuan / shuhua) is another name, not a typo.
        return (best if best >= 0.85 else 0.5 * best), "syllables"
    if "abd" in (a.forms[0][:3], b.forms[0][:3]) and _theophoric_short_form(a.forms[0], b.forms[0]):
        # "Abdul Hanif" is often recorded as "Hanif".
        return max(best, 0.8), "theophoric short form"
    if a.nicknames & b.nicknames:
        return max(best, 0.9), "same given name (short form)"
    if a.group is not None and b.group is not None:
        if a.group == b.group:
            return max(best, 0.95), "same name group"
        # Distinct known names (Hasan / Husayn) must not meet through their skeleton.
        return min(best, 0.7), "different names"
    reason = "spelling"
    # Scripts that leave short vowels unwritten (Arabic and its Persian, Urdu, Pashto and
    # Kurdish alphabets; Hebrew) or inherent (Devanagari, Bengali, Thai): across scripts the
    # skeletons carry the comparison.
    arabic = (a.script in _ABJADS or b.script in _ABJADS) and a.script != b.script
    # Thai writes its vowels (only the inherent ones are implied): where the skeletons differ
    # the spelled vowels count as much as the consonants (Somchai is not Somsak).
    thai = arabic and Script.THAI in (a.script, b.script)
    # Arabic script writes a long vowel at the start or end of a name (علي Ali, بھٹی Bhatti):
    # a Latin spelling with a vowel there that the Arabic lacks is another name on the same
    # consonants (بٹ Butt / Bhatti, ماريا Maria / Omar).
    edge_conflict = arabic and _edge_vowel_conflict(a, b)
    for x in a.skeletons:
        for y in b.skeletons:
            if len(x) < 2 or len(y) < 2:
                if arabic and x == y and x:
                    # One-consonant names (Rory / روري, Kaku / كاكو).
                    sim = 0.85
                    if sim > best:
                        best, reason = sim, "consonant skeleton"
                continue
            if thai and x != y:
                sim = 0.95 * (_lev(x, y) + _best_form_similarity(a, b)) / 2
            elif arabic:
                sim = 0.95 * _lev(x, y)
                shared = _shared_ending(x, y)
                if shared:
                    # Two compounds with one ending (-ullah, -zada, -uddin: سميعالله and
                    # Nizamullah) agree on the ending, not on the name: the parts before it
                    # weigh half.
                    sim = 0.95 * (_lev(x, y) + _lev(x[:-shared], y[:-shared])) / 2
            elif x == y:
                sim = min(0.88, 0.6 + 0.07 * len(x))
                if a.script == b.script == Script.LATIN:
                    sim -= 0.07 * _merged_away(x, a, b)
            else:
                continue
            if edge_conflict:
                sim = min(sim, _EDGE_VOWEL_CAP)
            if sim > best:
                best, reason = sim, "consonant skeleton"
    if edge_conflict and reason == "consonant skeleton" and best <= _EDGE_VOWEL_CAP:
        reason = "consonant skeleton, a vowel at the end differs"
    return best, reason


# Arabic script writes a long vowel at either end of a name: a vowel opening it stands on
# alif or hamza (or is the ʿayn, ح or ه a Latin spelling may leave out), one closing it is ا,
# ي (also ى, Urdu ے, Pashto ۍ ې, all folded to ي), a letter that is a vowel or a consonant
# by the word (و w/u/o, ه h/e/a, ة, ە, ء) or the ʿayn Latin spellings leave out (ربيع Rabi,
# صنوع Sanu). A Latin ``e`` is left out at the end: French spellings write it silent
# (Lamine, Yacine, Hocine).
_ARABIC_OPEN_VOWEL = frozenset("اءعيوهح")
_ARABIC_CLOSE_VOWEL = frozenset("ايوهةەءع")
_LATIN_ARTICLES = ("al", "el", "ul")
_EDGE_VOWEL_CAP = 0.7


def _edge_vowel_conflict(a: Token, b: Token) -> bool:
    """An Arabic-script part and a Latin part of which only the Latin one opens with a vowel
    (ماريا / Omar) or closes with one (بٹ Butt / Bhatti)."""
    if a.script == Script.ARABIC and b.script == Script.LATIN:
        arabic, latin = a.text, b.forms[0]
    elif b.script == Script.ARABIC and a.script == Script.LATIN:
        arabic, latin = b.text, a.forms[0]
    else:
        return False
    if len(latin) < 3 or len(arabic) < 2:
        return False
    opens = (
        latin[0] in "aeiou"
        and not latin.startswith(_LATIN_ARTICLES)
        and arabic[0] not in _ARABIC_OPEN_VOWEL
    )
    closes = latin[-1] in "aiouy" and arabic[-1] not in _ARABIC_CLOSE_VOWEL
    return opens or closes


def _shared_ending(x: str, y: str) -> int:
    """Length of the consonants two different long skeletons end with (0 when under 2)."""
    if x == y or min(len(x), len(y)) < 4:
        return 0
    size = 0
    while size < min(len(x), len(y)) - 1 and x[-1 - size] == y[-1 - size]:
        size += 1
    return size if size >= 2 else 0


def _merged_away(key: str, *tokens: Token) -> int:
    """Consonants a shared skeleton ``key`` lacks because it is some token's merged key.

    The merged key (the same consonant on both sides of a vowel written once) meets names that
    agree on fewer consonants than they carry: ``Morirez`` (``mrrs``, merged ``mrs``) and
    ``Moraaz`` (``mrs``). Each consonant merged away counts against the match. The other
    variants (a final ``h`` dropped, ``ch`` read as k) are spellings of one name and cost nothing.
    """
    lost = 0
    for token in tokens:
        full = token.skeletons[0]
        if key != full and key == collapse_repeats(full):
            lost = max(lost, len(full) - len(key))
    return lost


def _best_form_similarity(a: Token, b: Token) -> float:
    best = 0.0
    for x in a.forms:
        for y in b.forms:
            if x == y:
                return 1.0
            sim = _lev(x, y)
            if sim > best:
                best = sim
    return best


_ABD_PREFIXES = tuple(
    sorted(
        (p + infix for p in ABD_FORMS for infix in ("", "al", "el", "ul")), key=len, reverse=True
    )
)


def _theophoric_short_form(x: str, y: str) -> bool:
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    if len(shorter) < 3 or not longer.startswith("abd"):
        return False
    return any(longer == prefix + shorter for prefix in _ABD_PREFIXES)


_FEMININE_ENDINGS = ("a", "ia", "ija", "iya", "ya")


def _gender_pair(a: Token, b: Token) -> bool:
    """Masculine and feminine forms of one name: Petrov/Petrova, Vesely/Vesela,
    Kowalski/Kowalska, Mario/Maria, Viktor/Viktoria, Aleksandar/Aleksandra."""
    for x in a.forms[:3]:
        for y in b.forms[:3]:
            if len(x) < 4 or len(y) < 4 or x == y:
                continue
            if x.endswith("a") == y.endswith("a"):
                continue
            fem, masc = (x, y) if x.endswith("a") else (y, x)
            if masc[-1] in "ao":
                continue
            if any(fem == masc + end for end in _FEMININE_ENDINGS):
                return True
            if masc[-1] in "yi" and fem == masc[:-1] + "a":
                return True
            if masc[-1] not in "aeiouy" and latin_skeleton(fem) == latin_skeleton(masc):
                return True
        if {x[-1:], y[-1:]} == {"a", "o"} and x[:-1] == y[:-1] and len(x) >= 4:
            return True
    return False


@dataclass(frozen=True, slots=True)
class NameComparison:
    similarity: float
    query: AnalysedName
    candidate: AnalysedName
    reason: str | _Alignment
    cross_script: bool
    order_differs: bool = False

    @property
    def detail(self) -> str:
        """Human-readable account of the comparison (built only when asked for)."""
        text = self.reason if isinstance(self.reason, str) else self.reason.describe()
        return text + "; name order differs" if self.order_differs else text


@dataclass(frozen=True, slots=True)
class _Alignment:
    similarity: float
    inversions: int
    used_q: frozenset[int]
    used_c: frozenset[int]
    matches: tuple[tuple[Token, Token, float, str], ...]
    left_q: tuple[Token, ...]
    left_c: tuple[Token, ...]

    def describe(self) -> str:
        notes = [
            f"{a.text}~{b.text} {sim:.2f} ({why})" for a, b, sim, why in self.matches if sim < 1
        ]
        if self.left_q and self.left_c:
            notes.append(
                f"parts conflict: {' '.join(t.text for t in self.left_q)} / "
                f"{' '.join(t.text for t in self.left_c)}"
            )
        elif self.left_q or self.left_c:
            missing = " ".join(t.text for t in self.left_q + self.left_c)
            notes.append(f"parts missing on one side: {missing}")
        return "; ".join(notes) if notes else "all parts agree"


def _extra_cost(token: Token, side_cost: float, *, conflict: bool) -> float:
    # A patronymic is often simply not recorded (Latin passports omit it): cheap to miss, but
    # two different patronymics are a conflict like any other part.
    if token.kind == TokenKind.PATRONYMIC and not conflict:
        return CANDIDATE_EXTRA_COST * token.weight
    if conflict:
        return CONFLICT_COST * token.weight
    return side_cost * token.weight


class Memo:
    """Comparisons memoised for one search: token pairs and name pairs, keyed by object id.

    Analysed tokens and names are cached objects shared by every record that carries the
    same spelling, so popular names are compared once per query. The compared objects are
    kept in the values so that their ids cannot be reused while the memo lives.
    """

    __slots__ = ("merged", "names", "tokens")

    def __init__(self) -> None:
        self.tokens: dict[tuple[int, int], tuple[float, str, Token, Token]] = {}
        self.names: dict[tuple[int, int], NameComparison] = {}
        # Joined-pair variants of a name's tokens (the query's are needed for every candidate).
        self.merged: dict[int, tuple[tuple[Token, ...], list[tuple[tuple[Token, ...], int]]]] = {}


def _similarity(a: Token, b: Token, memo: Memo | None) -> tuple[float, str]:
    if memo is None:
        return token_similarity(a, b)
    key = (id(a), id(b))
    hit = memo.tokens.get(key)
    if hit is None:
        sim, why = token_similarity(a, b)
        memo.tokens[key] = (sim, why, a, b)
        return sim, why
    return hit[0], hit[1]


def _cells(
    q: tuple[Token, ...], c: tuple[Token, ...], memo: Memo | None
) -> list[tuple[float, int, int, str]]:
    """Token pairs similar enough to be aligned, as (similarity, i, j, reason)."""
    cells: list[tuple[float, int, int, str]] = []
    # The memo lookup is written out here: this loop runs for every token pair of every name
    # pair of every candidate, and a call per pair was a tenth of a search's time.
    seen = memo.tokens if memo is not None else {}
    for i, a in enumerate(q):
        id_a = id(a)
        for j, b in enumerate(c):
            key = (id_a, id(b))
            hit = seen.get(key)
            if hit is None:
                sim, why = token_similarity(a, b)
                seen[key] = (sim, why, a, b)
            else:
                sim, why = hit[0], hit[1]
            if sim >= _MATCHED_FLOOR:
                cells.append((sim, i, j, why))
    return cells


def _align(q: tuple[Token, ...], c: tuple[Token, ...], memo: Memo | None = None) -> _Alignment:
    """Greedy best-first assignment: (similarity, notes, order inversions, matched q, c)."""
    cells = _cells(q, c, memo)
    # Stable: equal similarities keep the order (i, j) they were found in.
    cells.sort(key=_first, reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[tuple[int, int]] = []
    matches: list[tuple[Token, Token, float, str]] = []
    gained = 0.0
    matched_weight = 0.0
    for sim, i, j, why in cells:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pairs.append((i, j))
        a, b = q[i], c[j]
        weight = min(a.weight, b.weight) if why == "initial" else max(a.weight, b.weight)
        gained += sim * weight
        matched_weight += weight
        matches.append((a, b, sim, why))
    left_q = tuple([t for i, t in enumerate(q) if i not in used_q])
    left_c = tuple([t for j, t in enumerate(c) if j not in used_c])
    # Parts left over on both sides contradict each other; on one side only, they are missing.
    conflict = bool(left_q) and bool(left_c)
    extra_q = 0.0
    for t in left_q:
        extra_q += _extra_cost(t, QUERY_EXTRA_COST, conflict=conflict)
    extra_c = 0.0
    for t in left_c:
        extra_c += _extra_cost(t, CANDIDATE_EXTRA_COST, conflict=conflict)
    # A record that lacks the other's *first* name (Noah Emil Pettersen / Emil Pettersen) is
    # more often a relative than the same person going by a middle name.
    if not conflict and ((0 not in used_q and len(q) > 1) or (0 not in used_c and len(c) > 1)):
        extra_q += FIRST_PART_EXTRA_COST
    denominator = matched_weight + extra_q + extra_c
    inversions = 0
    if len(pairs) > 1:
        pairs.sort()
        for k in range(len(pairs)):
            after = pairs[k][1]
            for m in range(k + 1, len(pairs)):
                if pairs[m][1] < after:
                    inversions += 1
    return _Alignment(
        gained / denominator if denominator else 0.0,
        inversions,
        frozenset(used_q),
        frozenset(used_c),
        tuple(matches),
        left_q,
        left_c,
    )


def _first(cell: tuple[float, int, int, str]) -> float:
    return cell[0]


def _merged_variants(tokens: tuple[Token, ...]) -> list[tuple[tuple[Token, ...], int]]:
    """The token list with one adjacent pair joined: "Xiao Ming" vs 小明 (``xiaoming``),
    "Chih-wei", "Mohammad Hasni" vs "Mohammadhasni"."""
    variants: list[tuple[tuple[Token, ...], int]] = []
    if len(tokens) > 6:
        return variants
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if a.script != b.script or a.script == Script.HAN:
            continue
        if TokenKind.INITIAL in (a.kind, b.kind):
            continue
        forms = tuple(dict.fromkeys(x + y for x in a.forms[:2] for y in b.forms[:2]))
        skeletons = tuple(dict.fromkeys(x + y for x in a.skeletons[:1] for y in b.skeletons[:1]))
        merged = Token(a.text + b.text, a.script, TokenKind.NAME, forms, skeletons, None, 1.0)
        variants.append(((*tokens[:i], merged, *tokens[i + 2 :]), i))
    return variants


def _memo_merged_variants(
    tokens: tuple[Token, ...], memo: Memo | None
) -> list[tuple[tuple[Token, ...], int]]:
    """``_merged_variants`` made once per search for each name (the joined tokens are then the
    same objects for every candidate, so their comparisons are memoised too)."""
    if memo is None:
        return _merged_variants(tokens)
    hit = memo.merged.get(id(tokens))
    if hit is None:
        hit = memo.merged[id(tokens)] = (tokens, _merged_variants(tokens))
    return hit[1]


def compare_names(q: AnalysedName, c: AnalysedName, memo: Memo | None = None) -> NameComparison:
    """Best of token alignment and whole-name comparison (joined forms, skeletons)."""
    if memo is not None:
        key = (id(q), id(c))
        hit = memo.names.get(key)
        if hit is None:
            hit = memo.names[key] = _compare_names(q, c, memo)
        return hit
    return _compare_names(q, c, None)


def _compare_names(q: AnalysedName, c: AnalysedName, memo: Memo | None) -> NameComparison:
    q_tokens, c_tokens = q.core_tokens, c.core_tokens
    cross = q.script != c.script
    if not q_tokens or not c_tokens:
        return NameComparison(0.0, q, c, "no comparable name parts", cross)
    best = _align(q_tokens, c_tokens, memo)
    if len(q_tokens) != len(c_tokens):
        longer_is_q = len(q_tokens) > len(c_tokens)
        longer, shorter = (q_tokens, c_tokens) if longer_is_q else (c_tokens, q_tokens)
        for variant, merged_at in _memo_merged_variants(longer, memo):
            # A join counts only where it is matched (below), so a joined part that meets no
            # part of the other name above the alignment floor needs no alignment at all.
            merged = variant[merged_at]
            if not any(
                (_similarity(merged, t, memo) if longer_is_q else _similarity(t, merged, memo))[0]
                >= _MATCHED_FLOOR
                for t in shorter
            ):
                continue
            pair = (variant, c_tokens) if longer_is_q else (q_tokens, variant)
            result = _align(*pair, memo)
            # Only a join that is itself matched counts ("Chih-wei" ~ 志伟); joining two
            # unmatched parts would merely halve their cost.
            used = result.used_q if longer_is_q else result.used_c
            if merged_at in used and result.similarity > best.similarity:
                best = result
    aligned = best.similarity
    order_penalty = 0.0
    if (
        best.inversions
        and not (q.order_free or c.order_free or q.surname_marked or c.surname_marked)
        and q.script == c.script
    ):
        order_penalty = ORDER_PENALTY * min(best.inversions, 2)
        aligned -= order_penalty
    # Whole-name comparison rescues segmentation differences, but not for Han names: their
    # one-syllable surname weighs too little in a joined string (Li/Lin Meihui).
    whole = 0.0
    if len(q_tokens) != len(c_tokens) and not (q.order_free or c.order_free):
        for x in q.joined:
            for y in c.joined:
                if min(len(x), len(y)) >= 6:
                    whole = max(whole, _lev(x, y))
        if (q.script in _ABJADS or c.script in _ABJADS) and cross:
            xs, ys = q.joined_skeleton, c.joined_skeleton
            if min(len(xs), len(ys)) >= 4:
                whole = max(whole, 0.95 * _lev(xs, ys))
    if whole > aligned:
        return NameComparison(whole, q, c, "whole-name comparison", cross)
    return NameComparison(max(aligned, 0.0), q, c, best, cross, order_penalty > 0)


def best_name_match(
    q_names: tuple[AnalysedName, ...],
    c_names: tuple[AnalysedName, ...],
    memo: Memo | None = None,
) -> NameComparison | None:
    best: NameComparison | None = None
    for q in q_names:
        for c in c_names:
            result = compare_names(q, c, memo)
            if best is None or result.similarity > best.similarity:
                best = result
                if best.similarity >= 1.0:
                    # No similarity exceeds 1, and only a greater one would replace it.
                    return best
    return best
