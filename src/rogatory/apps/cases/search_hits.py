"""Which field of a found case matched the query, and the matched words in it.

Computed for the cases of one page only (a few dozen), from the same terms as the index
(`search.py`), so what is marked is what was found. The text is returned in parts flagged as
matched or not, for the template to escape and wrap in <mark>: no markup is built here.
"""

import re
from dataclasses import dataclass
from dataclasses import field as default
from functools import lru_cache

from django.utils.text import capfirst

from rogatory.apps.cases.models import Case, IdentityDocument, Offence, Person, PersonName
from rogatory.apps.cases.search import (
    Unit,
    document_terms,
    name_terms,
    query_units,
    reference_terms,
    text_terms,
)

_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET = 80


@dataclass(frozen=True, slots=True)
class Hit:
    label: str
    parts: tuple[tuple[str, bool], ...]
    # Relevance: per query unit, the weight of the best field holding it, plus one where it
    # holds the word exactly as typed (not only another spelling of it).
    score: int


@dataclass(frozen=True, slots=True)
class _Field:
    # The model and field whose translated name labels a hit (resolved for the one shown).
    source: tuple[type, str]
    text: str
    kind: str  # "reference", "name", "document" or "text"
    # A reference, a name or a document number found says more than a word of the facts.
    weight: int = 1


def _label(source: tuple[type, str]) -> str:
    model, name = source
    return str(capfirst(model._meta.get_field(name).verbose_name))  # type: ignore[attr-defined]  # reason: every model has _meta


@dataclass(slots=True)
class _Related:
    """The searchable text of a case's persons and offences, read as plain values."""

    names: list[_Field] = default(default_factory=list)
    places: list[_Field] = default(default_factory=list)
    descriptions: list[_Field] = default(default_factory=list)


def _related(ids: list[int]) -> dict[int, _Related]:
    # Four queries of plain values for the whole page: cheaper than model instances.
    out: dict[int, _Related] = {i: _Related() for i in ids}
    names = PersonName.objects.filter(person__case_id__in=ids).order_by("person_id", "id")
    for case_id, full_name, latin in names.values_list("person__case_id", "full_name", "latin"):
        out[case_id].names.append(_Field((PersonName, "full_name"), full_name, "name", 4))
        if latin and latin != full_name:
            out[case_id].names.append(_Field((PersonName, "latin"), latin, "name", 4))
    documents = IdentityDocument.objects.filter(person__case_id__in=ids).order_by("id")
    for case_id, number in documents.values_list("person__case_id", "number"):
        out[case_id].names.append(_Field((IdentityDocument, "number"), number, "document", 4))
    offences = Offence.objects.filter(case_id__in=ids).order_by("id")
    for case_id, place, description in offences.values_list("case_id", "place", "description"):
        out[case_id].places.append(_Field((Offence, "place"), place, "text", 2))
        out[case_id].descriptions.append(_Field((Offence, "description"), description, "text"))
    persons = Person.objects.filter(case_id__in=ids).order_by("id")
    for case_id, birth_place, location in persons.values_list("case_id", "birth_place", "location"):
        out[case_id].places.append(_Field((Person, "birth_place"), birth_place, "text", 2))
        out[case_id].places.append(_Field((Person, "location"), location, "text", 2))
    return out


def _fields(case: Case, related: _Related) -> list[_Field]:
    """The case's searchable fields, in the order a match is preferred."""
    out = [
        _Field((Case, "our_reference"), case.our_reference, "reference", 5),
        _Field((Case, "their_reference"), case.their_reference, "reference", 5),
        *related.names,
        _Field((Case, "title"), case.title, "text", 3),
        _Field((Case, "subject"), case.subject, "text", 2),
        *related.places,
        _Field((Case, "facts"), case.facts, "text"),
        *related.descriptions,
    ]
    return [f for f in out if f.text]


@lru_cache(maxsize=20_000)
def _terms(text: str, kind: str) -> frozenset[str]:
    # Titles, places and names repeat from case to case: each is read once.
    return frozenset(_read_terms(text, kind))


def _read_terms(text: str, kind: str) -> set[str]:
    if kind == "reference":
        return reference_terms(text) | document_terms([text])
    if kind == "document":
        return document_terms([text]) | reference_terms(text)
    words = [w for w in _WORD.findall(text) if not any(c.isdigit() for c in w)]
    terms = text_terms([text], min_length=1) | name_terms(words)
    # A name is also read whole, as the index reads it ("عبد الله" is one part).
    return terms | name_terms([text]) if kind == "name" else terms


def _matches(terms: frozenset[str], unit: Unit, prefix: str | None) -> bool:
    if terms & unit.terms:
        return True
    return prefix is not None and any(t.startswith(prefix) for t in terms)


def _parts(field: _Field, units: list[Unit], prefixes: list[str | None]) -> list[tuple[str, bool]]:
    if field.kind in ("reference", "document"):
        return [(field.text, True)]
    parts: list[tuple[str, bool]] = []
    at = 0
    for m in _WORD.finditer(field.text):
        terms = _terms(m.group(), field.kind)
        if any(_matches(terms, u, p) for u, p in zip(units, prefixes, strict=True)):
            parts += [(field.text[at : m.start()], False), (m.group(), True)]
            at = m.end()
    parts.append((field.text[at:], False))
    if not any(marked for _, marked in parts):
        # Matched as a whole ("عبد الله" read as one name part): mark the whole name.
        return [(field.text, True)]
    return _snippet([p for p in parts if p[0]])


def _snippet(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Long text is cut to the surroundings of its first matched word."""
    first = next(i for i, (_, marked) in enumerate(parts) if marked)
    out = list(parts)
    if first > 0 and len(out[first - 1][0]) > SNIPPET:
        out[first - 1] = ("…" + out[first - 1][0][-SNIPPET:], False)
    if len(out) > first + 1 and not out[-1][1] and len(out[-1][0]) > SNIPPET:
        out[-1] = (out[-1][0][:SNIPPET] + "…", False)
    return out


def search_hits(cases: list[Case], q: str) -> dict[int, Hit]:
    """For each case (already checked visible by the caller), its relevance and
    the field that matches most of the query's units (the first such in `_fields` order) with
    its matched words flagged. The last unit also matches as a prefix, as the search completes
    it."""
    units = query_units(q)
    if not units:
        return {}
    prefixes: list[str | None] = [None for _ in units[1:]]
    prefixes.append(units[-1].prefix)
    hits: dict[int, Hit] = {}
    related = _related([c.pk for c in cases])
    for case in cases:
        best: tuple[int, _Field] | None = None
        unit_scores = [0] * len(units)
        for field in _fields(case, related[case.pk]):
            terms = _terms(field.text, field.kind)
            found = [_matches(terms, u, p) for u, p in zip(units, prefixes, strict=True)]
            for i, (unit, hit) in enumerate(zip(units, found, strict=True)):
                if hit:
                    exact = unit.prefix is not None and unit.prefix in terms
                    unit_scores[i] = max(unit_scores[i], field.weight + exact)
            if any(found) and (best is None or sum(found) > best[0]):
                best = (sum(found), field)
        if best is not None:
            hits[case.pk] = Hit(
                label=_label(best[1].source),
                parts=tuple(_parts(best[1], units, prefixes)),
                score=sum(unit_scores),
            )
    return hits
