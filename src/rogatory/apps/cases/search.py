"""Normalisation of case text into search terms (shared by indexing and querying).

Words are NFKC-normalised and case-folded; Latin diacritics are dropped, and words in other
scripts also get an ASCII form, so that "Иванов" is found by "ivanov" and "José" by "jose".
"""

import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

MAX_TERM = 48
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


def query_terms(q: str) -> list[str]:
    """The words of a query, in order, each in its primary normalised form."""
    compact = q.strip()
    if re.fullmatch(r"[\w]+([/\-.][\w]+)+", compact):
        return [re.sub(r"\W", "", compact).casefold()[:MAX_TERM]]
    out: list[str] = []
    for word in _WORD.findall(q):
        norm = unicodedata.normalize("NFKC", word).casefold()
        if _HAN.search(norm) and len(norm) > 1:
            out.extend(c for c in norm if _HAN.match(c))
            continue
        term = _fold(norm)[:MAX_TERM]
        if term and term not in out:
            out.append(term)
    return out


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
