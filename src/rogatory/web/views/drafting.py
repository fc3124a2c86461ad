"""Drafting screens (issue 17): the checklist of what a request still needs, live on the
"open a request" form (htmx, on each change) and on the case page, each element with the
article requiring it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.cases.choices import DirectionChoice, KindChoice
from rogatory.apps.cases.drafting_selectors import draft_check_for, translations_for
from rogatory.apps.cases.services.document_translations import (
    translation_request,
    translation_step,
)
from rogatory.apps.cases.services.permissions import require_can_open
from rogatory.apps.directory.selectors import requirements_published
from rogatory.apps.errors import error_message
from rogatory.core.drafting import Finding, check_completeness, check_requirements
from rogatory.core.errors import DomainError
from rogatory.core.wire.records import CaseData
from rogatory.core.workflow import Direction
from rogatory.web.forms import (
    FORMSETS,
    CaseForm,
    TranslationRequestForm,
    TranslationStepForm,
    kind_has_measures,
)
from rogatory.web.views.common import attach_error, error_page, message_for

_PARTIAL = "web/drafting/checklist.html"


def _shown(findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "article": f.article,
            "field": f.field,
            "message": error_message(f.code, dict(f.params)),
        }
        for f in findings
    ]


def _rows(formset: Any) -> list[Any]:
    """The rows of a posted formset that parse, blank ones left out (a live check reads what
    the drafter has so far; the save still reports every error)."""
    try:
        forms = formset.forms
    except Exception:
        return []
    kept = []
    for f in forms:
        if f.is_valid() and not f.is_blank():
            try:
                kept.append(f.to_input())
            except (KeyError, AttributeError, TypeError):
                continue
    return kept


def _draft_from_post(request: HttpRequest, kind: str) -> tuple[CaseData, str, str]:
    form = CaseForm(request.POST, kind=kind)
    form.is_valid()
    d: dict[str, Any] = getattr(form, "cleaned_data", {})
    names = ["persons", "offences"] + (["measures"] if kind_has_measures(kind) else [])
    rows = {name: _rows(FORMSETS[name](request.POST, prefix=name)) for name in names}
    authority = d.get("requesting_authority")
    actor: Any = request.user
    named = str(
        d.get("requesting_authority_name")
        or (authority.name if authority else getattr(actor.authority, "name", ""))
    )
    data = CaseData(
        kind=kind,
        legal_bases=list(d.get("legal_bases") or []),
        title=d.get("title") or "",
        subject=d.get("subject") or "",
        facts=d.get("facts") or "",
        urgency=d.get("urgency") or "routine",
        persons=rows["persons"],
        offences=rows["offences"],
        measures=rows.get("measures", []),
        requesting_authority=named,
        **{
            name: d[name]
            for name in (
                "proceedings_authority",
                "proceedings_authority_functions",
                "request_language",
                "translation_languages",
                "contact_name",
                "contact_function",
                "contact_phone",
                "contact_email",
                "dual_criminality",
                "use_limits",
                "warrant_kind",
                "warrant_date",
                "warrant_court",
                "warrant_enforceable",
                "extradition_purpose",
                "sentence_remaining",
                "assurance_death_penalty",
                "assurance_speciality",
                "interpol_notice",
            )
            if d.get(name) not in (None, "")
        },
    )
    requesting = d["requesting_state"].code if d.get("requesting_state") else ""
    requested = d["requested_state"].code if d.get("requested_state") else ""
    return data, requesting, requested


@login_required
@require_POST
def draft_check_live(request: HttpRequest, direction: str, kind: str) -> HttpResponse:
    """The checklist of a request being opened, from the form as posted so far (htmx)."""
    if direction not in DirectionChoice.values or kind not in KindChoice.values:
        raise Http404
    try:
        require_can_open(actor=request.user, direction=Direction(direction))
    except DomainError as err:
        return error_page(request, err)
    if direction != Direction.OUTGOING:
        return render(request, _PARTIAL, {"checked": False})
    data, requesting, requested = _draft_from_post(request, kind)
    rules = requirements_published(requested) if requested else None
    completeness = check_completeness(data)
    requirements = (
        check_requirements(data, requesting_state=requesting, requirements=rules)
        if requested
        else []
    )
    return render(
        request,
        _PARTIAL,
        {
            "checked": True,
            "completeness": _shown(completeness),
            "requirements": _shown(requirements),
            "rules": rules,
            "blocking": sum(f.severity == "block" for f in [*completeness, *requirements]),
        },
    )


@login_required
def case_checklist(request: HttpRequest, case_id: int) -> HttpResponse:
    """What a drafted request still needs, and the version approved (case page, htmx)."""
    try:
        case, check = draft_check_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    context = {
        "case": case,
        "checked": case.direction == Direction.OUTGOING,
        "completeness": _shown(check.completeness),
        "requirements": _shown(check.requirements),
        "rules": check.rules,
        "blocking": len(check.blocking),
    }
    template = _PARTIAL if request.headers.get("HX-Request") else "web/drafting/checklist_page.html"
    return render(request, template, context)


def _translations_page(
    request: HttpRequest, case_id: int, *, form: Any = None, status: int = 200
) -> HttpResponse:
    try:
        case, documents, translations = translations_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    steps = {
        t.pk: TranslationStepForm(prefix=f"t{t.pk}", documents=documents) for t in translations
    }
    return render(
        request,
        "web/drafting/translations.html",
        {
            "case": case,
            "rows": [(t, steps[t.pk]) for t in translations],
            "form": form or TranslationRequestForm(documents=documents),
            "has_documents": bool(documents),
        },
        status=status,
    )


@login_required
def translations(request: HttpRequest, case_id: int) -> HttpResponse:
    """The translations of the case's documents, each beside its original (issue 17)."""
    if request.method != "POST":
        return _translations_page(request, case_id)
    try:
        _case, documents, _rows = translations_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    form = TranslationRequestForm(request.POST, documents=documents)
    if form.is_valid():
        try:
            translation_request(
                actor=request.user,
                case_id=case_id,
                document_id=form.cleaned_data["document"],
                target_language=form.cleaned_data["target_language"],
            )
        except DomainError as err:
            if err.code.endswith(("forbidden", "not_found")) or err.code == "case.closed":
                return error_page(request, err)
            attach_error(err, form)
        else:
            messages.success(request, _("The translation was recorded."))
            return redirect("web:drafting_translations", case_id=case_id)
    return _translations_page(request, case_id, form=form, status=422)


@login_required
@require_POST
def translation_step_view(request: HttpRequest, case_id: int, translation_id: int) -> HttpResponse:
    try:
        _case, documents, _rows = translations_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    form = TranslationStepForm(request.POST, prefix=f"t{translation_id}", documents=documents)
    if not form.is_valid():
        messages.error(request, _("Choose a status, and a file among the case's documents."))
        return redirect("web:drafting_translations", case_id=case_id)
    d = form.cleaned_data
    try:
        translation_step(
            actor=request.user,
            case_id=case_id,
            translation_id=translation_id,
            status=d["status"],
            translator=d.get("translator") or "",
            translation_document_id=d.get("translation_document"),
        )
    except DomainError as err:
        if err.code.endswith(("forbidden", "not_found")) or err.code == "case.closed":
            return error_page(request, err)
        messages.error(request, message_for(err))
    else:
        messages.success(request, _("The translation was recorded."))
    return redirect("web:drafting_translations", case_id=case_id)
