"""Other channels than the exchange, for integrators (issue 15): the request's package for a
diplomatic, INTERPOL, postal or e-mail dispatch, the dispatch recorded, and an answer received
on paper registered into the case's conversation (``proceedings.services.other_channels``)."""

from datetime import date, datetime
from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from rogatory.api.v1.bounds import Id
from rogatory.api.v1.communications import CommunicationOut
from rogatory.apps.proceedings.channel_selectors import channel_records_for
from rogatory.apps.proceedings.services.other_channels import (
    PaperFile,
    other_channel_dispatch,
    other_channel_package,
    other_channel_receive,
)
from rogatory.core.errors import DomainError

router = Router(tags=["other channels"])

# Files of one answer received on paper: a scan per page at most, in practice.
MAX_PAPER_FILES = 20


class ChannelRecordOut(Schema):
    id: int
    sent: bool
    channel: str
    on: date
    tracking_reference: str
    note: str
    communication_id: int | None
    recorded_at: datetime


class DispatchIn(Schema):
    channel: str = Field(..., max_length=16)
    on: date
    tracking_reference: str = Field("", max_length=200)
    note: str = Field("", max_length=10_000)


@router.get("/cases/{case_id}/channels", response=list[ChannelRecordOut])
def channel_records(request: HttpRequest, case_id: Id) -> Any:
    return channel_records_for(actor=request.user, case_id=case_id)


@router.get("/cases/{case_id}/package")
def package_download(request: HttpRequest, case_id: Id) -> FileResponse:
    """The approved outgoing request as a zip with its manifest of SHA-256 (audited)."""
    actor: Any = request.user  # a signed-in User: the API's auth ran before this endpoint
    package = other_channel_package(actor=actor, case_id=case_id)
    response = FileResponse(
        package.file, as_attachment=True, filename=package.filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Manifest-SHA256"] = package.sha256
    return response


@router.post("/cases/{case_id}/dispatches", response={201: ChannelRecordOut})
def dispatch_record(request: HttpRequest, case_id: Id, payload: DispatchIn) -> Any:
    actor: Any = request.user
    return Status(201, other_channel_dispatch(actor=actor, case_id=case_id, **payload.dict()))


@router.post("/cases/{case_id}/paper-answers", response={201: CommunicationOut})
def paper_answer(
    request: HttpRequest,
    case_id: Id,
    kind: Form[str],
    channel: Form[str],
    on: Form[date],
    text: Form[str] = "",
    reference: Form[str] = "",
    contact: Form[str] = "",
    tracking_reference: Form[str] = "",
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    uploads = list(files or [])
    if len(uploads) > MAX_PAPER_FILES:
        raise DomainError("field.too_many", field="files", max_rows=MAX_PAPER_FILES)
    actor: Any = request.user
    row = other_channel_receive(
        actor=actor,
        case_id=case_id,
        kind=kind,
        channel=channel,
        on=on,
        text=text,
        reference=reference,
        contact=contact,
        tracking_reference=tracking_reference,
        files=[
            PaperFile(f.name or "file", f, f.content_type or "application/octet-stream")
            for f in uploads
        ],
    )
    return Status(201, row)
