"""Drawing the two reviewing States of a country review by lot.

Rule (COP resolution 9/1, annex, Procedures): each State party under review is reviewed by two
other States parties, one from its own regional group and one from another group, chosen by
drawing of lots; a drawn reviewer that is not party to an instrument under review is replaced,
for that instrument, by a further draw.

Algorithm (reproducible: the same seed and the same list of parties give the same reviewers):
1. `rng = random.Random(seed)` with the seed recorded on the review.
2. Pools are sorted by State code, so the database's order never matters. The State under review
   is never in a pool.
3. The same-group reviewer is drawn first, as `pool[rng.randrange(len(pool))]` from the parties
   to UNTOC in the group; then the other-group reviewer from the parties to UNTOC in every
   other group.
4. Then, for each Protocol the State under review is party to, in the order TIP, SOM,
   firearms: a reviewer not party to it is replaced by a draw, with the same step, from the
   parties to that Protocol in the same pool, leaving out the States already reviewing.
   A pool left empty is recorded as `None` (the Secretariat then decides by hand).
Every pick, including the replaced ones, is kept in `Draw.log` for the audit trail.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from rogatory.core.errors import DomainError
from rogatory.core.review.parties import PROTOCOLS, Instrument, Party


class Slot(StrEnum):
    SAME_GROUP = "same_group"
    OTHER_GROUP = "other_group"


@dataclass(frozen=True, slots=True)
class Pick:
    instrument: Instrument
    slot: Slot
    reviewer: str | None
    # The reviewer this pick replaces, for a Protocol the first is not party to.
    replaces: str | None = None


@dataclass(slots=True)
class Draw:
    under_review: str
    seed: str
    picks: list[Pick] = field(default_factory=list)

    def reviewers(self, instrument: Instrument) -> dict[Slot, str | None]:
        """The reviewer in each slot for one instrument (the last pick of the slot wins)."""
        out: dict[Slot, str | None] = {}
        for p in self.picks:
            if p.instrument in (Instrument.UNTOC, instrument):
                out[p.slot] = p.reviewer
        return out

    @property
    def log(self) -> list[dict[str, str | None]]:
        return [
            {
                "instrument": p.instrument.value,
                "slot": p.slot.value,
                "reviewer": p.reviewer,
                "replaces": p.replaces,
            }
            for p in self.picks
        ]


def _pick(rng: random.Random, pool: list[str]) -> str | None:
    if not pool:
        return None
    return pool[rng.randrange(len(pool))]


def draw_reviewers(under_review: str, parties: Iterable[Party], seed: str) -> Draw:
    """Draw the reviewing States of `under_review` among `parties` with the recorded `seed`."""
    by_code = {p.code: p for p in parties}
    subject = by_code.get(under_review)
    if subject is None or Instrument.UNTOC not in subject.instruments:
        raise DomainError("review.not_a_party", state=under_review)
    if not seed:
        raise DomainError("review.seed_required", field="seed")
    # Not for secrecy: a draw anyone can re-run from the recorded seed to check it.
    rng = random.Random(seed)  # noqa: S311
    others = sorted((p for p in by_code.values() if p.code != under_review), key=lambda p: p.code)

    def pool(slot: Slot, instrument: Instrument, taken: set[str]) -> list[str]:
        same = slot == Slot.SAME_GROUP
        return [
            p.code
            for p in others
            if (p.group == subject.group) == same
            and instrument in p.instruments
            and p.code not in taken
        ]

    result = Draw(under_review=under_review, seed=seed)
    current: dict[Slot, str | None] = {}
    for slot in (Slot.SAME_GROUP, Slot.OTHER_GROUP):
        current[slot] = _pick(rng, pool(slot, Instrument.UNTOC, set()))
        result.picks.append(Pick(Instrument.UNTOC, slot, current[slot]))
    for instrument in PROTOCOLS:
        if instrument not in subject.instruments:
            continue
        for slot in (Slot.SAME_GROUP, Slot.OTHER_GROUP):
            first = current[slot]
            if first is not None and instrument in by_code[first].instruments:
                continue
            taken = {c for c in current.values() if c is not None}
            replacement = _pick(rng, pool(slot, instrument, taken))
            result.picks.append(Pick(instrument, slot, replacement, replaces=first))
    return result
