"""Opening a request of each type, editing it, and adding persons."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rogatory.apps.cases import selectors, services
from rogatory.apps.cases.choices import DirectionChoice, KindChoice, PersonRole
from rogatory.apps.cases.services.permissions import require_can_open
from rogatory.apps.cases.services.update import request_locked
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind, CaseState, Direction, Role
from rogatory.web.forms import (
    FORMSETS,
    MAX_FORM_ROWS,
    CaseEditForm,
    CaseForm,
    MeasureForm,
    OffenceForm,
    kind_has_measures,
)
from rogatory.web.views.common import attach_error, error_page, message_for, posted

# What the "open a request" page offers each role; case_open remains the gate.
_OFFERED = {
    Role.CASE_OFFICER: [Direction.OUTGOING],
    Role.SUPERVISOR: [Direction.OUTGOING, Direction.INCOMING],
    Role.REGISTRY_CLERK: [Direction.INCOMING],
}
_WRITERS = (Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    actor: Any = request.user
    directions = _OFFERED.get(actor.role, [])
    groups = [(DirectionChoice(d.value).label, d.value, KindChoice.choices) for d in directions]
    return render(request, "web/case_new.html", {"groups": groups})


def _formset_names(kind: str) -> list[str]:
    return (
        ["persons", "offences", "measures"]
        if kind_has_measures(kind)
        else [
            "persons",
            "offences",
        ]
    )


def _person_initial(kind: str) -> dict[str, str]:
    role = PersonRole.PERSON_SOUGHT if CaseKind(kind).is_extradition else PersonRole.SUSPECT
    return {"role": role}


def _with_extra_row(data: QueryDict, prefix: str) -> QueryDict:
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    count = data.get(key, "0") or "0"
    # A forged count (not a number, or beyond the rows a form may have) adds no row: the
    # formset then reports the bad management form or the limit in words, never a 500.
    if count.isascii() and count.isdigit() and int(count) < MAX_FORM_ROWS:
        data[key] = str(int(count) + 1)
    return data


@login_required
def case_create(request: HttpRequest, direction: str, kind: str) -> HttpResponse:
    actor: Any = request.user
    if direction not in DirectionChoice.values or kind not in KindChoice.values:
        raise Http404
    try:
        require_can_open(actor=actor, direction=Direction(direction))
    except DomainError as err:
        return error_page(request, err)
    names = _formset_names(kind)
    data: Any = request.POST if request.method == "POST" else None
    adding = data.get("add") if data is not None else None
    if data is not None and adding in names:
        data = _with_extra_row(data, adding)
    here, there = settings.NODE_STATE, None
    initial = (
        {"requesting_state": here, "requested_state": there}
        if direction == Direction.OUTGOING
        else {"requesting_state": there, "requested_state": here}
    )
    form = CaseForm(data, initial={**initial, "legal_bases": ["untoc"]}, kind=kind)
    formsets = {
        name: FORMSETS[name](
            data,
            prefix=name,
            initial=None,
            form_kwargs={"initial": _person_initial(kind)} if name == "persons" else {},
        )
        for name in names
    }
    status = 200
    if data is not None and not adding:
        # Validate every part, so that all errors show at once.
        parts = [form.is_valid()] + [fs.is_valid() for fs in formsets.values()]
        if all(parts):
            records: dict[str, list[Any]] = {}
            positions: dict[str, list[int]] = {}
            for name, fs in formsets.items():
                kept = [(i, f) for i, f in enumerate(fs.forms) if not f.is_blank()]
                positions[name] = [i for i, _f in kept]
                records[name] = [f.to_input() for _i, f in kept]
            try:
                case = services.case_open(
                    actor=actor,
                    direction=direction,
                    kind=kind,
                    **form.service_kwargs(),
                    persons=records["persons"],
                    offences=records["offences"],
                    measures=records.get("measures", []),
                )
            except DomainError as err:
                if err.code.endswith("forbidden"):
                    return error_page(request, err)
                attach_error(err, form, formsets, positions)
            else:
                messages.success(
                    request,
                    _("Request %(reference)s was opened.") % {"reference": case.our_reference},
                )
                return redirect("web:case_detail", case_id=case.pk)
        status = 422
    return render(
        request,
        "web/case_form.html",
        {
            "form": form,
            "formsets": formsets,
            "direction": direction,
            "direction_label": DirectionChoice(direction).label,
            "kind": kind,
            "kind_label": KindChoice(kind).label,
        },
        status=status,
    )


@login_required
def formset_row(request: HttpRequest, prefix: str) -> HttpResponse:
    """One more blank row of a formset (htmx), with the new form count swapped out of band."""
    if prefix not in FORMSETS:
        raise Http404
    try:
        index = int(request.GET.get("index", "0"))
        kind = KindChoice(request.GET.get("kind", "mla")).value
    except ValueError:
        raise Http404 from None
    if not 0 <= index < 100:
        raise Http404
    form_class = FORMSETS[prefix].form
    initial = _person_initial(kind) if prefix == "persons" else {}
    form = form_class(prefix=f"{prefix}-{index}", initial=initial)
    return render(
        request,
        "web/includes/formset_row.html",
        {"row": form, "prefix": prefix, "index": index, "next": index + 1, "kind": kind},
    )


@login_required
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        case = selectors.case_get_for(actor=actor, case_id=case_id, action="case.update")
    except DomainError as err:
        return error_page(request, err)
    if actor.role not in _WRITERS or case.status == CaseState.CLOSED:
        return error_page(
            request,
            DomainError("case.closed" if actor.role in _WRITERS else "case.write_forbidden"),
        )
    if request_locked(case):
        return error_page(request, DomainError("case.transmitted", case_id=case.pk))
    form = CaseEditForm(posted(request), initial=CaseEditForm.initial_for(case), kind=case.kind)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.case_update(actor=actor, case_id=case.pk, changes=form.changes())
            except DomainError as err:
                if err.code.endswith(("forbidden", "not_found")):
                    return error_page(request, err)
                attach_error(err, form)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("web:case_detail", case_id=case.pk)
        status = 422
    return render(request, "web/case_edit.html", {"case": case, "form": form}, status=status)


def _item_add(
    request: HttpRequest,
    case_id: int,
    *,
    form_class: Any,
    service: Any,
    action: str,
    heading: Any,
    done: Any,
) -> HttpResponse:
    """Add one offence or measure to a case (the two share everything but these arguments)."""
    actor: Any = request.user
    try:
        case = selectors.case_get_for(actor=actor, case_id=case_id, action=action)
    except DomainError as err:
        return error_page(request, err)
    form = form_class(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid() and form.is_blank():
            form.add_error(None, _("Fill in the form, or cancel."))
        elif form.is_valid():
            try:
                service(actor=actor, case_id=case.pk, data=form.to_input())
            except DomainError as err:
                if err.code.endswith(("forbidden", "not_found")) or err.code == "case.closed":
                    return error_page(request, err)
                field = str(err.params.get("field", "")).split(".")[-1]
                form.add_error(field if field in form.fields else None, message_for(err))
            else:
                messages.success(request, done)
                return redirect("web:case_detail", case_id=case.pk)
        status = 422
    context = {"case": case, "form": form, "heading": heading}
    return render(request, "web/item_form.html", context, status=status)


@login_required
def offence_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _item_add(
        request,
        case_id,
        form_class=OffenceForm,
        service=services.offence_add,
        action="offence.add",
        heading=_("Add an offence"),
        done=_("The offence was added."),
    )


@login_required
def measure_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _item_add(
        request,
        case_id,
        form_class=MeasureForm,
        service=services.measure_add,
        action="measure.add",
        heading=_("Add a measure of assistance"),
        done=_("The measure was added."),
    )
