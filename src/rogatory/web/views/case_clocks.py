"""The case page's clocks section: enter an event date, name the basis of the time limits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.cases.services.event_dates import case_time_limit_basis_set
from rogatory.apps.proceedings.services.event_dates import case_event_date_record
from rogatory.core.errors import DomainError
from rogatory.web.clock_forms import EventDateForm, TimeLimitBasisForm
from rogatory.web.views.common import domain_message, error_page


def _back(case_id: int) -> HttpResponse:
    response = redirect("web:case_detail", case_id=case_id)
    response["Location"] += "#clocks-title"
    return response


@login_required
@require_POST
def event_date_set(request: HttpRequest, case_id: int) -> HttpResponse:
    form = EventDateForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(case_id)
    try:
        # The requested State's arrest and date fixed for surrender are sent to the
        # requesting State with the record (proceedings.services.event_dates).
        _row, sent = case_event_date_record(
            actor=request.user,
            case_id=case_id,
            kind=form.cleaned_data["kind"],
            day=form.cleaned_data["day"],
            note=form.cleaned_data["note"],
        )
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("The date was recorded and the time limits recomputed."))
        if sent is not None and sent.message_id:
            messages.info(request, _("The date was sent to the requesting State."))
    return _back(case_id)


@login_required
@require_POST
def time_limit_basis_set(request: HttpRequest, case_id: int) -> HttpResponse:
    form = TimeLimitBasisForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the instrument whose time limits apply."))
        return _back(case_id)
    try:
        case_time_limit_basis_set(
            actor=request.user, case_id=case_id, basis=form.cleaned_data["basis"]
        )
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("The time limits were recomputed."))
    return _back(case_id)
