"""A case that goes by another channel than the exchange (see ``proceedings.models``).

The request leaves as a package of files the officer hands to the channel: the request's data
under the one wire schema, its documents, and a manifest of their SHA-256 so that the requested
State (and any court later) can check nothing changed on the way. The dispatch is then recorded
by hand, and the answers that come back on paper are registered into the same conversation,
the case following them as it would a signed message (a withdrawal stops its clocks).
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case, CaseEvent, Communication, Document
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.cases.services.communications import communication_receive
from rogatory.apps.cases.services.documents import document_add
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.wire import case_data
from rogatory.apps.proceedings.models import Channel, ChannelRecord
from rogatory.core.dates import latest_today
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.wire import to_wire
from rogatory.core.wire.communication import RULES, CommunicationKind, communication_check
from rogatory.core.wire.communication import Communication as CommunicationData
from rogatory.core.workflow import CaseState, Direction

PACKAGE_SCHEMA = "rogatory.package/1.0"
# An outgoing request leaves by no channel before its approval.
_NOT_YET_APPROVED = frozenset({CaseState.DRAFT, CaseState.PENDING_APPROVAL})
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class PaperFile:
    """A file of an answer received by another channel (a scan, an e-mail attachment)."""

    filename: str
    stream: IO[bytes]
    content_type: str = "application/octet-stream"
    title: str = ""


@dataclass(frozen=True, slots=True)
class Package:
    filename: str
    file: IO[bytes]
    sha256: str


def _channel(value: str) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        raise DomainError("field.invalid_choice", field="channel", value=value) from None


def _past(on: date) -> date:
    if on > latest_today(timezone.now()):
        raise DomainError("event_date.in_future", field="on", value=on.isoformat())
    return on


def _require_sendable(case: Case) -> None:
    if case.direction == Direction.OUTGOING and case.status in _NOT_YET_APPROVED:
        raise DomainError("channel.not_approved", reference=case.our_reference)


def _entry(archive: zipfile.ZipFile, name: str, stream: IO[bytes], when: Any) -> tuple[str, int]:
    """Write one member, read in chunks, and return its SHA-256 and size."""
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as out:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _write_package(spool: IO[bytes], case: Case, now: datetime) -> tuple[list[dict[str, Any]], str]:
    """Write the package's members into ``spool``; its files and the manifest's SHA-256."""
    when = now.astimezone(timezone.get_current_timezone()).timetuple()[:6]
    files: list[dict[str, Any]] = []
    with zipfile.ZipFile(spool, "w") as archive:
        request = json.dumps(to_wire(case_data(case)), ensure_ascii=False, indent=2).encode()
        sha256, size = _entry(archive, "request.json", io.BytesIO(request), when)
        files.append({"path": "request.json", "sha256": sha256, "size": size, "title": ""})
        documents = list(case.documents.filter(received=False).order_by("id"))
        for doc in documents:
            path = f"documents/{doc.pk}-{doc.filename}"
            with doc.file.open("rb") as stream:
                sha256, size = _entry(archive, path, stream, when)
            if sha256 != doc.sha256:  # the stored file changed since it was added
                raise DomainError("document.integrity", document_id=doc.pk)
            files.append({"path": path, "sha256": sha256, "size": size, "title": doc.title})
        manifest = {
            "schema": PACKAGE_SCHEMA,
            "reference": case.our_reference,
            "requesting_state": case.requesting_state_id,
            "requested_state": case.requested_state_id,
            "created_at": now.isoformat(),
            "files": files,
        }
        body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        manifest_sha256, _size = _entry(archive, "manifest.json", io.BytesIO(body), when)
        sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in files)
        sums += f"{manifest_sha256}  manifest.json\n"
        _entry(archive, "SHA256SUMS", io.BytesIO(sums.encode()), when)
    return files, manifest_sha256


def other_channel_package(*, actor: User, case_id: int) -> Package:
    """The outgoing request as a zip: ``request.json`` (the case under the wire schema), its
    documents, ``manifest.json`` and ``SHA256SUMS`` listing every file's SHA-256. Producing it
    hands the files out of the node, so it is audited with every hash (chain of custody)."""
    case = case_get_for(actor=actor, case_id=case_id, action="case.package")
    if case.direction != Direction.OUTGOING:
        raise DomainError("channel.outgoing_only")
    _require_sendable(case)
    now = timezone.now()
    stem = case.our_reference.replace("/", "-")
    # Kept in memory while small, on disk beyond: the documents may be large (chunked uploads).
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=16 * _CHUNK)  # noqa: SIM115
    try:
        files, manifest_sha256 = _write_package(spool, case, now)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    audit_record(
        actor=actor,
        action="case.package",
        obj=case,
        case_id=case.pk,
        changes={"manifest_sha256": manifest_sha256, "files": files},
    )
    return Package(f"{stem}.zip", spool, manifest_sha256)


def other_channel_dispatch(
    *,
    actor: User,
    case_id: int,
    channel: str,
    on: date,
    tracking_reference: str = "",
    note: str = "",
) -> ChannelRecord:
    """Record by hand that the case's request or latest communication left by ``channel`` on
    ``on``; a line on the timeline and in the audit trail. A refused one writes nothing."""
    chosen = _channel(channel)
    _past(on)
    tracking_reference = bounded_text(tracking_reference.strip(), "tracking_reference", 200)
    note = bounded_text(note.strip(), "note")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="case.dispatch")
        _require_sendable(case)
        now = timezone.now()
        row = ChannelRecord.objects.create(
            case=case,
            sent=True,
            channel=chosen.value,
            on=on,
            tracking_reference=tracking_reference,
            note=note,
            recorded_by=actor,
            recorded_at=now,
        )
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            kind=f"dispatched_{chosen.value}",
            reason=_line(on, tracking_reference, note),
        )
        audit_record(
            actor=actor,
            action="case.dispatch",
            obj=row,
            case_id=case.pk,
            changes={
                "channel": chosen.value,
                "on": on.isoformat(),
                "tracking_reference": tracking_reference,
                "note": note,
            },
        )
    return row


def _line(on: date, tracking_reference: str, note: str) -> str:
    return " · ".join(part for part in (on.isoformat(), tracking_reference, note) if part)


def other_channel_receive(
    *,
    actor: User,
    case_id: int,
    kind: str,
    channel: str,
    on: date,
    text: str = "",
    reference: str = "",
    contact: str = "",
    tracking_reference: str = "",
    files: Sequence[PaperFile] = (),
) -> Communication:
    """Register a communication of the other State received by ``channel`` on ``on``, with its
    files, into the case's conversation; the case follows it as it would a signed message.

    Only what the other State may send is taken (a requested State's answer on an incoming
    case is refused: it is ours to send); a refused one writes nothing."""
    try:
        chosen = CommunicationKind(kind)
    except ValueError:
        raise DomainError("field.invalid_choice", field="kind", value=kind) from None
    via = _channel(channel)
    _past(on)
    tracking_reference = bounded_text(tracking_reference.strip(), "tracking_reference", 200)
    data = CommunicationData(
        kind=chosen, text=text.strip(), reference=reference.strip(), contact=contact.strip()
    )
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="communication.receive")
        other_side = (
            Direction.INCOMING if case.direction == Direction.OUTGOING else Direction.OUTGOING
        )
        if RULES[chosen].sent_from != other_side:
            # e.g. a withdrawal is the requesting State's own act (UNTOC art. 18(24)): it never
            # reaches that State from the requested one.
            raise DomainError("channel.own_act", kind=chosen.value)
        communication_check(data, sender_direction=other_side)
        now = timezone.now()
        row = communication_receive(actor=actor, case=case, data=data, message_id="", at=now)
        ChannelRecord.objects.create(
            case=case,
            sent=False,
            channel=via.value,
            on=on,
            tracking_reference=tracking_reference,
            communication=row,
            recorded_by=actor,
            recorded_at=now,
        )
        stored = [
            document_add(
                actor=actor,
                case_id=case.pk,
                title=f.title or f.filename,
                filename=f.filename,
                stream=f.stream,
                content_type=f.content_type,
            )
            for f in files
        ]
        # Received from the other State, in this communication; no hash was declared on paper.
        Document.objects.filter(pk__in=[d.pk for d in stored]).update(
            received=True, communication=row
        )
        audit_record(
            actor=actor,
            action="communication.received_other_channel",
            obj=row,
            case_id=case.pk,
            changes={
                "channel": via.value,
                "on": on.isoformat(),
                "tracking_reference": tracking_reference,
                "documents": [{"filename": d.filename, "sha256": d.sha256} for d in stored],
            },
        )
    return row
