"""Legal clocks of a case, from the event dates officers enter and the case's legal basis.

The vectors count as the instruments do: calendar days, the day of the event not counted, and
a limit on custody kept on its last day, acted on by the last working day on or before it.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.clock_choices import ClockBasisChoice, EventKindChoice
from rogatory.apps.cases.models import Case, CaseEventDate, Deadline, Notification
from rogatory.apps.cases.services import case_update
from rogatory.apps.cases.services.deadline_alerts import deadline_alerts_send
from rogatory.apps.cases.services.deadlines import case_no_clock_reason
from rogatory.apps.cases.services.event_dates import (
    case_event_date_set,
    case_time_limit_basis_set,
)
from rogatory.core.deadlines.events import ClockBasis, EventKind, NoClock
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db

PARIS_SUMMER = "+02:00"


@pytest.fixture
def in_france(settings: Any) -> None:
    # A node of France: French public holidays and the Paris time zone.
    settings.NODE_STATE = "FR"
    settings.NODE_TIME_ZONE = "Europe/Paris"


@pytest.fixture
def extradition(open_case: Callable[..., Any], people: dict[str, Any]) -> Callable[..., Case]:
    def make(direction: str = "incoming", basis: str = "ets-24", **fields: Any) -> Case:
        actor = "clerk" if direction == "incoming" else "officer"
        fields.setdefault("custody", "detained")
        case: Case = open_case(actor=actor, direction=direction, kind="extradition", **fields)
        if basis:
            case_time_limit_basis_set(actor=people["supervisor"], case_id=case.pk, basis=basis)
        return case

    return make


def clocks(case: Case) -> dict[str, tuple[str, str | None, str, bool]]:
    """Legal clocks of the case: code -> (last day, due instant in the node's zone, source,
    open)."""
    from rogatory.apps.cases.services.deadlines import LEGAL_CLOCK_CODES, node_zone

    rows = Deadline.objects.filter(case=case, code__in=LEGAL_CLOCK_CODES)
    return {
        d.code: (
            str(d.last_day),
            d.due_at.astimezone(node_zone()).isoformat(),
            d.source,
            d.met_at is None,
        )
        for d in rows
    }


def test_choices_mirror_the_core_enums() -> None:
    assert set(EventKindChoice.values) == {k.value for k in EventKind}
    assert set(ClockBasisChoice.values) == {b.value for b in ClockBasis}


@pytest.mark.usefixtures("in_france")
def test_ets24_arrest_on_a_friday_whose_18th_day_is_a_holiday(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    # given an incoming extradition under ETS 24 at a French node
    case = extradition()
    # when the officer enters an arrest on Friday 26 June 2026
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-06-26")
    # then the 18 days of ETS 24 art. 16(4) end on Tuesday 14 July, a public holiday, so the
    # authority must act by the end of Monday 13 July in Paris; the 40 days end on Wednesday
    # 5 August, a working day
    assert clocks(case) == {
        "ece-provisional-arrest": (
            "2026-07-14",
            f"2026-07-13T23:59:59.999999{PARIS_SUMMER}",
            "ETS 24 art. 16(4)",
            True,
        ),
        "ece-provisional-arrest-max": (
            "2026-08-05",
            f"2026-08-05T23:59:59.999999{PARIS_SUMMER}",
            "ETS 24 art. 16(4) (40 days at most)",
            True,
        ),
    }
    # and the case's next deadline is the 18-day one
    case.refresh_from_db()
    assert case.due_at == datetime(2026, 7, 13, 21, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.usefixtures("in_france")
def test_ets24_surrender_date_fixed_on_the_friday_before_easter_monday(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    case = extradition()
    # when the date fixed for surrender is Friday 3 April 2026 (Easter Monday follows)
    case_event_date_set(
        actor=people["clerk"], case_id=case.pk, kind="surrender_date_agreed", day="2026-04-03"
    )
    # then ETS 24 art. 18(4): release possible after 15 days (Saturday 18 April: act by
    # Friday 17) and due after 30 days (Sunday 3 May: act by Thursday 30 April, as Friday
    # 1 May is Labour Day)
    got = clocks(case)
    assert got["ece-surrender"][:2] == ("2026-04-18", f"2026-04-17T23:59:59.999999{PARIS_SUMMER}")
    assert got["ece-surrender-max"][:3] == (
        "2026-05-03",
        f"2026-04-30T23:59:59.999999{PARIS_SUMMER}",
        "ETS 24 art. 18(4) (30 days at most)",
    )


def test_ets24_clock_stops_on_receipt_of_the_request_not_at_the_hearing(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    case = extradition()
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # when the formal request and its documents arrive on day 12
    case_event_date_set(
        actor=people["clerk"], case_id=case.pk, kind="request_received", day="2026-03-14"
    )
    # then both ETS 24 art. 16(4) clocks are met on that date (UTC node), in time
    met = {
        d.code: d.met_at
        for d in Deadline.objects.filter(case=case, code__startswith="ece-provisional")
    }
    assert met == {
        "ece-provisional-arrest": datetime(2026, 3, 14, tzinfo=UTC),
        "ece-provisional-arrest-max": datetime(2026, 3, 14, tzinfo=UTC),
    }
    # and no legal clock is left open on the case
    case.refresh_from_db()
    assert not Deadline.objects.filter(
        case=case, met_at__isnull=True, code__startswith="ece-"
    ).exists()


def test_untoc_alone_starts_no_custody_clock(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    # given an extradition resting on UNTOC alone (art. 16(9) allows custody, sets no period)
    case = extradition(basis="")
    # when the arrest is entered
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # then no 18- or 40-day clock runs, and the case says why
    assert clocks(case) == {}
    assert case_no_clock_reason(Case.objects.get(pk=case.pk)) is NoClock.UNTOC_SETS_NO_PERIOD
    # and naming ETS 24 afterwards starts its clocks from the date already entered
    case_time_limit_basis_set(actor=people["supervisor"], case_id=case.pk, basis="ets-24")
    assert set(clocks(case)) == {"ece-provisional-arrest", "ece-provisional-arrest-max"}


def test_bilateral_treaty_without_directory_data_says_so(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    case = extradition(basis="bilateral-treaty")
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    assert clocks(case) == {}
    assert case_no_clock_reason(Case.objects.get(pk=case.pk)) is NoClock.NO_TREATY_DATA


def test_requesting_side_watches_the_18_days_to_send_the_request(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    # given our outgoing request for provisional arrest under ETS 24
    case = extradition(direction="outgoing")
    # when the requested State reports the arrest on Monday 2 March 2026
    case_event_date_set(actor=people["officer"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # then this node, the requesting State, has the same clocks: the request must reach the
    # requested State by Friday 20 March (18 days) and in no case after Saturday 11 April
    assert clocks(case) == {
        "ece-provisional-arrest": (
            "2026-03-20",
            "2026-03-20T23:59:59.999999+00:00",
            "ETS 24 art. 16(4)",
            True,
        ),
        "ece-provisional-arrest-max": (
            "2026-04-11",
            "2026-04-10T23:59:59.999999+00:00",
            "ETS 24 art. 16(4) (40 days at most)",
            True,
        ),
    }


def test_eaw_decision_clock_runs_only_on_the_requested_side(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    incoming = extradition(basis="eaw")
    outgoing = extradition(direction="outgoing", basis="eaw")
    for case, actor in ((incoming, "clerk"), (outgoing, "officer")):
        case_event_date_set(actor=people[actor], case_id=case.pk, kind="arrest", day="2026-01-05")
        case_event_date_set(actor=people[actor], case_id=case.pk, kind="decision", day="2026-02-02")
    # FD 2002/584 art. 17(3) binds the executing (requested) State; art. 23(2) both
    assert set(clocks(incoming)) == {"eaw-decision", "eaw-surrender"}
    assert set(clocks(outgoing)) == {"eaw-surrender"}
    # the decision met the 60-day clock; surrender is due 10 days after the decision
    assert clocks(incoming)["eaw-decision"][3] is False
    assert clocks(incoming)["eaw-surrender"][:1] == ("2026-02-12",)


def test_correcting_the_arrest_date_moves_the_clock_and_is_audited(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    case = extradition()
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    case_event_date_set(
        actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-03", note="typo"
    )
    assert clocks(case)["ece-provisional-arrest"][0] == "2026-03-21"
    assert CaseEventDate.objects.get(case=case).date == date(2026, 3, 3)
    changes = [
        e.changes
        for e in AuditEvent.objects.filter(case_id=case.pk, action="case.event_date").order_by("id")
    ]
    assert changes == [
        {"kind": "arrest", "from": None, "to": "2026-03-02", "note": ""},
        {"kind": "arrest", "from": "2026-03-02", "to": "2026-03-03", "note": "typo"},
    ]
    # removing a date entered by mistake removes the clocks it started
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="")
    assert clocks(case) == {}


def test_release_meets_the_custody_clocks(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    case = extradition()
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # when the person is released
    case_update(actor=people["clerk"], case_id=case.pk, changes={"custody": "at_liberty"})
    # then the limits on custody no longer run, and the case's next deadline is another one
    assert [v[3] for v in clocks(case).values()] == [False, False]
    case.refresh_from_db()
    still_open = Deadline.objects.filter(case=case, met_at__isnull=True)
    assert {d.code for d in still_open} == {"acknowledge_incoming", "register_custody_case"}
    assert case.due_at == min(d.due_at for d in still_open)
    # and holding the person again restarts them from the same arrest
    case_update(actor=people["clerk"], case_id=case.pk, changes={"custody": "detained"})
    assert [v[3] for v in clocks(case).values()] == [True, True]


def test_refused_entries_write_nothing(
    open_case: Callable[..., Any], extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    mla = open_case()
    case = extradition()
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    attempts: list[tuple[str, int, str, str]] = [
        ("officer", mla.pk, "arrest", "2026-03-02"),  # not an extradition case
        ("clerk", case.pk, "arrest", "2999-01-01"),  # an arrest in the future
        ("clerk", case.pk, "hearing", "2026-03-02"),  # not an event kind
        ("auditor", case.pk, "arrest", "2026-03-02"),  # an auditor reads only
    ]
    codes = []
    for actor, case_id, kind, day in attempts:
        with pytest.raises(DomainError) as err:
            case_event_date_set(actor=people[actor], case_id=case_id, kind=kind, day=day)
        codes.append(err.value.code)
    assert codes == [
        "event_date.not_extradition",
        "event_date.in_future",
        "field.invalid_choice",
        "case.write_forbidden",
    ]
    # and nothing was written: no date, no clock, no audit record of a change
    assert not CaseEventDate.objects.exists()
    assert not Deadline.objects.filter(code__startswith="ece-").exists()
    assert not AuditEvent.objects.filter(pk__gt=last).exists()


def test_reminder_before_expiry_then_escalation_to_the_supervisor(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    case = extradition()
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    Notification.objects.all().delete()
    # when the alerts run two days before the 18th day (Friday 20 March 2026)
    first = deadline_alerts_send(now=datetime(2026, 3, 18, 9, tzinfo=UTC))
    # then those who work the case (here its supervisor: no officer is assigned yet) are
    # reminded once
    assert (first.reminded, first.escalated) == (1, 0)
    assert list(
        Notification.objects.filter(queue="deadline_soon").values_list("user__username", flat=True)
    ) == ["supervisor"]
    # when the day has passed without the request
    late = deadline_alerts_send(now=datetime(2026, 3, 21, 9, tzinfo=UTC))
    # then the supervisors are told, once, and it is on the audit record
    assert (late.reminded, late.escalated) == (0, 1)
    assert list(
        Notification.objects.filter(queue="deadline_passed").values_list(
            "user__username", flat=True
        )
    ) == ["supervisor"]
    assert AuditEvent.objects.filter(case_id=case.pk, action="deadline.escalated").count() == 1
    again = deadline_alerts_send(now=datetime(2026, 3, 21, 10, tzinfo=UTC))
    assert (again.reminded, again.escalated) == (0, 0)


def test_deadlines_command_with_notify_escalates_a_passed_clock(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    import io

    from django.core.management import call_command

    # given an arrest long past whose request never came
    case = extradition()
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-01-05")
    # when the operator's timer runs `rogatory deadlines --notify`
    out, err = io.StringIO(), io.StringIO()
    call_command("deadlines", "--notify", stdout=out, stderr=err)
    # then both passed ETS 24 clocks are escalated (not reminded after the fact) and listed as
    # overdue with their article; the custody registration due in two days is reminded
    assert err.getvalue() == "reminded 1, escalated 2, notifications 2\n"
    assert "OVERDUE  2026-01-23T23:59  " in out.getvalue()
    assert "ece-provisional-arrest  (ETS 24 art. 16(4))" in out.getvalue()
    assert Notification.objects.filter(case=case, queue="deadline_passed").count() == 1


def test_a_closing_status_meets_the_running_clocks(
    extradition: Callable[..., Case], people: dict[str, Any]
) -> None:
    from rogatory.apps.cases.services import case_status_change

    case = extradition()
    case_event_date_set(actor=people["clerk"], case_id=case.pk, kind="arrest", day="2026-03-02")
    # when the requesting State withdraws its request (recorded from its message)
    case_status_change(
        actor=people["clerk"],
        case_id=case.pk,
        target="withdrawn",
        reason="withdrawn by XB",
        from_other_state=True,
    )
    # then no legal clock is left running, and the case has no next deadline
    assert [v[3] for v in clocks(case).values()] == [False, False]
    assert Case.objects.get(pk=case.pk).due_at is None
