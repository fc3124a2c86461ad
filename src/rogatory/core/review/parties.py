"""States parties, the instruments each is party to, and the UN regional groups.

The regional groups are the five groups of the General Assembly. Membership and parties below
are a SMALL EXAMPLE SUBSET, not the register: a Secretariat node loads the full lists from the
depositary (UN Treaty Collection, chapter XVIII, entries 12, 12.a, 12.b and 12.c) and from the
General Assembly's list of regional groups. The real entries are as we understand those
sources; each is marked `example=True` and must be checked against them before any real use.
The demo uses only the fictional States of DEMO_PARTIES.
"""

from dataclasses import dataclass
from enum import StrEnum


class RegionalGroup(StrEnum):
    AFRICAN = "african"
    ASIA_PACIFIC = "asia_pacific"
    EASTERN_EUROPEAN = "eastern_european"
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean"
    WESTERN_EUROPEAN_OTHERS = "western_european_others"


class Instrument(StrEnum):
    """UNTOC and its three Protocols; every State under review is party to UNTOC, and is
    reviewed on each Protocol it is party to (Procedures, reviewing States by lot)."""

    UNTOC = "untoc"
    # Protocol to Prevent, Suppress and Punish Trafficking in Persons (2000).
    TRAFFICKING = "tip"
    # Protocol against the Smuggling of Migrants by Land, Sea and Air (2000).
    SMUGGLING = "som"
    # Protocol against the Illicit Manufacturing of and Trafficking in Firearms (2001).
    FIREARMS = "firearms"


PROTOCOLS = (Instrument.TRAFFICKING, Instrument.SMUGGLING, Instrument.FIREARMS)
ALL = frozenset(Instrument)
NO_FIREARMS = frozenset({Instrument.UNTOC, Instrument.TRAFFICKING, Instrument.SMUGGLING})

SOURCE_PARTIES = (
    "UN Treaty Collection, chapter XVIII, 12 (UNTOC), 12.a (TIP), 12.b (SOM), 12.c (firearms)"
)
SOURCE_GROUPS = "United Nations, General Assembly: regional groups of Member States"


@dataclass(frozen=True, slots=True)
class Party:
    code: str
    group: RegionalGroup
    instruments: frozenset[Instrument]
    # True: an illustrative entry to check against the sources above; False: fictional demo.
    example: bool = True
    fictional: bool = False
    # What was not checked about this entry, said rather than guessed.
    note: str = ""


_W, _E, _A, _P, _L = (
    RegionalGroup.WESTERN_EUROPEAN_OTHERS,
    RegionalGroup.EASTERN_EUROPEAN,
    RegionalGroup.AFRICAN,
    RegionalGroup.ASIA_PACIFIC,
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
)

EXAMPLE_PARTIES: tuple[Party, ...] = (
    Party("FR", _W, ALL),
    Party("IT", _W, ALL),
    Party("ES", _W, ALL),
    # Russia, China and Japan had not ratified the Firearms Protocol as of 2020 (UNTC 12.c).
    Party("RU", _E, NO_FIREARMS),
    Party(
        "PL",
        _E,
        NO_FIREARMS,
        note="Firearms Protocol not checked: treated as not party until confirmed",
    ),
    Party("CN", _P, frozenset({Instrument.UNTOC, Instrument.TRAFFICKING})),
    Party("JP", _P, NO_FIREARMS),
    Party("IN", _P, NO_FIREARMS),
    Party("NG", _A, ALL),
    Party("ZA", _A, ALL),
    Party("MX", _L, ALL),
    Party("BR", _L, ALL),
    Party("AR", _L, ALL),
)

# Fictional demo States (ISO 3166 user-assigned codes XA-XL): two or three in each group, some
# outside a Protocol so that the replacement draw shows. Nothing here describes a real State.
DEMO_PARTIES: tuple[Party, ...] = tuple(
    Party(code, group, instruments, example=False, fictional=True)
    for code, group, instruments in (
        ("XA", _W, ALL),
        ("XB", _W, NO_FIREARMS),
        ("XE", _W, ALL),
        ("XC", _E, ALL),
        ("XD", _E, frozenset({Instrument.UNTOC, Instrument.SMUGGLING})),
        ("XF", _E, ALL),
        ("XG", _A, ALL),
        ("XH", _A, frozenset({Instrument.UNTOC, Instrument.TRAFFICKING})),
        ("XI", _P, ALL),
        ("XK", _P, NO_FIREARMS),
        ("XJ", _L, ALL),
        ("XL", _L, ALL),
    )
)
