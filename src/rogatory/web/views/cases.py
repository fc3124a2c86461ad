from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.accounts.selectors import colleagues_for
from rogatory.apps.cases import dashboard, selectors, services
from rogatory.apps.cases.choices import StatusChoice
from rogatory.apps.cases.services.update import request_locked
from rogatory.apps.proceedings import services as proceedings
from rogatory.apps.proceedings.selectors import conversation_for
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseState, Role
from rogatory.web.forms import CaseFilterForm, GrantForm, TransitionForm
from rogatory.web.reauth import reauth_required, sensitive_transition
from rogatory.web.views.common import domain_message, error_page, is_htmx, message_for, posted

PAGE_SIZE = 25


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None, officers=colleagues_for(actor=request.user))
    page = None
    if form.is_bound and not form.is_valid():
        template = "web/case_list.html"
    else:
        filters = form.filters() if form.is_bound else {}
        chosen = form.cleaned_data.get("order") if form.is_bound else None
        # A search lists the best matches first unless another order is chosen.
        order = chosen or (selectors.RELEVANCE if filters.get("q") else "newest")
        try:
            page = selectors.case_page_for(
                actor=request.user,
                order=order,
                cursor=request.GET.get("cursor") or None,
                limit=PAGE_SIZE,
                **filters,
            )
        except DomainError as err:
            return error_page(request, err)
        template = "web/case_list.html"
    if is_htmx(request):
        template += "#results"
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        template,
        {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(request.GET)},
    )


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = selectors.case_detail_for(actor=request.user, case_id=case_id)
    except DomainError as err:
        return error_page(request, err)
    actor: Any = request.user
    options = selectors.transitions_for(actor=actor, case=case)
    return render(
        request,
        "web/case_detail.html",
        {
            "case": case,
            "options": options,
            "team": dashboard.case_team_for(actor=actor, case=case),
            "can_edit": actor.role in (Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR)
            and case.status != CaseState.CLOSED,
            # Once transmitted the request is not edited in place (cases.services.update).
            "request_locked": request_locked(case),
            "conversation": conversation_for(actor=actor, case=case),
            "grant_form": GrantForm(colleagues=colleagues_for(actor=actor))
            if actor.role == Role.SUPERVISOR
            else None,
        },
    )


def _transition(actor: Any, case: Any, target: str) -> Any:
    for option in selectors.transitions_for(actor=actor, case=case):
        if option.target.value == target:
            return option
    return None


def _after_step(request: HttpRequest, actor: Any, case: Any, target: str) -> HttpResponse:
    """Back to the case, or to the dashboard when the step handed the case on to another
    desk the actor does not sit at (a clerk no longer sees a request once it is registered):
    sending them to the case would answer "not found" and log a false denial."""
    messages.success(
        request,
        _("%(reference)s is now: %(status)s.")
        % {"reference": case.our_reference, "status": StatusChoice(target).label},
    )
    if dashboard.case_visible_for(actor=actor, case_id=case.pk):
        return redirect("web:case_detail", case_id=case.pk)
    return redirect("web:dashboard")


@login_required
@reauth_required(sensitive_transition)
def case_transition(request: HttpRequest, case_id: int, target: str) -> HttpResponse:
    actor: Any = request.user
    try:
        case = selectors.case_get_for(actor=actor, case_id=case_id, action="case.transition")
    except DomainError as err:
        return error_page(request, err)
    option = _transition(actor, case, target)
    if option is None:
        messages.error(request, _("This step is not available to you for this case."))
        return redirect("web:case_detail", case_id=case.pk)
    form = TransitionForm(
        posted(request), case=case, transition=option, officers=colleagues_for(actor=actor)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                proceedings.case_transition(
                    actor=actor, case_id=case.pk, target=target, **form.service_kwargs()
                )
            except DomainError as err:
                field = str(err.params.get("field", ""))
                form.add_error(
                    {"officer_id": "officer"}.get(field, field)
                    if field in ("officer_id", "reason", "ground")
                    else None,
                    message_for(err),
                )
            else:
                return _after_step(request, actor, case, option.target.value)
        status = 422
    template = "web/transition_form.html"
    if is_htmx(request):
        template += "#panel"
    return render(request, template, {"case": case, "option": option, "form": form}, status=status)


@login_required
@require_POST
@reauth_required()
def grant_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor: Any = request.user
    form = GrantForm(request.POST, colleagues=colleagues_for(actor=actor))
    if not form.is_valid():
        messages.error(request, _("Choose a colleague to add to the team."))
        return redirect("web:case_detail", case_id=case_id)
    try:
        services.grant_add(actor=actor, case_id=case_id, user_id=form.cleaned_data["user"].pk)
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(
            request,
            _("%(user)s was added to the team.") % {"user": form.cleaned_data["user"].username},
        )
    return redirect("web:case_detail", case_id=case_id)


@login_required
@require_POST
@reauth_required()
def grant_revoke(request: HttpRequest, case_id: int, user_id: int) -> HttpResponse:
    try:
        services.grant_revoke(actor=request.user, case_id=case_id, user_id=user_id)
    except DomainError as err:
        if err.code == "case.not_found":
            return error_page(request, err)
        domain_message(request, err)
    else:
        messages.success(request, _("The grant was revoked."))
    return redirect("web:case_detail", case_id=case_id)
