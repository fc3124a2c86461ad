"""Script detection for names (design R2.1)."""

from __future__ import annotations

from enum import StrEnum


class Script(StrEnum):
    LATIN = "latin"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"
    HAN = "han"
    HANGUL = "hangul"
    KANA = "kana"
    GREEK = "greek"
    ARMENIAN = "armenian"
    GEORGIAN = "georgian"
    HEBREW = "hebrew"
    DEVANAGARI = "devanagari"
    BENGALI = "bengali"
    THAI = "thai"
    OTHER = "other"


_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x024F, Script.LATIN),
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0530, 0x058F, Script.ARMENIAN),
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0x0900, 0x097F, Script.DEVANAGARI),
    (0x0980, 0x09FF, Script.BENGALI),
    (0x0E00, 0x0E7F, Script.THAI),
    (0x10A0, 0x10FF, Script.GEORGIAN),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x1F00, 0x1FFF, Script.GREEK),
    # 々, the mark that repeats the character before it (佐々木 = 佐佐木), is part of a Han name.
    (0x3005, 0x3005, Script.HAN),
    (0x3040, 0x30FF, Script.KANA),
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xAC00, 0xD7AF, Script.HANGUL),
    (0xF900, 0xFAFF, Script.HAN),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0x20000, 0x3134F, Script.HAN),
)


def char_script(ch: str) -> Script | None:
    """The script of one letter, or None for digits, punctuation and marks."""
    if not ch.isalpha():
        return None
    code = ord(ch)
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    return Script.OTHER


def detect_script(text: str) -> Script:
    """The majority script of the letters in ``text`` (LATIN when there are none)."""
    if text.isascii():
        return Script.LATIN
    counts: dict[Script, int] = {}
    for ch in text:
        script = char_script(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.LATIN
    return max(counts.items(), key=lambda item: item[1])[0]
