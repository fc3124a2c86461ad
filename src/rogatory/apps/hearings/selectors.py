"""Reads of the hearings area: a hearing is shown only to someone who may see its case (the
same refusal as for a missing case, logged), with each participant's local time, what stands
in the slot's way, the next safeguard step and the invitation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.models import Case, CaseEventDate
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.hearings.models import (
    Hearing,
    HearingStatus,
    Interpreter,
    Minutes,
    ModeChoice,
)
from rogatory.core.errors import DomainError
from rogatory.core.hearings.invitation import Invitation, Method, invitation_ics
from rogatory.core.hearings.kinds import HearingKind, ParticipantRole
from rogatory.core.hearings.safeguards import SafeguardStep, next_step, steps_for
from rogatory.core.hearings.scheduling import (
    LocalTime,
    Slot,
    SlotWarning,
    local_times,
    slot_warnings,
)
from rogatory.core.workflow import CaseState, Direction, Role

_READERS = {Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR}
# Who may change a case (``cases.services.permissions.case_for_write``): the screens offer
# the hearing's actions to them only; the services check again.
_WRITERS = {Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR}


class StepState(StrEnum):
    """A safeguard step as the reader's side knows it. The requested State records the steps
    (ETS 182 art. 9(5)); the requesting State learns them from the signed minutes
    (art. 9(6)), so it never sees a step as its own next one."""

    DONE = "done"
    NEXT = "next"
    PENDING = "pending"
    # Requesting side: in the minutes received from the requested State.
    IN_MINUTES = "in_minutes"
    # Requesting side: recorded by the requested State, not reported yet.
    AWAITED = "awaited"


@dataclass(frozen=True, slots=True)
class HearingView:
    hearing: Hearing
    case: Case
    local: list[LocalTime]
    warnings: list[SlotWarning]
    steps: tuple[SafeguardStep, ...]
    done: frozenset[SafeguardStep]
    # The next step to record here; None on the requesting side (the requested State records).
    next: SafeguardStep | None
    # Whether this node records the safeguards (the requested State's side).
    records_here: bool = False
    step_states: tuple[tuple[SafeguardStep, StepState], ...] = ()
    # Whether the reader may change the case (and so act on the hearing).
    can_write: bool = False
    # The register's active interpreters, offered when adding a participant.
    interpreters: tuple[Interpreter, ...] = ()


def hearings_for_case(*, actor: User, case_id: int) -> list[Hearing]:
    case = case_get_for(actor=actor, case_id=case_id, action="hearing.read")
    return list(case.hearings.order_by("-created_at", "id"))


def hearing_get_for(*, actor: User, hearing_id: int) -> tuple[Case, Hearing]:
    row = Hearing.objects.filter(pk=hearing_id).first()
    if row is None:
        raise DomainError("hearing.not_found", hearing_id=hearing_id)
    case = case_get_for(actor=actor, case_id=row.case_id, action="hearing.read")
    return case, row


def _slot(hearing: Hearing) -> Slot | None:
    return Slot(hearing.start, hearing.minutes) if hearing.start else None


def _zone_of(hearing: Hearing, roles: tuple[ParticipantRole, ...], default: str) -> str:
    for p in hearing.participants.all():
        if p.role in roles:
            return p.time_zone
    return default


def _span(start: datetime, end: datetime) -> Slot:
    return Slot(start, int((end - start).total_seconds() // 60))


def warnings_for(hearing: Hearing, case: Case, slot: Slot) -> list[SlotWarning]:
    people = list(hearing.participants.select_related("interpreter"))
    states = [
        (
            case.requesting_state_id,
            _zone_of(hearing, (ParticipantRole.PRESIDING_JUDGE,), hearing.zone),
        ),
        (
            case.requested_state_id,
            _zone_of(
                hearing,
                (ParticipantRole.PERSON_HEARD, ParticipantRole.REQUESTED_JUDICIAL_OFFICER),
                hearing.zone,
            ),
        ),
    ]
    booked = [
        Slot(h.start, h.minutes)
        for h in Hearing.objects.filter(status=HearingStatus.AGREED, start__isnull=False)
        .exclude(pk=hearing.pk)
        .only("start", "minutes")
        if h.start is not None
    ]
    free = [
        (
            p.name,
            [
                Slot(a.start, int((a.end - a.start).total_seconds() // 60))
                for a in p.interpreter.availabilities.all()
            ],
        )
        for p in people
        if p.interpreter is not None
    ]
    return slot_warnings(
        slot,
        states=states,
        participants=[(p.name, p.time_zone) for p in people],
        booked=booked,
        interpreter_free=free,
    )


def _step_states(
    hearing: Hearing, steps: tuple[SafeguardStep, ...], done: frozenset[SafeguardStep], here: bool
) -> tuple[tuple[SafeguardStep, StepState], ...]:
    if not here:
        received = Minutes.objects.filter(hearing=hearing, received=True, verified=True).exists()
        state = StepState.IN_MINUTES if received else StepState.AWAITED
        return tuple((s, state) for s in steps)
    first = next_step(HearingKind(hearing.kind), done)
    return tuple(
        (s, StepState.DONE if s in done else StepState.NEXT if s is first else StepState.PENDING)
        for s in steps
    )


def hearing_view_for(*, actor: User, hearing_id: int) -> HearingView:
    case, hearing = hearing_get_for(actor=actor, hearing_id=hearing_id)
    kind = HearingKind(hearing.kind)
    done = frozenset(SafeguardStep(s) for s in hearing.safeguards.values_list("step", flat=True))
    slot = _slot(hearing)
    zones = [(p.name, p.time_zone) for p in hearing.participants.all()]
    # The requested State's official, present with the person, records the safeguards
    # (ETS 182 art. 9(5)); the requesting side reads them in the minutes.
    here = case.direction == Direction.INCOMING.value
    steps = steps_for(kind)
    can_write = actor.role in _WRITERS and case.status != CaseState.CLOSED.value
    return HearingView(
        hearing=hearing,
        case=case,
        local=local_times(slot, zones) if slot else [],
        warnings=warnings_for(hearing, case, slot) if slot else [],
        steps=steps,
        done=done,
        next=next_step(kind, done) if here else None,
        records_here=here,
        step_states=_step_states(hearing, steps, done, here),
        can_write=can_write,
        interpreters=tuple(Interpreter.objects.filter(active=True)) if can_write else (),
    )


def hearing_invitation_for(*, actor: User, hearing_id: int, now: datetime | None = None) -> bytes:
    """The hearing's invitation (or its cancellation) as iCalendar."""
    case, hearing = hearing_get_for(actor=actor, hearing_id=hearing_id)
    slot = _slot(hearing)
    if slot is None:
        raise DomainError("hearing.not_agreed", status=hearing.status)
    method = Method.CANCEL if hearing.status == HearingStatus.CANCELLED else Method.REQUEST
    telephone = hearing.mode == ModeChoice.TELEPHONE
    host = getattr(settings, "NODE_STATE", "node").lower()
    invitation = Invitation(
        uid=f"{hearing.uid}@{host}.rogatory",
        sequence=hearing.sequence,
        slot=slot,
        zone=hearing.zone,
        summary=f"{'Hearing by telephone' if telephone else 'Hearing by video'} — "
        f"{case.our_reference}",
        # Where to join, never how: the link and its token are made per person in Rogatory,
        # and a telephone conference's code is given on the hearing's page only.
        description=(
            f"Case {case.our_reference}. The number to dial and the conference code are on "
            "the hearing's page in Rogatory."
            if telephone
            else f"Case {case.our_reference}. Join from the hearing's page in Rogatory; the "
            "connection link is personal and made when you open it."
        ),
        organiser=(
            actor.get_full_name() or actor.username,
            actor.email or f"{actor.username}@{host}.invalid",
        ),
        attendees=[(p.name, p.email) for p in hearing.participants.all() if p.email],
    )
    return invitation_ics(invitation, method=method, stamp=now or timezone.now())


def interpreters_for(*, actor: User) -> list[Interpreter]:
    if actor.role not in _READERS:
        access_denied(
            actor=actor, action="interpreter.read", object_type="interpreter", object_id=0
        )
        raise DomainError("hearing.register_forbidden")
    return list(Interpreter.objects.prefetch_related("availabilities"))


def hearings_overview() -> list[dict[str, Any]]:
    """Every hearing of the node with its status and minutes, for the operator's command line
    (no case content beyond its reference)."""
    rows = []
    for h in Hearing.objects.select_related("case").prefetch_related("safeguards"):
        minutes = Minutes.objects.filter(hearing=h).first()
        consent = CaseEventDate.objects.filter(case=h.case, kind="consent").first()
        rows.append(
            {
                "case": h.case.our_reference,
                "direction": h.case.direction,
                "uid": h.uid,
                "kind": h.kind,
                "status": h.status,
                "start": h.start.isoformat() if h.start else None,
                "sequence": h.sequence,
                "participants": sorted(p.role for p in h.participants.all()),
                "safeguards": [s.step for s in h.safeguards.all()],
                "interruptions": h.interruptions.count(),
                "minutes": None
                if minutes is None
                else {
                    "sha256": minutes.sha256,
                    "language": minutes.language,
                    "signer": minutes.signer_node,
                    "verified": minutes.verified,
                    "received": minutes.received,
                    "document_sha256": minutes.document.sha256,
                },
                "recordings": [r.sha256 for r in h.recordings.all()],
                "consent_date": consent.date.isoformat() if consent else None,
            }
        )
    return rows
