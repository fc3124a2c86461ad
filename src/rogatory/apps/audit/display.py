"""The changed values of an audit event, as lines a person reads (the stored JSON stays whole).

Long values are cut for the table (the chain keeps them in full and `rogatory audit` prints
them); a change is written "before → after".
"""

from typing import Any

MAX_VALUE_CHARS = 160
MAX_LINES = 12


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "—"
    if isinstance(value, dict):
        if set(value) == {"from", "to"}:
            return f"{_text(value['from'])} → {_text(value['to'])}"
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def change_lines(changes: Any) -> list[tuple[str, str]]:
    """(field, value) pairs: nested before/after records flattened one level."""
    if not isinstance(changes, dict):
        return [("", _cut(_text(changes)))] if changes else []
    lines: list[tuple[str, str]] = []
    for key, value in changes.items():
        if key in ("before", "after") and isinstance(value, dict):
            continue
        lines.append((str(key).replace("_", " "), _cut(_text(value))))
    before, after = changes.get("before"), changes.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            if before.get(key) != after.get(key):
                text = f"{_text(before.get(key))} → {_text(after.get(key))}"
                lines.append((str(key).replace("_", " "), _cut(text)))
    return lines[:MAX_LINES]
