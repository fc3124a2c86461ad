"""The minutes of a hearing, drawn up by the requested State (ETS 182 art. 9(6): date, place,
identities and functions of the participants, oaths, technical conditions; with the
interruptions and declarations) in one of the six UN languages as PDF, signed by the node and
returned over the exchange. The signature is a compact JWS by the node's Ed25519 signing key
over the PDF's SHA-256 and the hearing's id (detached from the file: the file travels as a
document of the message, the signature in its body), checked by the other node against the
node registry. A recording is bound by its hash and storage place only."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services import document_add
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.hearings.models import (
    Hearing,
    HearingStatus,
    KindChoice,
    Minutes,
    ModeChoice,
    ProviderChoice,
    Recording,
    RoleChoice,
    StepChoice,
)
from rogatory.apps.hearings.services.common import hearing_for_write, send
from rogatory.apps.hearings.services.inbox import MINUTES_TYP
from rogatory.apps.letters.render import html_pdf
from rogatory.core.envelope.jws import sign_compact
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import UN_LANGUAGES, ParticipantRole
from rogatory.core.hearings.safeguards import BASIS, SafeguardStep
from rogatory.core.hearings.wire import HearingBody
from rogatory.core.limits import bounded_text
from rogatory.core.wire.communication import CommunicationKind
from rogatory.core.workflow import Direction

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Django's language code for each UN language of the minutes.
_DJANGO_LANGUAGE = {"zh": "zh-hans"}


def _stamp(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    return (
        f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({moment.astimezone(ZoneInfo('UTC')):%H:%M} UTC)"
    )


def minutes_context(hearing: Hearing, case: Case, *, language: str, node: str) -> dict[str, Any]:
    tz = ZoneInfo(hearing.zone)
    roles = dict(RoleChoice.choices)
    steps = dict(StepChoice.choices)
    place = next(
        (
            p.joins_from
            for p in hearing.participants.all()
            if p.role == ParticipantRole.PERSON_HEARD.value and p.joins_from
        ),
        "",
    )
    records = list(hearing.safeguards.all())
    declarations = next((r for r in records if r.step == SafeguardStep.DECLARATIONS.value), None)
    recording = hearing.recordings.order_by("-id").first()
    at = timezone.now()
    return {
        "language": language,
        "rtl": language == "ar",
        "at_iso": at.isoformat(timespec="seconds"),
        "reference": case.our_reference,
        "kind": dict(KindChoice.choices)[hearing.kind],
        # "By telephone conference" (EU MLA Convention 2000 art. 11) or "By videoconference".
        "mode": dict(ModeChoice.choices)[hearing.mode],
        "telephone": hearing.mode == ModeChoice.TELEPHONE,
        "dial_in": hearing.dial_in,
        "basis": hearing.legal_basis,
        "requesting": hearing.requesting_authority,
        "requested": hearing.requested_authority,
        "when": _stamp(hearing.start, tz),
        "place": place,
        "reason": hearing.reason_not_in_person,
        "hearing_language": hearing.language,
        "participants": [
            {
                "role": roles.get(p.role, p.role),
                "name": p.name,
                "joins_from": p.joins_from,
                "languages": p.languages,
            }
            for p in hearing.participants.all()
        ],
        "connections": [
            {
                "name": c.participant.name,
                "place": c.place,
                "joined": _stamp(c.joined_at, tz),
                "left": _stamp(c.left_at, tz),
            }
            for c in hearing.connections.select_related("participant")
        ],
        "safeguards": [
            {
                "label": steps.get(r.step, r.step),
                "basis": BASIS[SafeguardStep(r.step)],
                "at": _stamp(r.at, tz),
                "note": r.note if r.step != SafeguardStep.DECLARATIONS.value else "",
                "details": sorted((k, str(v)) for k, v in r.details.items()),
            }
            for r in records
        ],
        "declarations": declarations.note if declarations else "",
        "oath": declarations.details.get("oath", "") if declarations else "",
        "provider": dict(ProviderChoice.choices).get(hearing.provider, hearing.provider or "—"),
        "connection_test": _stamp(hearing.connection_test_at, tz),
        "interruptions": [
            {"started": _stamp(i.started_at, tz), "ended": _stamp(i.ended_at, tz), "cause": i.cause}
            for i in hearing.interruptions.all()
        ],
        "recording": recording,
        "node": node,
    }


def minutes_pdf(hearing: Hearing, case: Case, *, language: str, node: str) -> bytes:
    with translation.override(_DJANGO_LANGUAGE.get(language, language)):
        context = minutes_context(hearing, case, language=language, node=node)
        html = render_to_string("hearings/minutes.html", {"m": context})
    return html_pdf(html)


def recording_bind(*, actor: User, hearing_id: int, sha256: str, place: str) -> Recording:
    """Bind a recording to the hearing by its SHA-256 and where it is kept."""
    sha256 = sha256.strip().lower()
    if not _SHA256.match(sha256):
        raise DomainError("hearing.sha256_invalid", field="sha256")
    place = bounded_text(place.strip(), "place", 500)
    if not place:
        raise DomainError("field.required", field="place")
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.recording"
        )
        row = Recording.objects.create(
            hearing=hearing, sha256=sha256, place=place, bound_by=actor, bound_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="hearing.recording_bound",
            obj=hearing,
            case_id=case.pk,
            changes={"sha256": sha256, "place": place},
        )
    return row


def minutes_draw_up(*, actor: User, hearing_id: int, language: str) -> Minutes:
    """Draw up, sign and send the minutes of a hearing held (every safeguard recorded)."""
    if language not in UN_LANGUAGES:
        raise DomainError("field.invalid_choice", field="language", value=language[:8])
    with transaction.atomic():
        case, hearing = hearing_for_write(
            actor=actor, hearing_id=hearing_id, action="hearing.minutes"
        )
        if case.direction != Direction.INCOMING.value:
            raise DomainError("hearing.requested_side_only")
        if hearing.status != HearingStatus.HELD:
            # Only a hearing whose every safeguard is recorded, up to its closing, is minuted.
            raise DomainError("hearing.not_held", status=hearing.status)
        identity = node_identity()
        pdf = minutes_pdf(hearing, case, language=language, node=identity.node_id)
        document = document_add(
            actor=actor,
            case_id=case.pk,
            title=f"Minutes of the hearing {hearing.uid[:8]}",
            filename=f"minutes-{hearing.uid[:8]}-{language}.pdf",
            stream=io.BytesIO(pdf),
            content_type="application/pdf",
            language=language,
        )
        signature = sign_compact(
            {
                "sha256": document.sha256,
                "hearing": hearing.uid,
                "case": case.our_reference,
                "language": language,
                "node": identity.node_id,
            },
            key=identity.keys.signing,
            typ=MINUTES_TYP,
        )
        now = timezone.now()
        row = Minutes.objects.create(
            hearing=hearing,
            document=document,
            language=language,
            sha256=document.sha256,
            signature=signature,
            signer_node=identity.node_id,
            verified=True,
            at=now,
        )
        recording = hearing.recordings.order_by("-id").first()
        body = HearingBody(
            hearing=hearing.uid,
            sequence=hearing.sequence,
            minutes_sha256=document.sha256,
            minutes_signature=signature,
            minutes_language=language,
            recording_sha256=recording.sha256 if recording else "",
            recording_place=recording.place if recording else "",
        )
        send(
            actor=actor,
            case=case,
            hearing=hearing,
            kind=CommunicationKind.HEARING_MINUTES,
            body=body,
            document_ids=(document.pk,),
        )
        hearing.status = HearingStatus.MINUTES
        hearing.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="hearing.minutes",
            obj=hearing,
            case_id=case.pk,
            changes={"sha256": document.sha256, "language": language},
        )
    return row
