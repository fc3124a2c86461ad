"""Per-name analysis (design R2): tokens, structure tags and romanised keys.

A name is analysed once; the result is immutable and cached by text. An index keeps the
analysis of the persons it stores (``stored.py``) and reads it back for reranking.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rogatory.core.matching import translit
from rogatory.core.matching.records import NameRole, Person
from rogatory.core.matching.scripts import Script, char_script, detect_script
from rogatory.core.matching.tables import japanese, korean
from rogatory.core.matching.tables.arabic import GIVEN_NAMES
from rogatory.core.matching.tables.chinese import SURNAMES
from rogatory.core.matching.tables.nicknames import GROUPS as NICKNAME_GROUPS
from rogatory.core.matching.tables.particles import ABD_FORMS, PARTICLES, TITLES


class TokenKind(StrEnum):
    NAME = "name"
    SURNAME = "surname"
    GIVEN = "given"
    PATRONYMIC = "patronymic"
    PARTICLE = "particle"
    INITIAL = "initial"


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed name part. ``forms`` are comparable ASCII spellings, best first."""

    text: str
    script: Script
    kind: TokenKind
    forms: tuple[str, ...]
    skeletons: tuple[str, ...]
    group: str | None
    weight: float
    nicknames: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AnalysedName:
    text: str
    role: NameRole
    script: Script
    tokens: tuple[Token, ...]
    order_free: bool
    joined: tuple[str, ...]
    joined_skeleton: str
    surname_marked: bool = False

    # Tokens that take part in alignment (particles are not evidence); set from ``tokens``.
    core_tokens: tuple[Token, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        core = tuple(t for t in self.tokens if t.kind != TokenKind.PARTICLE)
        object.__setattr__(self, "core_tokens", core)


@dataclass(frozen=True, slots=True)
class AnalysedPerson:
    person: Person
    names: tuple[AnalysedName, ...]


# --- dictionaries, indexed once --------------------------------------------------------


def _arabic_index() -> tuple[dict[str, str], dict[str, str]]:
    by_arabic: dict[str, str] = {}
    by_latin: dict[str, str] = {}
    ambiguous: set[str] = set()
    ambiguous_arabic: set[str] = set()
    for group, (arabic, latin) in GIVEN_NAMES.items():
        for form in arabic:
            key = translit.normalise_arabic(form).replace(" ", "")
            if by_arabic.setdefault(key, group) != group:
                ambiguous_arabic.add(key)
        for spelling in latin:
            key = re.sub(r"[^a-z]", "", spelling)
            if by_latin.setdefault(key, group) != group:
                ambiguous.add(key)
    # A spelling of two names (Kamel: Kamal or Kamil; Salah: Salah or Salih) names no group:
    # it is compared by its spelling and skeleton instead.
    for key in ambiguous:
        del by_latin[key]
    # So is one Arabic spelling of two names without vowels (عمران: Imran or Umran).
    for key in ambiguous_arabic:
        del by_arabic[key]
    return by_arabic, by_latin


_GROUP_BY_ARABIC, _GROUP_BY_LATIN = _arabic_index()


def _nickname_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for group, spellings in NICKNAME_GROUPS.items():
        for spelling in spellings:
            index.setdefault(spelling, []).append(group)
    return {k: tuple(v) for k, v in index.items()}


_NICKNAMES = _nickname_index()
_PARTICLES_FOLDED = frozenset(translit.normalise_arabic(p) for p in PARTICLES)
_TITLES_FOLDED = frozenset(translit.normalise_arabic(t) for t in TITLES)
# Arabic-style particles (article, nasab, kunya): particles wherever they stand.
_NASAB = frozenset(
    (
        "al", "el", "ul", "ad", "ar", "as", "at", "az", "an", "bin", "ben", "ibn", "ibni",
        "bint", "binti", "bte", "bn", "abu", "abou", "abo", "umm", "um", "ould", "wuld",
        "walad", "ag", "bou",
    )
)  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u")
_HANGUL = re.compile("[\u1100-\u11ff\uac00-\ud7af]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./\\,;:()\[\]{}\"«»<>・·•|+&*#@!?0-9]+")
_APOSTROPHES = re.compile(r"['’‘`ʿʾʼʻ´]")


_LEET = re.compile(r"(?<=[^\W\d_])[01345789](?=[^\W\d_])")
_LEET_MAP = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}


def _unleet(match: re.Match[str]) -> str:
    """Digits inside a word are keying errors for letters (``Ig0r Sech1n``)."""
    return _LEET_MAP[match.group(0)]


def _group_for_forms(forms: tuple[str, ...]) -> str | None:
    for form in forms:
        group = _GROUP_BY_LATIN.get(form)
        if group is not None:
            return group
    return None


def _make_token(text: str, script: Script, kind: TokenKind, forms: tuple[str, ...]) -> Token:
    ch_as_k = script != Script.THAI
    skeletons = tuple(
        dict.fromkeys(s for f in forms for s in translit.latin_skeletons(f, ch_as_k=ch_as_k))
    )
    group = _group_for_forms(forms)
    return _finish(text, script, kind, forms, skeletons, group)


def _finish(
    text: str,
    script: Script,
    kind: TokenKind,
    forms: tuple[str, ...],
    skeletons: tuple[str, ...],
    group: str | None,
) -> Token:
    if kind == TokenKind.PARTICLE:
        weight = 0.2
    elif kind == TokenKind.INITIAL:
        weight = 0.5
    elif kind == TokenKind.PATRONYMIC:
        weight = 0.6
    else:
        weight = 1.0
    nicknames = frozenset(g for f in forms[:2] for g in _NICKNAMES.get(f, ()))
    return Token(text, script, kind, forms, skeletons, group, weight, nicknames)


@lru_cache(maxsize=300_000)
def analyse_token(raw: str, script: Script) -> Token | None:
    """Analyse one whitespace-free token of a known script; None for titles and noise."""
    text = raw.casefold()
    if script == Script.ARABIC:
        return _arabic_token(text)
    if script == Script.CYRILLIC:
        if text in TITLES:
            return None
        kind = TokenKind.PARTICLE if text in PARTICLES else TokenKind.NAME
        if translit.is_patronymic(text):
            kind = TokenKind.PATRONYMIC
        return _make_token(text, script, kind, translit.cyrillic_forms(text))
    if script == Script.LATIN:
        forms = translit.latin_forms(text)
        if not forms or forms[0] in TITLES:
            return None
        if forms[0] in PARTICLES:
            kind = TokenKind.PARTICLE
        elif len(forms[0]) == 1:
            kind = TokenKind.INITIAL
        elif translit.is_patronymic(forms[0]):
            kind = TokenKind.PATRONYMIC
        else:
            kind = TokenKind.NAME
        return _make_token(text, script, kind, forms)
    if script == Script.KANA:
        forms = translit.japanese_forms(translit.kana_to_wapuro(text))
        return _make_token(text, script, TokenKind.NAME, forms) if forms else None
    if script == Script.HANGUL:
        return _hangul_token(text, segment=False)[0]
    if script == Script.HEBREW:
        if text in _HEBREW_PARTICLES:
            # בן / בת (son / daughter of): Ben-Gurion, Ben David.
            return _finish(text, script, TokenKind.PARTICLE, _HEBREW_PARTICLES[text], (), None)
        forms = translit.hebrew_forms(text)
        if not forms:
            return None
        skeletons = tuple(
            dict.fromkeys(
                (
                    *translit.hebrew_skeletons(text),
                    *(s for f in forms for s in translit.latin_skeletons(f)),
                )
            )
        )
        return _finish(text, script, TokenKind.NAME, forms, skeletons, None)
    reader = _OTHER_SCRIPT_FORMS.get(script)
    forms = reader(text) if reader else translit.latin_forms(translit.ascii_fold(text))
    if not forms:
        return None
    return _make_token(text, script, TokenKind.NAME, forms)


_HEBREW_PARTICLES = {"בן": ("ben",), "בת": ("bat",)}
_OTHER_SCRIPT_FORMS = {
    Script.GREEK: translit.greek_forms,
    Script.DEVANAGARI: translit.indic_forms,
    Script.BENGALI: translit.indic_forms,
    Script.THAI: translit.thai_forms,
    Script.ARMENIAN: translit.armenian_forms,
}


def _hangul_part(chars: str, kind: TokenKind) -> Token:
    forms = translit.hangul_forms(chars)
    if kind == TokenKind.SURNAME:
        forms = tuple(dict.fromkeys((*korean.SURNAMES[chars], *forms)))
    return _make_token(chars, Script.HANGUL, kind, forms)


@lru_cache(maxsize=100_000)
def _hangul_token(word: str, *, segment: bool) -> tuple[Token, ...]:
    """A Hangul word: a surname, a given name, or (``segment``, when the whole name is one
    word) a full name split after its surname (``김민준``: 김 + 민준, ``남궁민수``: 남궁 + 민수)."""
    if segment and len(word) >= 3 and word[:2] in korean.DOUBLE_SURNAMES:
        return _hangul_part(word[:2], TokenKind.SURNAME), _hangul_part(word[2:], TokenKind.GIVEN)
    if segment and len(word) >= 2 and word[0] in korean.SURNAMES:
        return _hangul_part(word[0], TokenKind.SURNAME), _hangul_part(word[1:], TokenKind.GIVEN)
    if word in korean.SURNAMES:
        return (_hangul_part(word, TokenKind.SURNAME),)
    return (_hangul_part(word, TokenKind.GIVEN if len(word) > 1 else TokenKind.NAME),)


def _arabic_token(text: str) -> Token | None:
    norm = translit.normalise_arabic(text)
    if not norm or norm in _TITLES_FOLDED:
        return None
    if norm in _PARTICLES_FOLDED:
        return _finish(
            norm, Script.ARABIC, TokenKind.PARTICLE, (translit.ascii_fold(norm),), (), None
        )
    group = _GROUP_BY_ARABIC.get(norm) or _GROUP_BY_ARABIC.get(translit.sorani_vowels_dropped(norm))
    stem = norm
    # The article "al-" glued to a family name ("الهاشمي"); "الله" is part of theophoric names.
    if group is None and norm.startswith("ال") and len(norm) > 3 and not norm.endswith("له"):
        stem = norm[2:]
        group = _GROUP_BY_ARABIC.get(stem)
    forms = list(translit.arabic_forms(stem))
    if group is not None:
        forms.append(GIVEN_NAMES[group][1][0])
    if not forms:
        # A name written with alifs alone (ا, آ, ٱ after normalising) has no consonant for the
        # romaniser to keep; read it as the vowel it carries, an initial "a". Any other token
        # without a reading (a lone hamza, marks) is noise: a token without forms would break
        # every later step that reads its first form.
        if set(norm) != {"ا"}:
            return None
        return _make_token(norm, Script.ARABIC, TokenKind.INITIAL, ("a",))
    skeletons = list(translit.arabic_skeletons(norm if group is None else stem))
    if group is not None:
        skeletons.extend(translit.latin_skeleton(s) for s in GIVEN_NAMES[group][1][:3])
    return _finish(
        norm,
        Script.ARABIC,
        TokenKind.NAME,
        tuple(dict.fromkeys(f for f in forms if f)),
        tuple(dict.fromkeys(s for s in skeletons if s)),
        group,
    )


def _japanese_split(chunk: str) -> tuple[str, str] | None:
    """(surname, given name) of kanji that open with a Japanese surname; the given name is
    empty when the kanji are the surname alone (佐藤 in 佐藤さくら)."""
    for size in range(min(japanese.LONGEST_SURNAME, len(chunk)), 0, -1):
        if chunk[:size] in japanese.SURNAMES and (size < len(chunk) or size > 1):
            return chunk[:size], chunk[size:]
    return None


def _looks_japanese(surname: str, given: str, *, kana: bool) -> bool:
    """A Japanese segmentation is used when kana is present, when the given name is a known
    Japanese one, or when a several-character Japanese surname does not open with a Chinese
    surname (佐藤, 鈴木) or leaves a long given name: 田中华 stays Chinese (田 + 中华),
    田中健 reads Tanaka Ken."""
    if kana or given in japanese.GIVEN_NAMES:
        return True
    if len(surname) < 2:
        return False
    return surname[0] not in SURNAMES or len(surname) + len(given) >= 4


def _japanese_forms(readings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for reading in readings for f in translit.japanese_forms(reading))


def _han_tokens(chunks: list[str], *, kana: bool = False) -> list[Token]:
    """Chinese or Japanese name in Han characters. Japanese names get their Japanese readings
    first and keep the pinyin keys; a Chinese name whose surname is also a Japanese one (林)
    gets the Japanese reading after its Chinese ones."""
    tokens: list[Token] = []
    japanese_name = False
    if len(chunks) == 1:
        split = _japanese_split(chunks[0])
        if split is not None and _looks_japanese(*split, kana=kana):
            japanese_name = True
            parts = [(split[0], True), (split[1], False)] if split[1] else [(split[0], True)]
        else:
            surname, given = translit.han_segment(chunks[0])
            parts = [(surname, True), (given, False)] if given else [(surname, True)]
    else:
        first = chunks[0]
        japanese_name = first in japanese.SURNAMES and (
            first not in SURNAMES or kana or any(c in japanese.GIVEN_NAMES for c in chunks[1:])
        )
        parts = [
            (chunk, index == 0 and (chunk in SURNAMES or japanese_name))
            for index, chunk in enumerate(chunks)
        ]
    for chars, is_surname in parts:
        if is_surname:
            forms = translit.han_surname_forms(chars)
            kind = TokenKind.SURNAME
            readings = _japanese_forms(japanese.SURNAMES.get(chars, ()))
        else:
            forms, _ = translit.han_given_forms(chars)
            kind = TokenKind.GIVEN
            readings = _japanese_forms(japanese.GIVEN_NAMES.get(chars, ())) if japanese_name else ()
        if readings:
            forms = (*readings, *forms) if japanese_name else (*forms, *readings)
            forms = tuple(dict.fromkeys(forms))
        skeletons = tuple(dict.fromkeys(translit.latin_skeleton(f) for f in forms))
        tokens.append(_finish(chars, Script.HAN, kind, forms, skeletons, None))
    return tokens


def _split_scripts(word: str) -> list[tuple[str, Script]]:
    """Split a word where the script changes (``Путин/Putin`` written without a space)."""
    if word.isascii():
        return [(word, Script.LATIN)]
    runs: list[tuple[str, Script]] = []
    for ch in word:
        script = char_script(ch) or (runs[-1][1] if runs else Script.LATIN)
        if runs and runs[-1][1] == script:
            runs[-1] = (runs[-1][0] + ch, script)
        else:
            runs.append((ch, script))
    return runs


_DIN_PARTS = frozenset(("din", "dine", "deen", "ddin", "ddine", "eddin", "eddine", "uddin"))
# The article between the parts of a compound, as the Latin spellings write it, assimilated
# to a sun letter or not (Abd-ur-Rahman, Nizam-ud-Din, Shams-ud-Duha, Abd-us-Salam).
_DIN_INFIXES = frozenset(
    ("al", "el", "ad", "ed", "ud", "ul", "uz", "ur", "us", "ar", "as", "az", "at", "an", "un")
)


def _din_compound(tokens: list[Token], index: int) -> tuple[Token, int] | None:
    """``Nur al-Din`` / ``Nour Eddine`` / ``نور الدين``: one known compound name (noureddine),
    joined only when the compound is in the name table; returns the token and the next index."""
    token = tokens[index]
    if token.kind == TokenKind.PARTICLE or index + 1 >= len(tokens):
        return None
    if token.script == Script.ARABIC:
        if tokens[index + 1].text not in ("الدين", "دين"):
            return None
        merged = analyse_token(token.text + "الدين", Script.ARABIC)
        if merged is None:
            return None
        return merged, index + 2
    if token.script != Script.LATIN:
        return None
    nxt, infix = index + 1, ""
    if tokens[nxt].forms[0] in _DIN_INFIXES and nxt + 1 < len(tokens):
        infix = tokens[nxt].forms[0]
        nxt += 1
    if nxt >= len(tokens) or tokens[nxt].forms[0] not in _DIN_PARTS:
        return None
    joined = token.forms[0] + infix + tokens[nxt].forms[0]
    group = _GROUP_BY_LATIN.get(joined)
    # Every "-al-Din" honorific is one name part, listed or not: Nizam-ud-Din, Nizamuddin and
    # نظام الدين must meet as one part, whichever script writes it apart.
    forms = (joined, token.forms[0] + "uddin") if group is None else (joined,)
    skeletons = tuple(dict.fromkeys(s + "dn" for s in token.skeletons[:1]))
    return _finish(
        joined, Script.LATIN, TokenKind.NAME, tuple(dict.fromkeys(forms)), skeletons, group
    ), nxt + 1


def _join_theophoric(tokens: list[Token]) -> list[Token]:
    """Join Latin ``Abdul Rahman`` / ``Abd al-Rahman`` into one token (``abdulrahman``)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.script == Script.LATIN and token.forms[0] in ABD_FORMS and index + 1 < len(tokens):
            nxt = index + 1
            infix = ""
            if (
                tokens[nxt].kind == TokenKind.PARTICLE or tokens[nxt].forms[0] in _DIN_INFIXES
            ) and nxt + 1 < len(tokens):
                infix = tokens[nxt].forms[0]
                nxt += 1
            rest = tokens[nxt]
            joined = token.forms[0] + infix + rest.forms[0]
            # Skeleton per part: joining must not create digraphs ("abd"+"hur" is not "dh").
            skeletons = tuple(
                dict.fromkeys(
                    token.skeletons[0] + skel for skel in rest.skeletons if rest.skeletons
                )
            )
            group = _GROUP_BY_LATIN.get(joined)
            out.append(_finish(joined, Script.LATIN, TokenKind.NAME, (joined,), skeletons, group))
            index = nxt + 1
            continue
        din = _din_compound(tokens, index)
        if din is not None:
            out.append(din[0])
            index = din[1]
            continue
        if token.script == Script.ARABIC and token.text == "عبد" and index + 1 < len(tokens):
            merged = analyse_token("عبد" + tokens[index + 1].text, Script.ARABIC)
            if merged is not None:
                out.append(merged)
                index += 2
                continue
        suffixed = _suffix_compound(out, token)
        if suffixed is not None:
            out[-1] = suffixed
            index += 1
            continue
        out.append(token)
        index += 1
    return out


# Second parts that make one name with the part before them, written joined in one script
# and apart (or hyphenated) in the other: the theophoric "-ullah" (Habibullah, Habib Ullah,
# حبيب الله), the Pashtun tribal "-zai" (son of: Ahmadzai, Ahmad Zai, احمدزی) and "-khel"
# (clan: Sulemankhel), and the Persian "-zada"/"-zadeh" (born of: Hassanzadeh, Hasan Zada,
# حسن‌زاده). Arabic-script parts are folded (normalise_arabic) before the lookup.
_LATIN_SUFFIXES = frozenset(
    (
        "ullah", "allah", "ollah", "illah", "zai", "zay", "zoy", "khel", "khail", "kheil",
        "kheyl", "khil", "zada", "zadah", "zadeh", "zade", "zoda", "zodah",
    )
)  # fmt: skip
# Not "Alla", "Ulla" (Russian and Nordic given names: IVANOVA Alla) nor "Zi" (a Chinese
# syllable).
_ARABIC_SUFFIXES = frozenset(("الله", "زي", "خيل", "زاده", "زادة"))
# "Zai" is also a Chinese given syllable (王仔 Wang Zai): never joined after a Han surname.
_HAN_SURNAME_SPELLINGS = frozenset(
    form for chars in SURNAMES for form in translit.han_surname_forms(chars)
)


def _suffix_compound(out: list[Token], token: Token) -> Token | None:
    """``out[-1]`` and ``token`` as one name part when ``token`` is a compound ending."""
    if not out or token.script != out[-1].script:
        return None
    head = out[-1]
    if head.kind in (TokenKind.PARTICLE, TokenKind.INITIAL) or head.script == Script.HAN:
        return None
    if token.script == Script.ARABIC:
        if token.text not in _ARABIC_SUFFIXES:
            return None
        return analyse_token(head.text + token.text, Script.ARABIC)
    if token.script != Script.LATIN or token.forms[0] not in _LATIN_SUFFIXES:
        return None
    if token.forms[0] in ("zai", "zay") and head.forms[0] in _HAN_SURNAME_SPELLINGS:
        return None
    joined = head.forms[0] + token.forms[0]
    merged = analyse_token(joined, Script.LATIN)
    if merged is None:
        return None
    return _finish(
        head.text + token.text,
        Script.LATIN,
        TokenKind.NAME,
        merged.forms,
        merged.skeletons,
        merged.group,
    )


@lru_cache(maxsize=200_000)
def analyse_name(text: str, role: NameRole = NameRole.PRIMARY) -> AnalysedName:
    """Tokenise, drop titles, tag particles/patronymics/Han structure and romanise."""
    clean = unicodedata.normalize("NFKC", text).strip()
    script = detect_script(clean)
    # "FAMILY, Given" is a register convention: read it in the natural order.
    if clean.count(",") == 1 and script in (Script.LATIN, Script.CYRILLIC):
        family, given = (part.strip() for part in clean.split(","))
        # Only a short family part before the comma; "X, 1st baron Y" is not inverted.
        if family and given and len(family.split()) <= 3 and not any(c.isdigit() for c in clean):
            clean = f"{given} {family}"
    clean = _APOSTROPHES.sub("", clean)
    clean = _LEET.sub(_unleet, clean)
    words = clean.split()
    # "PUTIN Vladimir": an upper-case word among mixed-case ones marks the family name, so the
    # order of the parts carries no signal.
    surname_marked = (
        script in (Script.LATIN, Script.CYRILLIC)
        and any(w.isupper() and len(w) > 1 for w in words)
        and any(not w.isupper() for w in words)
    )
    tokens: list[Token] = []
    # Compound position of each token: parts of one hyphenated word ("Shu-chen", "I-chun")
    # are syllables of one given name, so they are kept even when they repeat another part
    # ("Chen Shu-chen") and a one-letter part is a syllable, not an initial.
    origins: list[int] = []
    han_chunks: list[str] = []
    kana = False
    hangul_words = 0
    if not clean.isascii():
        hangul_words = sum(1 for w in words if any(_HANGUL.match(c) for c in w))
    for word_index, spaced in enumerate(clean.split()):
        parts = [p for p in _SEPARATORS.split(spaced) if p]
        compound = len(parts) > 1 and "-" in spaced and "." not in spaced
        for part_index, word in enumerate(parts):
            for run, run_script in _split_scripts(word):
                if run_script == Script.HAN:
                    han_chunks.append(run)
                    continue
                kana = kana or run_script == Script.KANA
                if run_script == Script.HANGUL:
                    for part in _hangul_token(run.casefold(), segment=hangul_words == 1):
                        tokens.append(part)
                        origins.append(-1)
                    continue
                token = analyse_token(run, run_script)
                if token is None:
                    continue
                if compound and (
                    (token.kind == TokenKind.INITIAL and token.forms[0] in _VOWELS)
                    or (
                        token.kind == TokenKind.PARTICLE
                        # A syllable of a hyphenated given name (Ji-an, Da-eun), not a particle:
                        # an Arabic article or nasab particle opens its compound (al-Rahman).
                        and (token.forms[0] not in _NASAB or part_index == len(parts) - 1)
                    )
                ):
                    token = _finish(
                        token.text,
                        token.script,
                        TokenKind.NAME,
                        token.forms,
                        token.skeletons,
                        token.group,
                    )
                tokens.append(token)
                origins.append(word_index if compound else -1)
    # A Romance particle opening the name is a family name there ("Le Shu-fen", "Da Silva" is
    # kept too): only Arabic-style particles stay particles in first position.
    if tokens and tokens[0].kind == TokenKind.PARTICLE and tokens[0].forms[0] not in _NASAB:
        first = tokens[0]
        tokens[0] = _finish(
            first.text, first.script, TokenKind.NAME, first.forms, first.skeletons, first.group
        )
    # A particle never closes a name: a last one is a family name (Amit Das, Maria Da).
    if (
        len(tokens) > 1
        and tokens[-1].kind == TokenKind.PARTICLE
        and tokens[-1].script != Script.ARABIC
    ):
        last = tokens[-1]
        tokens[-1] = _finish(
            last.text, last.script, TokenKind.NAME, last.forms, last.skeletons, last.group
        )
    unique: dict[tuple[str, TokenKind, int], Token] = {}
    for token, origin in zip(tokens, origins, strict=True):
        unique.setdefault((token.text, token.kind, origin), token)
    tokens = list(unique.values())
    if han_chunks:
        tokens = _han_tokens(han_chunks, kana=kana) + tokens
    tokens = _join_theophoric(tokens)
    return assemble_name(text, role, script, tuple(tokens), surname_marked=surname_marked)


def assemble_name(
    text: str,
    role: NameRole,
    script: Script,
    tokens: tuple[Token, ...],
    *,
    surname_marked: bool,
) -> AnalysedName:
    """The analysed name of ``text`` from its analysed parts (also how an index reads back
    the analysis it stored)."""
    # East Asian names are written family name first at home and often given name first
    # abroad: the order of the parts carries no signal.
    order_free = script in (Script.HAN, Script.HANGUL, Script.KANA)
    # Every part is read by its first form: a part without one (never made by the analysers,
    # but an index may read back an analysis stored by an older version) is left out.
    tokens = tuple(t for t in tokens if t.forms)
    core = [t for t in tokens if t.kind != TokenKind.PARTICLE] or list(tokens)
    joined = ["".join(t.forms[0] for t in core)]
    if order_free and len(core) > 1:
        joined.append("".join(t.forms[0] for t in reversed(core)))
        joined.append("".join(t.forms[min(1, len(t.forms) - 1)] for t in reversed(core)))
    joined_skeleton = "".join(t.skeletons[0] for t in core if t.skeletons)
    return AnalysedName(
        text=text,
        role=role,
        script=script,
        tokens=tokens,
        order_free=order_free,
        joined=tuple(dict.fromkeys(joined)),
        joined_skeleton=joined_skeleton,
        surname_marked=surname_marked,
    )


def analyse_person(person: Person) -> AnalysedPerson:
    names = tuple(analyse_name(n.text, n.role) for n in person.names)
    return AnalysedPerson(person, tuple(n for n in names if n.tokens))
