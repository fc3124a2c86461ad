"""Offences and measures of a draft request, corrected or removed."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rogatory.apps.cases import services
from rogatory.apps.cases.item_selectors import measure_get_for, offence_get_for
from rogatory.apps.cases.models import Case
from rogatory.core.errors import DomainError
from rogatory.web.forms import MeasureForm, OffenceForm
from rogatory.web.views.common import error_page, message_for, posted


def _page_error(err: DomainError) -> bool:
    return err.code.endswith(("forbidden", "not_found")) or err.code in (
        "case.closed",
        "case.not_draft",
    )


def _edit_page(
    request: HttpRequest,
    *,
    case: Case,
    form: Any,
    save: Any,
    heading: str,
    done: str,
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if form.is_valid() and not form.has_changed():
            # Nothing to save: no write, no audit event for an unchanged record.
            return redirect("web:case_detail", case_id=case.pk)
        if form.is_valid():
            try:
                save(form.to_input())
            except DomainError as err:
                if _page_error(err):
                    return error_page(request, err)
                field = str(err.params.get("field", "")).split(".")[-1]
                form.add_error(field if field in form.fields else None, message_for(err))
            else:
                messages.success(request, done)
                return redirect("web:case_detail", case_id=case.pk)
        status = 422
    context = {"case": case, "form": form, "heading": heading, "submit": _("Save")}
    return render(request, "web/item_form.html", context, status=status)


def _remove_page(
    request: HttpRequest, *, case_id: int, load: Any, remove: Any, kind: str, done: str
) -> HttpResponse:
    """GET asks for confirmation; POST removes."""
    if request.method == "POST":
        try:
            remove()
        except DomainError as err:
            return error_page(request, err)
        messages.success(request, done)
        return redirect("web:case_detail", case_id=case_id)
    try:
        row = load()
    except DomainError as err:
        return error_page(request, err)
    what = row.description if kind == "offence" else f"{row.get_type_display()}: {row.description}"
    return render(
        request, "web/confirm_remove.html", {"case": row.case, "what": what, "kind": kind}
    )


@login_required
def offence_edit(request: HttpRequest, case_id: int, offence_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        offence = offence_get_for(
            actor=actor, case_id=case_id, offence_id=offence_id, action="offence.update"
        )
    except DomainError as err:
        return error_page(request, err)
    committed: date | None = offence.committed_on
    initial = {
        "description": offence.description,
        "legal_provisions": offence.legal_provisions,
        "max_penalty_months": offence.max_penalty_months,
        "max_penalty_life": offence.max_penalty_life,
        "place": offence.place,
        "committed_on": committed,
    }
    data = request.POST if request.method == "POST" else None
    return _edit_page(
        request,
        case=offence.case,
        form=OffenceForm(data, initial=initial),
        save=lambda d: services.offence_update(
            actor=actor, case_id=case_id, offence_id=offence_id, data=d
        ),
        heading=_("Edit the offence"),
        done=_("The offence was saved."),
    )


@login_required
def offence_remove(request: HttpRequest, case_id: int, offence_id: int) -> HttpResponse:
    actor: Any = request.user
    return _remove_page(
        request,
        case_id=case_id,
        load=lambda: offence_get_for(
            actor=actor, case_id=case_id, offence_id=offence_id, action="offence.remove"
        ),
        remove=lambda: services.offence_remove(actor=actor, case_id=case_id, offence_id=offence_id),
        kind="offence",
        done=_("The offence was removed from the request."),
    )


@login_required
def measure_edit(request: HttpRequest, case_id: int, measure_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        measure = measure_get_for(
            actor=actor, case_id=case_id, measure_id=measure_id, action="measure.update"
        )
    except DomainError as err:
        return error_page(request, err)
    initial = {
        "type": measure.type,
        "description": measure.description,
        "purpose": measure.purpose,
        "procedure": measure.procedure,
    }
    return _edit_page(
        request,
        case=measure.case,
        form=MeasureForm(posted(request), initial=initial),
        save=lambda d: services.measure_update(
            actor=actor, case_id=case_id, measure_id=measure_id, data=d
        ),
        heading=_("Edit the measure"),
        done=_("The measure was saved."),
    )


@login_required
def measure_remove(request: HttpRequest, case_id: int, measure_id: int) -> HttpResponse:
    actor: Any = request.user
    return _remove_page(
        request,
        case_id=case_id,
        load=lambda: measure_get_for(
            actor=actor, case_id=case_id, measure_id=measure_id, action="measure.remove"
        ),
        remove=lambda: services.measure_remove(actor=actor, case_id=case_id, measure_id=measure_id),
        kind="measure",
        done=_("The measure was removed from the request."),
    )
