"""Nationalities with dates and evidence, and the steps that follow from them: submission for
prosecution (UNTOC art. 16(10)), conditional surrender (16(11)), enforcement of the sentence
(16(12)) and consular notification (Vienna Convention on Consular Relations art. 36)."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEventDate, Nationality, NationalityFollowUp
from rogatory.apps.cases.nationality_selectors import case_nationality_of
from rogatory.apps.cases.services.nationalities import (
    nationality_follow_up_open,
    nationality_follow_up_update,
    nationality_record,
)
from rogatory.apps.directory.models import State
from rogatory.core.errors import DomainError
from rogatory.core.workflow.nationality import NationalityFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def extradition(open_case: Callable[..., Any]) -> Case:
    # An incoming request: XB asks us, XA, to extradite; the person holds XB and FR.
    case: Case = open_case(
        actor="clerk", direction="incoming", kind="extradition", custody="detained"
    )
    return case


def refused_on_nationality(case: Case) -> None:
    # given: the refusal itself is the workflow's business; here it is only the premise.
    Case.objects.filter(pk=case.pk).update(
        status="refused", refusal_ground="extradition_nationality"
    )


def test_records_a_nationality_with_dates_and_evidence(
    extradition: Case, people: dict[str, Any]
) -> None:
    person = extradition.persons.get()
    # when the officer records that the person acquired our nationality in 2019
    nationality_record(
        actor=people["supervisor"],
        case_id=extradition.pk,
        person_id=person.pk,
        state="xa",
        acquired_on=date(2019, 5, 2),
        evidence="Naturalisation certificate no. 4411",
    )
    # then the row holds the dates and the evidence, and the change is audited
    row = Nationality.objects.get(person=person, state_id="XA")
    assert (row.acquired_on, row.lost_on, row.evidence) == (
        date(2019, 5, 2),
        None,
        "Naturalisation certificate no. 4411",
    )
    audit = AuditEvent.objects.get(action="case.nationality")
    assert audit.case_id == extradition.pk


def test_recording_an_existing_nationality_completes_it(
    extradition: Case, people: dict[str, Any]
) -> None:
    person = extradition.persons.get()
    nationality_record(
        actor=people["supervisor"],
        case_id=extradition.pk,
        person_id=person.pk,
        state="FR",
        lost_on=date(2020, 1, 1),
        evidence="Decree of release from allegiance",
    )
    assert list(person.nationalities.values_list("state_id", "lost_on")) == [
        ("XB", None),
        ("FR", date(2020, 1, 1)),
    ]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"state": "ZZ"}, "field.unknown_state"),
        (
            {"acquired_on": date(2020, 1, 1), "lost_on": date(2019, 1, 1)},
            "nationality.lost_before_acquired",
        ),
        ({"acquired_on": date(2999, 1, 1)}, "event_date.in_future"),
        ({"person_id": 999999}, "person.not_found"),
    ],
)
def test_a_refused_nationality_writes_nothing(
    extradition: Case, people: dict[str, Any], fields: dict[str, Any], code: str
) -> None:
    person = extradition.persons.get()
    args: dict[str, Any] = {"person_id": person.pk, "state": "XA", **fields}
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        nationality_record(actor=people["supervisor"], case_id=extradition.pk, **args)
    assert err.value.code == code
    assert not Nationality.objects.filter(state_id="XA").exists()
    assert AuditEvent.objects.count() == before


def test_an_auditor_may_not_record_a_nationality(extradition: Case, people: dict[str, Any]) -> None:
    person = extradition.persons.get()
    with pytest.raises(DomainError) as err:
        nationality_record(
            actor=people["auditor"], case_id=extradition.pk, person_id=person.pk, state="XA"
        )
    assert err.value.code == "case.write_forbidden"
    assert not Nationality.objects.filter(state_id="XA").exists()


def test_an_mla_case_keeps_no_nationality_dates(
    open_case: Callable[..., Any], people: dict[str, Any]
) -> None:
    case = open_case()
    with pytest.raises(DomainError) as err:
        nationality_record(
            actor=people["supervisor"], case_id=case.pk, person_id=case.persons.get().pk, state="XA"
        )
    assert err.value.code == "nationality.not_extradition"


def test_the_panel_flags_a_dual_national_at_the_date_of_the_decision(
    extradition: Case, people: dict[str, Any]
) -> None:
    # given our law bars extraditing our nationals, and the person became our national in 2019
    State.objects.filter(code="XA").update(
        bars_extradition_of_nationals=True, nationals_bar_source="Constitution art. 12"
    )
    person = extradition.persons.get()
    nationality_record(
        actor=people["supervisor"],
        case_id=extradition.pk,
        person_id=person.pk,
        state="XA",
        acquired_on=date(2019, 5, 2),
    )
    CaseEventDate.objects.create(
        case=extradition, kind="decision", date=date(2026, 3, 2), entered_at="2026-03-02T10:00Z"
    )
    # when the panel is read
    case = Case.objects.get(pk=extradition.pk)
    view = case_nationality_of(case, today=date(2026, 6, 1))
    # then nationality is judged on the decision date: a national of both States, barred
    assessment = view.persons[0].assessment
    assert view.on == date(2026, 3, 2)
    assert view.decided is True
    assert view.bar_source == "Constitution art. 12"
    assert assessment.held == ("FR", "XA", "XB")
    assert assessment.flags == (
        NationalityFlag.REQUESTED_STATE_NATIONAL,
        NationalityFlag.DUAL_NATIONAL_BOTH_STATES,
        NationalityFlag.THIRD_STATE_NATIONAL,
    )
    assert assessment.barred is True


def test_refusal_on_nationality_at_the_requesting_states_request_opens_the_16_10_task(
    extradition: Case, people: dict[str, Any]
) -> None:
    # given the extradition was refused because the person is our national
    refused_on_nationality(extradition)
    awaited = case_nationality_of(Case.objects.get(pk=extradition.pk), today=date(2026, 3, 9))
    assert awaited.submission_awaited is True
    # when the requesting State asks on 10 March 2026 that the case be submitted to prosecutors
    task = nationality_follow_up_open(
        actor=people["supervisor"],
        case_id=extradition.pk,
        kind="prosecution_submission",
        opened_on=date(2026, 3, 10),
    )
    # then the task is open and, once prosecution started, is tracked to its outcome
    after = case_nationality_of(Case.objects.get(pk=extradition.pk), today=date(2026, 3, 10))
    assert after.submission_awaited is False
    assert (task.kind, task.status, task.opened_on) == (
        "prosecution_submission",
        "open",
        date(2026, 3, 10),
    )
    done = nationality_follow_up_update(
        actor=people["supervisor"],
        case_id=extradition.pk,
        follow_up_id=task.pk,
        status="completed",
        closed_on=date(2026, 4, 1),
        outcome="Indicted before the Central Criminal Court",
    )
    assert (done.status, done.closed_on, done.outcome) == (
        "completed",
        date(2026, 4, 1),
        "Indicted before the Central Criminal Court",
    )
    assert AuditEvent.objects.filter(action="case.nationality_follow_up").count() == 2


def test_no_16_10_task_before_a_refusal_on_nationality(
    extradition: Case, people: dict[str, Any]
) -> None:
    with pytest.raises(DomainError) as err:
        nationality_follow_up_open(
            actor=people["supervisor"],
            case_id=extradition.pk,
            kind="prosecution_submission",
            opened_on=date(2026, 3, 10),
        )
    assert err.value.code == "nationality.not_refused_on_nationality"
    assert not NationalityFollowUp.objects.exists()
    assert not AuditEvent.objects.filter(action="case.nationality_follow_up").exists()


def test_the_16_10_task_is_opened_once(extradition: Case, people: dict[str, Any]) -> None:
    refused_on_nationality(extradition)
    args: dict[str, Any] = {
        "actor": people["supervisor"],
        "case_id": extradition.pk,
        "kind": "prosecution_submission",
        "opened_on": date(2026, 3, 10),
    }
    nationality_follow_up_open(**args)
    with pytest.raises(DomainError) as err:
        nationality_follow_up_open(**args)
    assert err.value.code == "nationality.follow_up_exists"
    assert NationalityFollowUp.objects.count() == 1


def test_conditional_surrender_and_sentence_enforcement_are_tracked(
    extradition: Case, people: dict[str, Any]
) -> None:
    for kind in ("conditional_surrender", "sentence_enforcement"):
        nationality_follow_up_open(
            actor=people["supervisor"],
            case_id=extradition.pk,
            kind=kind,
            opened_on=date(2026, 3, 1),
            outcome="Proposed to the requesting State",
        )
    assert list(NationalityFollowUp.objects.values_list("kind", "status")) == [
        ("conditional_surrender", "open"),
        ("sentence_enforcement", "open"),
    ]


def test_consular_notification_names_the_state(extradition: Case, people: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as err:
        nationality_follow_up_open(
            actor=people["supervisor"],
            case_id=extradition.pk,
            kind="consular_notification",
            opened_on=date(2026, 3, 1),
        )
    assert err.value.code == "field.required"
    row = nationality_follow_up_open(
        actor=people["supervisor"],
        case_id=extradition.pk,
        kind="consular_notification",
        opened_on=date(2026, 3, 1),
        state="FR",
        outcome="Person asked that the French consulate be informed",
    )
    assert (row.state_id, row.status) == ("FR", "open")


@pytest.mark.parametrize(
    ("status", "closed_on", "code"),
    [
        ("completed", None, "field.required"),
        ("open", date(2026, 3, 5), "nationality.closed_on_not_expected"),
        ("completed", date(2026, 2, 1), "nationality.closed_before_opened"),
        ("finished", None, "field.invalid_choice"),
    ],
)
def test_a_refused_update_changes_nothing(
    extradition: Case,
    people: dict[str, Any],
    status: str,
    closed_on: date | None,
    code: str,
) -> None:
    row = nationality_follow_up_open(
        actor=people["supervisor"],
        case_id=extradition.pk,
        kind="conditional_surrender",
        opened_on=date(2026, 3, 1),
    )
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        nationality_follow_up_update(
            actor=people["supervisor"],
            case_id=extradition.pk,
            follow_up_id=row.pk,
            status=status,
            closed_on=closed_on,
        )
    assert err.value.code == code
    row.refresh_from_db()
    assert (row.status, row.closed_on) == ("open", None)
    assert AuditEvent.objects.count() == before


def test_the_demo_workload_includes_a_dual_national_of_both_states() -> None:
    from rogatory.apps.cases.services.demo_data import demo_cases, demo_setup

    # when a small demo workload is made
    setup = demo_setup(password="pw")
    demo_cases(count=20, seed=3, users=setup["users"])
    # then the first open incoming extradition holds a national of both States, and the home
    # State bars extraditing its nationals
    case = Case.objects.get(persons__nationalities__evidence__startswith="Certificate")
    view = case_nationality_of(case, today=date(2026, 6, 1))
    assessment = view.persons[0].assessment
    assert NationalityFlag.DUAL_NATIONAL_BOTH_STATES in assessment.flags
    assert assessment.barred is True
