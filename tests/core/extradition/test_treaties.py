"""Treaty records as data: the provisional-arrest period counted like every liberty limit,
and the treaty's own rule for competing requests read from the case data (reference §2.2)."""

from datetime import date

import pytest

from rogatory.core.deadlines import compute_limit, working_calendar
from rogatory.core.deadlines.events import (
    ClockBasis,
    EventKind,
    NoClock,
    no_clock_reason,
    plan_clocks,
)
from rogatory.core.deadlines.limits import Counting, Side
from rogatory.core.errors import DomainError
from rogatory.core.extradition.competing import (
    Factor,
    Offence,
    Reading,
    Request,
    treaty_findings,
)
from rogatory.core.extradition.detention import (
    Gate,
    GeneralRisk,
    SpaceReading,
    TwoStep,
    evidence_of_risk,
    gate_with_evidence,
)
from rogatory.core.extradition.treaties import (
    Treaty,
    TreatyKind,
    TreatyRule,
    parse_treaty,
    treaty_between,
)


def record(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "demo-xa-xb",
        "title": "Extradition Treaty between XA and XB (demo example)",
        "kind": "bilateral",
        "parties": ["XA", "XB"],
        "in_force_from": "2015-03-01",
        "in_force_to": None,
        "example": True,
        "sources": ["Demo data"],
        "provisional_arrest": {"article": "art. 11(4)", "days": 60, "extendable": False},
        "competing_requests": [
            {"factor": "nationality_of_person", "article": "art. 15(a)"},
            {"factor": "earlier_request", "article": "art. 15(b)"},
            {"factor": "relative_seriousness", "article": "art. 15(c)"},
        ],
    }
    data.update(overrides)
    return data


WEEKENDS = working_calendar(None)


def test_a_treaty_record_becomes_a_liberty_limit_counted_from_the_arrest() -> None:
    # given the demo XA-XB treaty: 60 days from the provisional arrest (art. 11(4))
    treaty = parse_treaty(record())
    limit = treaty.arrest_limit
    assert limit is not None
    # then it is a limit on custody, kept on its last day, watched by both States
    assert (limit.days, limit.counting, limit.side) == (60, Counting.KEEP_LAST_DAY, Side.BOTH)
    assert limit.source == "Extradition Treaty between XA and XB (demo example) art. 11(4)"
    assert not treaty.arrest_extendable
    # when the person is arrested on Monday 2 March 2026: 2 March + 60 days = Friday 1 May
    computed = compute_limit(limit, start=date(2026, 3, 2), calendar=WEEKENDS)
    assert (computed.due, computed.act_by) == (date(2026, 5, 1), date(2026, 5, 1))


@pytest.mark.parametrize(
    ("arrest", "due", "act_by"),
    [
        # 45 days from Wednesday 31 December 2025 end on Saturday 14 February 2026: a liberty
        # limit keeps its last day, so the authority acts by Friday 13 February.
        (date(2025, 12, 31), date(2026, 2, 14), date(2026, 2, 13)),
        # over the leap day: 15 January 2028 + 45 = Thursday 29 February 2028
        (date(2028, 1, 15), date(2028, 2, 29), date(2028, 2, 29)),
    ],
)
def test_an_extendable_treaty_period_and_its_extension(
    arrest: date, due: date, act_by: date
) -> None:
    # given a treaty of 45 days, extendable to 60 (art. 9(3) and 9(4) of the demo XA-XC treaty)
    treaty = parse_treaty(
        record(
            provisional_arrest={
                "article": "art. 9(3)",
                "days": 45,
                "extendable": True,
                "extended_days": 60,
                "extension_article": "art. 9(4)",
            }
        )
    )
    assert treaty.arrest_limit is not None
    assert treaty.arrest_extendable
    computed = compute_limit(treaty.arrest_limit, start=arrest, calendar=WEEKENDS)
    assert (computed.due, computed.act_by) == (due, act_by)
    extended = compute_limit(treaty.arrest_limit, start=arrest, calendar=WEEKENDS, extended=True)
    assert extended.due == date.fromordinal(arrest.toordinal() + 60)


def test_the_treaty_clock_runs_instead_of_no_treaty_data() -> None:
    # given a case under a bilateral treaty whose record the directory holds
    limit = parse_treaty(record()).arrest_limit
    assert no_clock_reason(ClockBasis.BILATERAL_TREATY, treaty=limit) is None
    assert no_clock_reason(ClockBasis.BILATERAL_TREATY, treaty=None) is NoClock.NO_TREATY_DATA
    # when the arrest is entered, the treaty's clock runs until the request is received
    plan = plan_clocks(
        basis=ClockBasis.BILATERAL_TREATY,
        side=Side.REQUESTED,
        dates={EventKind.ARREST: date(2026, 3, 2), EventKind.REQUEST_RECEIVED: date(2026, 4, 20)},
        released=False,
        calendar=WEEKENDS,
        treaty=limit,
    )
    assert [(p.spec.code, p.computed.due, p.stopped_on) for p in plan] == [
        ("treaty-provisional-arrest", date(2026, 5, 1), date(2026, 4, 20))
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "trilateral"}, "kind"),
        ({"parties": ["XA"]}, "parties"),
        ({"parties": ["XA", "XB", "XC"]}, "parties"),
        ({"in_force_from": "2015-02-30"}, "in_force_from"),
        ({"in_force_to": "2014-01-01"}, "in_force_to"),
        ({"provisional_arrest": {"article": "art. 1", "days": 0}}, "provisional_arrest.days"),
        (
            {"provisional_arrest": {"article": "art. 1", "days": 40, "extendable": True}},
            "provisional_arrest.extended_days",
        ),
        (
            {"competing_requests": [{"factor": "coin_toss", "article": "art. 2"}]},
            "competing_requests.factor",
        ),
        ({"competing_requests": [{"factor": "residence"}]}, "competing_requests.article"),
    ],
)
def test_a_bad_record_is_refused_naming_the_field(overrides: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_treaty(record(**overrides))
    assert err.value.code == "treaty.invalid"
    assert err.value.params["field"] == field


def test_the_treaty_between_two_states_at_a_date() -> None:
    bilateral = parse_treaty(record())
    ended = parse_treaty(record(code="old", in_force_from="2001-01-01", in_force_to="2015-02-28"))
    multilateral = parse_treaty(
        record(code="multi", kind="multilateral", parties=["XA", "XB", "XC"])
    )
    treaties = [multilateral, ended, bilateral]
    # the bilateral treaty prevails over the multilateral one on a date both are in force
    assert treaty_between(treaties, "XB", "XA", date(2026, 1, 5)) is bilateral
    # the terminated treaty governed its own period only (its last day included)
    assert treaty_between(treaties, "XA", "XB", date(2015, 2, 28)) is ended
    assert treaty_between(treaties, "XA", "XC", date(2026, 1, 5)) is multilateral
    assert treaty_between(treaties, "XA", "XC", date(2014, 1, 5)) is None
    assert treaty_between(treaties, "XA", "XA", date(2026, 1, 5)) is None


def _requests() -> list[Request]:
    # XB asks later for an armed robbery in Borealis (15 years); XC first, for a fraud (5 years);
    # the person holds XB's nationality.
    return [
        Request(
            "XA/2026/2",
            "XC",
            ("XC", "Caldera"),
            date(2026, 2, 1),
            False,
            (Offence(60, False, "Port of XA"),),
            ("XB",),
        ),
        Request(
            "XA/2026/1",
            "XB",
            ("XB", "Borealis"),
            date(2026, 3, 2),
            False,
            (Offence(180, False, "XB, Borealis"),),
            ("XB",),
        ),
    ]


def test_the_treaty_factors_are_explained_from_the_case_data() -> None:
    # given the XA-XB treaty's rule (art. 15(a)-(c)) and no treaty with XC
    xb = parse_treaty(record())
    found = treaty_findings(_requests(), {"XA/2026/1": xb, "XA/2026/2": None})
    title = "Extradition Treaty between XA and XB (demo example)"
    assert [(f.factor, f.sources, f.reading, f.favours, f.treaty) for f in found] == [
        # art. 15(a): priority to the State whose national the person is
        (
            Factor.NATIONALITY,
            (f"{title}, art. 15(a)",),
            Reading.NATIONAL_OF_REQUESTING_STATE,
            ("XA/2026/1",),
            title,
        ),
        # art. 15(b): priority to the earlier request, XC's of 1 February
        (
            Factor.DATES,
            (f"{title}, art. 15(b)",),
            Reading.EARLIEST_REQUEST,
            ("XA/2026/2",),
            title,
        ),
        # art. 15(c): relative seriousness, 180 months against 60
        (
            Factor.SERIOUSNESS,
            (f"{title}, art. 15(c)",),
            Reading.HIGHEST_PENALTY,
            ("XA/2026/1",),
            title,
        ),
    ]
    assert found[1].params == {"date": "2026-02-01"}
    assert found[2].params == {"months": "180"}


def test_each_treaty_is_listed_once_and_factors_the_data_lack_say_so() -> None:
    xb = parse_treaty(record())
    xc = parse_treaty(
        record(
            code="demo-xa-xc",
            title="Treaty on Extradition between XA and XC (demo example)",
            parties=["XA", "XC"],
            competing_requests=[
                {"factor": "place_of_commission", "article": "art. 13(1)(b)"},
                {"factor": "nationality_of_victim", "article": "art. 13(1)(c)"},
                {"factor": "treaty_based_request", "article": "art. 13(2)"},
            ],
        )
    )
    found = treaty_findings(_requests(), {"XA/2026/2": xc, "XA/2026/1": xb})
    # XC's request comes first, so its treaty's rules first, then XB's
    assert [f.treaty for f in found] == [xc.title] * 3 + [xb.title] * 3
    place, victim, basis = found[:3]
    assert (place.factor, place.reading, place.favours) == (
        Factor.PLACE,
        Reading.COMMITTED_IN_REQUESTING_STATE,
        ("XA/2026/1",),
    )
    assert (victim.factor, victim.reading, victim.favours) == (
        Factor.VICTIM_NATIONALITY,
        Reading.NOT_IN_CASE_DATA,
        (),
    )
    # both requests are made under a treaty with XA: the criterion favours neither
    assert (basis.factor, basis.reading, basis.favours) == (
        Factor.TREATY_BASIS,
        Reading.ALL_UNDER_TREATY,
        (),
    )
    # with no treaty with XB, the request under the XA-XC treaty is favoured (art. 13(2))
    only_xc = treaty_findings(_requests(), {"XA/2026/2": xc, "XA/2026/1": None})
    assert (only_xc[2].reading, only_xc[2].favours) == (
        Reading.MADE_UNDER_TREATY,
        ("XA/2026/2",),
    )


def test_no_treaty_no_treaty_findings() -> None:
    assert treaty_findings(_requests(), {"XA/2026/1": None, "XA/2026/2": None}) == []


def test_every_treaty_rule_is_assessed() -> None:
    rules = [{"factor": r.value, "article": f"art. {i}"} for i, r in enumerate(TreatyRule, 1)]
    treaty = parse_treaty(record(competing_requests=rules))
    assert treaty.kind is TreatyKind.BILATERAL
    assert isinstance(treaty, Treaty)
    found = treaty_findings(_requests(), {"XA/2026/1": treaty})
    assert len(found) == len(TreatyRule)
    assert [f.sources[0].rsplit(", ", 1)[1] for f in found] == [r["article"] for r in rules]


# ---- Detention: a missing assessment holds the decision where evidence shows a risk ----


def test_evidence_of_risk_from_a_general_finding_or_under_3_square_metres() -> None:
    # Muršić § 137 / Dorobantu: under 3 m² in shared cells is a strong presumption
    assert evidence_of_risk(readings=[SpaceReading.STRONG_PRESUMPTION], general_risk_found=False)
    assert evidence_of_risk(readings=[], general_risk_found=True)
    assert not evidence_of_risk(
        readings=[SpaceReading.RELEVANT_FACTOR, SpaceReading.MEETS_CPT_STANDARD],
        general_risk_found=False,
    )


def test_with_evidence_and_no_assessment_the_decision_waits() -> None:
    today = date(2026, 3, 10)
    # Aranyosi § 88: with evidence of a risk, the authority must assess before deciding
    assert (
        gate_with_evidence(None, today, evidence=True, assurance_accepted=False)
        is Gate.ASSESSMENT_NOT_OPENED
    )
    # without evidence, no assessment is required
    assert gate_with_evidence(None, today, evidence=False, assurance_accepted=False) is Gate.OPEN
    # an accepted assurance lets the decision be taken (CJEU ML, C-220/18 PPU § 112)
    assert gate_with_evidence(None, today, evidence=True, assurance_accepted=True) is Gate.OPEN
    awaiting = TwoStep(
        GeneralRisk.GENERAL_RISK,
        requested_on=date(2026, 3, 1),
        deadline=date(2026, 3, 20),
    )
    assert (
        gate_with_evidence(awaiting, today, evidence=False, assurance_accepted=False)
        is Gate.AWAITING_INFORMATION
    )
    assert gate_with_evidence(awaiting, today, evidence=False, assurance_accepted=True) is Gate.OPEN
