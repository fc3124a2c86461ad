"""Screens for same-person suggestions and for competing requests (ETS 24 art. 17;
FD 2002/584/JHA art. 16)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.extradition.selectors import (
    CompetingView,
    case_matches_page_for,
    competing_candidates_for,
    competing_view_for,
)
from rogatory.apps.extradition.services.competing import (
    competing_file_decide,
    competing_file_open,
)
from rogatory.apps.screening.services import match_decide
from rogatory.core.errors import DomainError
from rogatory.web.competing_forms import (
    CompetingDecisionForm,
    CompetingOpenForm,
    MatchDecisionForm,
)
from rogatory.web.detention_forms import CompetingConsultationForm
from rogatory.web.views.common import domain_message, error_page, message_for


@login_required
def case_matches(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        view = case_matches_page_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    return render(
        request,
        "web/case_matches.html",
        {
            "case": view.case,
            "matches": view.matches,
            "decision_form": MatchDecisionForm(),
            "open_form": CompetingOpenForm(others=view.candidates[1:]) if view.candidates else None,
            "files": view.files,
        },
    )


@login_required
@require_POST
def match_decision(request: HttpRequest, case_id: int, match_id: int) -> HttpResponse:
    form = MatchDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long."))
        return redirect("web:case_matches", case_id=case_id)
    try:
        match_decide(
            actor=request.user,
            match_id=match_id,
            confirm=request.POST.get("decision") == "confirm",
            note=form.cleaned_data["note"],
        )
    except DomainError as err:
        if err.code.endswith("not_found"):
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("web:case_matches", case_id=case_id)


@login_required
@require_POST
def competing_open(request: HttpRequest, case_id: int) -> HttpResponse:
    candidates = competing_candidates_for(actor=request.user, case_id=case_id)
    form = CompetingOpenForm(request.POST, others=candidates[1:])
    if not form.is_valid():
        messages.error(request, _("Choose at least one other request."))
        return redirect("web:case_matches", case_id=case_id)
    try:
        file = competing_file_open(
            actor=request.user, case_id=case_id, case_ids=form.cleaned_data["cases"]
        )
    except DomainError as err:
        domain_message(request, err)
        return redirect("web:case_matches", case_id=case_id)
    return redirect("web:competing_file", file_id=file.pk)


def _file_page(
    request: HttpRequest, view: CompetingView, form: CompetingDecisionForm | None = None
) -> HttpResponse:
    return render(
        request,
        "web/competing_file.html",
        {
            "file": view.file,
            "cases": view.cases,
            "findings": view.findings,
            "by_reference": {c.our_reference: c for c in view.cases},
            "form": form or CompetingDecisionForm(cases=view.cases),
            "consultations": view.consultations,
            "consultation_form": CompetingConsultationForm(prefix="consult"),
        },
        status=422 if form is not None else 200,
    )


@login_required
def competing_file(request: HttpRequest, file_id: int) -> HttpResponse:
    try:
        view = competing_view_for(actor=request.user, file_id=file_id)
    except DomainError as err:
        return error_page(request, err)
    if request.method != "POST":
        return _file_page(request, view)
    form = CompetingDecisionForm(request.POST, cases=view.cases)
    if not form.is_valid():
        return _file_page(request, view, form)
    try:
        competing_file_decide(
            actor=request.user,
            file_id=file_id,
            order=form.order(),
            reasons=form.cleaned_data["reasons"],
        )
    except DomainError as err:
        if err.code.endswith("not_found"):
            return error_page(request, err)
        form.add_error(None, message_for(err))
        return _file_page(request, view, form)
    messages.success(request, _("Decision recorded."))
    return redirect("web:competing_file", file_id=file_id)
