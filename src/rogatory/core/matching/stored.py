"""The analysis of stored names, kept in the index so that reranking does not redo it.

Analysing a candidate's names (tokenising, romanising, skeletons) was about a fifth of a
screen's reranking time, done again for every retrieved candidate not in the cache. The index
stores each person's analysed names instead: the distinct name parts once, in a numbered token
table, and per record the parts of each name by number. Reading a candidate back is then a
lookup, and the parts it shares with other records are the same objects (so the comparison memo
of a search hits across candidates).

The stored analysis is only as good as the code that made it: ``ANALYSIS_FINGERPRINT`` digests
that code and the romanisation libraries' versions, and an index built under another
fingerprint is refused on load (rebuild it), never silently read with stale keys.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata, resources
from typing import Any

from rogatory.core.matching.analysis import (
    AnalysedName,
    AnalysedPerson,
    Token,
    TokenKind,
    assemble_name,
)
from rogatory.core.matching.records import Document, Name, NameRole, PartialDate, Person
from rogatory.core.matching.scripts import Script

# The modules whose behaviour decides an analysis, and the libraries they romanise with.
_ANALYSIS_MODULES = ("analysis.py", "translit.py", "scripts.py")
_ANALYSIS_LIBRARIES = ("anyascii", "opencc", "pypinyin")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    package = resources.files("rogatory.core.matching")
    sources = [package.joinpath(name) for name in _ANALYSIS_MODULES]
    tables = package.joinpath("tables")
    sources += sorted(
        (entry for entry in tables.iterdir() if entry.name.endswith(".py")),
        key=lambda entry: entry.name,
    )
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for library in _ANALYSIS_LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}\0".encode())
    return digest.hexdigest()[:16]


ANALYSIS_FINGERPRINT = _fingerprint()


# Enum members by stored value (a dictionary lookup; calling the enum is several times slower).
_ROLES = {role.value: role for role in NameRole}
_SCRIPTS = {script.value: script for script in Script}
_KINDS = {kind.value: kind for kind in TokenKind}


def _encode_token(token: Token) -> bytes:
    fields = [
        token.text,
        token.script.value,
        token.kind.value,
        token.forms,
        token.skeletons,
        token.group,
        token.weight,
        sorted(token.nicknames),
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def _decode_token(raw: bytes) -> Token:
    text, script, kind, forms, skeletons, group, weight, nicknames = json.loads(raw)
    return Token(
        text,
        _SCRIPTS[script],
        _KINDS[kind],
        tuple(forms),
        tuple(skeletons),
        group,
        float(weight),
        frozenset(nicknames),
    )


class TokenTable:
    """Distinct analysed name parts, numbered in the order first stored.

    Parts are decoded from their stored line on first use. A part is looked up by object
    identity first (the analysis caches its parts, so one spelling is usually one object), then
    by its encoded line, so equal parts made separately share one number. Only the numbered
    objects themselves are looked up by identity: they stay referenced here, so their ids
    cannot be reused by another object.
    """

    def __init__(self, lines: list[bytes] | None = None) -> None:
        self._lines: list[bytes] = lines if lines is not None else []
        self._tokens: list[Token | None] = [None] * len(self._lines)
        # Numbers by encoded line, made here rather than on the first insert: at 1,000,000
        # persons making it takes about 60 ms, which the first insert after a load would pay
        # (goal M10: one insert <= 5 ms).
        self._by_line: dict[bytes, int] = {known: n for n, known in enumerate(self._lines)}
        self._numbers: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def number(self, token: Token) -> int:
        found = self._numbers.get(id(token))
        if found is not None:
            return found
        line = _encode_token(token)
        found = self._by_line.get(line)
        if found is None:
            found = self._by_line[line] = len(self._lines)
            self._lines.append(line)
            self._tokens.append(token)
            self._numbers[id(token)] = found
        return found

    def token(self, number: int) -> Token:
        token = self._tokens[number]
        if token is None:
            token = self._tokens[number] = _decode_token(self._lines[number])
            self._numbers[id(token)] = number
        return token

    @property
    def lines(self) -> list[bytes]:
        return self._lines


def encode_names(names: tuple[AnalysedName, ...], table: TokenTable) -> list[list[Any]]:
    """[text, role, script, part numbers, surname marked] per analysed name."""
    return [
        [
            name.text,
            name.role.value,
            name.script.value,
            [table.number(token) for token in name.tokens],
            name.surname_marked,
        ]
        for name in names
    ]


def decode_names(encoded: list[list[Any]], table: TokenTable) -> tuple[AnalysedName, ...]:
    return tuple(
        assemble_name(
            text,
            _ROLES[role],
            _SCRIPTS[script],
            tuple(table.token(number) for number in numbers),
            surname_marked=bool(marked),
        )
        for text, role, script, numbers, marked in encoded
    )


def encode_record(person_id: str, analysed: AnalysedPerson, table: TokenTable) -> bytes:
    """One stored person as a JSON array: id, the person's fields, its analysed names.

    The person was validated when it came in; ``decode_record`` builds it back directly.
    """
    person = analysed.person
    date = person.birth_date
    fields = [
        person_id,
        [[name.text, name.role.value, name.provenance] for name in person.names],
        None if date is None else [date.year, date.month, date.day],
        sorted(person.nationalities),
        person.gender,
        [[doc.type, doc.number, doc.country] for doc in person.documents],
        person.birth_place,
        encode_names(analysed.names, table),
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def record_id(raw: bytes) -> str:
    return str(json.loads(raw.decode())[0])


def decode_record(raw: bytes, table: TokenTable) -> AnalysedPerson:
    person_id, names, date, nationalities, gender, documents, place, analysed = json.loads(
        raw.decode()
    )
    person = Person(
        names=tuple(Name(text, _ROLES[role], provenance) for text, role, provenance in names),
        birth_date=None if date is None else PartialDate(*date),
        nationalities=frozenset(nationalities),
        gender=gender,
        documents=tuple(Document(*doc) for doc in documents),
        birth_place=place,
        id=person_id,
    )
    return AnalysedPerson(person, decode_names(analysed, table))
