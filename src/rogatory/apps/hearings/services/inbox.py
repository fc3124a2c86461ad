"""The other State's hearing messages, applied to our hearings.

The exchange keeps each received communication on the case (``cases.services.communications``)
and the signed payload in its inbox; the case file does not know hearings (layers), so this
service reads the bodies of the hearing communications not yet applied and applies them, in
order of arrival. The exchange runs it for the case as soon as a hearing communication is
received (``hearing_message_arrived``, an arrival handler, after the receiving transaction
commits); it is idempotent, and ``rogatory hearings sync`` catches up with anything a failed
run left.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, Communication, Document
from rogatory.apps.exchange.arrivals import Arrival
from rogatory.apps.exchange.models import InboxMessage, InboxState
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.apps.hearings.models import (
    Hearing,
    HearingMessage,
    HearingStatus,
    Minutes,
    Participant,
    Recording,
    Slot,
)
from rogatory.core.envelope.errors import EnvelopeError, SignatureError
from rogatory.core.envelope.jws import parse_compact
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import KIND_RULES, mode_check
from rogatory.core.hearings.scheduling import Slot as SlotData
from rogatory.core.hearings.scheduling import connection_test_slot
from rogatory.core.hearings.wire import HearingBody, body_from_wire
from rogatory.core.wire.communication import CommunicationKind

K = CommunicationKind
HEARING_KINDS = tuple(k.value for k in K if k.value.startswith("hearing_"))
MINUTES_TYP = "rogatory-minutes+jws"


def _pending(case_ids: list[int] | None) -> list[Communication]:
    done = HearingMessage.objects.filter(sent=False).values("message_id")
    qs = (
        Communication.objects.filter(sent=False, kind__in=HEARING_KINDS)
        .exclude(message_id="")
        .exclude(message_id__in=done)
        .select_related("case")
        .order_by("at", "id")
    )
    if case_ids is not None:
        qs = qs.filter(case_id__in=case_ids)
    return list(qs)


def hearing_message_arrived(arrival: Arrival) -> None:
    """The exchange's arrival handler: a hearing communication just received is applied to
    its case's hearing at once (registered in ``HearingsConfig.ready``)."""
    if arrival.kind in HEARING_KINDS:
        hearing_inbox_apply(case_ids=[arrival.case_id])


def hearing_inbox_apply(*, case_ids: list[int] | None = None) -> int:
    """Apply the hearing messages received and not yet applied; how many were taken."""
    taken = 0
    for row in _pending(case_ids):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=row.case_id)
            if HearingMessage.objects.filter(
                case=case, message_id=row.message_id, sent=False
            ).exists():
                continue  # a concurrent run took it
            inbox = (
                InboxMessage.objects.filter(
                    message_id=row.message_id, state=InboxState.ACCEPTED, case=case
                )
                .order_by("id")
                .first()
            )
            payload = inbox.metadata.get("payload") if inbox is not None else None
            raw = payload.get("body") if isinstance(payload, dict) else None
            message = HearingMessage(
                case=case,
                message_id=row.message_id,
                kind=row.kind,
                sent=False,
                body=raw if isinstance(raw, dict) else {},
                at=row.at,
            )
            try:
                with transaction.atomic():
                    body = body_from_wire(raw)
                    message.hearing = _apply(
                        case,
                        K(row.kind),
                        body,
                        message_id=row.message_id,
                        sender=inbox.sender_node if inbox is not None else "",
                        at=row.at,
                    )
            except DomainError as error:
                # Kept with the reason, never applied half: the officer sees it on the thread.
                message.refused = error.code[:64]
            message.save()
            audit_record(
                actor=None,
                action="hearing.message_applied" if not message.refused else "hearing.refused",
                obj=message,
                case_id=case.pk,
                changes={"kind": row.kind, "message_id": row.message_id, "code": message.refused},
            )
            taken += 1
    return taken


def _hearing(case: Case, body: HearingBody) -> Hearing:
    # Only a hearing of this very case: a message never reaches another case's hearing.
    hearing = Hearing.objects.select_for_update().filter(case=case, uid=body.hearing).first()
    if hearing is None:
        raise DomainError("hearing.not_found", hearing_id=body.hearing[:32])
    return hearing


def _participants(hearing: Hearing, body: HearingBody) -> None:
    Participant.objects.bulk_create(
        Participant(
            hearing=hearing,
            role=p.role.value,
            name=p.name,
            joins_from=p.joins_from,
            time_zone=p.zone or "UTC",
            languages=p.languages,
            ours=False,
        )
        for p in body.participants
    )


def _slots(hearing: Hearing, body: HearingBody, message_id: str) -> None:
    Slot.objects.bulk_create(
        Slot(
            hearing=hearing,
            start=s.start,
            minutes=s.minutes,
            proposed_by_us=False,
            message_id=message_id,
        )
        for s in body.slots
    )


def _one_slot(body: HearingBody) -> tuple[datetime, int]:
    if len(body.slots) != 1:
        raise DomainError("wire.invalid", field="body.slots")
    return body.slots[0].start, body.slots[0].minutes


def _apply(
    case: Case, kind: K, body: HearingBody, *, message_id: str, sender: str, at: datetime
) -> Hearing:
    if kind is K.HEARING_PROPOSAL:
        if body.kind is None or not body.slots or not body.reason_not_in_person:
            raise DomainError("wire.invalid", field="body")
        if Hearing.objects.filter(case=case, uid=body.hearing).exists():
            raise DomainError("hearing.duplicate", hearing_id=body.hearing)
        # A telephone hearing of anyone but a witness or an expert is refused on arrival too
        # (EU MLA Convention 2000 art. 11(1)).
        mode_check(body.kind, body.mode)
        hearing = Hearing.objects.create(
            case=case,
            uid=body.hearing,
            kind=body.kind.value,
            mode=body.mode.value,
            dial_in=body.dial_in,
            legal_basis=KIND_RULES[body.kind].basis,
            reason_not_in_person=body.reason_not_in_person,
            requesting_authority=case.requesting_authority_name or case.requesting_state_id,
            requested_authority=case.requested_state_id,
            language=body.language,
            zone=body.zone or "UTC",
            proposed_by_us=False,
        )
        _participants(hearing, body)
        _slots(hearing, body, message_id)
        return hearing
    hearing = _hearing(case, body)
    if kind is K.HEARING_COUNTER_PROPOSAL:
        if hearing.status not in (HearingStatus.PROPOSED, HearingStatus.COUNTER_PROPOSED):
            raise DomainError("hearing.not_open", status=hearing.status)
        hearing.slots.filter(withdrawn=False).update(withdrawn=True)
        _participants(hearing, body)
        _slots(hearing, body, message_id)
        hearing.status = HearingStatus.COUNTER_PROPOSED
    elif kind in (K.HEARING_ACCEPTANCE, K.HEARING_CHANGE):
        start, minutes = _one_slot(body)
        if (
            kind is K.HEARING_ACCEPTANCE
            and not hearing.slots.filter(
                start=start, minutes=minutes, proposed_by_us=True, withdrawn=False
            ).exists()
        ):
            # Only a slot we proposed can be accepted.
            raise DomainError("hearing.slot_unknown", field="slot")
        if kind is K.HEARING_CHANGE and hearing.status != HearingStatus.AGREED:
            raise DomainError("hearing.not_agreed", status=hearing.status)
        if body.sequence < hearing.sequence:
            raise DomainError("hearing.stale", sequence=body.sequence)
        hearing.start, hearing.minutes, hearing.sequence = start, minutes, body.sequence
        hearing.status = HearingStatus.AGREED
        hearing.connection_test_at = connection_test_slot(SlotData(start, minutes)).start
    elif kind is K.HEARING_CANCELLATION:
        if hearing.status in (HearingStatus.HELD, HearingStatus.MINUTES):
            raise DomainError("hearing.not_cancellable", status=hearing.status)
        hearing.status, hearing.sequence = HearingStatus.CANCELLED, body.sequence
    elif kind is K.HEARING_MINUTES:
        if case.direction != "outgoing":
            # Only the requested State draws up the minutes (ETS 182 art. 9(6)).
            raise DomainError("communication.wrong_side", kind=kind.value)
        _minutes(case, hearing, body, message_id=message_id, sender=sender, at=at)
        hearing.status = HearingStatus.MINUTES
    hearing.save()
    return hearing


def _minutes(
    case: Case, hearing: Hearing, body: HearingBody, *, message_id: str, sender: str, at: datetime
) -> None:
    document = (
        Document.objects.filter(case=case, received=True, sha256=body.minutes_sha256)
        .order_by("-id")
        .first()
    )
    if document is None or not body.minutes_signature:
        raise DomainError("hearing.minutes_missing", field="body.minutes_sha256")
    verified = minutes_signature_valid(
        body.minutes_signature, sha256=document.sha256, hearing=hearing.uid, node=sender
    )
    if not verified:
        raise DomainError("hearing.minutes_signature_invalid")
    Minutes.objects.update_or_create(
        hearing=hearing,
        defaults={
            "document": document,
            "language": body.minutes_language,
            "sha256": document.sha256,
            "signature": body.minutes_signature,
            "signer_node": sender,
            "verified": True,
            "received": True,
            "at": at,
        },
    )
    if body.recording_sha256:
        Recording.objects.create(
            hearing=hearing,
            sha256=body.recording_sha256,
            place=body.recording_place,
            bound_at=timezone.now(),
        )


def minutes_signature_valid(token: str, *, sha256: str, hearing: str, node: str) -> bool:
    """Whether ``token`` is ``node``'s signature, by a key of the node registry, over these
    minutes (their SHA-256 and the hearing's id)."""
    try:
        parsed = parse_compact(token, typ=MINUTES_TYP)
        keys = current_registry().signing_keys(node, timezone.now())
    except (EnvelopeError, DomainError):
        return False
    for key in keys:
        try:
            payload = parsed.verify(key)
        except SignatureError:
            continue
        return payload.get("sha256") == sha256 and payload.get("hearing") == hearing
    return False
