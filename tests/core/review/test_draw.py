"""The draw of reviewing States (COP resolution 9/1, annex): one from the same regional group,
one from another; a reviewer not party to a Protocol is replaced for it by a further draw; the
same seed gives the same reviewers."""

import pytest

from rogatory.core.errors import DomainError
from rogatory.core.review.draw import Slot, draw_reviewers
from rogatory.core.review.parties import (
    ALL,
    DEMO_PARTIES,
    EXAMPLE_PARTIES,
    Instrument,
    Party,
    RegionalGroup,
)

W, E, A = (
    RegionalGroup.WESTERN_EUROPEAN_OTHERS,
    RegionalGroup.EASTERN_EUROPEAN,
    RegionalGroup.AFRICAN,
)
UNTOC_ONLY = frozenset({Instrument.UNTOC})
GROUP = {p.code: p.group for p in DEMO_PARTIES + EXAMPLE_PARTIES}


@pytest.mark.parametrize("seed", ["a", "b", "demo-1-XA", "0", "2026"])
@pytest.mark.parametrize("subject", ["XA", "XD", "XH", "XL"])
def test_one_reviewer_from_the_same_group_and_one_from_another(subject: str, seed: str) -> None:
    draw = draw_reviewers(subject, DEMO_PARTIES, seed)
    untoc = draw.reviewers(Instrument.UNTOC)
    same, other = untoc[Slot.SAME_GROUP], untoc[Slot.OTHER_GROUP]
    assert same is not None
    assert other is not None
    assert subject not in (same, other)
    assert GROUP[same] == GROUP[subject]
    assert GROUP[other] != GROUP[subject]


def test_the_same_seed_gives_the_same_reviewers_whatever_the_order_of_the_list() -> None:
    first = draw_reviewers("XA", DEMO_PARTIES, "seed-42")
    again = draw_reviewers("XA", tuple(reversed(DEMO_PARTIES)), "seed-42")
    assert first.log == again.log


def test_another_seed_can_give_other_reviewers() -> None:
    logs = {str(draw_reviewers("XG", DEMO_PARTIES, f"s{n}").log) for n in range(20)}
    assert len(logs) > 1


def test_a_reviewer_not_party_to_a_protocol_is_replaced_for_it_by_a_further_draw() -> None:
    # Given: the subject is party to everything; its only same-group peer Q1 only to UNTOC,
    # so Q1 must be replaced for each Protocol, by Q2 (the only other same-group party).
    parties = [
        Party("S1", W, ALL),
        Party("Q1", W, UNTOC_ONLY),
        Party("O1", E, ALL),
    ]
    # When the pool has no party to the Protocol, the replacement is None (decided by hand).
    draw = draw_reviewers("S1", parties, "x")
    assert draw.reviewers(Instrument.UNTOC) == {Slot.SAME_GROUP: "Q1", Slot.OTHER_GROUP: "O1"}
    assert draw.reviewers(Instrument.FIREARMS)[Slot.SAME_GROUP] is None
    # Given a same-group party to the Protocols besides Q1, with seeds that draw Q1 first:
    parties.append(Party("Q2", W, ALL))
    for n in range(40):
        draw = draw_reviewers("S1", parties, f"k{n}")
        if draw.reviewers(Instrument.UNTOC)[Slot.SAME_GROUP] == "Q1":
            break
    else:
        pytest.fail("no seed drew Q1")
    for protocol in (Instrument.TRAFFICKING, Instrument.SMUGGLING, Instrument.FIREARMS):
        assert draw.reviewers(protocol) == {Slot.SAME_GROUP: "Q2", Slot.OTHER_GROUP: "O1"}
    replaced = [p for p in draw.picks if p.replaces == "Q1"]
    assert [p.instrument for p in replaced] == [
        Instrument.TRAFFICKING,
        Instrument.SMUGGLING,
        Instrument.FIREARMS,
    ]


def test_no_replacement_for_a_protocol_the_subject_is_not_party_to() -> None:
    parties = [Party("S1", W, UNTOC_ONLY), Party("Q1", W, UNTOC_ONLY), Party("O1", E, UNTOC_ONLY)]
    draw = draw_reviewers("S1", parties, "x")
    assert [p.instrument for p in draw.picks] == [Instrument.UNTOC, Instrument.UNTOC]


def test_a_replacement_never_repeats_a_reviewer_already_drawn() -> None:
    # O1 is the other-group reviewer; the same-group replacement cannot be O1 (other group
    # anyway) nor Q1 itself.
    parties = [
        Party("S1", W, ALL),
        Party("Q1", W, UNTOC_ONLY),
        Party("Q2", W, ALL),
        Party("O1", E, ALL),
        Party("O2", A, ALL),
    ]
    for n in range(30):
        draw = draw_reviewers("S1", parties, f"r{n}")
        for protocol in (Instrument.TRAFFICKING, Instrument.FIREARMS):
            chosen = draw.reviewers(protocol)
            assert chosen[Slot.SAME_GROUP] == "Q2"
            assert chosen[Slot.OTHER_GROUP] in ("O1", "O2")


def test_a_state_not_party_to_the_convention_cannot_be_reviewed() -> None:
    with pytest.raises(DomainError) as err:
        draw_reviewers("ZZ", DEMO_PARTIES, "x")
    assert err.value.code == "review.not_a_party"


def test_an_empty_seed_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        draw_reviewers("XA", DEMO_PARTIES, "")
    assert err.value.code == "review.seed_required"


def test_example_and_demo_parties_each_have_two_states_per_group() -> None:
    for parties in (EXAMPLE_PARTIES, DEMO_PARTIES):
        groups = [p.group for p in parties]
        assert {g: groups.count(g) >= 2 for g in RegionalGroup} == dict.fromkeys(
            RegionalGroup, True
        )
        assert all(Instrument.UNTOC in p.instruments for p in parties)
