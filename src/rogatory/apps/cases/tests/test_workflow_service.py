from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.choices import StatusChoice
from rogatory.apps.cases.models import Case, CaseEvent, Deadline
from rogatory.apps.cases.services import case_status_change as case_transition
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseState

pytestmark = pytest.mark.django_db


def test_model_status_values_equal_the_core_states() -> None:
    assert set(StatusChoice.values) == {s.value for s in CaseState}


def test_opening_an_outgoing_request_makes_a_draft_with_reference_event_and_audit(
    open_case: Any,
) -> None:
    # when an officer opens an outgoing MLA request
    case = open_case()
    # then it is a draft with a reference of this node, one event and one audit record
    assert case.status == "draft"
    assert case.our_reference == f"XA/MLA/{case.created_at.year}/{case.pk:06d}"
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", "to_status")) == [
        ("created", "draft")
    ]
    assert list(AuditEvent.objects.filter(case_id=case.pk).values_list("action", flat=True)) == [
        "case.open"
    ]


def test_a_transition_appends_an_event_and_an_audit_record(open_case: Any, people: Any) -> None:
    case = open_case()
    # when the supervisor approves the draft
    case_transition(actor=people["supervisor"], case_id=case.pk, target="approved")
    # then status, event and audit agree
    case.refresh_from_db()
    assert case.status == "approved"
    last = CaseEvent.objects.filter(case=case).last()
    assert last is not None
    assert (last.from_status, last.to_status, last.actor_id) == (
        "draft",
        "approved",
        people["supervisor"].pk,
    )
    assert AuditEvent.objects.filter(case_id=case.pk, action="case.transition").count() == 1


def test_refusal_without_ground_writes_nothing(open_case: Any, people: Any) -> None:
    # given an incoming request under execution
    case = open_case(actor="clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    events_before = CaseEvent.objects.count()
    audit_before = AuditEvent.objects.count()
    # when the supervisor refuses with reasons but no ground
    with pytest.raises(DomainError) as err:
        case_transition(
            actor=people["supervisor"], case_id=case.pk, target="refused", reason="Not possible"
        )
    # then it is refused and nothing is written
    assert err.value.code == "transition.ground_required"
    case.refresh_from_db()
    assert case.status == "assigned"
    assert CaseEvent.objects.count() == events_before
    assert AuditEvent.objects.count() == audit_before


def test_refusal_records_ground_and_reason(open_case: Any, people: Any) -> None:
    case = open_case(actor="clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="refused",
        reason="Would prejudice an ongoing national security matter",
        ground="mla_essential_interests",
    )
    case.refresh_from_db()
    assert (case.status, case.refusal_ground) == ("refused", "mla_essential_interests")
    last = CaseEvent.objects.filter(case=case).last()
    assert last is not None
    assert last.ground == "mla_essential_interests"


def test_assignment_grants_the_officer_access(open_case: Any, people: Any) -> None:
    from rogatory.apps.cases.selectors import case_list_for

    case = open_case(actor="clerk", direction="incoming")
    assert not case_list_for(actor=people["colleague"]).filter(pk=case.pk).exists()
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["colleague"].pk,
    )
    assert case_list_for(actor=people["colleague"]).filter(pk=case.pk).exists()


def test_recording_a_provisional_arrest_starts_no_legal_clock(open_case: Any, people: Any) -> None:
    # ETS 24 art. 16(4) counts from the date of the arrest, which an officer enters on the case
    # (test_case_clocks.py), never from the day a clerk records the step.
    case = open_case(actor="clerk", direction="incoming", kind="extradition", custody="detained")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(actor=people["supervisor"], case_id=case.pk, target="provisionally_arrested")
    case = Case.objects.get(pk=case.pk)
    open_codes = set(
        Deadline.objects.filter(case=case, met_at__isnull=True).values_list("code", flat=True)
    )
    assert open_codes == set()
    assert case.due_at is None
