"""Screens of the requirements editor (issue 17): the list of States with their authorities and
versions, one State's editor, and publishing a drafted version. Administrators only; anyone
else is refused by the service, which logs the refusal."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.directory.services import requirements_edit as service
from rogatory.core.errors import DomainError
from rogatory.web.requirements_forms import RequirementsForm, requirements_initial
from rogatory.web.views.common import error_page, message_for


@login_required
def requirements_list(request: HttpRequest) -> HttpResponse:
    actor: Any = request.user
    try:
        rows = service.requirements_overview_for(actor=actor)
    except DomainError as err:
        return error_page(request, err)
    return render(request, "web/requirements_list.html", {"rows": rows})


@login_required
def requirements_edit(request: HttpRequest, state: str) -> HttpResponse:
    """GET shows the newest version in the form; POST saves the change as a new version,
    drafted, or published at once when the "publish" button was used."""
    actor: Any = request.user
    try:
        view = service.requirements_edit_for(actor=actor, state=state)
    except DomainError as err:
        return error_page(request, err)
    data: Any = request.POST if request.method == "POST" else None
    form = RequirementsForm(data, initial=requirements_initial(view.base))
    status = 200
    if data is not None:
        if form.is_valid():
            try:
                row = service.requirements_revise(
                    actor=actor,
                    state=view.state.code,
                    change=form.change(),
                    publish="publish" in data,
                )
            except DomainError as err:
                if err.code.endswith(("forbidden", "not_found")):
                    return error_page(request, err)
                name = RequirementsForm.SERVICE_FIELDS.get(str(err.params.get("field", "")))
                form.add_error(name, message_for(err))
            else:
                if row.status == "published":
                    done = _("Version %(version)s was published.")
                else:
                    done = _("Version %(version)s was saved as a draft.")
                messages.success(request, done % {"version": row.version})
                return redirect("web:requirements_edit", state=view.state.code)
        status = 422
    context = {"view": view, "form": form}
    return render(request, "web/requirements_edit.html", context, status=status)


@login_required
@require_POST
def requirements_publish(request: HttpRequest, state: str, version: str) -> HttpResponse:
    actor: Any = request.user
    try:
        service.requirements_publish_version(actor=actor, state=state, version=int(version))
    except DomainError as err:
        if err.code == "requirements.not_draft":
            messages.error(request, message_for(err))
            return redirect("web:requirements_edit", state=state.upper()[:2])
        return error_page(request, err)
    messages.success(request, _("Version %(version)s was published.") % {"version": version})
    return redirect("web:requirements_edit", state=state.upper()[:2])
