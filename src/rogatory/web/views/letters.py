"""Letters of request (download, attach) and the printable extradition file summary."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rogatory.apps.letters.languages import parse_format, parse_language
from rogatory.apps.letters.render import html_pdf
from rogatory.apps.letters.selectors import RenderedLetter, extradition_summary_for
from rogatory.apps.letters.services import letter_attach, letter_download
from rogatory.core.errors import DomainError
from rogatory.web.views.common import domain_message, error_page


def letter_response(letter: RenderedLetter) -> HttpResponse:
    """The file as an attachment; the same bytes as the command writes for this case version."""
    response = HttpResponse(letter.content, content_type=letter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["X-Content-SHA256"] = letter.sha256
    return response


@login_required
@require_GET
def case_letter(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        letter = letter_download(
            actor=request.user,
            case_id=case_id,
            language=parse_language(request.GET.get("lang")),
            fmt=parse_format(request.GET.get("format", "pdf")),
        )
    except DomainError as err:
        return error_page(request, err)
    return letter_response(letter)


@login_required
@require_POST
def case_letter_attach(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        _doc, added = letter_attach(
            actor=request.user,
            case_id=case_id,
            language=parse_language(request.POST.get("lang")),
            fmt=parse_format(request.POST.get("format")),
        )
    except DomainError as err:
        if err.code.endswith("not_found"):
            return error_page(request, err)
        domain_message(request, err)
        return redirect("web:case_detail", case_id=case_id)
    if added:
        messages.success(request, _("The letter is attached to the case with its SHA-256."))
    else:
        messages.info(request, _("This version of the letter is already attached to the case."))
    return redirect("web:case_detail", case_id=case_id)


@login_required
@require_GET
def extradition_summary(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        summary = extradition_summary_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    context: dict[str, Any] = {"summary": summary, "case": summary.case}
    if request.GET.get("format") != "pdf":
        return render(request, "web/letters/extradition_summary.html", context)
    html = render_to_string("web/letters/extradition_summary_print.html", context, request)
    pdf = html_pdf(html)
    reference = summary.case.our_reference.replace("/", "-")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{reference}-summary.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
