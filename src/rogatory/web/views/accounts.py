from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rogatory.apps.accounts import selectors, services
from rogatory.core.errors import DomainError
from rogatory.web.forms import LanguageForm, UserCreateForm, UserForm
from rogatory.web.views.common import attach_error, error_page, message_for, posted, safe_next


class SignInView(auth_views.LoginView):
    template_name = "web/signin.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("You are signed in."))
        return response


class SignOutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are signed out."))
        return response


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Remember the language on the account (and in a cookie before signing in)."""
    form = LanguageForm(request.POST)
    target = safe_next(request, request.POST.get("next"), "/")
    if not form.is_valid():
        return redirect(target)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        try:
            services.user_language_set(actor=request.user, language=language)
        except DomainError:
            return redirect(target)
    translation.activate(language)
    messages.success(request, _("The language was changed."))
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=request.is_secure()
    )
    return response


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    try:
        users = list(selectors.user_list_for(actor=request.user))
    except DomainError as err:
        return error_page(request, err)
    return render(request, "web/users.html", {"users": users})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    actor: Any = request.user
    try:
        selectors.require_administrator(actor, "user.create", "new")
    except DomainError as err:
        return error_page(request, err)
    form = UserCreateForm(posted(request), initial={"authority": actor.authority_id})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                user = services.user_create(actor=actor, **form.service_kwargs())
            except DomainError as err:
                if err.code == "user.username_taken":
                    err.params["field"] = "username"
                attach_error(err, form)
            else:
                messages.success(request, _("User %(name)s was created.") % {"name": user})
                return redirect("web:user_list")
        status = 422
    return render(request, "web/user_form.html", {"form": form, "subject": None}, status=status)


@login_required
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    actor: Any = request.user
    try:
        subject = selectors.user_get_for(actor=actor, user_id=user_id)
    except DomainError as err:
        return error_page(request, err)
    initial = {
        "full_name": subject.get_full_name(),
        "role": subject.role,
        "authority": subject.authority_id,
        "language": subject.language,
    }
    form = UserForm(posted(request), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.user_update(actor=actor, user_id=subject.pk, **form.service_kwargs())
            except DomainError as err:
                attach_error(err, form)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("web:user_list")
        status = 422
    return render(request, "web/user_form.html", {"form": form, "subject": subject}, status=status)


@login_required
@require_POST
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    try:
        user = services.user_deactivate(actor=request.user, user_id=user_id)
    except DomainError as err:
        if err.code in ("user.manage_forbidden", "user.not_found"):
            return error_page(request, err)
        messages.error(request, message_for(err))
        return redirect("web:user_list")
    messages.success(request, _("The account of %(name)s was closed.") % {"name": user})
    return redirect("web:user_list")
