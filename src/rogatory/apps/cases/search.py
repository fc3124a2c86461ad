"""Normalisation of case text into search terms (shared by indexing and querying).

Words are NFKC-normalised and case-folded; Latin diacritics are dropped, and words in other
scripts also get an ASCII form, so that "Иванов" is found by "ivanov" and "José" by "jose".

Names of persons (and the words of the text) are also indexed under the keys of the matching
engine's analysis (`core.matching.analysis.analyse_name`), so that a name is found as people
type it: with or without its particles ("Al-Husseini", "husseini"), in another spelling of the
same name ("Mohamed" for "Mohammed", through the part's group, a term prefixed with "=") and in
another script ("عبدالله" for "عبد الله", through the romanised forms, which are plain words).
Identity document numbers are indexed normalised (case, spaces, dashes, O/0 and I/1).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii

from rogatory.core.matching.analysis import AnalysedName, Token, TokenKind, analyse_name
from rogatory.core.matching.records import normalise_document_number

MAX_TERM = 48
# Prefixes of the keys that are not words of the text (see the module docstring).
NAME_GROUP = "="
MAX_QUERY = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "has",
        "have",
        "had",
        "not",
        "are",
        "but",
        "into",
        "his",
        "her",
        "its",
        "their",
        "them",
        "they",
        "which",
        "who",
        "whom",
        "whose",
        "les",
        "des",
        "une",
        "est",
        "pour",
        "par",
        "dans",
        "sur",
        "con",
        "los",
        "las",
        "del",
        "por",
        "para",
        "una",
    ]
)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _word_terms(word: str) -> set[str]:
    word = unicodedata.normalize("NFKC", word).casefold()
    out = {word, _fold(word)}
    if not word.isascii():
        ascii_form = re.sub(r"[^0-9a-z]", "", anyascii(word).lower())
        if ascii_form:
            out.add(ascii_form)
    if _HAN.search(word):
        # Han text has no spaces: every character is a term, so a surname alone is found.
        out.update(c for c in word if _HAN.match(c))
    return {t[:MAX_TERM] for t in out if t}


def text_terms(texts: Iterable[str], *, min_length: int = 2) -> set[str]:
    terms: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text or ""):
            if word.casefold() in _STOP:
                continue
            terms.update(t for t in _word_terms(word) if len(t) >= min_length or _HAN.match(t))
    return terms


def reference_terms(reference: str) -> set[str]:
    """A reference is also searchable whole, without its separators."""
    compact = re.sub(r"\W", "", reference).casefold()
    return text_terms([reference], min_length=1) | ({compact[:MAX_TERM]} if compact else set())


def _safe_analysis(text: str) -> AnalysedName | None:
    # A name the analysis cannot read must not stop a case from being saved or a search from
    # answering: such a name is still found by its words.
    try:
        return analyse_name(text[:MAX_QUERY])
    except Exception:  # any failure of the analysis degrades to words only
        return None


def _parts(text: str) -> list[Token]:
    """The analysed parts of a name, particles ("al", "van", "da") left out."""
    analysed = _safe_analysis(text) if text.strip() else None
    return [t for t in analysed.tokens if t.kind != TokenKind.PARTICLE] if analysed else []


def _key(token: Token) -> str | None:
    """The one key a query looks a name part up by: its group of spellings if it has one
    ("Mohamed", "Muhammad" and "محمد" share a group), otherwise its best romanised form, which
    every spelling and script of the part is also indexed under."""
    if token.group:
        return (NAME_GROUP + token.group)[:MAX_TERM]
    return token.forms[0][:MAX_TERM] if token.forms and token.forms[0] else None


def name_terms(names: Iterable[str]) -> set[str]:
    """The analysis keys of names: every romanised form of each part, and its group."""
    terms: set[str] = set()
    for name in names:
        for token in _parts(name or ""):
            terms.update(f[:MAX_TERM] for f in token.forms if f)
            if token.group:
                terms.add((NAME_GROUP + token.group)[:MAX_TERM])
    return terms


def _document_key(number: str) -> str:
    # Lower case, so that a number without separators is the same term as the word typed.
    return normalise_document_number(number).lower()[:MAX_TERM]


def document_terms(numbers: Iterable[str]) -> set[str]:
    """Identity document numbers, whatever their case, spaces and dashes."""
    return {key for key in (_document_key(n) for n in numbers if n) if key}


def case_terms_of(
    *,
    references: Iterable[str],
    texts: Iterable[str],
    names: Iterable[str],
    documents: Iterable[str],
) -> set[str]:
    """Every search term of one case (the writer and the bulk demo-data loader share it).

    Each word of the text is also indexed under the keys of its analysis, so that a query part
    is looked up by one key whether the case holds it in a name or in the facts.
    """
    names = [n for n in names if n]
    texts = [t for t in texts if t]
    terms: set[str] = set()
    for reference in references:
        if reference:
            terms |= reference_terms(reference)
    # Numbers are words of their own, not names (the analysis reads "4" in a name as "a").
    words = {
        w
        for t in texts
        for w in _WORD.findall(t)
        if w.casefold() not in _STOP and not any(c.isdigit() for c in w)
    }
    return (
        terms
        | text_terms([*texts, *names])
        | name_terms(names)
        | name_terms(words)
        | document_terms(documents)
    )


@dataclass(frozen=True, slots=True)
class Unit:
    """One part of a query: a case matches it when it holds any of its terms (most often
    just one, so the database reads one posting list already in case order). `prefix` is
    the plain word, completed as a prefix if the part is the last and still being typed."""

    terms: frozenset[str]
    prefix: str | None


_REFERENCE_LIKE = re.compile(r"[\w]+([/\-.][\w]+)+")
_HAS_DIGIT = re.compile(r"\S*\d\S*")


def _is_one_number(q: str) -> bool:
    """A reference or document number, typed with or without separators ("ES-2024/17",
    "P 123-45 67"): every chunk has a digit, or is a letter prefix of one or two characters.
    A hyphenated name ("Al-Husseini") has no digit and is read as a name."""
    chunks = q.split()
    if not chunks or not any(c.isdigit() for c in q):
        return False
    if len(chunks) == 1:
        return bool(_REFERENCE_LIKE.fullmatch(q))
    return all(
        _REFERENCE_LIKE.fullmatch(c)
        or (c.isalnum() and (any(d.isdigit() for d in c) or len(c) <= 2))
        for c in chunks
    )


def _primary(word: str) -> str:
    return _fold(unicodedata.normalize("NFKC", word).casefold())[:MAX_TERM]


def _number_unit(text: str) -> Unit:
    """A reference (its compact form) or a document number (its normalised form)."""
    compact = re.sub(r"\W", "", text).casefold()[:MAX_TERM]
    terms = {t for t in (compact, _document_key(text)) if t}
    return Unit(frozenset(terms), compact or None)


def _word_unit(word: str) -> Unit:
    primary = _primary(word)
    return Unit(frozenset({primary}), primary)


def query_units(q: str) -> list[Unit]:
    """The units of a query, in the order typed.

    A reference or document number typed with separators ("ES-2024/17", "P 123-45 67") is one
    unit, and so is each word with digits. The rest is read as a name by the matching engine:
    each part is one unit, looked up by its key (`_key`), so the same unit finds the part in a
    name in any spelling or script, and in the text. Particles and common words do not have to
    match, unless nothing else was typed.
    """
    q = q.strip()[:MAX_QUERY]
    if _is_one_number(q):
        return [_number_unit(q)]
    units = [_number_unit(w) for w in _HAS_DIGIT.findall(q)]
    rest = _HAS_DIGIT.sub(" ", q)
    named: list[Unit] = []
    for token in _parts(rest):
        key = _key(token)
        if key is None or token.text.casefold() in _STOP:
            continue
        plain = _primary(token.text) if token.text.isascii() else (token.forms or ("",))[0]
        named.append(Unit(frozenset({key}), plain or None))
    if not named:
        # Only particles or common words (or words the analysis does not read): take them as
        # typed.
        named = [_word_unit(w) for w in _WORD.findall(rest) if _primary(w)]
    units.extend(u for u in named if u.terms)
    return list(dict.fromkeys(units))


def script_of(text: str) -> str:
    """The dominant script of a name: latin, cyrillic, arabic, han, or other."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = (
            "latin"
            if name.startswith("LATIN")
            else "cyrillic"
            if name.startswith("CYRILLIC")
            else "arabic"
            if name.startswith("ARABIC")
            else "han"
            if name.startswith("CJK")
            else "other"
        )
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""
