from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.cases import selectors
from rogatory.apps.cases.pagination import keyset_page
from rogatory.apps.errors import error_message, error_status
from rogatory.core.errors import DomainError

_FILTERS = ("direction", "kind", "status", "state", "urgency", "custody", "q")


def _error(request: HttpRequest, err: DomainError) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"message": error_message(err.code, err.params)},
        status=error_status(err),
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    filters: dict[str, Any] = {k: request.GET.get(k) or None for k in _FILTERS}
    try:
        qs = selectors.case_list_for(actor=request.user, **filters)
        page = keyset_page(
            qs, order=request.GET.get("order", "newest"), cursor=request.GET.get("cursor"), limit=50
        )
    except DomainError as err:
        return _error(request, err)
    return render(request, "web/case_list.html", {"page": page, "filters": filters})


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = selectors.case_detail_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return _error(request, err)
    options = selectors.transitions_for(actor=request.user, case=case)
    return render(request, "web/case_detail.html", {"case": case, "options": options})


@login_required
def document_download(
    request: HttpRequest, case_id: int, document_id: int
) -> HttpResponse | FileResponse:
    try:
        doc = selectors.document_get_for(
            actor=request.user, case_id=case_id, document_id=document_id
        )
    except DomainError as err:
        return _error(request, err)
    return FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=doc.filename,
        content_type=doc.content_type,
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    case_id = request.GET.get("case")
    try:
        events = selectors.audit_events_for_cases(
            actor=request.user, case_id=int(case_id) if case_id and case_id.isdigit() else None
        )[:200]
    except DomainError as err:
        return _error(request, err)
    return render(request, "web/audit.html", {"events": events})
