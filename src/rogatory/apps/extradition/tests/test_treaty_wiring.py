"""Issue 16, the remaining items wired end to end: a bilateral treaty's provisional-arrest
clock and competing-requests rule from the directory, the supplementary information on
detention as a row of the case's deadlines, and a missing detention assessment holding the
grant where this node's evidence shows a risk."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant, Deadline, Notification
from rogatory.apps.cases.services.deadline_alerts import deadline_alerts_send
from rogatory.apps.cases.services.deadlines import case_no_clock_reason, node_zone
from rogatory.apps.cases.services.event_dates import (
    case_event_date_set,
    case_time_limit_basis_set,
)
from rogatory.apps.directory.services import treaties_load_shipped
from rogatory.apps.extradition.detention_selectors import detention_gate_of
from rogatory.apps.extradition.selectors import competing_cases, competing_findings
from rogatory.apps.extradition.services.competing import competing_file_open
from rogatory.apps.extradition.services.detention import (
    assessment_general_record,
    assessment_individual_record,
    assessment_information_received,
    assessment_information_request,
    assurance_record,
    dossier_save,
    node_today,
    source_add,
)
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.screening.models import PersonMatch
from rogatory.core.deadlines.events import NoClock
from rogatory.core.errors import DomainError
from rogatory.core.extradition.competing import Factor, Reading
from rogatory.core.extradition.detention import Gate, OthmanFactor

pytestmark = pytest.mark.django_db

XA_XB = "Extradition Treaty between XA and XB (demo example)"
XA_XC = "Treaty on Extradition between XA and XC (demo example)"


@pytest.fixture
def treaties(states: None) -> None:
    treaties_load_shipped()


def _incoming(open_case: Any, **fields: Any) -> Case:
    fields.setdefault("custody", "detained")
    case: Case = open_case(actor="clerk", direction="incoming", kind="extradition", **fields)
    return case


def _clock(case: Case) -> tuple[str, str, bool] | None:
    row = Deadline.objects.filter(case=case, code="treaty-provisional-arrest").first()
    return None if row is None else (str(row.last_day), row.source, row.met_at is None)


# ---- 1(a): the treaty's provisional-arrest clock ----


def test_a_case_under_the_bilateral_treaty_gets_its_60_day_clock(
    treaties: None, open_case: Any, people: dict[str, Any]
) -> None:
    # given an incoming request from XB under the XA-XB treaty (demo art. 11(4): 60 days)
    case = _incoming(open_case)
    case_time_limit_basis_set(actor=people["supervisor"], case_id=case.pk, basis="bilateral-treaty")
    # when the person is arrested on Monday 2 March 2026
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # then the treaty's clock runs to Friday 1 May 2026 (2 March + 60 days), with its article
    assert _clock(case) == ("2026-05-01", f"{XA_XB} art. 11(4)", True)
    assert case_no_clock_reason(Case.objects.get(pk=case.pk)) is None
    # and it stops when the formal request is received (the treaty's own trigger, as ETS 24
    # art. 16(4))
    case_event_date_set(
        actor=people["clerk"], case_id=case.pk, kind="request_received", day="2026-04-20"
    )
    assert _clock(case) == ("2026-05-01", f"{XA_XB} art. 11(4)", False)


def test_a_case_resting_on_a_treaty_needs_no_instrument_named(
    treaties: None, open_case: Any, people: dict[str, Any]
) -> None:
    # given a request from XC whose only legal basis is "treaty" (demo XA-XC art. 9(3): 45 days)
    case = _incoming(open_case, requesting_state="XC", legal_bases=["treaty"])
    # when the arrest on Monday 2 March 2026 is entered
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # then 2 March + 45 days = Thursday 16 April 2026
    assert _clock(case) == ("2026-04-16", f"{XA_XC} art. 9(3)", True)


def test_an_arrest_before_the_treaty_entered_into_force_has_no_treaty_clock(
    treaties: None, open_case: Any, people: dict[str, Any]
) -> None:
    case = _incoming(open_case)
    case_time_limit_basis_set(actor=people["supervisor"], case_id=case.pk, basis="bilateral-treaty")
    # the XA-XB treaty is in force from 1 March 2015 only
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2015-02-27")
    assert _clock(case) is None
    assert case_no_clock_reason(Case.objects.get(pk=case.pk)) is NoClock.NO_TREATY_DATA


# ---- 1(b): the treaty's rule in the competing-requests file ----


def test_the_competing_file_lists_each_requests_treaty_factors(
    treaties: None,
    people: dict[str, Any],
    two_requests: tuple[Case, Case],
    confirmed: PersonMatch,
) -> None:
    from_b, from_c = two_requests
    file = competing_file_open(actor=people["officer"], case_id=from_b.pk, case_ids=[from_c.pk])
    treaty_rows = [
        (f.treaty, f.sources[0], f.factor, f.reading, f.favours)
        for f in competing_findings(competing_cases(file))
        if f.treaty
    ]
    b, c = from_b.our_reference, from_c.our_reference
    # XC asked first (1 February), so its treaty comes first; each rule cites its article
    assert treaty_rows == [
        # XA-XC art. 13(1)(a): the robbery (180 months) outweighs the fraud (60)
        (XA_XC, f"{XA_XC}, art. 13(1)(a)", Factor.SERIOUSNESS, Reading.HIGHEST_PENALTY, (b,)),
        # art. 13(1)(b): only the robbery was committed in its requesting State
        (
            XA_XC,
            f"{XA_XC}, art. 13(1)(b)",
            Factor.PLACE,
            Reading.COMMITTED_IN_REQUESTING_STATE,
            (b,),
        ),
        # art. 13(1)(c): victims' nationality is not in the case data
        (
            XA_XC,
            f"{XA_XC}, art. 13(1)(c)",
            Factor.VICTIM_NATIONALITY,
            Reading.NOT_IN_CASE_DATA,
            (),
        ),
        # art. 13(2): both requests are made under a treaty with XA
        (XA_XC, f"{XA_XC}, art. 13(2)", Factor.TREATY_BASIS, Reading.ALL_UNDER_TREATY, ()),
        # XA-XB art. 15(a): the person is a national of XB
        (
            XA_XB,
            f"{XA_XB}, art. 15(a)",
            Factor.NATIONALITY,
            Reading.NATIONAL_OF_REQUESTING_STATE,
            (b,),
        ),
        # art. 15(b): the earlier request is XC's
        (XA_XB, f"{XA_XB}, art. 15(b)", Factor.DATES, Reading.EARLIEST_REQUEST, (c,)),
        # art. 15(c): relative seriousness
        (XA_XB, f"{XA_XB}, art. 15(c)", Factor.SERIOUSNESS, Reading.HIGHEST_PENALTY, (b,)),
    ]


# ---- 2: the supplementary information on detention as a deadline row ----


@pytest.fixture
def at_hearing(open_case: Any, people: dict[str, Any]) -> Case:
    case: Case = open_case(
        actor="clerk", direction="incoming", kind="extradition", requesting_state="XB"
    )
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    case_transition(actor=people["officer"], case_id=case.pk, target="extradition_hearing")
    return case


def _general_risk(people: dict[str, Any], case: Case, space: str | None = None) -> None:
    from decimal import Decimal

    officer = people["officer"]
    dossier = dossier_save(
        actor=officer,
        state="XB",
        personal_space_m2=None if space is None else Decimal(space),
    )
    source = source_add(
        actor=officer,
        dossier_id=dossier.pk,
        kind="ecthr_judgment",
        title="Pilot judgment on overcrowding",
        published_on=date(2024, 1, 9),
    )
    assessment_general_record(
        actor=officer,
        case_id=case.pk,
        general_risk="general_risk",
        reasons="Pilot judgment on structural overcrowding.",
        source_ids=[source.pk],
    )


def test_the_information_asked_has_its_deadline_row_reminded_escalated_and_stopped(
    people: dict[str, Any], at_hearing: Case
) -> None:
    _general_risk(people, at_hearing)
    today = node_today()
    deadline = today + timedelta(days=10)
    # when the officer asks XB for the information with a 10-day time limit (Aranyosi § 97)
    assessment_information_request(
        actor=people["officer"],
        case_id=at_hearing.pk,
        asked="Facility, cell size and hours out of cell.",
        requested_on=today,
        deadline=deadline,
    )
    # then the case has a deadline row with its source, due at the end of that day
    row = Deadline.objects.get(case=at_hearing, code="detention-information")
    assert row.source == (
        "CJEU C-404/15 and C-659/15 PPU Aranyosi and Căldăraru § 97; FD 2002/584/JHA art. 15(2)"
    )
    assert (row.last_day, row.met_at, row.practice) == (deadline, None, False)
    at_hearing.refresh_from_db()
    assert at_hearing.due_at is not None
    assert at_hearing.due_at <= row.due_at
    # and it is escalated like any other clock once it passes
    report = deadline_alerts_send(now=row.due_at + timedelta(minutes=1))
    assert report.escalated == 1
    assert Notification.objects.filter(case=at_hearing, queue="deadline_passed").exists()
    # when the information is recorded, the row is met on the day it arrived
    assessment_information_received(
        actor=people["officer"], case_id=at_hearing.pk, received_on=today, answer="Cell 3.5 m²."
    )
    row.refresh_from_db()
    assert row.met_at == datetime.combine(today, datetime.min.time(), tzinfo=node_zone())
    assert (
        not Deadline.objects.filter(case=at_hearing, met_at__isnull=True)
        .filter(code="detention-information")
        .exists()
    )


def test_asking_again_restarts_the_row_with_the_new_time_limit(
    people: dict[str, Any], at_hearing: Case
) -> None:
    _general_risk(people, at_hearing)
    today = node_today()
    for days in (10, 20):
        assessment_information_request(
            actor=people["officer"],
            case_id=at_hearing.pk,
            asked="Facility.",
            requested_on=today,
            deadline=today + timedelta(days=days),
        )
    rows = Deadline.objects.filter(case=at_hearing, code="detention-information")
    assert [(r.last_day, r.met_at, r.reminded_at) for r in rows] == [
        (today + timedelta(days=20), None, None)
    ]


# ---- 3: a missing assessment holds the grant ----


def _counts() -> tuple[int, int]:
    return CaseEvent.objects.count(), AuditEvent.objects.count()


def _grant(people: dict[str, Any], case: Case) -> Case:
    return case_transition(
        actor=people["supervisor"], case_id=case.pk, target="extradition_granted", reason="Granted."
    )


def test_without_any_assessment_a_dossier_under_3_m2_holds_the_grant(
    people: dict[str, Any], at_hearing: Case
) -> None:
    # given this node's dossier on XB's remand prison: 2.5 m² per detainee in shared cells
    # (a strong presumption, Muršić § 137), and no assessment opened on the case
    from decimal import Decimal

    dossier_save(
        actor=people["officer"],
        state="XB",
        facility="Remand prison",
        personal_space_m2=Decimal("2.5"),
    )
    before = _counts()
    # when the supervisor grants extradition
    with pytest.raises(DomainError) as err:
        _grant(people, at_hearing)
    # then it is refused and nothing is written
    assert err.value.code == "detention.gate_assessment_not_opened"
    at_hearing.refresh_from_db()
    assert at_hearing.status == "extradition_hearing"
    assert _counts() == before
    # when an assurance is accepted (every Othman factor weighed, none against)
    assurance_record(
        actor=people["officer"],
        case_id=at_hearing.pk,
        given_by="Ministry of Justice of XB",
        level="ministry_of_justice",
        given_on=node_today(),
        covers="Held in a cell of at least 4 m² per detainee.",
        othman={f.value: ("yes", "") for f in OthmanFactor},
    )
    # then the grant goes through
    assert _grant(people, at_hearing).status == "extradition_granted"


def test_an_assurance_with_a_factor_against_does_not_open_the_gate(
    people: dict[str, Any], at_hearing: Case
) -> None:
    from decimal import Decimal

    dossier_save(actor=people["officer"], state="XB", personal_space_m2=Decimal("2.8"))
    othman = {f.value: ("yes", "") for f in OthmanFactor}
    othman[OthmanFactor.OBJECTIVELY_VERIFIABLE.value] = ("no", "No monitoring access.")
    assurance_record(
        actor=people["officer"],
        case_id=at_hearing.pk,
        given_by="Prison administration of XB",
        level="prison_administration",
        given_on=node_today(),
        covers="Cell size.",
        othman=othman,
    )
    assert detention_gate_of(at_hearing) is Gate.ASSESSMENT_NOT_OPENED


def test_a_general_risk_found_in_another_case_holds_the_grant_until_step_2_is_concluded(
    people: dict[str, Any], at_hearing: Case, open_case: Any
) -> None:
    # given a general risk found on XB's prisons in another extradition case
    other: Case = open_case(
        actor="clerk", direction="incoming", kind="extradition", requesting_state="XB"
    )
    CaseGrant.objects.create(case=other, user=people["officer"], granted_by=people["supervisor"])
    _general_risk(people, other)
    # then this case, with no assessment, may not be granted
    before = _counts()
    with pytest.raises(DomainError) as err:
        _grant(people, at_hearing)
    assert err.value.code == "detention.gate_assessment_not_opened"
    assert _counts() == before
    # when the two steps are done on this case: general risk, information in, risk ruled out
    source_ids = list(other.detention_assessment.general_sources.values_list("pk", flat=True))
    assessment_general_record(
        actor=people["officer"],
        case_id=at_hearing.pk,
        general_risk="general_risk",
        reasons="Same pilot judgment.",
        source_ids=source_ids,
    )
    assessment_information_request(
        actor=people["officer"],
        case_id=at_hearing.pk,
        asked="Facility.",
        requested_on=node_today(),
        deadline=node_today() + timedelta(days=5),
    )
    assessment_information_received(
        actor=people["officer"], case_id=at_hearing.pk, received_on=node_today(), answer="4 m²."
    )
    assessment_individual_record(
        actor=people["officer"], case_id=at_hearing.pk, individual_risk="ruled_out", reasons="4 m²."
    )
    # then the grant goes through
    assert _grant(people, at_hearing).status == "extradition_granted"


def test_without_evidence_on_the_requesting_state_nothing_holds_the_grant(
    people: dict[str, Any], at_hearing: Case
) -> None:
    from decimal import Decimal

    # a dossier on XB with 4 m² per detainee meets the CPT standard: no evidence of a risk
    dossier_save(actor=people["officer"], state="XB", personal_space_m2=Decimal("4"))
    assert detention_gate_of(at_hearing) is Gate.OPEN
    assert _grant(people, at_hearing).status == "extradition_granted"
