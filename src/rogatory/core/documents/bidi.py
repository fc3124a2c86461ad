"""The base direction of entered text, as HTML's dir="auto" finds it (Unicode TR 9, rules
P2-P3): the first strong character decides. Renderers that do not implement dir="auto" (WeasyPrint,
Word) get the answer as an explicit direction, so that a Latin sentence in an Arabic letter keeps
its full stop on its right and an Arabic name in an English letter reads right to left."""

import unicodedata

_RTL = frozenset({"R", "AL"})


_ISOLATE_OPENERS = frozenset({"LRI", "RLI", "FSI"})


def text_direction(text: str, default: str = "ltr") -> str:
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        # P2: characters between an isolate initiator and its matching PDI are skipped.
        if kind in _ISOLATE_OPENERS:
            depth += 1
            continue
        if kind == "PDI":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if kind == "L":
            return "ltr"
        if kind in _RTL:
            return "rtl"
    return default
