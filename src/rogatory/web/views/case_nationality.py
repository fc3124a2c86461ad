"""The case page's nationality panel: record a nationality, open and follow up the steps that
follow from it (UNTOC art. 16(10)-(12), Vienna Convention on Consular Relations art. 36)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.cases.services.nationalities import (
    nationality_follow_up_open,
    nationality_follow_up_update,
    nationality_record,
)
from rogatory.core.errors import DomainError
from rogatory.web.nationality_forms import FollowUpOpenForm, FollowUpUpdateForm, NationalityForm
from rogatory.web.views.common import domain_message, error_page


def _back(case_id: int) -> HttpResponse:
    response = redirect("web:case_detail", case_id=case_id)
    response["Location"] += "#nationality-title"
    return response


def _run(
    request: HttpRequest, case_id: int, form: forms.Form, call: Callable[[dict[str, Any]], Any]
) -> HttpResponse:
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return _back(case_id)
    try:
        call(form.cleaned_data)
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("Recorded."))
    return _back(case_id)


@login_required
@require_POST
def nationality_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _run(
        request,
        case_id,
        NationalityForm(request.POST),
        lambda data: nationality_record(
            actor=request.user,
            case_id=case_id,
            person_id=data["person"],
            state=data["state"].code,
            acquired_on=data["acquired_on"],
            lost_on=data["lost_on"],
            evidence=data["evidence"],
        ),
    )


@login_required
@require_POST
def follow_up_open(request: HttpRequest, case_id: int) -> HttpResponse:
    return _run(
        request,
        case_id,
        FollowUpOpenForm(request.POST),
        lambda data: nationality_follow_up_open(
            actor=request.user,
            case_id=case_id,
            kind=data["kind"],
            opened_on=data["opened_on"],
            state=data["state"].code if data["state"] else "",
            outcome=data["outcome"],
        ),
    )


@login_required
@require_POST
def follow_up_update(request: HttpRequest, case_id: int, follow_up_id: int) -> HttpResponse:
    return _run(
        request,
        case_id,
        FollowUpUpdateForm(request.POST),
        lambda data: nationality_follow_up_update(
            actor=request.user,
            case_id=case_id,
            follow_up_id=follow_up_id,
            status=data["status"],
            closed_on=data["closed_on"],
            outcome=data["outcome"],
        ),
    )
