from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.audit.display import change_lines
from rogatory.apps.audit.labels import audit_action_label
from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases import selectors
from rogatory.core.errors import DomainError
from rogatory.web.audit_forms import AuditFilterForm
from rogatory.web.views.common import error_page

PAGE = 50


@dataclass(frozen=True, slots=True)
class Row:
    event: AuditEvent
    label: str
    changes: list[tuple[str, str]]


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    rows: list[Row] = []
    older: str | None = None
    if form.is_valid():
        try:
            events = list(
                selectors.audit_events_for_cases(
                    actor=request.user, case_id=form.case_id(), filters=form.filters()
                )[: PAGE + 1]
            )
        except DomainError as err:
            return error_page(request, err)
        if len(events) > PAGE:
            events = events[:PAGE]
            query: Any = request.GET.copy()
            query["before"] = str(events[-1].seq)
            older = query.urlencode()
        rows = [Row(e, audit_action_label(e.action), change_lines(e.changes)) for e in events]
    else:
        try:
            # Still refuse a non-auditor, whatever was typed in the filters.
            selectors.audit_events_for_cases(actor=request.user).none()
        except DomainError as err:
            return error_page(request, err)
    newest: Any = request.GET.copy()
    newest.pop("before", None)
    context = {
        "form": form,
        "rows": rows,
        "older": older,
        "newest": newest.urlencode() if request.GET.get("before") else None,
        "page_size": PAGE,
    }
    return render(request, "web/audit.html", context, status=200 if form.is_valid() else 422)
