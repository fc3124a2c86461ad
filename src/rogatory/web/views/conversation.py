"""The case's conversation with the other State: send a communication, with results."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rogatory.apps.proceedings.selectors import case_conversation_for
from rogatory.apps.proceedings.services.conversation import conversation_send
from rogatory.core.errors import DomainError
from rogatory.web.conversation_forms import CommunicationForm
from rogatory.web.views.common import attach_error, error_page, message_for, posted


@login_required
def communication_new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        case, conversation = case_conversation_for(actor=actor, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    form = CommunicationForm(
        posted(request), kinds=conversation.kinds, attachable=conversation.attachable
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                conversation_send(
                    actor=actor,
                    case_id=case.pk,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    document_ids=form.cleaned_data.get("document_ids") or [],
                )
            except DomainError as err:
                if err.code.endswith(("forbidden", "not_found")):
                    return error_page(request, err)
                if not attach_error(err, form):
                    form.add_error(None, message_for(err))
            else:
                messages.success(request, _("The communication was sent to the other State."))
                return redirect("web:case_detail", case_id=case.pk)
        status = 422
    return render(
        request,
        "web/communication_form.html",
        {"case": case, "form": form, "conversation": conversation},
        status=status,
    )
