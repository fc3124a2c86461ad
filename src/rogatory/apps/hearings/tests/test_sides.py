"""What each side may do and sees: the requested State records the safeguards, the requesting
one reads them in the minutes; each node makes join links for its own participants only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import timezone

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.services import document_add
from rogatory.apps.hearings.models import Hearing, Minutes
from rogatory.apps.hearings.selectors import StepState, hearing_view_for
from rogatory.apps.hearings.services.conference import hearing_join_url
from rogatory.apps.hearings.tests.test_flow import _connect_all, _record, agreed_pair
from rogatory.core.errors import DomainError
from rogatory.core.hearings.safeguards import SafeguardStep

S = SafeguardStep


def test_the_requesting_side_has_no_next_step_and_the_requested_side_has_one(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    ours, theirs = agreed_pair(proposed, people)
    _connect_all(theirs, people["officer"])
    _record(theirs, people["officer"], S.ATTENDANCE)
    # when each side reads its hearing
    requesting = hearing_view_for(actor=people["officer"], hearing_id=ours.pk)
    requested = hearing_view_for(actor=people["officer"], hearing_id=theirs.pk)
    # then the requested side records: attendance done, identity next, the rest pending
    assert requested.records_here is True
    assert requested.next is S.IDENTITY
    assert requested.step_states[:3] == (
        (S.ATTENDANCE, StepState.DONE),
        (S.IDENTITY, StepState.NEXT),
        (S.INTERPRETER, StepState.PENDING),
    )
    # and the requesting side has no step to record, each awaited from the requested State
    assert requesting.records_here is False
    assert requesting.next is None
    assert {state for _, state in requesting.step_states} == {StepState.AWAITED}


def test_the_requesting_side_reads_the_steps_in_the_minutes_once_received(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    ours, _ = agreed_pair(proposed, people)
    # given verified minutes received (their document is not needed to read the states)
    Minutes.objects.bulk_create(
        [
            Minutes(
                hearing=ours,
                document_id=_document_of(ours),
                language="fr",
                sha256="ab" * 32,
                signature="-",
                signer_node="xb-central",
                verified=True,
                received=True,
                at=timezone.now(),
            )
        ]
    )
    view = hearing_view_for(actor=people["officer"], hearing_id=ours.pk)
    assert {state for _, state in view.step_states} == {StepState.IN_MINUTES}


def _document_of(hearing: Hearing) -> int:
    doc = document_add(
        actor=hearing.created_by,
        case_id=hearing.case_id,
        title="Minutes",
        filename="minutes.pdf",
        stream=io.BytesIO(b"%PDF-1.7 minutes"),
        content_type="application/pdf",
    )
    return int(doc.pk)


def test_a_node_makes_no_join_link_for_the_other_states_participant(
    proposed: tuple[Hearing, Hearing], people: dict[str, Any]
) -> None:
    ours, _ = agreed_pair(proposed, people)
    Hearing.objects.filter(pk=ours.pk).update(provider="link", link="https://conf.example/r")
    foreign = ours.participants.filter(ours=False).first()
    assert foreign is not None
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        hearing_join_url(actor=people["officer"], hearing_id=ours.pk, participant_id=foreign.pk)
    assert (refused.value.code, refused.value.params) == (
        "hearing.participant_not_ours",
        {"field": "participant"},
    )
    assert AuditEvent.objects.count() == before
    ours.refresh_from_db()
    assert ours.room == ""
