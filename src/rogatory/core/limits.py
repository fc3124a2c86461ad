"""Bounds on free text: a reason, a note, a communication or an offence's description.

Each is written into the append-only audit chain and sent to the other State, so an unbounded
text (a 5 MB "reason") would stay in every copy of the chain forever (issue 14 finding 11).
10,000 characters is about four printed pages: more than any reason or note needs; longer
material goes in as a document.
"""

from rogatory.core.errors import DomainError

MAX_FREE_TEXT = 10_000


def bounded_text(value: str, field: str, max_length: int = MAX_FREE_TEXT) -> str:
    """The text unchanged, or DomainError("field.too_long") before anything is written."""
    if len(value) > max_length:
        raise DomainError("field.too_long", field=field, max_length=max_length)
    return value
