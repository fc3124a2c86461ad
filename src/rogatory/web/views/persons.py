"""A person of a case: added at any time the case may change, edited or removed while a draft."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rogatory.apps.cases import selectors, services
from rogatory.apps.cases.choices import PersonRole
from rogatory.apps.cases.item_selectors import person_get_for
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services import person_files
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind
from rogatory.web.person_forms import (
    DOCUMENT_PREFIX,
    IdDocumentFormSet,
    PersonFileForm,
    PersonPageForm,
    person_initial,
    with_extra_document,
)
from rogatory.web.views.common import error_page, message_for, posted_with_files

# Refusals that end the page rather than sit next to a field.
_PAGE_ERRORS = ("case.closed", "case.not_draft")


def _is_page_error(err: DomainError) -> bool:
    return err.code.endswith(("forbidden", "not_found")) or err.code in _PAGE_ERRORS


def _attach(err: DomainError, form: PersonPageForm, documents: Any) -> None:
    field = str(err.params.get("field", "")).removeprefix("person.")
    if field.startswith("documents["):
        index = int(field[len("documents[") :].split("]")[0])
        filled = [f for f in documents.forms if not f.is_blank()]
        if index < len(filled):
            name = field.split(".")[-1]
            row = filled[index]
            row.add_error(name if name in row.fields else None, message_for(err))
            return
    name = PersonPageForm.SERVICE_FIELDS.get(field, field)
    form.add_error(name if name in form.fields else None, message_for(err))


def _person_page(
    request: HttpRequest,
    *,
    case: Case,
    initial: dict[str, Any],
    documents_initial: list[dict[str, Any]],
    save: Any,
    done: str,
    editing: bool,
) -> HttpResponse:
    data: Any = request.POST if request.method == "POST" else None
    if data is not None and f"{DOCUMENT_PREFIX}-TOTAL_FORMS" not in data:
        # A form posted without the documents block (an older page, a script) has none.
        data = data.copy()
        data[f"{DOCUMENT_PREFIX}-TOTAL_FORMS"] = "0"
        data[f"{DOCUMENT_PREFIX}-INITIAL_FORMS"] = "0"
    adding_row = data is not None and data.get("add") == DOCUMENT_PREFIX
    if adding_row:
        data = with_extra_document(data)
    form = PersonPageForm(data, initial=initial)
    documents = IdDocumentFormSet(data, initial=documents_initial, prefix=DOCUMENT_PREFIX)
    status = 200
    if data is not None and not adding_row:
        if form.is_valid() and documents.is_valid():
            try:
                save(form.person_input(documents))
            except DomainError as err:
                if _is_page_error(err):
                    return error_page(request, err)
                _attach(err, form, documents)
            else:
                messages.success(request, done)
                return redirect("web:case_detail", case_id=case.pk)
        status = 422
    context = {
        "case": case,
        "form": form,
        "documents": documents,
        "formsets": {DOCUMENT_PREFIX: documents},
        "editing": editing,
    }
    return render(request, "web/person_form.html", context, status=status)


@login_required
def person_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        case = selectors.case_get_for(actor=actor, case_id=case_id, action="person.add")
    except DomainError as err:
        return error_page(request, err)
    role = PersonRole.PERSON_SOUGHT if CaseKind(case.kind).is_extradition else PersonRole.SUSPECT
    return _person_page(
        request,
        case=case,
        initial={"role": role},
        documents_initial=[],
        save=lambda data: services.person_add(actor=actor, case_id=case.pk, data=data),
        done=_("The person was added."),
        editing=False,
    )


@login_required
def person_edit(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        person = person_get_for(
            actor=actor, case_id=case_id, person_id=person_id, action="person.update"
        )
    except DomainError as err:
        return error_page(request, err)
    initial, documents_initial = person_initial(person)
    return _person_page(
        request,
        case=person.case,
        initial=initial,
        documents_initial=documents_initial,
        save=lambda data: services.person_update(
            actor=actor, case_id=case_id, person_id=person_id, data=data
        ),
        done=_("The person was saved."),
        editing=True,
    )


@login_required
def person_remove(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes."""
    actor: Any = request.user
    if request.method == "POST":
        try:
            services.person_remove(actor=actor, case_id=case_id, person_id=person_id)
        except DomainError as err:
            return error_page(request, err)
        messages.success(request, _("The person was removed from the request."))
        return redirect("web:case_detail", case_id=case_id)
    try:
        person = person_get_for(
            actor=actor, case_id=case_id, person_id=person_id, action="person.remove"
        )
    except DomainError as err:
        return error_page(request, err)
    context = {"case": person.case, "what": person.display_name, "kind": "person"}
    return render(request, "web/confirm_remove.html", context)


@login_required
def person_file_add(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    """Upload a photograph or fingerprints of a person of a draft request (issue 17)."""
    actor: Any = request.user
    try:
        person = person_get_for(
            actor=actor, case_id=case_id, person_id=person_id, action="person.file_add"
        )
    except DomainError as err:
        return error_page(request, err)
    form = PersonFileForm(*posted_with_files(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                person_files.person_file_add(
                    actor=actor,
                    case_id=case_id,
                    person_id=person_id,
                    kind=form.cleaned_data["kind"],
                    filename=upload.name or "",
                    stream=upload.file,
                    content_type=upload.content_type or "application/octet-stream",
                    title=form.cleaned_data["title"],
                )
            except DomainError as err:
                if _is_page_error(err):
                    return error_page(request, err)
                field = str(err.params.get("field", "file"))
                form.add_error(field if field in form.fields else "file", message_for(err))
            else:
                messages.success(request, _("The file was added to the person."))
                return redirect("web:case_detail", case_id=case_id)
        status = 422
    context = {"case": person.case, "person": person, "form": form}
    return render(request, "web/person_file_form.html", context, status=status)
