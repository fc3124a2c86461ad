from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rogatory.apps.cases import selectors
from rogatory.core.errors import DomainError
from rogatory.web.views.common import error_page

LIMIT = 200


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("case", "")
    case_id = int(raw) if raw.isdigit() else None
    try:
        events = list(selectors.audit_events_for_cases(actor=request.user, case_id=case_id)[:LIMIT])
    except DomainError as err:
        return error_page(request, err)
    return render(request, "web/audit.html", {"events": events, "case_id": case_id, "limit": LIMIT})
