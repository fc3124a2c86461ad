"""Communications of a case after the request: kinds, who sends each and why, and their wire
form (``"rogatory.communication/<major>.<minor>"``, versioned like the case payload).

UNTOC art. 18(13) covers the request "and any communication related thereto": each of these
travels as a signed, receipted exchange message threaded by the request's reference, and is
kept on both sides' case timelines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from rogatory.core.deadlines.events import EventKind
from rogatory.core.errors import DomainError
from rogatory.core.wire.records import DocumentNote
from rogatory.core.workflow import CaseState, Direction

SCHEMA_NAME = "rogatory.communication"
MAJOR = 1
# 1.1 added ``documents``: what the sender says about the files of the message (optional, so
# a 1.0 reader ignores it and a 1.1 reader takes a 1.0 message without it).
# 1.2 added the hearing kinds and ``body``: the structured part of a kind that has one (a
# hearing's proposed slots, its minutes' hash and signature), absent for the other kinds; an
# older reader ignores the member, and refuses only the kinds it does not know.
# 1.3 added the status changes the requesting State follows: execution in progress (assigned,
# started or resumed), extradition granted and surrender done.
# 1.4 added the requested State's dated steps of an extradition: the provisional arrest
# confirmed and the date agreed for surrender, each with ``body`` {"date": "YYYY-MM-DD"}, so
# that the requesting State's clocks run from the real date.
MINOR = 4
SCHEMA = f"{SCHEMA_NAME}/{MAJOR}.{MINOR}"
_SCHEMA_RE = re.compile(r"^rogatory\.communication/(\d{1,4})\.(\d{1,4})$")

IN = Direction.INCOMING
OUT = Direction.OUTGOING


class CommunicationKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    INFORMATION_REQUEST = "information_request"
    INFORMATION_ANSWER = "information_answer"
    POSTPONEMENT = "postponement"
    WITHDRAWAL = "withdrawal"
    PARTIAL_EXECUTION = "partial_execution"
    FINAL_EXECUTION = "final_execution"
    CLOSURE = "closure"
    # Before refusing or postponing, the requested State consults the requesting State
    # (UNTOC art. 18(26); art. 16(16) in extradition).
    CONSULTATION = "consultation"
    CONSULTATION_ANSWER = "consultation_answer"
    # Assistance granted subject to conditions the requesting State accepts (UNTOC art. 18(26)).
    CONDITIONS_PROPOSED = "conditions_proposed"
    CONDITIONS_ACCEPTED = "conditions_accepted"
    # Confidentiality required by the requesting State, and the requested State's notice that
    # it cannot comply (UNTOC art. 18(20)).
    CONFIDENTIALITY_REQUIRED = "confidentiality_required"
    CONFIDENTIALITY_CANNOT = "confidentiality_cannot"
    # Use of the evidence for other proceedings needs the requested State's prior consent
    # (UNTOC art. 18(19)).
    USE_CONSENT_REQUEST = "use_consent_request"
    USE_CONSENT = "use_consent"
    URGENCY = "urgency"
    SUPPLEMENTARY_REQUEST = "supplementary_request"
    # The request is in hand at the requested State: assigned to an officer, execution started,
    # or resumed after a postponement (UNTOC art. 18(24), 18(25)).
    IN_PROGRESS = "in_progress"
    # The requested State's decision to extradite, and the surrender carried out (ETS 24
    # art. 18(1), 18(3)).
    EXTRADITION_GRANTED = "extradition_granted"
    SURRENDER = "surrender"
    # The requested State's dated steps of an extradition, each with the event's date in its
    # body: the person arrested at the requesting State's request (ETS 24 art. 16(4); UNTOC
    # art. 16(9)), and the date fixed for surrender (ETS 24 art. 18(2)-(4); FD 2002/584
    # art. 23). (short: the timeline line "received_<kind>" fits its 32 characters)
    PROVISIONAL_ARREST_CONFIRMED = "arrest_confirmed"
    SURRENDER_DATE_AGREED = "surrender_date_agreed"
    # Hearings by video (UNTOC art. 18(18); ETS 182 art. 9): the slot is agreed between the
    # two States on the case thread, and the requested State returns the minutes.
    HEARING_PROPOSAL = "hearing_proposal"
    # (short: the timeline line "received_<kind>" fits its 32 characters)
    HEARING_COUNTER_PROPOSAL = "hearing_counter"
    HEARING_ACCEPTANCE = "hearing_acceptance"
    HEARING_CHANGE = "hearing_change"
    HEARING_CANCELLATION = "hearing_cancellation"
    HEARING_MINUTES = "hearing_minutes"


@dataclass(frozen=True, slots=True)
class KindRule:
    # The direction of the sender's own case: the requested State holds the request as an
    # incoming case, the requesting State as an outgoing one; None when either State may send
    # it (the slot of a hearing is agreed between them).
    sent_from: Direction | None
    basis: str
    text_required: bool = False
    # The kind carries a structured ``body`` (read by the app that owns the kind).
    body_required: bool = False
    # The status the receiving State's case follows to, when its transition table allows it.
    receiver_follows: CaseState | None = None
    # The receiving State's follow-up clocks stop: nothing more is to come on the request.
    stops_receiver_clocks: bool = False
    # The communication this one answers (its message id travels as ``in_reply_to``).
    answers: CommunicationKind | None = None
    # The event whose date the body carries ({"date": "YYYY-MM-DD"}, schema 1.4): the sender's
    # case recorded it, and the receiving case records the same date, so that its own clocks
    # run from it. Sent with that record, never by hand.
    event_date: EventKind | None = None


K = CommunicationKind
RULES: dict[CommunicationKind, KindRule] = {
    # The requested State's reference and contact officer, so that every later communication
    # is threaded and addressed (UNTOC art. 18(13); art. 18(24) on information about progress).
    K.ACKNOWLEDGEMENT: KindRule(
        IN, "UNTOC art. 18(13), 18(24)", receiver_follows=CaseState.ACKNOWLEDGED
    ),
    K.INFORMATION_REQUEST: KindRule(
        IN,
        "UNTOC art. 18(16)",
        text_required=True,
        receiver_follows=CaseState.ADDITIONAL_INFORMATION_REQUESTED,
    ),
    K.INFORMATION_ANSWER: KindRule(
        OUT, "UNTOC art. 18(16)", text_required=True, answers=K.INFORMATION_REQUEST
    ),
    # Postponement must give its reasons; the requesting State learns them (UNTOC art. 18(25)).
    K.POSTPONEMENT: KindRule(
        IN, "UNTOC art. 18(25)", text_required=True, receiver_follows=CaseState.POSTPONED
    ),
    # Only the requesting State withdraws its request (UNTOC art. 18(24)); the requested State's
    # case follows and its clocks stop.
    K.WITHDRAWAL: KindRule(OUT, "UNTOC art. 18(24)", receiver_follows=CaseState.WITHDRAWN),
    K.PARTIAL_EXECUTION: KindRule(
        IN, "UNTOC art. 18(24)", receiver_follows=CaseState.PARTIALLY_EXECUTED
    ),
    K.FINAL_EXECUTION: KindRule(IN, "UNTOC art. 18(24)", receiver_follows=CaseState.EXECUTED),
    # The requested State closed its file: the requesting State's case says so and stops
    # following the request up (UNTOC art. 18(13), 18(24)); its own status is its own to close.
    K.CLOSURE: KindRule(IN, "UNTOC art. 18(13), 18(24)", stops_receiver_clocks=True),
    K.CONSULTATION: KindRule(IN, "UNTOC art. 18(26), 16(16)", text_required=True),
    K.CONSULTATION_ANSWER: KindRule(
        OUT, "UNTOC art. 18(26), 16(16)", text_required=True, answers=K.CONSULTATION
    ),
    K.CONDITIONS_PROPOSED: KindRule(IN, "UNTOC art. 18(26)", text_required=True),
    K.CONDITIONS_ACCEPTED: KindRule(
        OUT, "UNTOC art. 18(26)", text_required=True, answers=K.CONDITIONS_PROPOSED
    ),
    K.CONFIDENTIALITY_REQUIRED: KindRule(OUT, "UNTOC art. 18(20)", text_required=True),
    K.CONFIDENTIALITY_CANNOT: KindRule(IN, "UNTOC art. 18(20)", text_required=True),
    K.USE_CONSENT_REQUEST: KindRule(OUT, "UNTOC art. 18(19)", text_required=True),
    K.USE_CONSENT: KindRule(
        IN, "UNTOC art. 18(19)", text_required=True, answers=K.USE_CONSENT_REQUEST
    ),
    # The requesting State raises the urgency of a pending request (UNTOC art. 18(13), (24)).
    K.URGENCY: KindRule(OUT, "UNTOC art. 18(13), 18(24)", text_required=True),
    # After transmission the request is not edited in place: what changes goes as a
    # supplementary request, with its documents (UNTOC art. 18(15), 18(16)).
    K.SUPPLEMENTARY_REQUEST: KindRule(OUT, "UNTOC art. 18(15), 18(16)", text_required=True),
    # Assignment, start or resumption of execution: the requesting State's case shows the
    # request in hand again (UNTOC art. 18(24); after a postponement, art. 18(25)).
    K.IN_PROGRESS: KindRule(
        IN, "UNTOC art. 18(24), 18(25)", receiver_follows=CaseState.ACKNOWLEDGED
    ),
    K.EXTRADITION_GRANTED: KindRule(
        IN, "ETS 24 art. 18(1)", receiver_follows=CaseState.EXTRADITION_GRANTED
    ),
    K.SURRENDER: KindRule(IN, "ETS 24 art. 18(3)", receiver_follows=CaseState.SURRENDERED),
    # The requesting State learns the date of the arrest, from which its time to send the
    # formal request runs (ETS 24 art. 16(4); UNTOC art. 16(9)), and the date fixed for
    # surrender, from which the surrender periods run (ETS 24 art. 18(2)-(4); FD 2002/584
    # art. 23).
    K.PROVISIONAL_ARREST_CONFIRMED: KindRule(
        IN,
        "ETS 24 art. 16(4); UNTOC art. 16(9)",
        body_required=True,
        event_date=EventKind.ARREST,
    ),
    K.SURRENDER_DATE_AGREED: KindRule(
        IN,
        "ETS 24 art. 18(2)-(4); FD 2002/584 art. 23",
        body_required=True,
        event_date=EventKind.SURRENDER_DATE_AGREED,
    ),
    # The requesting State's judicial authority conducts the hearing and the requested State's
    # is present (UNTOC art. 18(18); ETS 182 art. 9(5)): either may propose, counter, accept,
    # move or cancel the slot.
    K.HEARING_PROPOSAL: KindRule(None, "UNTOC art. 18(18); ETS 182 art. 9", body_required=True),
    K.HEARING_COUNTER_PROPOSAL: KindRule(
        None, "UNTOC art. 18(18); ETS 182 art. 9", body_required=True
    ),
    K.HEARING_ACCEPTANCE: KindRule(None, "UNTOC art. 18(18); ETS 182 art. 9", body_required=True),
    K.HEARING_CHANGE: KindRule(None, "UNTOC art. 18(18); ETS 182 art. 9", body_required=True),
    K.HEARING_CANCELLATION: KindRule(None, "UNTOC art. 18(18); ETS 182 art. 9", body_required=True),
    # The requested Party draws up the minutes of the hearing (ETS 182 art. 9(6)); the
    # hearings services hold that rule on both ends (sending from an incoming case only,
    # applying on an outgoing case only), so that no kind needing a body is offered by the
    # case conversation, which offers each side's own kinds.
    K.HEARING_MINUTES: KindRule(None, "ETS 182 art. 9(6)", body_required=True),
}

# The communication that tells the other State the date our case recorded for an event.
SENT_WITH_EVENT_DATE: dict[tuple[Direction, EventKind], CommunicationKind] = {
    (rule.sent_from, rule.event_date): kind
    for kind, rule in RULES.items()
    if rule.event_date is not None and rule.sent_from is not None
}

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def event_date_body(day: date) -> dict[str, Any]:
    """The body of a dated kind (schema 1.4)."""
    return {"date": day.isoformat()}


def event_date_of(data: Communication) -> date:
    """The date a dated kind's body carries: a calendar date written YYYY-MM-DD, refused as
    ``wire.invalid`` naming ``body.date`` when missing or outside the calendar."""
    value = data.body.get("date")
    if not isinstance(value, str) or _DAY_RE.match(value) is None:
        raise DomainError("wire.invalid", field="body.date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError("wire.invalid", field="body.date") from None


# A step of one's own case that is itself a communication to the other State: the
# proceedings service sends it in the same transaction as the step, with the step's reason.
SENT_WITH_STEP: dict[tuple[Direction, CaseState], CommunicationKind] = {
    # Registration gives the requesting State our reference and a contact (UNTOC art. 18(13)).
    (IN, CaseState.REGISTERED): K.ACKNOWLEDGEMENT,
    # Order matters for the conversation's offer (the first step not yet taken is the one a
    # kind stands for): starting or resuming execution, before the assignment it follows.
    (IN, CaseState.UNDER_EXECUTION): K.IN_PROGRESS,
    (IN, CaseState.ASSIGNED): K.IN_PROGRESS,
    (IN, CaseState.ADDITIONAL_INFORMATION_REQUESTED): K.INFORMATION_REQUEST,
    (IN, CaseState.POSTPONED): K.POSTPONEMENT,
    (IN, CaseState.PARTIALLY_EXECUTED): K.PARTIAL_EXECUTION,
    (IN, CaseState.EXECUTED): K.FINAL_EXECUTION,
    (IN, CaseState.EXTRADITION_GRANTED): K.EXTRADITION_GRANTED,
    (IN, CaseState.SURRENDERED): K.SURRENDER,
    (IN, CaseState.CLOSED): K.CLOSURE,
    (OUT, CaseState.WITHDRAWN): K.WITHDRAWAL,
}


@dataclass(frozen=True, slots=True)
class Communication:
    kind: CommunicationKind
    text: str = ""
    # The sender's own reference of the case (an acknowledgement gives the requested State's).
    reference: str = ""
    # Who handles the case at the sender (name, and how to reach them).
    contact: str = ""
    # The message id of the communication answered.
    in_reply_to: str = ""
    # The files of the message, titled by the sender and matched by SHA-256 on arrival: the
    # results and evidence returned (UNTOC art. 18(24)) keep the names their sender gave them.
    documents: tuple[DocumentNote, ...] = ()
    # The structured part of a kind that has one (schema 1.2), JSON values only.
    body: Mapping[str, Any] = field(default_factory=dict)


def communication_check(
    data: Communication, *, sender_direction: Direction, max_text: int = 10_000
) -> None:
    """Refuse a communication its sender may not send: wrong side, missing text."""
    rule = RULES[data.kind]
    if rule.sent_from is not None and rule.sent_from is not sender_direction:
        # e.g. a withdrawal is the requesting State's act alone (UNTOC art. 18(24)).
        raise DomainError("communication.wrong_side", kind=data.kind.value)
    if rule.text_required and not data.text.strip():
        raise DomainError("field.required", field="text")
    if rule.body_required and not data.body:
        raise DomainError("field.required", field="body")
    if rule.event_date is not None:
        event_date_of(data)
    if len(data.text) > max_text:
        raise DomainError("field.too_long", field="text", max_length=max_text)
    if len(data.reference) > 64:
        raise DomainError("field.too_long", field="reference", max_length=64)
    if len(data.contact) > 300:
        raise DomainError("field.too_long", field="contact", max_length=300)


def communication_schema_check(payload: Mapping[str, Any]) -> None:
    """Refuse a payload that names no communication schema, or a major this reader lacks."""
    declared = payload.get("schema")
    if not isinstance(declared, str) or (match := _SCHEMA_RE.match(declared)) is None:
        raise DomainError("wire.invalid", field="schema")
    if int(match.group(1)) != MAJOR:
        raise DomainError("wire.schema_unsupported", schema=declared, supported=SCHEMA)


def communication_to_wire(data: Communication) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "schema": SCHEMA,
        "kind": data.kind.value,
        "text": data.text,
        "reference": data.reference,
        "contact": data.contact,
        "in_reply_to": data.in_reply_to,
        "documents": [
            {"sha256": d.sha256, "title": d.title, "language": d.language} for d in data.documents
        ],
    }
    if data.body:
        wire["body"] = dict(data.body)
    return wire


def communication_from_wire(payload: Any) -> Communication:
    """Read a communication; unknown members ignored, an unknown major version or kind
    refused (``wire.schema_unsupported`` / ``wire.invalid``)."""
    if not isinstance(payload, Mapping):
        raise DomainError("wire.invalid", field="payload")
    communication_schema_check(payload)
    values: dict[str, str] = {}
    for key in ("kind", "text", "reference", "contact", "in_reply_to"):
        value = payload.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise DomainError("wire.invalid", field=key)
        values[key] = value
    try:
        kind = CommunicationKind(values.pop("kind"))
    except ValueError:
        raise DomainError("wire.invalid", field="kind") from None
    body = payload.get("body")
    if body is None:
        body = {}
    if not isinstance(body, Mapping):
        raise DomainError("wire.invalid", field="body")
    data = Communication(
        kind=kind, documents=_notes(payload.get("documents")), body=dict(body), **values
    )
    if RULES[kind].event_date is not None:
        # A dated step without its date, or with one outside the calendar, says nothing.
        event_date_of(data)
    return data


def _notes(items: Any) -> tuple[DocumentNote, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise DomainError("wire.invalid", field="documents")
    notes = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise DomainError("wire.invalid", field=f"documents[{i}]")
        fields = {k: item.get(k, "") for k in ("sha256", "title", "language")}
        for key, value in fields.items():
            if not isinstance(value, str):
                raise DomainError("wire.invalid", field=f"documents[{i}].{key}")
        notes.append(DocumentNote(**fields))
    return tuple(notes)
