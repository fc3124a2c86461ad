"""Factors of ETS 24 art. 17 and FD 2002/584/JHA art. 16, read from the data of each request."""

from datetime import date

import pytest

from rogatory.core.extradition.competing import (
    ETS_24_ART_17,
    FD_ART_16_1,
    FD_ART_16_2,
    FD_ART_16_3,
    Factor,
    Finding,
    Offence,
    Reading,
    Request,
    assess,
    order_check,
)


def _request(
    reference: str,
    state: str,
    received: date | None,
    months: int | None = None,
    life: bool = False,
    place: str = "",
    nationalities: tuple[str, ...] = (),
    warrant: bool = False,
) -> Request:
    names = {"XB": ("XB", "Borealis"), "XC": ("XC", "Caldera")}[state]
    return Request(
        reference=reference,
        requesting_state=state,
        state_names=names,
        received_on=received,
        is_arrest_warrant=warrant,
        offences=(Offence(months, life, place),),
        nationalities=nationalities,
    )


def _by_factor(requests: list[Request]) -> dict[Factor, Finding]:
    return {f.factor: f for f in assess(requests)}


def test_given_two_extradition_requests_then_the_five_factors_of_art_17_are_assessed() -> None:
    b = _request(
        "B-1", "XB", date(2026, 3, 1), months=120, place="Borealis City", nationalities=("XB",)
    )
    c = _request(
        "C-1", "XC", date(2026, 2, 1), months=60, place="Port Nowhere", nationalities=("XB",)
    )
    findings = assess([b, c])
    assert [f.factor for f in findings] == [
        Factor.SERIOUSNESS,
        Factor.PLACE,
        Factor.DATES,
        Factor.NATIONALITY,
        Factor.RE_EXTRADITION,
    ]
    assert all(f.sources == (ETS_24_ART_17,) for f in findings)
    seriousness, place, dates, nationality, later = findings
    assert (seriousness.reading, seriousness.favours, seriousness.params) == (
        Reading.HIGHEST_PENALTY,
        ("B-1",),
        {"months": "120"},
    )
    assert (place.reading, place.favours) == (Reading.COMMITTED_IN_REQUESTING_STATE, ("B-1",))
    assert (dates.reading, dates.favours, dates.params) == (
        Reading.EARLIEST_REQUEST,
        ("C-1",),
        {"date": "2026-02-01"},
    )
    assert (nationality.reading, nationality.favours) == (
        Reading.NATIONAL_OF_REQUESTING_STATE,
        ("B-1",),
    )
    assert (later.reading, later.favours) == (Reading.RE_EXTRADITION_NEEDS_CONSENT, ())


def test_given_life_imprisonment_then_it_outranks_any_term() -> None:
    b = _request("B-1", "XB", date(2026, 3, 1), months=600)
    c = _request("C-1", "XC", date(2026, 3, 2), life=True)
    finding = assess([b, c])[0]
    assert (finding.favours, finding.params) == (("C-1",), {"months": "life"})


def test_given_equal_or_missing_data_then_no_request_is_favoured() -> None:
    b = _request("B-1", "XB", None, months=None, place="")
    c = _request("C-1", "XC", date(2026, 3, 2), months=None, place="")
    found = _by_factor([b, c])
    assert found[Factor.SERIOUSNESS].reading == Reading.NO_PENALTY_RECORDED
    assert found[Factor.PLACE].reading == Reading.PLACE_NOT_CONCLUSIVE
    assert found[Factor.DATES].reading == Reading.DATES_MISSING
    assert found[Factor.NATIONALITY].reading == Reading.NATIONAL_OF_NO_REQUESTING_STATE
    assert all(not f.favours for f in found.values())


def test_given_an_arrest_warrant_against_an_extradition_request_then_fd_art_16_applies() -> None:
    b = _request("B-1", "XB", date(2026, 3, 1), months=48, warrant=True)
    c = _request("C-1", "XC", date(2026, 3, 2), months=48)
    findings = assess([b, c])
    assert findings[0].sources == (ETS_24_ART_17, FD_ART_16_1)
    assert findings[0].favours == ()  # same maximum penalty
    assert [(f.factor, f.sources) for f in findings[5:]] == [
        (Factor.PURPOSE, (FD_ART_16_1,)),
        (Factor.EUROJUST, (FD_ART_16_2,)),
        (Factor.WARRANT_V_EXTRADITION, (FD_ART_16_3,)),
    ]


def test_given_two_warrants_then_no_third_state_question_is_raised() -> None:
    b = _request("B-1", "XB", date(2026, 3, 1), warrant=True)
    c = _request("C-1", "XC", date(2026, 3, 2), warrant=True)
    assert Factor.WARRANT_V_EXTRADITION not in {f.factor for f in assess([b, c])}


def test_given_requests_from_one_state_then_re_extradition_is_not_needed() -> None:
    b = _request("B-1", "XB", date(2026, 3, 1))
    b2 = _request("B-2", "XB", date(2026, 3, 5))
    assert _by_factor([b, b2])[Factor.RE_EXTRADITION].reading == Reading.SAME_REQUESTING_STATE


def test_given_one_request_then_there_is_no_competition() -> None:
    with pytest.raises(ValueError, match="at least two"):
        assess([_request("B-1", "XB", date(2026, 3, 1))])


def test_an_order_names_every_request_exactly_once() -> None:
    assert order_check(["C-1", "B-1"], ["B-1", "C-1"])
    assert not order_check(["B-1", "B-1"], ["B-1", "C-1"])
    assert not order_check(["B-1"], ["B-1", "C-1"])


def test_a_state_code_inside_a_word_is_not_taken_for_the_place_of_commission() -> None:
    # given Borealis's code XB, and a place whose name merely contains those letters
    b = _request("B-1", "XB", date(2026, 3, 1), place="Oxbridge")
    c = _request("C-1", "XC", date(2026, 3, 2), place="Caldera harbour")
    place = _by_factor([b, c])[Factor.PLACE]
    # then only Caldera's offence counts as committed at home
    assert (place.reading, place.favours) == (Reading.COMMITTED_IN_REQUESTING_STATE, ("C-1",))
