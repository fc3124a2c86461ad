"""Cyrillic romanisation tables.

Source/basis: written for Rogatory from the published rules of ICAO Doc 9303 (machine readable
travel documents, 7th edition, transliteration of Cyrillic), BGN/PCGN 1947 (Russian) and the
Ukrainian national system of 2010 (KMU resolution 55), GOST 7.79-2000 system B and ISO 9:1995
(here folded to ASCII), plus the German and French conventions seen in European civil records.
Licence: Apache-2.0 (our own work).

Each scheme maps one lower-case Cyrillic letter to its Latin rendering. Letters missing from a
scheme fall back to the ICAO table. Context rules (BGN/PCGN "ye" after vowels, etc.) are applied
in ``rogatory.core.matching.translit``.
"""

from typing import Final

ICAO: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Ukrainian, Belarusian, Serbian, Macedonian, Kazakh letters.
    "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "ђ": "d", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz", "ә": "a", "ғ": "g",
    "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
}  # fmt: skip

BGN_PCGN: Final[dict[str, str]] = {
    "е": "ye", "ё": "yo", "й": "y", "х": "kh", "ц": "ts", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ї": "yi", "є": "ye",
}  # fmt: skip

GOST_B: Final[dict[str, str]] = {
    "ё": "yo", "й": "j", "х": "x", "ц": "cz", "щ": "shh", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ї": "yi", "є": "ye",
}  # fmt: skip

ISO9_ASCII: Final[dict[str, str]] = {
    "ж": "z", "й": "j", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "u", "я": "a", "ё": "e", "ї": "i", "є": "e",
}  # fmt: skip

UKRAINIAN_2010: Final[dict[str, str]] = {
    "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "iu", "я": "ia", "ь": "",
}  # fmt: skip

GERMAN: Final[dict[str, str]] = {
    "в": "w", "ж": "sh", "з": "s", "й": "j", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "ю": "ju", "я": "ja", "ё": "jo", "е": "e",
    "э": "e",
}  # fmt: skip

FRENCH: Final[dict[str, str]] = {
    "ж": "j", "у": "ou", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch",
    "ъ": "", "ы": "y", "ь": "", "ю": "iou", "я": "ia", "й": "i", "ё": "io",
}  # fmt: skip

SCHEMES: Final[dict[str, dict[str, str]]] = {
    "icao": ICAO,
    "bgn_pcgn": BGN_PCGN,
    "gost_b": GOST_B,
    "iso9": ISO9_ASCII,
    "ukrainian": UKRAINIAN_2010,
    "german": GERMAN,
    "french": FRENCH,
}

# Letters that only occur in Ukrainian among the East Slavic alphabets.
UKRAINIAN_MARKERS: Final[frozenset[str]] = frozenset("іїєґ")

# Vowels after which BGN/PCGN writes е as "ye" (and at the start of a word).
VOWELS_AND_SIGNS: Final[frozenset[str]] = frozenset("аеёиоуыэюяіїєъь")
