"""The structured body of the hearing communications (``rogatory.communication`` 1.2 ``body``).

One shape for every hearing kind, its members optional: a proposal names the hearing's kind,
why the person cannot appear in person (ETS 182 art. 9(2)), the participants and one or more
slots; a counter-proposal other slots; an acceptance or a change the one slot with the next
``sequence``; the minutes their SHA-256 and the node's signature. Unknown members are ignored,
wrong types refused (``wire.invalid`` naming the member).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rogatory.core.dates import parse_instant
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import HearingKind, HearingMode, ParticipantRole
from rogatory.core.hearings.scheduling import Slot

_UID = re.compile(r"^[0-9a-f]{32}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_SLOTS = 10
MAX_PARTICIPANTS = 30


@dataclass(frozen=True, slots=True)
class ParticipantNote:
    role: ParticipantRole
    name: str
    joins_from: str = ""
    zone: str = ""
    languages: str = ""


@dataclass(frozen=True, slots=True)
class HearingBody:
    hearing: str
    sequence: int = 0
    kind: HearingKind | None = None
    # "telephone" for a hearing by telephone conference (EU MLA Convention 2000 art. 11);
    # absent for video. The dial-in number travels; the conference code never does.
    mode: HearingMode = HearingMode.VIDEO
    dial_in: str = ""
    reason_not_in_person: str = ""
    language: str = ""
    zone: str = ""
    slots: tuple[Slot, ...] = ()
    participants: tuple[ParticipantNote, ...] = ()
    minutes_sha256: str = ""
    minutes_signature: str = ""
    minutes_language: str = ""
    recording_sha256: str = ""
    recording_place: str = ""


def body_to_wire(body: HearingBody) -> dict[str, Any]:
    wire: dict[str, Any] = {"hearing": body.hearing, "sequence": body.sequence}
    if body.kind is not None:
        wire["kind"] = body.kind.value
    if body.mode is not HearingMode.VIDEO:
        wire["mode"] = body.mode.value
    for key in ("dial_in", "reason_not_in_person", "language", "zone"):
        if value := getattr(body, key):
            wire[key] = value
    if body.slots:
        wire["slots"] = [{"start": s.start.isoformat(), "minutes": s.minutes} for s in body.slots]
    if body.participants:
        wire["participants"] = [
            {
                "role": p.role.value,
                "name": p.name,
                "joins_from": p.joins_from,
                "zone": p.zone,
                "languages": p.languages,
            }
            for p in body.participants
        ]
    for key in (
        "minutes_sha256",
        "minutes_signature",
        "minutes_language",
        "recording_sha256",
        "recording_place",
    ):
        if value := getattr(body, key):
            wire[key] = value
    return wire


def _text(data: Mapping[str, Any], key: str, limit: int = 2_000) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise DomainError("wire.invalid", field=f"body.{key}")
    return value


def _slot(item: Any, i: int) -> Slot:
    if not isinstance(item, Mapping):
        raise DomainError("wire.invalid", field=f"body.slots[{i}]")
    start, minutes = item.get("start"), item.get("minutes")
    if not isinstance(start, str) or not isinstance(minutes, int) or isinstance(minutes, bool):
        raise DomainError("wire.invalid", field=f"body.slots[{i}]")
    try:
        moment = parse_instant(start)
    except ValueError:
        raise DomainError("wire.invalid", field=f"body.slots[{i}].start") from None
    return Slot(moment, minutes)


def _participant(item: Any, i: int) -> ParticipantNote:
    if not isinstance(item, Mapping):
        raise DomainError("wire.invalid", field=f"body.participants[{i}]")
    try:
        role = ParticipantRole(str(item.get("role")))
    except ValueError:
        raise DomainError("wire.invalid", field=f"body.participants[{i}].role") from None
    return ParticipantNote(
        role,
        _text(item, "name", 300),
        _text(item, "joins_from", 300),
        _text(item, "zone", 64),
        _text(item, "languages", 100),
    )


def body_from_wire(data: Any) -> HearingBody:
    if not isinstance(data, Mapping):
        raise DomainError("wire.invalid", field="body")
    hearing = data.get("hearing")
    if not isinstance(hearing, str) or not _UID.match(hearing):
        raise DomainError("wire.invalid", field="body.hearing")
    sequence = data.get("sequence", 0)
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 0 <= sequence < 10_000:
        raise DomainError("wire.invalid", field="body.sequence")
    kind = None
    if (raw := data.get("kind")) is not None:
        try:
            kind = HearingKind(raw)
        except ValueError:
            raise DomainError("wire.invalid", field="body.kind") from None
    raw_mode = data.get("mode") or HearingMode.VIDEO.value
    try:
        mode = HearingMode(raw_mode if isinstance(raw_mode, str) else "")
    except ValueError:
        raise DomainError("wire.invalid", field="body.mode") from None
    slots = data.get("slots", [])
    participants = data.get("participants", [])
    if not isinstance(slots, list) or len(slots) > MAX_SLOTS:
        raise DomainError("wire.invalid", field="body.slots")
    if not isinstance(participants, list) or len(participants) > MAX_PARTICIPANTS:
        raise DomainError("wire.invalid", field="body.participants")
    for key in ("minutes_sha256", "recording_sha256"):
        if (value := _text(data, key, 64)) and not _SHA256.match(value):
            raise DomainError("wire.invalid", field=f"body.{key}")
    return HearingBody(
        hearing=hearing,
        sequence=sequence,
        kind=kind,
        mode=mode,
        dial_in=_text(data, "dial_in", 64),
        reason_not_in_person=_text(data, "reason_not_in_person"),
        language=_text(data, "language", 16),
        zone=_text(data, "zone", 64),
        slots=tuple(_slot(s, i) for i, s in enumerate(slots)),
        participants=tuple(_participant(p, i) for i, p in enumerate(participants)),
        minutes_sha256=_text(data, "minutes_sha256", 64),
        minutes_signature=_text(data, "minutes_signature", 4_000),
        minutes_language=_text(data, "minutes_language", 16),
        recording_sha256=_text(data, "recording_sha256", 64),
        recording_place=_text(data, "recording_place", 500),
    )
