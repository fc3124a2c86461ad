"""Screens for detention conditions in the requesting State: the dossiers, and per
extradition case the two-step assessment (CJEU C-404/15 and C-659/15 PPU), assurances with
the Othman factors, monitoring after surrender, consultation before refusal (UNTOC art.
16(16)) and speciality (ETS 24 arts. 14, 15)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.extradition.detention_selectors import (
    CaseDetention,
    case_detention_for,
    dossier_list_for,
    dossier_view_for,
)
from rogatory.apps.extradition.services.consultation import consultation_record
from rogatory.apps.extradition.services.detention import (
    EDITORS,
    assessment_general_record,
    assessment_individual_record,
    assessment_information_received,
    assessment_information_request,
    assurance_record,
    dossier_save,
    monitoring_record,
    source_add,
)
from rogatory.apps.extradition.services.speciality import (
    speciality_consent_record,
    surrender_record,
)
from rogatory.core.errors import DomainError
from rogatory.web.detention_forms import (
    AssuranceForm,
    CompetingConsultationForm,
    ConsentForm,
    ConsultationForm,
    DossierForm,
    GeneralRiskForm,
    IndividualRiskForm,
    InformationReceivedForm,
    InformationRequestForm,
    MonitoringForm,
    SourceForm,
    SurrenderForm,
)
from rogatory.web.views.common import attach_error, domain_message, error_page


def _can_edit(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) in EDITORS


# ---- Dossiers ----


def _dossier_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The service's arguments from a valid DossierForm (new dossier or edit alike)."""
    return {
        "state": data["state"].code,
        "facility": data["facility"],
        "facility_kind": data["facility_kind"],
        "personal_space_m2": data["personal_space_m2"],
        "multi_occupancy": data["multi_occupancy"],
        "findings": data["findings"],
    }


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    form = DossierForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier = dossier_save(actor=request.user, **_dossier_fields(data))
            except DomainError as err:
                attach_error(err, form)
            else:
                messages.success(request, _("Recorded."))
                return redirect("web:detention_dossier", dossier_id=dossier.pk)
        status = 422
    return render(
        request,
        "web/detention/dossier_list.html",
        {
            "dossiers": dossier_list_for(actor=request.user).prefetch_related("sources"),
            "form": form if _can_edit(request) else None,
        },
        status=status,
    )


@login_required
def dossier_detail(request: HttpRequest, dossier_id: int) -> HttpResponse:
    try:
        view = dossier_view_for(actor=request.user, dossier_id=dossier_id)
    except DomainError as err:
        return error_page(request, err)
    edit_form = DossierForm.of(view.dossier)
    source_form = SourceForm(prefix="source")
    status = 200
    if request.method == "POST":
        status = 422
        if request.POST.get("part") == "source":
            source_form = SourceForm(request.POST, prefix="source")
            if source_form.is_valid():
                d = source_form.cleaned_data
                try:
                    source_add(
                        actor=request.user,
                        dossier_id=dossier_id,
                        kind=d["kind"],
                        title=d["title"],
                        published_on=d["published_on"],
                        url=d["url"],
                        summary=d["summary"],
                        personal_space_m2=d["personal_space_m2"],
                    )
                except DomainError as err:
                    attach_error(err, source_form)
                else:
                    messages.success(request, _("Recorded."))
                    return redirect("web:detention_dossier", dossier_id=dossier_id)
        else:
            edit_form = DossierForm(request.POST)
            if edit_form.is_valid():
                d = edit_form.cleaned_data
                try:
                    dossier_save(actor=request.user, dossier_id=dossier_id, **_dossier_fields(d))
                except DomainError as err:
                    attach_error(err, edit_form)
                else:
                    messages.success(request, _("Recorded."))
                    return redirect("web:detention_dossier", dossier_id=dossier_id)
    editable = _can_edit(request)
    return render(
        request,
        "web/detention/dossier_detail.html",
        {
            "view": view,
            "dossier": view.dossier,
            "edit_form": edit_form if editable else None,
            "source_form": source_form if editable else None,
        },
        status=status,
    )


# ---- The case's detention page ----


def _forms(view: CaseDetention) -> dict[str, forms.Form]:
    return {
        "general": GeneralRiskForm(dossiers=view.dossiers, prefix="general"),
        "request": InformationRequestForm(prefix="request"),
        "received": InformationReceivedForm(prefix="received"),
        "individual": IndividualRiskForm(prefix="individual"),
        "assurance": AssuranceForm(prefix="assurance"),
        "monitoring": MonitoringForm(
            assurances=[a.assurance for a in view.assurances], prefix="monitoring"
        ),
        "consultation": ConsultationForm(prefix="consultation"),
        "surrender": SurrenderForm(prefix="surrender"),
        "consent": ConsentForm(surrenders=view.surrenders, prefix="consent"),
    }


def _page(
    request: HttpRequest, view: CaseDetention, bound: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    forms_ = _forms(view)
    if bound is not None:
        forms_[bound[0]] = bound[1]
    return render(
        request,
        "web/detention/case_detention.html",
        {
            "case": view.case,
            "view": view,
            "forms": forms_ if _can_edit(request) else {},
            "can_edit": _can_edit(request),
            "bound": bound[0] if bound else "",
        },
        status=422 if bound is not None else 200,
    )


@login_required
def case_detention(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        view = case_detention_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    return _page(request, view)


def _general(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    form = GeneralRiskForm(request.POST, dossiers=view.dossiers, prefix="general")
    return form, lambda d: assessment_general_record(
        actor=request.user,
        case_id=case_id,
        general_risk=d["general_risk"],
        reasons=d["reasons"],
        source_ids=d["sources"],
        facility_id=d["facility"],
    )


def _request(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    return InformationRequestForm(
        request.POST, prefix="request"
    ), lambda d: assessment_information_request(
        actor=request.user,
        case_id=case_id,
        asked=d["asked"],
        requested_on=d["requested_on"],
        deadline=d["deadline"],
    )


def _received(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    return InformationReceivedForm(
        request.POST, prefix="received"
    ), lambda d: assessment_information_received(
        actor=request.user, case_id=case_id, received_on=d["received_on"], answer=d["answer"]
    )


def _individual(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    return IndividualRiskForm(
        request.POST, prefix="individual"
    ), lambda d: assessment_individual_record(
        actor=request.user,
        case_id=case_id,
        individual_risk=d["individual_risk"],
        reasons=d["reasons"],
    )


def _assurance(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    form = AssuranceForm(request.POST, prefix="assurance")
    return form, lambda d: assurance_record(
        actor=request.user,
        case_id=case_id,
        given_by=d["given_by"],
        level=d["level"],
        given_on=d["given_on"],
        covers=d["covers"],
        facility=d["facility"],
        othman=form.othman(),
    )


def _monitoring(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    form = MonitoringForm(
        request.POST, assurances=[a.assurance for a in view.assurances], prefix="monitoring"
    )
    return form, lambda d: monitoring_record(
        actor=request.user,
        case_id=case_id,
        visited_on=d["visited_on"],
        visited_by=d["visited_by"],
        findings=d["findings"],
        compliance=d["compliance"],
        assurance_id=d["assurance"],
    )


def _consultation(
    request: HttpRequest, case_id: int, view: CaseDetention
) -> tuple[forms.Form, Any]:
    return ConsultationForm(request.POST, prefix="consultation"), lambda d: consultation_record(
        actor=request.user,
        purpose="before_refusal",
        party="requesting_state",
        case_id=case_id,
        asked_on=d["asked_on"],
        question=d["question"],
        answered_on=d["answered_on"],
        answer=d["answer"],
        not_possible_reason=d["not_possible_reason"],
    )


def _surrender(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    return SurrenderForm(request.POST, prefix="surrender"), lambda d: surrender_record(
        actor=request.user,
        case_id=case_id,
        surrendered_on=d["surrendered_on"],
        offences_covered=d["offences_covered"],
        speciality_waived=d["speciality_waived"],
    )


def _consent(request: HttpRequest, case_id: int, view: CaseDetention) -> tuple[forms.Form, Any]:
    return ConsentForm(
        request.POST, surrenders=view.surrenders, prefix="consent"
    ), lambda d: speciality_consent_record(
        actor=request.user,
        case_id=case_id,
        surrender_id=d["surrender"],
        kind=d["kind"],
        subject=d["subject"],
        requested_on=d["requested_on"],
        state=d["state"].code if d["state"] else "",
        decision=d["decision"],
        decided_on=d["decided_on"],
        note=d["note"],
    )


_PARTS: dict[str, Callable[[HttpRequest, int, CaseDetention], tuple[forms.Form, Any]]] = {
    "general": _general,
    "request": _request,
    "received": _received,
    "individual": _individual,
    "assurance": _assurance,
    "monitoring": _monitoring,
    "consultation": _consultation,
    "surrender": _surrender,
    "consent": _consent,
}


@login_required
@require_POST
def case_detention_record(request: HttpRequest, case_id: int, part: str) -> HttpResponse:
    try:
        view = case_detention_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    make = _PARTS.get(part)
    if make is None:
        raise Http404
    form, call = make(request, case_id, view)
    if not form.is_valid():
        return _page(request, view, (part, form))
    try:
        call(form.cleaned_data)
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        attach_error(err, form)
        return _page(request, view, (part, form))
    messages.success(request, _("Recorded."))
    response = redirect("web:case_detention", case_id=case_id)
    response["Location"] += f"#{part}-title"
    return response


# ---- Consultations on a competing-requests file ----


@login_required
@require_POST
def competing_consultation(request: HttpRequest, file_id: int) -> HttpResponse:
    form = CompetingConsultationForm(request.POST, prefix="consult")
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("web:competing_file", file_id=file_id)
    d = form.cleaned_data
    try:
        consultation_record(
            actor=request.user,
            purpose="competing_requests",
            party=d["party"],
            competing_file_id=file_id,
            state=d["state"].code if d["state"] else "",
            asked_on=d["asked_on"],
            question=d["question"],
            answered_on=d["answered_on"],
            answer=d["answer"],
        )
    except DomainError as err:
        if err.code.endswith("not_found"):
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("Recorded."))
    response = redirect("web:competing_file", file_id=file_id)
    response["Location"] += "#consultations-title"
    return response
