"""Refusal grounds per instrument, each with the article that allows it and its force."""

from rogatory.core.workflow import CaseKind, CaseState, Direction, RefusalGround, Role, check
from rogatory.core.workflow.grounds import (
    GROUNDS,
    NOT_GROUNDS,
    FollowUp,
    Force,
    Instrument,
    ground_info,
    grounds_for,
)

G = RefusalGround


def by_force(instrument: Instrument) -> dict[Force, dict[RefusalGround, str]]:
    rows = grounds_for(extradition=True, instrument=instrument)
    return {
        force: {g.ground: g.article for g in rows if g.force is force}
        for force in (Force.MANDATORY, Force.OPTIONAL)
    }


def test_untoc_16_10_is_the_duty_after_a_nationality_refusal_not_a_ground() -> None:
    # no ground is offered under art. 16(10) in any instrument
    assert all("16(10)" not in g.article for g in GROUNDS)
    # a nationality refusal rests on domestic law (art. 16(7)) and triggers the 16(10) duty
    nationality = ground_info(G.EXTRADITION_NATIONALITY)
    assert (nationality.article, nationality.force) == ("UNTOC art. 16(7)", Force.OPTIONAL)
    assert (nationality.follow_up, nationality.follow_up_article) == (
        FollowUp.SUBMIT_FOR_DOMESTIC_PROSECUTION,
        "UNTOC art. 16(10)",
    )


def test_aut_dedere_aut_judicare_follows_a_nationality_refusal_in_each_instrument() -> None:
    follow_ups = {
        (g.instrument, g.ground): g.follow_up_article for g in GROUNDS if g.follow_up is not None
    }
    assert follow_ups == {
        (Instrument.UNTOC, G.EXTRADITION_NATIONALITY): "UNTOC art. 16(10)",
        (Instrument.ETS_24, G.EXTRADITION_NATIONALITY): "ETS 24 art. 6(2)",
        (Instrument.UN_MODEL_TREATY, G.EXTRADITION_NATIONALITY): "UN Model Treaty art. 4(a)",
    }


def test_the_human_rights_ground_cites_the_universal_bases_everywhere() -> None:
    articles = {i: ground_info(G.EXTRADITION_HUMAN_RIGHTS_RISK, i).article for i in Instrument}
    assert articles == {
        Instrument.UNTOC: "Convention against Torture art. 3; ICCPR art. 7; UNTOC art. 16(13)",
        Instrument.ETS_24: "Convention against Torture art. 3; ICCPR art. 7; ECHR art. 3",
        Instrument.UN_MODEL_TREATY: (
            "Convention against Torture art. 3; ICCPR art. 7; UN Model Treaty art. 3(f)"
        ),
    }
    assert all(
        ground_info(G.EXTRADITION_HUMAN_RIGHTS_RISK, i).force is Force.MANDATORY for i in Instrument
    )


def test_ets_24_mandatory_and_optional_grounds() -> None:
    assert by_force(Instrument.ETS_24) == {
        Force.MANDATORY: {
            G.EXTRADITION_POLITICAL_OFFENCE: "ETS 24 art. 3(1)",
            G.EXTRADITION_DISCRIMINATION: "ETS 24 art. 3(2)",
            G.EXTRADITION_MILITARY_OFFENCE: "ETS 24 art. 4",
            G.EXTRADITION_FINAL_JUDGMENT: "ETS 24 art. 9",
            G.EXTRADITION_LAPSE_OF_TIME: "ETS 24 art. 10",
            G.EXTRADITION_HUMAN_RIGHTS_RISK: (
                "Convention against Torture art. 3; ICCPR art. 7; ECHR art. 3"
            ),
        },
        Force.OPTIONAL: {
            G.EXTRADITION_NO_DUAL_CRIMINALITY: "ETS 24 art. 2(1)",
            G.EXTRADITION_NATIONALITY: "ETS 24 art. 6(1)(a)",
            G.EXTRADITION_PLACE_OF_COMMISSION: "ETS 24 art. 7",
            G.EXTRADITION_PENDING_PROCEEDINGS: "ETS 24 art. 8",
            G.EXTRADITION_PROCEEDINGS_DISCONTINUED: "ETS 24 art. 9",
            G.EXTRADITION_DEATH_PENALTY: "ETS 24 art. 11",
            G.EXTRADITION_DOMESTIC_LAW_OR_TREATY: "ETS 24 art. 26",
        },
    }


def test_un_model_treaty_art_3_is_mandatory_and_art_4_optional() -> None:
    grounds = by_force(Instrument.UN_MODEL_TREATY)
    assert sorted(grounds[Force.MANDATORY].values()) == [
        "Convention against Torture art. 3; ICCPR art. 7; UN Model Treaty art. 3(f)",
        "UN Model Treaty art. 3(a)",
        "UN Model Treaty art. 3(b)",
        "UN Model Treaty art. 3(c)",
        "UN Model Treaty art. 3(d)",
        "UN Model Treaty art. 3(e)",
        "UN Model Treaty art. 3(g)",
    ]
    assert sorted(grounds[Force.OPTIONAL].values()) == [
        "UN Model Treaty art. 2(1)",
        "UN Model Treaty art. 4(a)",
        "UN Model Treaty art. 4(b)",
        "UN Model Treaty art. 4(c)",
        "UN Model Treaty art. 4(d)",
        "UN Model Treaty art. 4(e), 4(f)",
        "UN Model Treaty art. 4(g)",
        "UN Model Treaty art. 4(h)",
    ]


def test_untoc_grounds_cite_article_16_and_rest_on_16_7_where_it_names_none() -> None:
    grounds = by_force(Instrument.UNTOC)
    assert grounds[Force.MANDATORY] == {
        G.EXTRADITION_HUMAN_RIGHTS_RISK: (
            "Convention against Torture art. 3; ICCPR art. 7; UNTOC art. 16(13)"
        )
    }
    optional = grounds[Force.OPTIONAL]
    assert optional[G.EXTRADITION_NO_DUAL_CRIMINALITY] == "UNTOC art. 16(1)"
    assert optional[G.EXTRADITION_DISCRIMINATION] == "UNTOC art. 16(14)"
    assert optional[G.EXTRADITION_INSUFFICIENT_EVIDENCE] == "UNTOC art. 16(7), 16(8)"
    assert optional[G.EXTRADITION_POLITICAL_OFFENCE] == "UNTOC art. 16(7)"
    # every extradition ground is available under UNTOC, and none cites the MLA article 18
    assert set(optional) | set(grounds[Force.MANDATORY]) == {
        g for g in RefusalGround if g.value.startswith("extradition_")
    }
    assert all("18(" not in article for article in optional.values())


def test_fiscal_matters_are_never_a_ground() -> None:
    assert dict(NOT_GROUNDS)["fiscal_matters"] == "UNTOC art. 16(15)"
    assert not [g for g in RefusalGround if "fiscal" in g.value]


def test_mandatory_grounds_are_offered_first() -> None:
    rows = grounds_for(extradition=True, instrument=Instrument.ETS_24)
    forces = [g.force for g in rows]
    assert forces == sorted(forces, key=lambda f: f is not Force.MANDATORY)


def test_assistance_grounds_stay_those_of_untoc_18_21() -> None:
    for instrument in Instrument:
        assert [g.article for g in grounds_for(extradition=False, instrument=instrument)] == [
            "UNTOC art. 18(21)(a)",
            "UNTOC art. 18(21)(b)",
            "UNTOC art. 18(21)(c)",
            "UNTOC art. 18(21)(d)",
            "UNTOC art. 18(9)",
        ]


def test_a_ground_an_instrument_does_not_name_falls_back_to_untoc() -> None:
    info = ground_info(G.EXTRADITION_SPECIAL_COURT, Instrument.ETS_24)
    assert (info.instrument, info.article) == (Instrument.UNTOC, "UNTOC art. 16(7)")


def test_extradition_refusals_are_labelled_with_article_16_not_18_23() -> None:
    for direction, source in (
        (Direction.INCOMING, CaseState.EXTRADITION_HEARING),
        (Direction.OUTGOING, CaseState.ACKNOWLEDGED),
    ):
        row = check(
            direction=direction,
            kind=CaseKind.EXTRADITION,
            source=source,
            target=CaseState.REFUSED,
            role=Role.SUPERVISOR,
            reason="Political offence.",
            ground=G.EXTRADITION_POLITICAL_OFFENCE,
            # On an outgoing request the refusal is the requested State's, recorded from its
            # message.
            from_other_state=direction == Direction.OUTGOING,
        )
        assert row.basis == "UNTOC art. 16(7), 16(16)"
    mla = check(
        direction=Direction.INCOMING,
        kind=CaseKind.MLA,
        source=CaseState.UNDER_EXECUTION,
        target=CaseState.REFUSED,
        role=Role.SUPERVISOR,
        reason="Essential interests.",
        ground=G.MLA_ESSENTIAL_INTERESTS,
    )
    assert mla.basis == "UNTOC art. 18(23)"
