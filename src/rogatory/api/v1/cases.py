"""Case endpoints: parse, call one service or selector, render."""

import csv
from collections.abc import Iterator
from typing import Any

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from rogatory.api.v1 import schemas as s
from rogatory.api.v1.bounds import Id
from rogatory.apps.cases import selectors, services
from rogatory.apps.cases.downloads import document_response
from rogatory.apps.cases.pagination import keyset_page
from rogatory.apps.cases.services.custody import ReadChannel, document_open
from rogatory.apps.cases.services.inputs import MeasureInput, OffenceInput, PersonInput
from rogatory.apps.proceedings import services as proceedings
from rogatory.core.wire import person_from_wire

router = Router(tags=["cases"])


class CaseFilters(Schema):
    direction: str | None = None
    kind: str | None = None
    status: str | None = None
    state: str | None = None
    officer: Id | None = None
    urgency: str | None = None
    custody: str | None = None
    q: str | None = None


def _person(p: s.PersonIn) -> PersonInput:
    # The API's person has the wire schema's shape: one reader for both (rogatory.core.wire).
    return person_from_wire(p.dict())


@router.get("/cases", response=s.CasePageOut)
def case_list(
    request: HttpRequest,
    filters: Query[CaseFilters],
    order: str = "newest",
    cursor: str | None = None,
    limit: int = 50,
) -> Any:
    qs = selectors.case_list_for(actor=request.user, **filters.dict())
    page = keyset_page(qs, order=order, cursor=cursor, limit=max(1, min(limit, 200)))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/cases/export")
def case_export(request: HttpRequest, filters: Query[CaseFilters]) -> StreamingHttpResponse:
    rows = selectors.case_export_rows_for(actor=request.user, **filters.dict())

    class _Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(_Echo())
    header = [
        "our_reference",
        "their_reference",
        "direction",
        "kind",
        "status",
        "requesting_state",
        "requested_state",
        "title",
        "urgency",
        "custody",
        "due_at",
        "created_at",
    ]

    def stream() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response


@router.post("/cases", response={201: s.CaseDetailOut})
def case_create(request: HttpRequest, payload: s.CaseIn) -> Any:
    data = payload.dict()
    case = services.case_open(
        actor=request.user,
        **{k: v for k, v in data.items() if k not in ("persons", "offences", "measures")},
        persons=[_person(p) for p in payload.persons],
        offences=[OffenceInput(**o.dict()) for o in payload.offences],
        measures=[MeasureInput(**m.dict()) for m in payload.measures],
    )
    return Status(201, selectors.case_detail_for(actor=request.user, case_id=case.pk))


@router.get("/cases/{case_id}", response=s.CaseDetailOut)
def case_detail(request: HttpRequest, case_id: Id) -> Any:
    return selectors.case_detail_for(actor=request.user, case_id=case_id)


@router.patch("/cases/{case_id}", response=s.CaseDetailOut)
def case_patch(request: HttpRequest, case_id: Id, payload: s.CasePatch) -> Any:
    services.case_update(
        actor=request.user, case_id=case_id, changes=payload.dict(exclude_unset=True)
    )
    return selectors.case_detail_for(actor=request.user, case_id=case_id)


@router.get("/cases/{case_id}/transitions", response=list[s.TransitionOptionOut])
def transition_options(request: HttpRequest, case_id: Id) -> Any:
    case = selectors.case_get_for(actor=request.user, case_id=case_id)
    return [
        {
            "target": t.target.value,
            "action": t.action.value,
            "reason_required": t.reason_required,
            "ground_required": t.ground_required,
            "basis": t.basis,
        }
        for t in selectors.transitions_for(actor=request.user, case=case)
    ]


@router.post("/cases/{case_id}/transitions", response=s.CaseDetailOut)
def transition(request: HttpRequest, case_id: Id, payload: s.TransitionIn) -> Any:
    proceedings.case_transition(actor=request.user, case_id=case_id, **payload.dict())
    return selectors.case_detail_for(actor=request.user, case_id=case_id)


@router.post("/cases/{case_id}/persons", response={201: s.PersonOut})
def person_add(request: HttpRequest, case_id: Id, payload: s.PersonIn) -> Any:
    person = services.person_add(actor=request.user, case_id=case_id, data=_person(payload))
    return Status(201, person)


@router.post("/cases/{case_id}/offences", response={201: s.OffenceOut})
def offence_add(request: HttpRequest, case_id: Id, payload: s.OffenceIn) -> Any:
    data = OffenceInput(**payload.dict())
    return Status(201, services.offence_add(actor=request.user, case_id=case_id, data=data))


@router.post("/cases/{case_id}/measures", response={201: s.MeasureOut})
def measure_add(request: HttpRequest, case_id: Id, payload: s.MeasureIn) -> Any:
    data = MeasureInput(**payload.dict())
    return Status(201, services.measure_add(actor=request.user, case_id=case_id, data=data))


@router.post("/cases/{case_id}/documents", response={201: s.DocumentOut})
def document_upload(
    request: HttpRequest,
    case_id: Id,
    file: File[UploadedFile],
    title: Form[str],
    language: Form[str] = "",
) -> Any:
    doc = services.document_add(
        actor=request.user,
        case_id=case_id,
        title=title,
        filename=file.name or "document",
        stream=file,
        content_type=file.content_type or "application/octet-stream",
        language=language,
    )
    return Status(201, doc)


@router.get("/cases/{case_id}/documents/{document_id}/content")
def document_download(request: HttpRequest, case_id: Id, document_id: Id) -> FileResponse:
    # Every read of a file is a link of its chain of custody, audited with its hash.
    actor: Any = request.user  # a signed-in User: the API's auth ran before this endpoint
    doc = document_open(
        actor=actor, case_id=case_id, document_id=document_id, channel=ReadChannel.API
    )
    return document_response(doc)


@router.post("/cases/{case_id}/grants", response={201: s.GrantOut})
def grant_add(request: HttpRequest, case_id: Id, payload: s.GrantIn) -> Any:
    return Status(
        201, services.grant_add(actor=request.user, case_id=case_id, user_id=payload.user_id)
    )


@router.delete("/cases/{case_id}/grants/{user_id}", response=s.GrantOut)
def grant_revoke(request: HttpRequest, case_id: Id, user_id: Id) -> Any:
    return services.grant_revoke(actor=request.user, case_id=case_id, user_id=user_id)


@router.post("/cases/{case_id}/links", response={201: s.LinkOut})
def link_add(request: HttpRequest, case_id: Id, payload: s.LinkIn) -> Any:
    return Status(201, services.case_link(actor=request.user, case_id=case_id, **payload.dict()))


__all__ = ["router"]
