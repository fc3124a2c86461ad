"""Romanisation of one name token into several comparable ASCII forms (design R2.4).

Every function returns lower-case ASCII strings made of ``a-z`` only. A token gets several
forms because the same name is written differently by different systems (ICAO passports vs
BGN/PCGN vs German civil records; pinyin vs Wade-Giles vs Cantonese), and comparing a query
against all of them is cheaper and more robust than guessing which one the clerk used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from pypinyin import lazy_pinyin

from rogatory.core.matching.tables import cyrillic
from rogatory.core.matching.tables.chinese import DOUBLE_SURNAMES, SURNAMES

_NON_LETTERS = re.compile(r"[^a-z]+")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters of ``text`` (any script, through anyascii)."""
    return _NON_LETTERS.sub("", anyascii(text).lower())


# --- Latin -------------------------------------------------------------------------------

_GERMANIC_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "æ": "ae", "ø": "oe"})


def latin_forms(token: str) -> tuple[str, ...]:
    """Forms of a Latin-script token: its ASCII fold, plus the German umlaut spelling."""
    forms = [ascii_fold(token)]
    if any(ch in token for ch in "äöüæø"):
        forms.append(ascii_fold(token.translate(_GERMANIC_UMLAUTS)))
    return tuple(dict.fromkeys(f for f in forms if f))


# --- Consonant skeleton (the phonetic key) ------------------------------------------------

# Ordered digraph rewrites; single letters are mapped by _SKELETON_LETTERS afterwards.
_SKELETON_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("tsch", "X"),
    ("sch", "X"),
    ("dzh", "j"),
    ("sh", "X"),
    ("ch", "X"),
    ("zh", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("dj", "j"),
    ("ts", "s"),
    ("tz", "s"),
    ("cz", "s"),
    ("qu", "k"),
)
_SKELETON_LETTERS = str.maketrans(
    {
        "a": ".",
        "e": ".",
        "i": ".",
        "o": ".",
        "u": ".",
        "y": ".",
        "w": ".",
        "c": "k",
        "q": "k",
        "g": "j",
        "z": "s",
        "v": "f",
        "p": "b",
    }
)
_SOFT_C = re.compile(r"c(?=[eiy])")


@lru_cache(maxsize=200_000)
def latin_skeleton(form: str) -> str:
    """Vowel-free consonant-class key of an ASCII form: ``mohammed`` and ``muhamad`` give ``mhmd``.

    Classes merge the letters that Arabic script, Cyrillic schemes and European spellings
    confuse (b/p, f/v, k/c/q, g/j, s/z; soft c is s). Doubled letters collapse, but the same
    consonant on both sides of a vowel stays twice (``kaku`` gives ``kk``).
    """
    text = form
    if text.startswith("x"):
        text = "z" + text[1:]
    text = text.replace("x", "ks")
    for source, target in _SKELETON_DIGRAPHS:
        if source in text:
            text = text.replace(source, target)
    text = _SOFT_C.sub("s", text).translate(_SKELETON_LETTERS)
    return _collapse(text).replace(".", "")


def latin_skeletons(form: str) -> tuple[str, ...]:
    """The skeleton, plus variants for ambiguous spellings: without a final ``h`` after a vowel
    (tā' marbūṭa: ``Fatimah``/``Fatima``, but ``Farah``/``فرح`` keeps it), and with ``ch``
    read as k (``Christina``, German ``Dichter``) rather than sh/tsh."""
    full = latin_skeleton(form)
    out = [full]
    # Also the key with the same consonant merged across a vowel (typos: Asasd / Assad).
    merged = _collapse(full)
    if merged != full:
        out.append(merged)
    if len(form) > 2 and form.endswith("h") and form[-2] in "aeiou" and full.endswith("h"):
        out.append(full[:-1])
    if "ch" in form and "sch" not in form and "tch" not in form:
        out.append(latin_skeleton(form.replace("ch", "k")))
    return tuple(dict.fromkeys(out))


def _collapse(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


# --- Cyrillic ----------------------------------------------------------------------------


def _romanise_cyrillic(token: str, scheme: dict[str, str], *, bgn_context: bool) -> str:
    out: list[str] = []
    previous = ""
    for index, ch in enumerate(token):
        lower = ch.lower()
        if bgn_context and lower == "е" and (index == 0 or previous in cyrillic.VOWELS_AND_SIGNS):
            out.append("ye")
        elif lower in scheme:
            out.append(scheme[lower])
        elif lower in cyrillic.ICAO:
            out.append(cyrillic.ICAO[lower])
        else:
            out.append(ascii_fold(lower))
        previous = lower
    return "".join(out)


def cyrillic_forms(token: str) -> tuple[str, ...]:
    """ICAO 9303 first, then BGN/PCGN, GOST, ISO 9, Ukrainian 2010, German and French."""
    lower = token.lower()
    forms = [_romanise_cyrillic(lower, cyrillic.ICAO, bgn_context=False)]
    ukrainian = any(ch in cyrillic.UKRAINIAN_MARKERS for ch in lower)
    for name, scheme in cyrillic.SCHEMES.items():
        if name == "icao":
            continue
        if name in ("german", "french") and ukrainian:
            continue
        forms.append(_romanise_cyrillic(lower, scheme, bgn_context=name == "bgn_pcgn"))
    # Russian "-ий/-ый" endings are usually written "-y" in Latin records (Dmitriy / Dmitry).
    for form in list(forms):
        if form.endswith(("iy", "yy", "ii")) and len(form) > 4:
            forms.append(form[:-2] + "y")
    return tuple(dict.fromkeys(f for f in forms if f))


_PATRONYMIC = re.compile(
    r"(ович|евич|ьевич|ич|овна|евна|ична|инична|івна|ovich|evich|ovych|evych|ovna|evna|ivna|"
    r"yevich|ievich|ovitch|evitch|owitsch|ewitsch)$"
)


def is_patronymic(token: str) -> bool:
    """East Slavic patronymic (``Vladimirovich``, ``Петровна``); short tokens excluded."""
    return len(token) > 6 and _PATRONYMIC.search(token.lower()) is not None


# --- Arabic ------------------------------------------------------------------------------

_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_NORMALISE = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي"}
)

# Arabic letter -> skeleton class (same alphabet as ``latin_skeleton``); None drops the letter.
_ARABIC_SKELETON: dict[str, str | None] = {
    "ا": None, "و": None, "ي": None, "ء": None, "ع": None, "ة": None,
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "j", "چ": "X", "ح": "h", "خ": "k",
    "د": "d", "ذ": "d", "ر": "r", "ز": "s", "ژ": "j", "س": "s", "ش": "X", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "s", "غ": "j", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k",
    "گ": "j", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}  # fmt: skip


def normalise_arabic(token: str) -> str:
    """Strip harakat and tatweel; fold alif/hamza seats and yā' forms."""
    return _ARABIC_DIACRITICS.sub("", token).translate(_ARABIC_NORMALISE)


def arabic_skeletons(token: str) -> tuple[str, ...]:
    """Consonant skeleton of a normalised Arabic token (tā' marbūṭa dropped), plus the one
    without a final hā', which Latin spellings often omit (``عبدالله``/``Abdulla``), and the
    one keeping a leading article, which foreign names may contain (``ألتافيني``/``Altafini``)."""
    text = token.replace("تش", "ش").replace("تس", "س")
    stems = [text[2:], text] if text.startswith("ال") and len(text) > 3 else [text]
    out: list[str] = []
    for stem in stems:
        mapped = "".join(_ARABIC_SKELETON.get(ch) or "." for ch in stem)
        full = _collapse(mapped).replace(".", "")
        out.append(full)
        if len(stem) > 2 and stem[-1] == "ه" and full.endswith("h"):
            out.append(full[:-1])
    return tuple(dict.fromkeys(s for s in out if s))


def arabic_forms(token: str) -> tuple[str, ...]:
    """anyascii reading (long vowels kept, short vowels absent) of a normalised Arabic token."""
    return tuple(f for f in (ascii_fold(token),) if f)


# --- Han ---------------------------------------------------------------------------------

_WG_INITIALS: tuple[tuple[str, str], ...] = (
    ("zh", "ch"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("z", "ts"),
    ("c", "ts"),
    ("j", "ch"),
    ("q", "ch"),
    ("x", "hs"),
    ("r", "j"),
    ("b", "p"),
    ("d", "t"),
    ("g", "k"),
    ("k", "k"),
    ("h", "h"),
    ("t", "t"),
    ("p", "p"),
    ("s", "s"),
)


def wade_giles(syllable: str) -> str:
    """Approximate Wade-Giles spelling of one pinyin syllable, apostrophes dropped."""
    initial, final = "", syllable
    for source, target in _WG_INITIALS:
        if syllable.startswith(source):
            initial, final = target, syllable[len(source) :]
            break
    if final == "i" and initial in ("ch", "sh", "j") and syllable[:1] in "zcsr":
        final = "ih"
    elif final == "i" and initial == "ts":
        final = "u"
    final = final.replace("ong", "ung").replace("ian", "ien").replace("ui", "uei").replace("v", "u")
    if final == "ie" or final.endswith("ie"):
        final += "h"
    if final == "e" and initial in ("k", "h", "ch", "sh", "j"):
        final = "o"
    if syllable == "you":
        return "yu"
    if syllable == "yi":
        return "i"
    if syllable in ("zi", "ci"):
        return "tzu"
    if syllable == "si":
        return "ssu"
    if syllable == "er":
        return "erh"
    if final.endswith("ue") and initial:
        final += "h"
    if syllable == "yan":
        return "yen"
    return initial + final


def han_segment(chars: str) -> tuple[str, str]:
    """Split a Han full name into (surname, given name) using the surname table."""
    if len(chars) >= 3 and chars[:2] in DOUBLE_SURNAMES:
        return chars[:2], chars[2:]
    if len(chars) >= 2:
        return chars[:1], chars[1:]
    return chars, ""


def han_surname_forms(chars: str) -> tuple[str, ...]:
    """Pinyin (from the table when listed, since surname readings differ) and variants."""
    entry = SURNAMES.get(chars)
    pinyin = entry[0] if entry else "".join(lazy_pinyin(chars))
    forms = [pinyin, "".join(wade_giles(s) for s in lazy_pinyin(chars))]
    if entry:
        forms.extend(entry[1])
    return tuple(dict.fromkeys(_NON_LETTERS.sub("", f) for f in forms if f))


def han_given_forms(chars: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(joined forms, syllables) of a Han given name: ``xiaoming``/``hsiaoming``."""
    syllables = tuple(_NON_LETTERS.sub("", s) for s in lazy_pinyin(chars))
    joined = "".join(syllables)
    wg = "".join(wade_giles(s) for s in syllables)
    return tuple(dict.fromkeys(f for f in (joined, wg) if f)), syllables


def fold_nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
