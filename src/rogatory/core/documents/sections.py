"""The sections of a letter of request, as data, each with the article that requires it.

An MLA letter follows the mandatory contents of UNTOC art. 18(15) (a)-(f) in their order, with
the practice items of a request (legal basis, offences, urgency, confidentiality, contact,
annexes; UNODC MLA Manual 2012 and Request Writer Tool). An extradition or provisional-arrest
letter follows ETS 24 art. 12(2) and the UN Model Treaty on Extradition art. 5(2): the warrant
or judgment, the statement of the offences with their provisions and penalties, and the most
accurate description of the person sought.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Section(StrEnum):
    REQUESTING_AUTHORITY = "requesting_authority"
    LEGAL_BASIS = "legal_basis"
    PROCEEDINGS = "proceedings"
    FACTS = "facts"
    OFFENCES = "offences"
    ASSISTANCE = "assistance"
    SURRENDER = "surrender"
    PERSONS = "persons"
    PURPOSE = "purpose"
    URGENCY = "urgency"
    CONFIDENTIALITY = "confidentiality"
    USE_LIMITS = "use_limits"
    CONTACT = "contact"
    ANNEXES = "annexes"
    SIGNATURE = "signature"


# The article each section answers; an extradition letter cites the extradition instruments.
ARTICLES: dict[Section, str] = {
    Section.REQUESTING_AUTHORITY: "UNTOC art. 18(15)(a)",
    Section.LEGAL_BASIS: "UNTOC art. 18(7); art. 16(4)",
    Section.PROCEEDINGS: "UNTOC art. 18(15)(b)",
    Section.FACTS: "UNTOC art. 18(15)(c)",
    Section.OFFENCES: "ETS 24 art. 12(2)(b)-(c)",
    Section.ASSISTANCE: "UNTOC art. 18(15)(d); art. 18(17)",
    Section.SURRENDER: "ETS 24 art. 12(2)(a); UN Model Treaty art. 5(2)",
    Section.PERSONS: "UNTOC art. 18(15)(e)",
    Section.PURPOSE: "UNTOC art. 18(15)(f)",
    Section.URGENCY: "UNTOC art. 18(24)",
    Section.CONFIDENTIALITY: "UNTOC art. 18(20)",
    Section.USE_LIMITS: "UNTOC art. 18(19)",
    Section.CONTACT: "",
    Section.ANNEXES: "",
    Section.SIGNATURE: "UNTOC art. 18(14)",
}

_EXTRADITION_ARTICLES: dict[Section, str] = {
    Section.LEGAL_BASIS: "UNTOC art. 16(4); ETS 24 art. 1",
    Section.PROCEEDINGS: "ETS 24 art. 12(2)(a)",
    Section.FACTS: "ETS 24 art. 12(2)(b); UN Model Treaty art. 5(2)(c)",
    Section.PERSONS: "ETS 24 art. 12(2)(c); UN Model Treaty art. 5(2)(a)",
    Section.URGENCY: "ETS 24 art. 16",
}

_MLA_ORDER = (
    Section.REQUESTING_AUTHORITY,
    Section.LEGAL_BASIS,
    Section.PROCEEDINGS,
    Section.FACTS,
    Section.OFFENCES,
    Section.ASSISTANCE,
    Section.PERSONS,
    Section.PURPOSE,
    Section.URGENCY,
    Section.CONFIDENTIALITY,
    Section.USE_LIMITS,
    Section.CONTACT,
    Section.ANNEXES,
    Section.SIGNATURE,
)

# No measures of assistance: the request is the surrender (or arrest) of the person sought,
# and the person comes before the facts, as in ETS 24 art. 12(2).
_EXTRADITION_ORDER = (
    Section.REQUESTING_AUTHORITY,
    Section.LEGAL_BASIS,
    Section.SURRENDER,
    Section.PERSONS,
    Section.PROCEEDINGS,
    Section.FACTS,
    Section.OFFENCES,
    Section.URGENCY,
    Section.CONFIDENTIALITY,
    Section.CONTACT,
    Section.ANNEXES,
    Section.SIGNATURE,
)

_EXTRADITION_KINDS = frozenset({"extradition", "provisional_arrest"})


def is_extradition_kind(kind: str) -> bool:
    return kind in _EXTRADITION_KINDS


def sections_for(kind: str) -> tuple[tuple[Section, str], ...]:
    """The sections of a letter for a request of this kind, in order, with their article."""
    if is_extradition_kind(kind):
        return tuple((s, _EXTRADITION_ARTICLES.get(s, ARTICLES[s])) for s in _EXTRADITION_ORDER)
    return tuple((s, ARTICLES[s]) for s in _MLA_ORDER)


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled value. ``user`` marks text as entered by an officer (bidi-isolated)."""

    label: str
    value: str
    user: bool = True


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a list (a person, an offence, a measure): a title and its fields."""

    title: str
    fields: tuple[Field, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """Fixed text of the letter (already translated) or entered text, one paragraph each."""

    text: str
    user: bool = False


@dataclass(frozen=True, slots=True)
class SectionView:
    key: Section
    heading: str
    article: str
    blocks: tuple[Block, ...] = ()
    fields: tuple[Field, ...] = ()
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter ready to render: every string already in the letter's language."""

    language: str
    rtl: bool
    title: str
    reference: str
    date_text: str
    # ISO 8601 instant of the case version, the PDF's and DOCX's creation date (determinism).
    version_at: str
    fingerprint: str
    addressee: tuple[str, ...]
    sender: tuple[str, ...]
    sections: tuple[SectionView, ...]
    footer: str
    labels: dict[str, str] = field(default_factory=dict)
