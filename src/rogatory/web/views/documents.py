from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rogatory.apps.cases import selectors, services
from rogatory.apps.cases.downloads import document_response
from rogatory.apps.cases.services.custody import document_open
from rogatory.apps.errors import error_status
from rogatory.core.errors import DomainError
from rogatory.web.forms import DocumentForm
from rogatory.web.views.common import error_page, message_for, posted_with_files


@login_required
def document_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Upload with a progress bar (static/web/upload.js), or as a plain form without script.

    Files above FILE_UPLOAD_MAX_MEMORY_SIZE arrive in a temporary file, and document_add reads
    them in chunks, so a large scan never sits whole in memory.
    """
    actor: Any = request.user
    try:
        case = selectors.case_get_for(actor=actor, case_id=case_id, action="document.add")
    except DomainError as err:
        return error_page(request, err)
    scripted = request.headers.get("X-Requested-With") == "XMLHttpRequest"
    form = DocumentForm(*posted_with_files(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.document_add(
                    actor=actor,
                    case_id=case.pk,
                    title=form.cleaned_data["title"],
                    filename=upload.name or "",
                    stream=upload.file,
                    content_type=upload.content_type or "application/octet-stream",
                    language=form.cleaned_data["language"],
                )
            except DomainError as err:
                if err.code.endswith(("forbidden", "not_found")) or err.code == "case.closed":
                    if scripted:
                        return JsonResponse({"error": message_for(err)}, status=error_status(err))
                    return error_page(request, err)
                form.add_error(
                    "title" if err.params.get("field") == "title" else "file", message_for(err)
                )
            else:
                messages.success(request, _("The document was added."))
                target = reverse("web:case_detail", args=[case.pk])
                if scripted:
                    return JsonResponse({"redirect": target})
                return redirect(target)
        status = 422
        if scripted:
            return JsonResponse(
                {"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}},
                status=status,
            )
    return render(request, "web/document_form.html", {"case": case, "form": form}, status=status)


@login_required
def document_download(
    request: HttpRequest, case_id: int, document_id: int
) -> HttpResponse | FileResponse:
    actor: Any = request.user
    try:
        # Every read of a file is a link of its chain of custody, audited with its hash.
        doc = document_open(actor=actor, case_id=case_id, document_id=document_id)
    except DomainError as err:
        return error_page(request, err)
    return document_response(doc)
