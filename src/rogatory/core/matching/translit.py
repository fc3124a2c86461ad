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
from opencc import OpenCC
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
    """Forms of a Latin-script token: its ASCII fold, plus the German umlaut spelling and, for
    an inner ``x``, the ``ks`` that every Cyrillic and Greek scheme writes (Alexey / Aleksey)."""
    forms = [ascii_fold(token)]
    if any(ch in token for ch in "äöüæø"):
        forms.append(ascii_fold(token.translate(_GERMANIC_UMLAUTS)))
    forms.extend(turkish_variants(token))
    for form in list(forms):
        if "x" in form[1:]:
            forms.append(form[0] + form[1:].replace("x", "ks"))
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
    # The aspirates of South Asian names (Bhatti, Jhangvi), written without h in Arabic script.
    ("bh", "b"),
    ("jh", "j"),
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
    return collapse_repeats(text).replace(".", "")


def latin_skeletons(form: str, *, ch_as_k: bool = True) -> tuple[str, ...]:
    """The skeleton, plus variants for ambiguous spellings: without a final ``h`` after a vowel
    (tā' marbūṭa: ``Fatimah``/``Fatima``, but ``Farah``/``فرح`` keeps it), and with ``ch``
    read as k (``Christina``, German ``Dichter``) rather than sh/tsh, unless ``ch_as_k`` is
    false: a romanisation that writes k as k and kh (Thai ช is ch, ค kh)."""
    full = latin_skeleton(form)
    out = [full]
    # Also the key with the same consonant merged across a vowel (typos: Asasd / Assad).
    merged = collapse_repeats(full)
    if merged != full:
        out.append(merged)
    if len(form) > 2 and form.endswith("h") and form[-2] in "aeiou" and full.endswith("h"):
        out.append(full[:-1])
    if ch_as_k and "ch" in form and "sch" not in form and "tch" not in form:
        out.append(latin_skeleton(form.replace("ch", "k")))
    return tuple(dict.fromkeys(out))


def collapse_repeats(text: str) -> str:
    """``text`` with each run of one letter written once (``mrrs`` gives ``mrs``)."""
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
        if bgn_context and lower == "е":
            # BGN/PCGN writes "ye" only at the start and after a vowel or sign, else "e".
            out.append("ye" if index == 0 or previous in cyrillic.VOWELS_AND_SIGNS else "e")
        elif lower in scheme:
            out.append(scheme[lower])
        elif lower in cyrillic.ICAO:
            out.append(cyrillic.ICAO[lower])
        else:
            out.append(ascii_fold(lower))
        previous = lower
    return "".join(out)


def _unwritten_yo(token: str) -> list[str]:
    """Russian spellings of ``token`` with one of its last two inner е read as ё.

    Russian print leaves ё as е (Семенов, Соловьев) while Latin records keep the sound
    (Semyonov, Solovyov), so each of those е may stand for ё.
    """
    positions = [
        i
        for i, ch in enumerate(token)
        if ch == "е"
        and 0 < i < len(token) - 1
        and token[i - 1] not in cyrillic.VOWELS_AND_SIGNS - {"ь", "ъ"}
        and token[i + 1] not in cyrillic.VOWELS_AND_SIGNS | {"й"}
    ]
    return [token[:i] + "ё" + token[i + 1 :] for i in positions[-2:]]


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
    if not ukrainian:
        for spelling in _unwritten_yo(lower):
            forms.append(_romanise_cyrillic(spelling, cyrillic.BGN_PCGN, bgn_context=True))
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

# Harakat, Quranic marks, tatweel, and the zero-width (non-)joiners that Persian, Dari and
# Urdu put inside compounds (گل‌محمد, حسن‌زاده): the joined spelling is the same name.
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]")
# Letters of the Persian, Dari, Pashto, Urdu and Kurdish (Sorani) alphabets folded to the
# Arabic letter for the nearest sound, so that one name in two orthographies is one string:
# Persian/Urdu yeh and keheh, Urdu bari yeh (ے), gol heh (ہ), heh with hamza (ۀ, the ezafe
# after a final heh) and do-chashmi heh (ھ, the aspiration mark of بھ, چھ); the retroflex
# ٹ ڈ ڑ (Urdu) and ټ ډ ړ (Pashto) to t d r; noon ghunna ں and Pashto ڼ to n; Pashto ګ to
# gaf, ږ to zhe, ښ to sheen (x in Kandahar, sh in Peshawar), ځ to z (dz), څ to s (ts),
# ۍ and ې to yeh; Sorani ڕ (trilled r), ڵ (velar l). Sorani writes its vowels: ۆ (o) is
# folded to waw and ێ (ê) to yeh; ە (e/a) stays, a vowel like alif (see _ARABIC_SKELETON).
_ARABIC_NORMALISE = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ؤ": "و",
        "ئ": "ي", "ے": "ي", "ۓ": "ي", "ہ": "ه", "ۀ": "ه", "ھ": "ه",
        "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن", "ټ": "ت", "ډ": "د", "ړ": "ر", "ڼ": "ن",
        "ګ": "گ", "ږ": "ژ", "ښ": "ش", "ځ": "ز", "څ": "س", "ۍ": "ي", "ې": "ي", "ڕ": "ر",
        "ڵ": "ل", "ۆ": "و", "ێ": "ي", "ۇ": "و", "ۈ": "و",
    }
)  # fmt: skip

# Arabic letter -> skeleton class (same alphabet as ``latin_skeleton``); None drops the letter.
_ARABIC_SKELETON: dict[str, str | None] = {
    "ا": None, "و": None, "ي": None, "ء": None, "ع": None, "ة": None, "ە": None,
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "j", "چ": "X", "ح": "h", "خ": "k",
    "د": "d", "ذ": "d", "ر": "r", "ز": "s", "ژ": "j", "س": "s", "ش": "X", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "s", "غ": "j", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k",
    "گ": "j", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}  # fmt: skip


def normalise_arabic(token: str) -> str:
    """Strip harakat and tatweel; fold alif/hamza seats and yā' forms, and the letters of the
    Persian, Dari, Pashto, Urdu and Sorani alphabets (``_ARABIC_NORMALISE``)."""
    text = _ARABIC_DIACRITICS.sub("", token)
    if text.startswith("ئ"):
        # Sorani (and Uyghur) open every vowel-initial word with a hamza seat: an alif there.
        text = "ا" + text[1:]
    return text.translate(_ARABIC_NORMALISE)


def sorani_vowels_dropped(token: str) -> str:
    """A normalised token without the Sorani vowel letter ە, which Arabic spelling leaves
    unwritten (ڕەحیم is رحيم): the key for the given-name table."""
    return token.replace("ە", "")


def arabic_skeletons(token: str) -> tuple[str, ...]:
    """Consonant skeleton of a normalised Arabic token (tā' marbūṭa dropped), plus the one
    without a final hā', which Latin spellings often omit (``عبدالله``/``Abdulla``), and the
    one keeping a leading article, which foreign names may contain (``ألتافيني``/``Altafini``)."""
    text = token.replace("تش", "ش").replace("تس", "س")
    stems = [text[2:], text] if text.startswith("ال") and len(text) > 3 else [text]
    out: list[str] = []
    for stem in stems:
        mapped = "".join(_ARABIC_SKELETON.get(ch) or "." for ch in stem)
        full = collapse_repeats(mapped).replace(".", "")
        out.append(full)
        if len(stem) > 2 and stem[-1] == "ه" and full.endswith("h"):
            out.append(full[:-1])
        # Urdu writes aspirated consonants with do-chashmi heh (بھ, دھ, چھ: Bhatti, Chaudhry)
        # and Latin spellings often drop the h, as they read Arabic ث ذ as t d: a key without
        # an h after a consonant (فتحي is also Fati, چودھری Chaudry).
        # Persian, Dari, Pashto and Urdu reading of the Arabic letters: ث is s, ذ ض ظ are z
        # (Saqib, Zabihullah, Rezaei, Nazar), ق is gh (Ghasemi), and waw before a vowel
        # letter, opening the word or closing it after alif is v (Vali, Navid, Mousavi,
        # Khoshnav).
        # Urdu keeps ق as q (Saqib, Qureshi): a reading with it and one without.
        for reading in (_URDU_READING, _PERSIAN_READING):
            persian = _PERSIAN_WAW.sub("ڤ", stem).translate(reading)
            if persian != stem:
                mapped = "".join(_ARABIC_SKELETON.get(ch) or "." for ch in persian)
                out.append(collapse_repeats(mapped).replace(".", ""))
        if "ال" in stem[2:]:
            # The article inside a compound is elided or assimilated in Latin spellings
            # (يوسفالدين Yousufuddin, عبدالرحمن Abdurrahman).
            inner = stem[:2] + stem[2:].replace("ال", "")
            mapped = "".join(_ARABIC_SKELETON.get(ch) or "." for ch in inner)
            out.append(collapse_repeats(mapped).replace(".", ""))
        aspirate = _ASPIRATED.sub(r"\1", stem)
        if aspirate != stem:
            mapped = "".join(_ARABIC_SKELETON.get(ch) or "." for ch in aspirate)
            out.append(collapse_repeats(mapped).replace(".", ""))
    return tuple(dict.fromkeys(s for s in out if s))


_URDU_READING = str.maketrans({"ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز"})
_PERSIAN_READING = str.maketrans({"ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ق": "غ"})
_PERSIAN_WAW = re.compile("^و|و(?=[اويهە])|(?<=ا)و$")
# Heh after a consonant that Urdu aspirates (folded from do-chashmi heh; ح is never one).
_ASPIRATED = re.compile("([بپتثجچدذرزژكگ])ه")


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


_JAPANESE_TO_TRADITIONAL = OpenCC("jp2t")
_TO_SIMPLIFIED = OpenCC("t2s")


@lru_cache(maxsize=100_000)
def han_fold(chars: str) -> str:
    """Han characters in one writing, through OpenCC's tables: Japanese shinjitai to the
    traditional forms, then traditional to simplified. 楊麗華 and 杨丽华 give 杨丽华, 沢 and 澤
    give 泽, 桜井 and 櫻井 give 樱井: one name in Taiwan's, the mainland's and Japan's writing.
    The iteration mark 々 is written out (佐々木 is 佐佐木)."""
    spelled: list[str] = []
    for ch in chars:
        spelled.append(spelled[-1] if ch == "々" and spelled else ch)
    return str(_TO_SIMPLIFIED.convert(_JAPANESE_TO_TRADITIONAL.convert("".join(spelled))))


def same_hangul_surname(a: str, b: str) -> bool:
    """One Korean surname in North and South Korean spelling (the South's initial-sound rule).

    Before i or a y-vowel the South drops an initial ㄹ or ㄴ: 리/이 (Lee), 량/양 (Yang), 녀/여.
    Before any other vowel it writes ㄹ as ㄴ: 로/노 (Roh), 라/나 (Ra/Na). 로 and 오 are two
    surnames: nothing turns one into the other.
    """
    if a == b:
        return True
    if len(a) != len(b) or len(a) != 1:
        return False
    ja, jb = hangul_jamo(a), hangul_jamo(b)
    if ja is None or jb is None or ja[1:] != jb[1:]:
        return False
    initials = {ja[0], jb[0]}
    if ja[1] in _Y_MEDIALS:
        return initials <= {_RIEUL, _NIEUN, _SILENT}
    return initials <= {_RIEUL, _NIEUN}


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


# --- Hangul ------------------------------------------------------------------------------

_HANGUL_BASE = 0xAC00
# Initial consonants ㄴ, ㄹ and ㅇ (silent), the ones the initial-sound rule turns into each
# other, by their index in the precomposed syllable block (Unicode's jamo order).
_NIEUN, _RIEUL, _SILENT = 2, 5, 11
# ya, yae, yeo, ye, yo, yu, i: the vowels before which the initial ㄹ and ㄴ fall silent.
_Y_MEDIALS = frozenset({2, 3, 6, 7, 12, 17, 20})
_HANGUL_LAST = 0xD7A3


def _jamo_table(spellings: str) -> tuple[str, ...]:
    """Space-separated spellings, ``-`` for none (the silent initial, the absent final)."""
    return tuple("" if s == "-" else s for s in spellings.split())


# Revised Romanization (2000) and McCune-Reischauer (breves and apostrophes dropped), per jamo.
_RR_INITIALS = _jamo_table("g kk n d tt r m b pp s ss - j jj ch k t p h")
_MR_INITIALS = _jamo_table("k kk n t tt r m p pp s ss - ch tch ch k t p h")
_RR_MEDIALS = _jamo_table("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_MR_MEDIALS = _jamo_table("a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i")
# Spellings seen in passports and in the press beside the two systems (Joon, Hyun, Hee, Soo).
_POPULAR_MEDIALS = _jamo_table("a ae ya yae u e yu ye o wa wae oe yo oo wo we wi yu eu ee i")
_RR_FINALS = _jamo_table("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")


def hangul_jamo(syllable: str) -> tuple[int, int, int] | None:
    """(initial, medial, final) indices of a precomposed Hangul syllable, or None."""
    code = ord(syllable) - _HANGUL_BASE
    if not 0 <= code <= _HANGUL_LAST - _HANGUL_BASE:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _hangul_syllable_spellings(syllable: str) -> tuple[str, str, str, str]:
    """(Revised Romanization, McCune-Reischauer, popular, MR consonants with popular vowels)
    spellings of one syllable, read as names are written: syllable by syllable, without
    assimilation across syllables (Chung-hee, Jung-hee, Jeong-hui, Chong-hui)."""
    jamo = hangul_jamo(syllable)
    if jamo is None:
        folded = ascii_fold(syllable)
        return folded, folded, folded, folded
    initial, medial, final = jamo
    coda = _RR_FINALS[final]
    rr = _RR_INITIALS[initial] + _RR_MEDIALS[medial] + coda
    mr_initial = _MR_INITIALS[initial]
    if mr_initial == "s" and _RR_MEDIALS[medial] in ("i", "wi", "ya", "yeo", "yo", "yu", "ye"):
        mr_initial = "sh"
    mr = mr_initial + _MR_MEDIALS[medial] + coda
    popular_medial = _POPULAR_MEDIALS[medial]
    if medial == 17 and coda in ("", "n", "ng"):
        popular_medial = "yoo"  # 윤 Yoon, 유 Yoo
    if medial in (13, 17) and coda not in ("", "n", "ng"):
        # 국 Kuk, 숙 Suk: "oo" only in open or nasal syllables.
        popular_medial = popular_medial.replace("oo", "u")
    if medial == 4 and not coda:
        popular_medial = "eo"  # 서 Seo: "u" is for closed syllables (Jun, Hyun, Sung)
    popular = _RR_INITIALS[initial] + popular_medial + coda
    return rr, mr, popular, mr_initial + popular_medial + coda


@lru_cache(maxsize=50_000)
def hangul_forms(word: str) -> tuple[str, ...]:
    """Forms of a Hangul name part: Revised Romanization, McCune-Reischauer and the popular
    spelling, each syllable spelled the same way; then mixed forms where one syllable takes
    another spelling (``Minjun``/``Minjoon``/``Minchun``)."""
    spellings = [_hangul_syllable_spellings(ch) for ch in word]
    forms = ["".join(s[k] for s in spellings) for k in range(4)]
    if 1 < len(spellings) <= 3:
        for index, options in enumerate(spellings):
            for option in options[1:]:
                mixed = [s[0] for s in spellings]
                mixed[index] = option
                forms.append("".join(mixed))
    return tuple(dict.fromkeys(_NON_LETTERS.sub("", f) for f in forms if f))


# --- Kana (Hepburn) ----------------------------------------------------------------------

_KANA_MONO: dict[str, str] = dict(
    zip(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよ"
        "らりるれろわゐゑをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽぁぃぅぇぉゔ",
        _jamo_table(
            "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no "
            "ha hi fu he ho ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n "
            "ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po "
            "a i u e o vu"
        ),
        strict=True,
    )
)
_KANA_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def _to_hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def kana_to_wapuro(text: str) -> str:
    """Kana-faithful romanisation (``さとう`` gives ``satou``, ``ゆうこ`` ``yuuko``): long vowels
    spelled out as in the kana, the small tsu doubling the next consonant, the prolonged sound
    mark repeating the vowel before it. ``japanese_forms`` derives the usual spellings."""
    kana = _to_hiragana(text)
    out: list[str] = []
    geminate = False
    for index, ch in enumerate(kana):
        if ch in ("っ", "ッ"):
            geminate = True
            continue
        if ch == "ー":
            vowel = next((c for c in reversed("".join(out)) if c in "aeiou"), "")
            out.append(vowel)
            continue
        if ch in _KANA_SMALL_Y and out:
            previous = out.pop()
            stem = previous[:-1]
            if stem.endswith(("sh", "ch", "j")):
                out.append(stem + _KANA_SMALL_Y[ch])
            else:
                out.append(stem + "y" + _KANA_SMALL_Y[ch])
            continue
        if ch in "ぁぃぅぇぉ" and out and index > 0:
            # Small vowels in loanwords (ファ fa, ティ ti): replace the syllable's vowel.
            previous = out.pop()
            stem = previous[:-1] if previous[-1:] in "aeiou" and len(previous) > 1 else previous
            out.append(stem + _KANA_MONO[ch])
            continue
        syllable = _KANA_MONO.get(ch)
        if syllable is None:
            syllable = ascii_fold(ch)
        if geminate and syllable:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            geminate = False
        out.append(syllable)
    return "".join(out)


_LONG_O = re.compile(r"o[ou](?![aeiou])")
_LONG_U = re.compile(r"uu(?![aeiou])")


def japanese_forms(wapuro: str) -> tuple[str, ...]:
    """Spellings of a Japanese reading given kana-faithfully (``satou``, ``oono``, ``yuuko``):
    passport Hepburn without long vowels (Sato, Ono, Yuko), the kana spelling (Satou, Yuuko),
    the ``oh`` spelling (Satoh, Ohno), macron-free ``oo`` and ``m`` before labials (Homma)."""
    text = _NON_LETTERS.sub("", wapuro.lower())
    hepburn = _LONG_U.sub("u", _LONG_O.sub("o", text)).replace("aa", "a").replace("ee", "e")
    forms = [hepburn, text, _LONG_U.sub("u", _LONG_O.sub("oh", text))]
    forms.append(_LONG_U.sub("u", _LONG_O.sub("oo", text)))
    labial = re.sub(r"n(?=[bmp])", "m", hepburn)
    forms.append(labial)
    return tuple(dict.fromkeys(f for f in forms if f))


# --- Scripts beyond the six ---------------------------------------------------------------
# anyascii reads these letter by letter; where that is wrong for names, the rules below follow
# the published romanisations (ELOT 743 and the UN's Greek system; Hebrew as Israeli
# passports write it; Hunterian for Devanagari and Bengali; RTGS for Thai) and the popular
# spellings beside them.

# Greek: ELOT 743 digraphs first (ου is u, αυ/ευ are av/ev or af/ef, μπ/ντ/γκ are b/d/g at
# the start of a word), then one letter each; η, ι, υ, ει, οι are all i in speech.
_GREEK_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("ηυ", "iv"), ("ει", "ei"), ("οι", "oi"),
    ("αι", "ai"), ("γγ", "ng"), ("γκ", "gk"), ("γξ", "nx"), ("γχ", "nch"), ("μπ", "mp"),
    ("ντ", "nt"), ("τσ", "ts"), ("τζ", "tz"),
)  # fmt: skip
_GREEK_LETTERS = str.maketrans(
    {
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
        "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
        "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
        "ω": "o",
    }
)  # fmt: skip


def greek_forms(token: str) -> tuple[str, ...]:
    """ELOT 743 (``Giorgos Papadopoulos``), with the popular variants: ``Yiorgos`` (γι, γε
    as y), ``ou`` as u, b/d/g for word-initial μπ/ντ/γκ (``Bakoyannis``, ``Dimitris``),
    ``ch`` as h or kh (``Hristos``, ``Khristos``), ``ei``/``oi``/``y`` as i."""
    base = "".join(
        ch for ch in unicodedata.normalize("NFD", token.lower()) if not unicodedata.combining(ch)
    )
    text = base
    for source, target in _GREEK_DIGRAPHS:
        text = text.replace(source, target)
    elot = _NON_LETTERS.sub("", text.translate(_GREEK_LETTERS))
    forms = [elot]
    popular = elot
    for source, target in (("mp", "b"), ("nt", "d"), ("gk", "g")):
        if popular.startswith(source):
            popular = target + popular[len(source) :]
    popular = popular.replace("gk", "g").replace("mp", "mb").replace("nt", "nd")
    forms.append(popular)
    forms.append(re.sub("g(?=[ie])", "y", popular))
    forms.append(re.sub("g(?=[ie])", "y", re.sub("gi(?=[aeou])", "y", popular)))
    forms.append(popular.replace("ou", "u").replace("ei", "i").replace("oi", "i"))
    if "ch" in elot:
        forms.extend((elot.replace("ch", "h"), elot.replace("ch", "kh")))
    if "y" in elot:
        forms.append(elot.replace("y", "i"))
    if "av" in elot or "ev" in elot:
        forms.append(elot.replace("av", "af").replace("ev", "ef"))
    return tuple(dict.fromkeys(f for f in forms if f))


# Hebrew: consonants with the vowels Hebrew spelling leaves unwritten. ו is v, o or u and
# י is y or i: the skeleton drops them as it drops Arabic و and ي; ב, כ, פ are b/v, k/kh,
# p/f by pronunciation, one class each in the skeleton (b~v and p~f are merged there).
_HEBREW_LETTERS = str.maketrans(
    {
        "א": "", "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ו": "o", "ז": "z", "ח": "ch",
        "ט": "t", "י": "i", "כ": "k", "ך": "ch", "ל": "l", "מ": "m", "ם": "m", "נ": "n",
        "ן": "n", "ס": "s", "ע": "", "פ": "p", "ף": "f", "צ": "tz", "ץ": "tz", "ק": "k",
        "ר": "r", "ש": "sh", "ת": "t",
    }
)  # fmt: skip
_HEBREW_SKELETON: dict[str, str | None] = {
    "א": None, "ב": "b", "ג": "j", "ד": "d", "ה": "h", "ו": None, "ז": "s", "ח": "h",
    "ט": "t", "י": None, "כ": "k", "ך": "k", "ל": "l", "מ": "m", "ם": "m", "נ": "n",
    "ן": "n", "ס": "s", "ע": None, "פ": "b", "ף": "f", "צ": "s", "ץ": "s", "ק": "k",
    "ר": "r", "ש": "X", "ת": "t",
}  # fmt: skip
_HEBREW_POINTS = re.compile("[\u0591-\u05c7]")


def hebrew_forms(token: str) -> tuple[str, ...]:
    """Consonantal readings of a Hebrew name: ו as o and as v, י as i and as y (``לוי``:
    ``loi``, ``levi`` via the skeleton ``lv``). Vowels are guessed by nobody: the skeleton
    (``hebrew_skeletons``) carries the comparison, as for Arabic."""
    text = _HEBREW_POINTS.sub("", token)
    first = _NON_LETTERS.sub("", text.translate(_HEBREW_LETTERS))
    second = _NON_LETTERS.sub(
        "", text.replace("ו", "v").replace("י", "y").translate(_HEBREW_LETTERS)
    )
    return tuple(dict.fromkeys(f for f in (first, second, ascii_fold(text)) if f))


def hebrew_skeletons(token: str) -> tuple[str, ...]:
    """The consonant skeleton, plus one with ו read as v (``לוי`` Levi, ``דוד`` David) and
    one without a final ה (a vowel there: ``שרה`` Sara)."""
    text = _HEBREW_POINTS.sub("", token)
    out: list[str] = []
    for variant in (text, text.replace("ו", "ב")):
        mapped = "".join(_HEBREW_SKELETON.get(ch) or "." for ch in variant)
        full = collapse_repeats(mapped).replace(".", "")
        out.append(full)
        if variant.endswith("ה") and full.endswith("h"):
            out.append(full[:-1])
    # ב is b or v (Avraham, David), ש is sh or s (sin: Sara, Yisrael).
    out.extend([s.replace("b", "f") for s in out if "b" in s])
    out.extend([s.replace("X", "s") for s in out if "X" in s])
    return tuple(dict.fromkeys(s for s in out if s))


# Devanagari and Bengali: anyascii writes each consonant without its inherent vowel (राम ram,
# शर्मा srma). Names keep it inside the word (Sharma, Kamal) and drop it at the end; the
# sibilants श ष (শ ষ) are sh, not s.
_INDIC_VIRAMA = frozenset(("\u094d", "\u09cd"))
_ANUSVARA = frozenset(("\u0902", "\u0982"))
_INDIC_SH = str.maketrans({"श": "sh", "ष": "sh", "শ": "sh", "ষ": "sh"})


def _indic_consonant(ch: str) -> bool:
    return (
        "\u0915" <= ch <= "\u0939"
        or "\u0995" <= ch <= "\u09b9"
        or ch in "\u095c\u095d\u09dc\u09dd\u09df"
    )


def indic_forms(token: str) -> tuple[str, ...]:
    """Devanagari or Bengali name part with inherent vowels: ``शर्मा`` Sharma, ``सुरेश``
    Suresh, ``কমল`` Kamal; also the Bengali ``o`` for the inherent vowel (``Komol``)."""
    spelled: list[str] = []
    for index, ch in enumerate(token):
        reading = ch.translate(_INDIC_SH)
        following = token[index + 1] if index + 1 < len(token) else ""
        if ch in _ANUSVARA:
            # The nasal before a consonant: n, and ng before h (सिंह Singh).
            reading = "ng" if following in ("ह", "হ") else "n"
        spelled.append(reading if reading != ch else anyascii(ch))
        if _indic_consonant(ch) and following and _indic_consonant(following):
            spelled.append("a")
    first = _NON_LETTERS.sub("", "".join(spelled).lower())
    forms = [first, ascii_fold(token)]
    if any("\u0980" <= ch <= "\u09ff" for ch in token):
        forms.append(first.replace("a", "o"))
    return tuple(dict.fromkeys(f for f in forms if f))


# Thai: the vowels เ แ โ ใ ไ are written before the consonant they follow in speech; RTGS
# writes จ as ch, popular spellings as j (Jaidee); a final ย is i (Somchai).
_THAI_LEADING = frozenset("เแโใไ")
# A consonant (with its vowel marks) under the thanthakhat ์ is not pronounced (ศักดิ์ sak).
_THAI_SILENT = re.compile("[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4b]*\u0e4c")


# Thai consonants, and those that also spell a vowel between two consonants (ว ua, อ o, ย).
_THAI_CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))
_THAI_VOWEL_CARRIERS = frozenset("วอย")
# RTGS reads a syllable-final consonant by its class: ก ข ค ฆ k, the dentals and sibilants t,
# บ ป พ ฟ ภ p, ร ล ญ ณ n (ศรีสุข Srisuk, ศักดิ์ Sak, พร Phon).
_THAI_FINALS = str.maketrans(
    {
        **dict.fromkeys("กขคฆ", "k"),
        **dict.fromkeys("จชซฎฏฐฑฒดตถทธศษส", "t"),
        **dict.fromkeys("บปพฟภ", "p"),
        **dict.fromkeys("รลญณฬ", "n"),
    }
)
# ร after จ ซ ศ ส is not pronounced (ศรี si, สร้อย soi) and ทร is s (ทราย sai): RTGS follows
# the sound, passports often the letters (Sri, Srisuk).
_THAI_SILENT_R = re.compile("(?<=[จซศส])ร")


def _thai_reorder(text: str) -> str:
    chars = list(text)
    index = 0
    while index < len(chars) - 1:
        if chars[index] in _THAI_LEADING and chars[index + 1] not in _THAI_LEADING:
            chars[index], chars[index + 1] = chars[index + 1], chars[index]
            index += 1
        index += 1
    return "".join(chars)


def _thai_implicit_o(text: str) -> str:
    """The inherent ``o`` of a closed syllable written with two bare consonants (สม som,
    ชน chon, สมพร somphon): a consonant opening a syllable, followed by one that carries no
    vowel."""
    out: list[str] = []
    # ``pending``: the next consonant closes the syllable; ``closed``: the previous one did.
    pending = closed = False
    for index, ch in enumerate(text):
        out.append(ch)
        is_final, pending = pending, False
        opens = (
            ch in _THAI_CONSONANTS
            and not is_final
            and (index == 0 or text[index - 1] not in _THAI_CONSONANTS or closed)
        )
        closed = is_final
        after = text[index + 1 : index + 3]
        if (
            opens
            and after[:1]
            and after[0] in _THAI_CONSONANTS
            and after[0] not in _THAI_VOWEL_CARRIERS
            and (len(after) == 1 or after[1] in _THAI_CONSONANTS)
        ):
            out.append("o")
            pending = True
    return "".join(out)


def _thai_romanise(text: str) -> str:
    rtgs = ascii_fold(text)
    return rtgs[:-1] + "i" if rtgs.endswith("ay") else rtgs


def thai_forms(token: str) -> tuple[str, ...]:
    """RTGS-like reading with the leading vowels after their consonant and the inherent ``o``
    of a closed syllable (``สมชาย`` somchai, ``ใจดี`` chaidi), the popular ``j`` for จ
    (Jaidee), the final consonant by its class (``ศรีสุข`` srisuk), the silent ร of a cluster
    dropped (Sisuk), and the letters as written for the transliterated spellings of passports
    (``ชินวัตร`` Shinawatra: the final ร kept, read ``ra``)."""
    # The thanthakhat ์ silences the letter it stands on (ประยุทธ์ Prayut).
    written = _thai_reorder(_THAI_SILENT.sub("", token))
    # A final ร after a consonant that closes a syllable is silent (ชินวัตร Chinnawat, เพชร
    # Phet); after a bare consonant it is the final n (สมพร Somphon).
    spoken = _thai_implicit_o(re.sub("(?<=[\u0e30-\u0e4e][\u0e01-\u0e2e])ร$", "", written))
    lettered = spoken + "ร" if len(spoken) < len(written) else spoken
    if spoken and spoken[-1] in _THAI_CONSONANTS and len(spoken) > 2:
        spoken_final = spoken[:-1] + spoken[-1].translate(_THAI_FINALS)
    else:
        spoken_final = spoken
    variants = [spoken, spoken.replace("จ", "j"), spoken_final]
    variants.append(_THAI_SILENT_R.sub("", spoken_final).replace("ทร", "ซ"))
    if spoken != lettered:
        variants.append(lettered + "a")
    forms = [_NON_LETTERS.sub("", _thai_romanise(v)) for v in variants]
    return tuple(dict.fromkeys(f for f in forms if f))


def armenian_forms(token: str) -> tuple[str, ...]:
    """anyascii (``Petrosyan``), and the ``-ian`` of Western Armenian and French records
    (``Petrossian``, ``Aznavourian``)."""
    first = ascii_fold(token)
    forms = [first]
    if first.endswith("yan"):
        forms.append(first[:-3] + "ian")
    return tuple(dict.fromkeys(f for f in forms if f))


_TURKISH = str.maketrans({"ş": "sh", "ç": "ch", "ğ": "", "ı": "i", "ö": "o", "ü": "u"})


def turkish_variants(token: str) -> tuple[str, ...]:
    """English and German spellings of Turkish letters (Şükrü Shukru, Çelik Chelik, Doğan
    Doan), beside the plain fold ``ascii_fold`` gives (Sukru, Celik, Dogan)."""
    if not any(ch in token for ch in "şçğı"):
        return ()
    return (ascii_fold(token.lower().translate(_TURKISH)),)
