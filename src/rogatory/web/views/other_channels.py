"""The case page's other-channels section: the request as files, a dispatch recorded by hand,
an answer received on paper (see ``apps.proceedings.services.other_channels``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.accounts.models import User
from rogatory.apps.proceedings.services.other_channels import (
    PaperFile,
    other_channel_dispatch,
    other_channel_package,
    other_channel_receive,
)
from rogatory.core.errors import DomainError
from rogatory.web.other_channel_forms import DispatchForm, PaperAnswerForm
from rogatory.web.views.common import domain_message, error_page


def _back(case_id: int) -> HttpResponse:
    response = redirect("web:case_detail", case_id=case_id)
    response["Location"] += "#channels-title"
    return response


def _form_errors(request: HttpRequest, form: DispatchForm | PaperAnswerForm) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # login_required has let only a signed-in user through
        raise PermissionDenied
    return user


@login_required
def package_download(request: HttpRequest, case_id: int) -> HttpResponse | FileResponse:
    try:
        package = other_channel_package(actor=_actor(request), case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    response = FileResponse(
        package.file, as_attachment=True, filename=package.filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def dispatch_record(request: HttpRequest, case_id: int) -> HttpResponse:
    form = DispatchForm(request.POST, prefix="dispatch")
    if not form.is_valid():
        _form_errors(request, form)
        return _back(case_id)
    try:
        other_channel_dispatch(actor=_actor(request), case_id=case_id, **form.cleaned_data)
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("The dispatch was recorded."))
    return _back(case_id)


@login_required
@require_POST
def paper_receive(request: HttpRequest, case_id: int) -> HttpResponse:
    form = PaperAnswerForm(request.POST, request.FILES, prefix="paper")
    if not form.is_valid():
        _form_errors(request, form)
        return _back(case_id)
    data = dict(form.cleaned_data)
    files = [
        PaperFile(f.name or "file", f, f.content_type or "application/octet-stream")
        for f in data.pop("attachments")
    ]
    try:
        other_channel_receive(actor=_actor(request), case_id=case_id, files=files, **data)
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("The communication received was added to the conversation."))
    return _back(case_id)
