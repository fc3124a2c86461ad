"""Hearings by telephone conference: witnesses and experts only (EU MLA Convention 2000
art. 11; ETS 182 art. 10), a number to dial instead of a video room, minutes that say so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.template.loader import render_to_string

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, Communication
from rogatory.apps.hearings.models import Hearing, HearingMessage, HearingStatus
from rogatory.apps.hearings.services.conference import hearing_join_url
from rogatory.apps.hearings.services.minutes import minutes_context
from rogatory.apps.hearings.services.scheduling import hearing_accept, hearing_propose
from rogatory.apps.hearings.tests.conftest import slot_start
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import HearingKind, HearingMode, mode_check


def _propose(actor: Any, case: Case, kind: str = "witness", **extra: Any) -> Hearing:
    return hearing_propose(
        actor=actor,
        case_id=case.pk,
        kind=kind,
        reason_not_in_person="The witness lives in XB.",
        requesting_authority="District Court of XA",
        requested_authority="Court of XB",
        language="en",
        time_zone="Europe/Paris",
        slots=[(slot_start(8), 45)],
        **{"mode": "telephone", "dial_in": "+99 555 0100", "conference_code": "4477#", **extra},
    )


def _writes() -> tuple[int, int, int]:
    return (Hearing.objects.count(), Communication.objects.count(), AuditEvent.objects.count())


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [(k, k in (HearingKind.WITNESS, HearingKind.EXPERT)) for k in HearingKind],
)
def test_only_witnesses_and_experts_may_be_heard_by_telephone(
    kind: HearingKind, allowed: bool
) -> None:
    if allowed:
        mode_check(kind, HearingMode.TELEPHONE)
    else:
        with pytest.raises(DomainError) as refused:
            mode_check(kind, HearingMode.TELEPHONE)
        assert (refused.value.code, refused.value.params) == (
            "hearing.telephone_not_allowed",
            {"kind": kind.value},
        )
    # and every kind may be heard by video
    mode_check(kind, HearingMode.VIDEO)


def test_a_witness_proposed_by_telephone_keeps_the_code_and_sends_only_the_number(
    cases: tuple[Case, Case], people: dict[str, Any]
) -> None:
    outgoing, _ = cases
    # when a witness hearing by telephone is proposed
    hearing = _propose(people["officer"], outgoing, provider="jitsi")
    # then it is a telephone hearing with its number and code, and no video provider
    assert (hearing.mode, hearing.dial_in, hearing.conference_code, hearing.provider) == (
        "telephone",
        "+99 555 0100",
        "4477#",
        "",
    )
    # and the message to the other State says "telephone" and the number, never the code
    body = HearingMessage.objects.get(hearing=hearing, sent=True).body
    assert (body["mode"], body["dial_in"]) == ("telephone", "+99 555 0100")
    assert "4477#" not in str(body)


@pytest.mark.parametrize("kind", ["consent_to_surrender", "suspect_accused", "extradition"])
def test_a_telephone_hearing_of_another_kind_is_refused_and_nothing_is_written(
    cases: tuple[Case, Case], people: dict[str, Any], kind: str
) -> None:
    outgoing, _ = cases
    before = _writes()
    with pytest.raises(DomainError) as refused:
        _propose(people["officer"], outgoing, kind=kind)
    assert refused.value.code == "hearing.telephone_not_allowed"
    assert _writes() == before


def test_a_telephone_hearing_without_a_number_is_refused_and_nothing_is_written(
    cases: tuple[Case, Case], people: dict[str, Any]
) -> None:
    outgoing, _ = cases
    before = _writes()
    with pytest.raises(DomainError) as refused:
        _propose(people["officer"], outgoing, dial_in="  ")
    assert (refused.value.code, refused.value.params) == (
        "hearing.dial_in_required",
        {"field": "dial_in"},
    )
    assert _writes() == before


def test_the_requested_side_receives_the_mode_and_number_and_refuses_a_telephone_accused(
    cases: tuple[Case, Case], people: dict[str, Any], deliver: Callable[..., Any]
) -> None:
    outgoing, incoming = cases
    ours = _propose(people["officer"], outgoing)
    # when the proposal arrives
    deliver(outgoing, incoming)
    theirs = Hearing.objects.get(case=incoming, uid=ours.uid)
    # then the requested side holds a telephone hearing with the number, not the code
    assert (theirs.mode, theirs.dial_in, theirs.conference_code) == (
        "telephone",
        "+99 555 0100",
        "",
    )
    # and a telephone proposal for an accused person is kept as refused, nothing applied
    count = Hearing.objects.count()
    sent = HearingMessage.objects.get(hearing=ours, sent=True)
    sent.body = {**sent.body, "kind": "suspect_accused", "hearing": "f" * 32}
    sent.save(update_fields=["body"])
    refused = deliver(outgoing, incoming)
    assert refused.refused == "hearing.telephone_not_allowed"
    assert Hearing.objects.count() == count


def test_a_telephone_hearing_has_no_join_link(
    cases: tuple[Case, Case], people: dict[str, Any], deliver: Callable[..., Any]
) -> None:
    outgoing, incoming = cases
    ours = _propose(people["officer"], outgoing)
    deliver(outgoing, incoming)
    theirs = Hearing.objects.get(case=incoming, uid=ours.uid)
    slot = theirs.slots.get()
    hearing_accept(actor=people["officer"], hearing_id=theirs.pk, slot_id=slot.pk)
    with pytest.raises(DomainError) as refused:
        hearing_join_url(actor=people["officer"], hearing_id=theirs.pk, participant_id=0)
    assert refused.value.code == "hearing.telephone_no_link"


def test_the_minutes_of_a_telephone_hearing_say_by_telephone(
    cases: tuple[Case, Case], people: dict[str, Any]
) -> None:
    outgoing, _ = cases
    hearing = _propose(people["officer"], outgoing)
    Hearing.objects.filter(pk=hearing.pk).update(status=HearingStatus.HELD)
    hearing.refresh_from_db()
    context = minutes_context(hearing, outgoing, language="en", node="xa-central")
    html = render_to_string("hearings/minutes.html", {"m": context})
    assert context["mode"] == "By telephone conference"
    assert "Minutes of a hearing by telephone conference" in html
    assert "Telephone conference" in html
    assert "+99 555 0100" in html
    assert "4477#" not in html
